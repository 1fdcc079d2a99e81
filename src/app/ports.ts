// The small interfaces the outside world implements. app/ depends on these, never on a
// concrete platform, source or database.
import type { ExplainedAnalysis } from '../core/analyze.ts';
import type { AlertHit } from '../core/alerts.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import type { TickerStory } from '../core/summary.ts';
import type { ChannelRef, NormalizedArticle, RawArticle, WatchRule } from '../core/types.ts';

export type Clock = () => Date;

/** A workspace, as far as reading stories goes: its feeds decide what it may see. */
export type Audience = Pick<ChannelRef, 'platform' | 'workspace'>;

/** A pino-compatible subset, so tests can pass a recorder. */
export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CommandUser {
  readonly id: string;
  readonly name?: string;
  /** May change this channel's watchlist (the platform decides: admin, Manage Channels, ...). */
  readonly canManage: boolean;
}

export interface IncomingCommand {
  /** The command in the shared grammar, e.g. "/watch add BABA below -0.3". */
  readonly text: string;
  readonly scope: ChannelRef;
  readonly user: CommandUser;
}

export type CommandHandler = (command: IncomingCommand) => Promise<OutgoingMessage>;

export interface DeliveryReceipt {
  /** The platform's id for the posted message (Slack ts, Discord message id), when it has one. */
  readonly remoteId: string | null;
}

export interface PostOptions {
  /** Stable per alert: platforms that support idempotent sends use it to drop a repeat. */
  readonly idempotencyKey: string;
  /**
   * 1 for a first try. More means an earlier try may have reached the platform without us hearing
   * back (timeout, reset, a crash before it was marked sent): a platform without idempotent sends
   * looks for that copy before posting again.
   */
  readonly attempt?: number;
}

export interface ChatPlatform {
  readonly name: string;
  /** Least time between two posts to one channel (Slack asks for about 1 s); the dispatcher waits, never drops. */
  readonly minPostIntervalMs?: number;
  start(onCommand: CommandHandler): Promise<void>;
  /** Throws DeliveryError when the message was not delivered. */
  post(channel: ChannelRef, message: OutgoingMessage, options: PostOptions): Promise<DeliveryReceipt>;
  stop(): Promise<void>;
}

export interface SourceFailure {
  readonly origin: string;
  readonly message: string;
}

export interface SourceBatch {
  readonly articles: readonly RawArticle[];
  readonly failures: readonly SourceFailure[];
}

export interface ArticleSource {
  readonly name: string;
  read(): Promise<SourceBatch>;
}

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
