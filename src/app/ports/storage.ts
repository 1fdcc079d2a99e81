// The stores the use cases read and write: articles, watch rules, the outbox, digests, quiet hours
// and cooldown windows (feeds: feeds.ts). SQLite implements them all (storage/).
import type { ExplainedAnalysis } from '../../core/analyze.ts';
import type { AlertArticle, AlertHit } from '../../core/alerts.ts';
import type { OutgoingMessage } from '../../core/messages.ts';
import type { DigestSchedule } from '../../core/calendar/digest-schedule.ts';
import type { QuietHours } from '../../core/calendar/quiet-hours.ts';
import type { TickerStory } from '../../core/ticker-report.ts';
import type { ChannelRef, NormalizedArticle, TickerMention, WatchRule } from '../../core/types.ts';
import type { DeliveryReceipt } from './chat.ts';

/** A workspace, as far as reading stories goes: its feeds decide what it may see. */
export type Audience = Pick<ChannelRef, 'platform' | 'workspace'>;

export interface ArticleStore {
  /** Whether an article with this URL or content hash is already stored (a cheap look before analysis). */
  has(article: Pick<NormalizedArticle, 'url' | 'contentHash'>): Promise<boolean>;
  /**
   * The unit of work of an article's arrival: what `work` stores and queues is committed together,
   * or (it throws) not at all, so a story is never stored without its alerts, nor alerted twice.
   */
  transaction<T>(work: (tx: ArticleTransaction) => Promise<T>): Promise<T>;
  /**
   * Stories about the ticker, or any of an issuer's tickers (relevance at least minRelevance) since a time, newest first. With an
   * audience, only the stories that workspace may see (feeds it follows, deployment-wide sources),
   * each named by a source it may see.
   */
  storiesForTicker(
    symbol: string | readonly string[],
    since: Date,
    minRelevance: number,
    audience?: Audience,
  ): Promise<TickerStory[]>;
  count(): Promise<number>;
}

/** Where the story stands after ArticleTransaction.store or noteSource. */
export interface ArticleArrival {
  readonly id: number;
  /** A new story; false: a copy of a stored one (same link or text, or a near-duplicate). */
  readonly inserted: boolean;
  /** A stored story came through an origin (a feed) it had not come through before: that feed's workspaces may not have seen it. */
  readonly newOrigin: boolean;
}

/** What one article's arrival may do, inside ArticleStore.transaction. */
export interface ArticleTransaction {
  /** Stores a new article with its tickers, or notes this source and origin on the stored copy of the same story. */
  store(article: NormalizedArticle, analysis: ExplainedAnalysis, seenAt: Date): Promise<ArticleArrival>;
  /** Notes this source and origin on the article stored under this URL or content hash; null when there is none. */
  noteSource(
    article: Pick<NormalizedArticle, 'url' | 'contentHash' | 'sourceName' | 'origin'>,
    seenAt: Date,
  ): Promise<ArticleArrival | null>;
  /**
   * Queues one alert per channel whose watch rules fire on these tickers: core/watchlist's
   * matchWatchRules, run as one SQL statement. With an origin, only the workspaces that origin newly
   * reaches. Returns the alerts queued.
   */
  queueMatches(
    articleId: number,
    tickers: readonly TickerMention[],
    seenAt: Date,
    origin: string | null,
  ): Promise<number>;
  /** Sentiment-shift rules on these symbols whose workspace may see the article. */
  shiftRules(articleId: number, symbols: readonly string[]): Promise<WatchRule[]>;
  /** The ticker's stories as a workspace may see them, this article's included. */
  storiesForTicker(
    symbol: string | readonly string[],
    since: Date,
    minRelevance: number,
    audience: Audience,
  ): Promise<TickerStory[]>;
  /** A shift rule's new baseline (the average when it last alerted, or its first average). */
  setShiftBaseline(ruleId: number, baseline: number): Promise<void>;
  /** Adds hits to the channel's alert for the article, queuing it when there is none yet; 1 when queued. */
  queueHits(articleId: number, scope: ChannelRef, hits: readonly AlertHit[], seenAt: Date): Promise<number>;
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
  upsert(scope: ChannelRef, input: WatchRuleInput, now: Date): Promise<{ rule: WatchRule; created: boolean }>;
  remove(scope: ChannelRef, symbols: readonly string[]): Promise<string[]>;
  list(scope: ChannelRef): Promise<WatchRule[]>;
  /** Rules for these symbols only, via the symbol index. */
  forSymbols(symbols: readonly string[]): Promise<WatchRule[]>;
  mute(scope: ChannelRef, symbols: readonly string[], until: Date | null): Promise<string[]>;
  /** The bot lost access to the channel: its rules stop matching until resumed. */
  pauseChannel(scope: ChannelRef, reason: string): Promise<number>;
  resumeChannel(scope: ChannelRef): Promise<number>;
}

/** An alert as it waits in the outbox: its story as stored now (null if gone) and its hits, worded when sent. */
export interface QueuedAlert {
  readonly article: AlertArticle | null;
  readonly hits: readonly AlertHit[];
}

/** What an outbox row holds: an alert, or a finished message (a digest, a notice, a reply). */
export type QueuedPost =
  | { readonly kind: 'alert'; readonly alert: QueuedAlert }
  | { readonly kind: 'message'; readonly message: OutgoingMessage };

export interface ClaimedEntry {
  readonly id: number;
  readonly scope: ChannelRef;
  readonly post: QueuedPost;
  readonly attempts: number;
}

export interface OutboxStore {
  /** Due entries, oldest first, marked as being sent. */
  claimDue(now: Date, limit: number): Promise<ClaimedEntry[]>;
  markSent(id: number, receipt: DeliveryReceipt, now: Date): Promise<void>;
  markFailed(id: number, error: string, nextAttemptAt: Date, now: Date): Promise<void>;
  /** Parks an entry that cannot be delivered until something changes (channel gone). */
  hold(id: number, error: string, now: Date): Promise<void>;
  /** Held entries of a channel go back to pending (the bot was re-added). */
  releaseHeld(scope: ChannelRef, now: Date): Promise<number>;
  /** After a crash: anything left "sending" goes back to pending. */
  recoverInFlight(): Promise<number>;
  pendingCount(): Promise<number>;
  nextDueAt(): Promise<Date | null>;
}

export type DeferReason = 'cooldown' | 'quiet';

/** The outbox with what flood control and digests need on top of the foundation's contract. */
export interface FlowOutbox extends OutboxStore {
  /** Queues a post about no single story; false when one with this key is already queued. */
  enqueue(scope: ChannelRef, message: OutgoingMessage, dedupeKey: string, now: Date): Promise<boolean>;
  /** A claimed entry waits (not a failed attempt) and joins the bundle sent at `until`. */
  defer(id: number, reason: DeferReason, until: Date): Promise<void>;
  /** Which of these claimed entries were deferred before (they go out in a bundle). */
  deferredReasons(ids: readonly number[]): Promise<ReadonlyMap<number, DeferReason>>;
}

export interface DigestRecord extends DigestSchedule {
  readonly id: number;
  readonly scope: ChannelRef;
  readonly lastRunAt: Date | null;
}

export interface DigestStore {
  /** One digest per channel: setting it again replaces the schedule. */
  set(scope: ChannelRef, schedule: DigestSchedule, createdBy: string | null, now: Date): Promise<DigestRecord>;
  remove(scope: ChannelRef): Promise<boolean>;
  get(scope: ChannelRef): Promise<DigestRecord | null>;
  byId(id: number): Promise<DigestRecord | null>;
  all(): Promise<DigestRecord[]>;
  markRun(id: number, slot: Date): Promise<void>;
}

export interface QuietHoursStore {
  set(scope: ChannelRef, quiet: QuietHours, now: Date): Promise<void>;
  remove(scope: ChannelRef): Promise<boolean>;
  get(scope: ChannelRef): Promise<QuietHours | null>;
}

export interface AlertWindow {
  readonly openedAt: Date;
  /** Messages posted inside the window (single alerts and bundles). */
  readonly sent: number;
}

export interface AlertWindowStore {
  get(scope: ChannelRef, symbol: string): Promise<AlertWindow | null>;
  put(scope: ChannelRef, symbol: string, window: AlertWindow): Promise<void>;
}
