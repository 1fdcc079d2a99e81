// Digests: one message covering a channel's watchlist over the last day (daily) or week
// (weekly), queued through the outbox so a failed post is retried, never lost.
import { formatScore, type OutgoingMessage } from '../core/messages.ts';
import { describeSchedule, latestRunAtOrBefore, type DigestCadence } from '../core/schedule/digest-schedule.ts';
import { sentimentSparkline, summarySeries } from '../core/summary-series.ts';
import { computeTickerSummary } from '../core/summary.ts';
import { toSentiment } from '../core/sentiment/label.ts';
import type { DigestRecord, DigestStore, FlowOutbox } from './flow-ports.ts';
import type { ArticleStore, Clock, Logger, WatchlistStore } from './ports.ts';
import type { ChannelRef } from '../core/types.ts';

export interface DigestDeps {
  readonly digests: DigestStore;
  readonly outbox: Pick<FlowOutbox, 'enqueue'>;
  readonly watchlists: Pick<WatchlistStore, 'list'>;
  readonly articles: Pick<ArticleStore, 'storiesForTicker'>;
  readonly tickers: { get(symbol: string): { readonly name: string } | undefined };
  readonly clock: Clock;
  readonly log: Logger;
  readonly minRelevance: number;
}

/** A run that comes this late after its time (the bot was down) is still sent; older ones are skipped. */
export const DIGEST_CATCH_UP_MS = 6 * 3600_000;

export function buildDigestMessage(deps: Omit<DigestDeps, 'digests' | 'outbox' | 'clock' | 'log'>, scope: ChannelRef, cadence: DigestCadence, now: Date): OutgoingMessage {
  const window = cadence === 'daily' ? '24h' : '7d';
  const rules = deps.watchlists.list(scope);
  const title = `${cadence === 'daily' ? 'Daily' : 'Weekly'} digest · last ${window}`;
  if (rules.length === 0) {
    return { kind: 'summary', title, text: `${title}\nNo tickers are watched in this channel. Start with: /watch add BABA`, fields: [] };
  }
  const rows = rules.map((rule) => {
    const stories = deps.articles.storiesForTicker(rule.symbol, new Date(now.getTime() - 2 * (cadence === 'daily' ? 1 : 7) * 86_400_000), deps.minRelevance);
    const s = computeTickerSummary(rule.symbol, deps.tickers.get(rule.symbol)?.name ?? rule.symbol, window, stories, now);
    return { s, spark: sentimentSparkline(summarySeries(rule.symbol, window, stories, now)) };
  });
  rows.sort((a, b) => b.s.count - a.s.count || a.s.symbol.localeCompare(b.s.symbol));
  const fields = rows.map(({ s, spark }) => {
    if (s.count === 0 || s.average === null) return { name: `${s.symbol} · ${s.name}`, value: `No stories in the last ${window}.` };
    const avg = toSentiment(s.average);
    const trend = s.previousAverage === null ? 'new this period' : `${formatScore(s.average - s.previousAverage)} vs the ${window} before`;
    const top = s.mostNegative !== null && (s.mostPositive === null || Math.abs(s.mostNegative.score) > Math.abs(s.mostPositive.score)) ? s.mostNegative : s.mostPositive;
    const headline = top === null ? '' : `\nTop: ${formatScore(top.score)} ${top.title}${top.url ? ` <${top.url}>` : ''}`;
    return {
      name: `${s.symbol} · ${s.name}`,
      value: `${s.count} stor${s.count === 1 ? 'y' : 'ies'}, ${avg.label} ${formatScore(avg.score)} (${trend}) ${spark}${headline}`,
    };
  });
  const total = rows.reduce((n, r) => n + r.s.count, 0);
  return {
    kind: 'summary',
    title,
    text: [`${title} · ${total} stories on ${rules.length} watched ticker${rules.length === 1 ? '' : 's'}`, ...fields.map((f) => `${f.name}: ${f.value}`)].join('\n'),
    fields,
    footer: 'tickerbell digest · /digest off stops it · /summary <TICKER> for more',
  };
}

export interface DigestRunner {
  /** A wake-up for this digest (from its cron job): queues the run it belongs to, once. */
  fire(id: number): boolean;
  /** At start: runs missed while the bot was down (within DIGEST_CATCH_UP_MS) are queued now. */
  catchUp(): number;
}

export function createDigestRunner(deps: DigestDeps): DigestRunner {
  const queue = (digest: DigestRecord, now: Date): boolean => {
    const slot = latestRunAtOrBefore(digest, now);
    // Not a run of this schedule (a holiday wake-up) or already done (the repeated autumn hour).
    if (slot === null || now.getTime() - slot.getTime() > DIGEST_CATCH_UP_MS) return false;
    if (digest.lastRunAt !== null && digest.lastRunAt.getTime() >= slot.getTime()) return false;
    const message = buildDigestMessage(deps, digest.scope, digest.cadence, now);
    const queued = deps.outbox.enqueue(digest.scope, message, `digest:${digest.id}:${slot.toISOString()}`, now);
    deps.digests.markRun(digest.id, slot);
    deps.log.info({ digest: digest.id, scope: digest.scope, slot: slot.toISOString(), schedule: describeSchedule(digest), queued }, 'digest.queued');
    return queued;
  };
  return {
    fire(id) {
      const digest = deps.digests.byId(id);
      return digest === null ? false : queue(digest, deps.clock());
    },
    catchUp() {
      const now = deps.clock();
      return deps.digests.all().filter((d) => queue(d, now)).length;
    },
  };
}
