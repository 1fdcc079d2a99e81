// The stores the use cases read and write: articles, watch rules, the outbox, digests, quiet hours
// and cooldown windows (feeds: feeds.ts). SQLite implements them all (storage/).
import type { ExplainedAnalysis } from '../../core/analyze.ts';
import type { AlertHit } from '../../core/alerts.ts';
import type { OutgoingMessage } from '../../core/messages.ts';
import type { DigestSchedule } from '../../core/schedule/digest-schedule.ts';
import type { QuietHours } from '../../core/schedule/quiet-hours.ts';
import type { TickerStory } from '../../core/summary.ts';
import type { ChannelRef, NormalizedArticle, WatchRule } from '../../core/types.ts';
import type { DeliveryReceipt } from './chat.ts';

/** A workspace, as far as reading stories goes: its feeds decide what it may see. */
export type Audience = Pick<ChannelRef, 'platform' | 'workspace'>;

export interface StoredArticle {
  readonly id: number;
  readonly inserted: boolean;
  /** Outbox rows written in the same transaction as the article. */
  readonly alertsQueued: number;
}

/**
 * Decides, inside the article's transaction, which channels get an alert and why, for the rules the
 * store cannot match in SQL: it is given the sentiment-shift rules on the article's tickers (threshold
 * rules are matched by the store's fan-out statement). The message itself is rendered at send time
 * from the stored article (see AlertRef in core/alerts.ts).
 */
export type AlertPlanner = (articleId: number, rules: readonly WatchRule[]) => ReadonlyArray<{
  readonly scope: ChannelRef;
  readonly hits: readonly AlertHit[];
}>;

export interface RecordOptions {
  /** false: store the article but plan no alerts (a feed's first poll, which only learns what is already there). */
  readonly alert?: boolean;
}

export interface ArticleStore {
  /**
   * Stores a new article with its tickers and queues its alerts, atomically. An article already
   * stored (same canonical URL or content hash) is left as it is and queues nothing.
   */
  record(article: NormalizedArticle, analysis: ExplainedAnalysis, seenAt: Date, plan: AlertPlanner, options?: RecordOptions): StoredArticle;
  /** Whether an article with this URL or content hash is already stored. */
  has(article: Pick<NormalizedArticle, 'url' | 'contentHash'>): boolean;
  /**
   * A stored story was seen again: remember this source too (alerts still pending then name it).
   * True when it came through an origin (a feed) it had not come through before.
   */
  noteSource?(article: Pick<NormalizedArticle, 'url' | 'contentHash' | 'sourceName' | 'origin'>, seenAt: Date): boolean;
  /** Alerts the workspaces a stored story newly reaches through article.origin (after noteSource said it was new). */
  alertNewReaders?(article: Pick<NormalizedArticle, 'url' | 'contentHash' | 'origin'>, analysis: ExplainedAnalysis, seenAt: Date): number;
  /**
   * Stories about the ticker, or any of an issuer's tickers (relevance at least minRelevance) since a time, newest first. With an
   * audience, only the stories that workspace may see (feeds it follows, deployment-wide sources),
   * each named by a source it may see.
   */
  storiesForTicker(symbol: string | readonly string[], since: Date, minRelevance: number, audience?: Audience): TickerStory[];
  count(): number;
}

export interface WatchRuleInput {
  readonly symbol: string;
  readonly above: number | null;
  readonly below: number | null;
  readonly minRelevance: number;
  readonly createdBy: string | null;
  readonly cooldownMinutes?: number | null;
  readonly shift?: number | null;
  readonly shiftBaseline?: number | null;
}

export interface WatchlistStore {
  /** Adds or replaces the rule for this symbol in this channel. */
  upsert(scope: ChannelRef, input: WatchRuleInput, now: Date): { rule: WatchRule; created: boolean };
  remove(scope: ChannelRef, symbols: readonly string[]): string[];
  list(scope: ChannelRef): WatchRule[];
  /** Rules for these symbols only, via the symbol index. */
  forSymbols(symbols: readonly string[]): WatchRule[];
  mute(scope: ChannelRef, symbols: readonly string[], until: Date | null): string[];
  /** The bot lost access to the channel: its rules stop matching until resumed. */
  pauseChannel(scope: ChannelRef, reason: string): number;
  resumeChannel(scope: ChannelRef): number;
}

export interface OutboxEntry {
  readonly id: number;
  readonly scope: ChannelRef;
  readonly message: OutgoingMessage;
  readonly attempts: number;
}

export interface OutboxStore {
  /** Due entries, oldest first, marked as being sent. */
  claimDue(now: Date, limit: number): OutboxEntry[];
  markSent(id: number, receipt: DeliveryReceipt, now: Date): void;
  markFailed(id: number, error: string, nextAttemptAt: Date, now: Date): void;
  /** Parks an entry that cannot be delivered until something changes (channel gone). */
  hold(id: number, error: string, now: Date): void;
  /** Held entries of a channel go back to pending (the bot was re-added). */
  releaseHeld(scope: ChannelRef, now: Date): number;
  /** After a crash: anything left "sending" goes back to pending. */
  recoverInFlight(): number;
  pendingCount(): number;
  nextDueAt(): Date | null;
}

export type DeferReason = 'cooldown' | 'quiet';

/** The outbox with what flood control and digests need on top of the foundation's contract. */
export interface FlowOutbox extends OutboxStore {
  /** Queues a post about no single story; false when one with this key is already queued. */
  enqueue(scope: ChannelRef, message: OutgoingMessage, dedupeKey: string, now: Date): boolean;
  /** A claimed entry waits (not a failed attempt) and joins the bundle sent at `until`. */
  defer(id: number, reason: DeferReason, until: Date): void;
  /** Which of these claimed entries were deferred before (they go out in a bundle). */
  deferredReasons(ids: readonly number[]): ReadonlyMap<number, DeferReason>;
}

export interface DigestRecord extends DigestSchedule {
  readonly id: number;
  readonly scope: ChannelRef;
  readonly lastRunAt: Date | null;
}

export interface DigestStore {
  /** One digest per channel: setting it again replaces the schedule. */
  set(scope: ChannelRef, schedule: DigestSchedule, createdBy: string | null, now: Date): DigestRecord;
  remove(scope: ChannelRef): boolean;
  get(scope: ChannelRef): DigestRecord | null;
  byId(id: number): DigestRecord | null;
  all(): DigestRecord[];
  markRun(id: number, slot: Date): void;
}

export interface QuietHoursStore {
  set(scope: ChannelRef, quiet: QuietHours, now: Date): void;
  remove(scope: ChannelRef): boolean;
  get(scope: ChannelRef): QuietHours | null;
}

export interface AlertWindow {
  readonly openedAt: Date;
  /** Messages posted inside the window (single alerts and bundles). */
  readonly sent: number;
}

export interface AlertWindowStore {
  get(scope: ChannelRef, symbol: string): AlertWindow | null;
  put(scope: ChannelRef, symbol: string, window: AlertWindow): void;
}

export interface ShiftBaselineStore {
  set(ruleId: number, baseline: number): void;
}
