// Prometheus metrics (prom-client) for an operator: what came in, what went out, what is stuck.
// Counters are fed from the reports the pipeline already returns; gauges are read at scrape time.
// Each metric is described in docs/operations.md.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IngestReport } from '../app/ingest.ts';
import type { DispatchReport } from '../app/dispatcher.ts';

export interface MetricsSources {
  outboxPending(): Promise<{ count: number; oldestCreatedAt: Date | null }>;
  feedStates(): Promise<{ active: number; failing: number; disabled: number }>;
  /** Per chat platform: connected, reconnecting, disconnected or not connected. */
  platformStates(): Record<string, string>;
  now(): Date;
}

export interface Metrics {
  readonly registry: Registry;
  observeIngest(report: IngestReport): void;
  observeDispatch(report: DispatchReport, latenciesSeconds: readonly number[]): void;
  feedPolled(result: 'ok' | 'not_modified' | 'failed', code?: string): void;
  chatApiError(platform: string, code: string): void;
  cycleDone(at: Date): void;
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tickerbell_' });
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const seen = counter('tickerbell_articles_seen_total', 'Articles read from sources and feeds, new or not.');
  const stored = counter('tickerbell_articles_stored_total', 'New articles stored.');
  const deduplicated = counter(
    'tickerbell_articles_deduplicated_total',
    'Articles already stored (same canonical URL or content hash).',
  );
  const tooOld = counter(
    'tickerbell_articles_too_old_total',
    'New articles stored without alerts: published more than TICKERBELL_MAX_STORY_AGE before they were seen.',
  );
  const failed = counter('tickerbell_articles_failed_total', 'Sources or articles that could not be read or stored.');
  const queued = counter('tickerbell_alerts_queued_total', 'Alerts written to the outbox.');
  const sent = counter('tickerbell_alerts_sent_total', 'Alert deliveries that succeeded (a bundle counts once).');
  const sendFailed = counter('tickerbell_alerts_failed_total', 'Alert deliveries that failed and will be retried.');
  const held = counter(
    'tickerbell_alerts_held_total',
    'Alert deliveries held because the channel is gone (kept until the channel is set up again).',
  );
  const polls = counter('tickerbell_feed_polls_total', 'Live feed polls by result.', ['result']);
  const pollFailures = counter('tickerbell_feed_poll_failures_total', 'Failed live feed polls by error code.', [
    'code',
  ]);
  const chatErrors = counter(
    'tickerbell_chat_api_errors_total',
    'Chat API errors on delivery, by platform and error code.',
    ['platform', 'code'],
  );
  const latency = new Histogram({
    name: 'tickerbell_delivery_latency_seconds',
    help: 'Time from an alert being queued in the outbox to its delivery.',
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600],
    registers: [registry],
  });
  const lastCycle = new Gauge({
    name: 'tickerbell_last_cycle_timestamp_seconds',
    help: 'When the last ingest and delivery cycle finished (Unix time).',
    registers: [registry],
  });
  new Gauge({
    name: 'tickerbell_platform_connected',
    help: 'Per chat platform: 1 while its link is up, 0 while it is reconnecting or down.',
    labelNames: ['platform'],
    registers: [registry],
    collect() {
      for (const [platform, state] of Object.entries(sources.platformStates()))
        this.set({ platform }, state === 'connected' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tickerbell_outbox_pending',
    help: 'Alerts in the outbox waiting to be sent.',
    registers: [registry],
    async collect() {
      this.set((await sources.outboxPending()).count);
    },
  });
  new Gauge({
    name: 'tickerbell_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest alert waiting in the outbox (0 when none).',
    registers: [registry],
    async collect() {
      const oldest = (await sources.outboxPending()).oldestCreatedAt;
      this.set(oldest === null ? 0 : Math.max(0, (sources.now().getTime() - oldest.getTime()) / 1000));
    },
  });
  new Gauge({
    name: 'tickerbell_feeds',
    help: 'Live feeds by state: active, failing (last poll failed), disabled (after repeated failures).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const s = await sources.feedStates();
      this.set({ state: 'active' }, s.active);
      this.set({ state: 'failing' }, s.failing);
      this.set({ state: 'disabled' }, s.disabled);
    },
  });
  return {
    registry,
    observeIngest(report) {
      seen.inc(report.seen);
      stored.inc(report.stored);
      deduplicated.inc(report.duplicates);
      tooOld.inc(report.tooOld);
      failed.inc(report.failures.length);
      queued.inc(report.alertsQueued);
    },
    observeDispatch(report, latenciesSeconds) {
      sent.inc(report.sent);
      sendFailed.inc(report.failed);
      held.inc(report.held);
      for (const s of latenciesSeconds) latency.observe(s);
    },
    feedPolled(result, code) {
      polls.inc({ result });
      if (result === 'failed') pollFailures.inc({ code: code ?? 'unexpected' });
    },
    chatApiError(platform, code) {
      chatErrors.inc({ platform, code });
    },
    cycleDone(at) {
      lastCycle.set(at.getTime() / 1000);
    },
  };
}
