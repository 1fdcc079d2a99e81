// Digests: one message covering a channel's watchlist over the last day (daily) or week
// (weekly), queued through the outbox so a failed post is retried, never lost.
import { formatScore, type OutgoingMessage } from '../core/messages.ts';
import { describeSchedule, latestRunAtOrBefore, type DigestCadence } from '../core/calendar/digest-schedule.ts';
import { sentimentSparkline, reportSeries } from '../core/ticker-report-series.ts';
import { computeTickerReport, windowMs } from '../core/ticker-report.ts';
import { toSentiment } from '../core/sentiment/label.ts';
import type { DigestRecord, DigestStore, FlowOutbox } from './ports/storage.ts';
import type { ArticleStore, WatchlistStore } from './ports/storage.ts';
import type { Clock, Logger } from './ports/runtime.ts';
import type { ChannelRef } from '../core/types.ts';

export interface DigestDeps {
  readonly digests: DigestStore;
  readonly outbox: Pick<FlowOutbox, 'enqueue'>;
  readonly watchlists: Pick<WatchlistStore, 'list'>;
  readonly articles: Pick<ArticleStore, 'storiesForTicker'>;
  /** `family`: every ticker of the symbol's issuer, whose stories its rule covers (absent: the symbol alone). */
  readonly tickers: {
    get(symbol: string): { readonly name: string } | undefined;
    family?(symbol: string): readonly string[];
  };
  readonly clock: Clock;
  readonly log: Logger;
  readonly minRelevance: number;
}

/** "Fri 6 Mar, 08:00 America/New_York": a run's time as the channel reads it. */
export const when = (d: Date, zone: string): string =>
  `${d.toLocaleString('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} ${zone}`;

/** A run that comes this late after its time (the bot was down) is still sent; older ones are skipped. */
export const DIGEST_CATCH_UP_MS = 6 * 3600_000;

export interface DigestWindow {
  /**
   * The run before this one. A daily digest whose last run was more than a day ago (Monday's, after a
   * weekend or a holiday) covers everything since that run, so no story falls between digests.
   */
  readonly since?: { at: Date; label: string } | undefined;
  /** The channel's zone: the sparklines' days and hours are its own (UTC when absent). */
  readonly timeZone?: string | undefined;
}

export async function buildDigestMessage(
  deps: Omit<DigestDeps, 'digests' | 'outbox' | 'clock' | 'log'>,
  scope: ChannelRef,
  cadence: DigestCadence,
  now: Date,
  { since, timeZone }: DigestWindow = {},
): Promise<OutgoingMessage> {
  const window = cadence === 'daily' ? '24h' : '7d';
  const longer =
    cadence === 'daily' && since !== undefined && now.getTime() - since.at.getTime() > windowMs(window) + 3600_000
      ? since
      : undefined;
  const span = longer === undefined ? windowMs(window) : now.getTime() - longer.at.getTime();
  const covered = longer === undefined ? `last ${window}` : `since ${longer.label}`;
  const rules = await deps.watchlists.list(scope);
  const title = `${cadence === 'daily' ? 'Daily' : 'Weekly'} digest · ${covered}`;
  if (rules.length === 0) {
    return {
      kind: 'summary',
      title,
      text: `${title}\nNo tickers are watched in this channel. Start with: /watch add BABA`,
      fields: [],
    };
  }
  // One query at a time: on SQLite they take turns on the connection anyway.
  const rows = [];
  for (const rule of rules) {
    const stories = await deps.articles.storiesForTicker(
      deps.tickers.family?.(rule.symbol) ?? rule.symbol,
      new Date(now.getTime() - 2 * span),
      deps.minRelevance,
      scope,
    );
    const s = computeTickerReport(
      rule.symbol,
      deps.tickers.get(rule.symbol)?.name ?? rule.symbol,
      window,
      stories,
      now,
      span,
    );
    // The sparkline's buckets come from the window; a longer span is drawn over the week.
    const ids = stories
      .filter((st) => st.at.getTime() > now.getTime() - span && st.at.getTime() <= now.getTime())
      .map((st) => st.articleId);
    rows.push({
      s,
      ids,
      spark: sentimentSparkline(
        reportSeries(rule.symbol, longer === undefined ? window : '7d', stories, now, timeZone),
      ),
    });
  }
  rows.sort((a, b) => b.s.count - a.s.count || a.s.symbol.localeCompare(b.s.symbol));
  const fields = rows.map(({ s, spark }) => {
    if (s.count === 0 || s.average === null)
      return {
        name: `${s.symbol} · ${s.name}`,
        value: `No stories ${longer === undefined ? `in the last ${window}` : covered}.`,
      };
    const avg = toSentiment(s.average);
    const trend =
      s.previousAverage === null
        ? 'new this period'
        : `${formatScore(s.average - s.previousAverage)} vs the ${longer === undefined ? window : 'same span'} before`;
    const top =
      s.mostNegative !== null &&
      (s.mostPositive === null || Math.abs(s.mostNegative.score) > Math.abs(s.mostPositive.score))
        ? s.mostNegative
        : s.mostPositive;
    const headline =
      top === null ? '' : `\nTop: ${formatScore(top.score)} ${top.title}${top.url ? ` <${top.url}>` : ''}`;
    return {
      name: `${s.symbol} · ${s.name}`,
      value: `${s.count} stor${s.count === 1 ? 'y' : 'ies'}, ${avg.label} ${formatScore(avg.score)} (${trend}) ${spark}${headline}`,
    };
  });
  // A story about two watched tickers is one story; tickers with nothing to report are not "on".
  const storyIds = new Set(rows.flatMap((r) => r.ids));
  const active = rows.filter((r) => r.s.count > 0).length;
  const headline = `${storyIds.size} stor${storyIds.size === 1 ? 'y' : 'ies'} on ${active} of ${rules.length} watched ticker${rules.length === 1 ? '' : 's'}`;
  return {
    kind: 'summary',
    title,
    text: [`${title} · ${headline}`, ...fields.map((f) => `${f.name}: ${f.value}`)].join('\n'),
    fields,
    footer: 'tickerbell digest · /digest off stops it · /summary <TICKER> for more',
  };
}

export interface DigestRunner {
  /** A wake-up for this digest (from its cron job): queues the run it belongs to, once. */
  fire(id: number): Promise<boolean>;
  /** At start: runs missed while the bot was down (within DIGEST_CATCH_UP_MS) are queued now. */
  catchUp(): Promise<number>;
}

export function createDigestRunner(deps: DigestDeps): DigestRunner {
  const queue = async (digest: DigestRecord, now: Date): Promise<boolean> => {
    const slot = latestRunAtOrBefore(digest, now);
    // Not a run of this schedule (a holiday wake-up) or already done (the repeated autumn hour).
    if (slot === null || now.getTime() - slot.getTime() > DIGEST_CATCH_UP_MS) return false;
    if (digest.lastRunAt !== null && digest.lastRunAt.getTime() >= slot.getTime()) return false;
    const previous = latestRunAtOrBefore(digest, new Date(slot.getTime() - 1));
    const since = previous === null ? undefined : { at: previous, label: when(previous, digest.timezone) };
    const message = await buildDigestMessage(deps, digest.scope, digest.cadence, now, {
      since,
      timeZone: digest.timezone,
    });
    const queued = await deps.outbox.enqueue(digest.scope, message, `digest:${digest.id}:${slot.toISOString()}`, now);
    await deps.digests.markRun(digest.id, slot);
    deps.log.info(
      { digest: digest.id, scope: digest.scope, slot: slot.toISOString(), schedule: describeSchedule(digest), queued },
      'digest.queued',
    );
    return queued;
  };
  return {
    async fire(id) {
      const digest = await deps.digests.byId(id);
      return digest === null ? false : queue(digest, deps.clock());
    },
    async catchUp() {
      const now = deps.clock();
      let queued = 0;
      for (const d of await deps.digests.all()) if (await queue(d, now)) queued += 1;
      return queued;
    },
  };
}
