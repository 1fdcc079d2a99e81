// Wires the metrics and the health endpoint around a running bot without the pipeline knowing:
// counters are fed from the reports its parts already return, through thin wrappers.
import type { Dispatcher, DispatchReport } from '../app/dispatcher.ts';
import { DeliveryError } from '../app/errors.ts';
import type { ChatPlatform, ConnectionState } from '../app/ports/chat.ts';
import type { Clock, Logger } from '../app/ports/runtime.ts';
import type { CycleReport, Runner } from '../app/runner.ts';
import type { MetricsQueries } from '../storage/metrics-queries.ts';
import { startMetricsServer, type MetricsServer } from './health-server.ts';
import { createMetrics, type Metrics } from './metrics.ts';

export interface Operator {
  readonly metrics: Metrics;
  /** The same platform, counting its delivery errors by code. */
  countErrors(platform: ChatPlatform): ChatPlatform;
  observeDispatcher(dispatcher: Dispatcher): Dispatcher;
  observeRunner(runner: Runner): Runner;
  /** Started (or stopped); `live` reads the platform's link from then on, where it has one to lose. */
  platformUp(name: string, up: boolean, live?: () => ConnectionState): void;
  listen(port: number, host: string): Promise<MetricsServer>;
}

export function createOperator(queries: MetricsQueries, clock: Clock, log: Logger): Operator {
  const platforms = new Map<string, { up: boolean; live: (() => ConnectionState) | undefined }>();
  const platformStates = (): Record<string, string> =>
    Object.fromEntries(
      [...platforms].map(([name, p]) => [name, !p.up ? 'not connected' : (p.live?.() ?? 'connected')]),
    );
  const metrics = createMetrics({
    outboxPending: () => queries.outboxPending(),
    feedStates: () => queries.feedStates(),
    platformStates,
    now: clock,
  });
  let lastCycleAt: Date | null = null;
  let sentSeenUntil = clock();
  let lastReport: DispatchReport | null = null;
  const afterDispatch = async (report: DispatchReport): Promise<void> => {
    // Callers joining a pass in progress get the same report: count it once.
    if (report === lastReport) return;
    lastReport = report;
    const sent = await queries.sentSince(sentSeenUntil);
    if (sent.latest !== null) sentSeenUntil = sent.latest;
    metrics.observeDispatch(report, sent.latenciesSeconds);
  };
  const health = async () => {
    let database = 'ok';
    try {
      await queries.ping();
    } catch (error) {
      database = `error: ${error instanceof Error ? error.message : String(error)}`;
    }
    const states = platformStates();
    const platformsUp = platforms.size > 0 && Object.values(states).every((s) => s === 'connected');
    return {
      ok: database === 'ok' && platformsUp,
      database,
      platforms: states,
      lastCycleAt: lastCycleAt?.toISOString() ?? null,
      lastCycleAgeSeconds: lastCycleAt === null ? null : Math.round((clock().getTime() - lastCycleAt.getTime()) / 1000),
    };
  };
  return {
    metrics,
    countErrors: (platform) => ({
      name: platform.name,
      ...(platform.minPostIntervalMs !== undefined ? { minPostIntervalMs: platform.minPostIntervalMs } : {}),
      start: (onCommand) => platform.start(onCommand),
      stop: () => platform.stop(),
      post: async (channel, message, options) => {
        try {
          return await platform.post(channel, message, options);
        } catch (error) {
          metrics.chatApiError(platform.name, error instanceof DeliveryError ? error.code : 'unexpected');
          throw error;
        }
      },
    }),
    observeDispatcher: (dispatcher) => ({
      ...dispatcher,
      dispatchDue: async () => {
        const report = await dispatcher.dispatchDue();
        await afterDispatch(report);
        return report;
      },
    }),
    observeRunner: (runner) => ({
      ...runner,
      cycle: async (): Promise<CycleReport> => {
        const report = await runner.cycle();
        lastCycleAt = clock();
        metrics.cycleDone(lastCycleAt);
        return report;
      },
    }),
    platformUp: (name, up, live) => {
      platforms.set(name, { up, live });
    },
    listen: (port, host) => startMetricsServer({ port, host, metrics, health, log }),
  };
}
