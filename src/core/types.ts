// Plain data shared by every layer. Nothing here does I/O or reads the clock.

export const SENTIMENT_LABELS = ['bearish', 'somewhat-bearish', 'neutral', 'somewhat-bullish', 'bullish'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export interface Sentiment {
  /** In [-1, 1]. */
  readonly score: number;
  readonly label: SentimentLabel;
}

export type ArticleFormat = 'text' | 'markdown' | 'html' | 'json';

/** An article as a source hands it over, before any cleaning. */
export interface RawArticle {
  /** Where it came from: a file path or a feed URL. Used in logs and alerts. */
  readonly origin: string;
  /** A human name for the source ("seeds", "Reuters Business"). */
  readonly sourceName: string;
  readonly format: ArticleFormat;
  readonly title?: string | undefined;
  readonly body: string;
  readonly url?: string | undefined;
  readonly publishedAt?: Date | undefined;
}

/** Cleaned text with a stable identity. */
export interface NormalizedArticle {
  readonly origin: string;
  readonly sourceName: string;
  readonly title: string;
  readonly body: string;
  readonly url: string | null;
  readonly publishedAt: Date | null;
  /** sha256 of the normalised title + body: the identity when there is no URL. */
  readonly contentHash: string;
}

/** The mention a ticker was found by, as written, and what it does in its sentence. */
export interface MatchedMention {
  readonly text: string;
  readonly role: 'subject' | 'source' | 'peer';
}

export interface TickerMention {
  readonly symbol: string;
  readonly name: string;
  /** In [0, 1]: how much the story is about this company rather than mentioning it. */
  readonly relevance: number;
  readonly sentiment: Sentiment;
  readonly mentions: number;
  /** Every ticker of the issuer, this one included, when it has more than one (GOOGL, GOOG). */
  readonly family?: readonly string[];
  /** The mention that makes the ticker's relevance: its first as subject, else its first. */
  readonly matched?: MatchedMention;
}

export interface ArticleAnalysis {
  readonly sentiment: Sentiment;
  readonly tickers: readonly TickerMention[];
  readonly summary: string;
}

/** Where a rule lives and where its alerts go. */
export interface ChannelRef {
  readonly platform: string;
  readonly workspace: string;
  readonly channel: string;
}

export interface WatchRule {
  readonly id: number;
  readonly scope: ChannelRef;
  readonly symbol: string;
  readonly above: number | null;
  readonly below: number | null;
  readonly minRelevance: number;
  /** Alerts for this rule are held back until then (null: not muted). */
  readonly mutedUntil: Date | null;
  /** Alerts inside this many minutes of the last ones are bundled (null or absent: the default). */
  readonly cooldownMinutes?: number | null;
  /** Shift alerts fire when the rolling average sentiment moves this far (null or absent: none). */
  readonly shift?: number | null;
  /** Where the next shift is measured from. */
  readonly shiftBaseline?: number | null;
  /** Paused rules (the bot lost access to the channel) match nothing. */
  readonly paused: boolean;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
