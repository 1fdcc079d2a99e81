// Live feeds: fetching one (conditional GET, FeedError when it cannot be read) and remembering the
// feeds, who follows them and how their polls went.
import type { ChannelRef, RawArticle } from '../../core/types.ts';

export interface FeedValidators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export type FeedFetchResult =
  | { readonly status: 'not_modified'; readonly maxAgeMs: number | null }
  | {
      readonly status: 'ok';
      readonly title: string | null;
      readonly articles: readonly RawArticle[];
      readonly etag: string | null;
      readonly lastModified: string | null;
      readonly maxAgeMs: number | null;
    };

/** Fetches and parses one feed; throws FeedError (timeout, HTTP 500, not a feed, ...). */
export type FetchFeed = (url: string, validators: FeedValidators) => Promise<FeedFetchResult>;

/** A feed could not be read. The message is meant for people (it is shown in /feed list). */
export class FeedError extends Error {
  override readonly name = 'FeedError';
  constructor(
    readonly code: string,
    message: string,
    /** The server asked us to wait this long (Retry-After). */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface FeedRecord {
  readonly id: number;
  readonly url: string;
  readonly title: string | null;
  readonly fromConfig: boolean;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly primed: boolean;
  readonly itemCount: number | null;
  readonly nextPollAt: Date;
  readonly lastPolledAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  readonly disabledAt: Date | null;
}

/** The part of a ChannelRef feeds belong to. */
export type WorkspaceRef = Pick<ChannelRef, 'platform' | 'workspace'>;

export interface FeedSuccess {
  readonly title: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly itemCount: number;
}

export interface FeedStore {
  get(id: number): Promise<FeedRecord | undefined>;
  findByUrl(url: string): Promise<FeedRecord | undefined>;
  /** Returns the feed for this URL, creating it (due now, not primed) when new. */
  ensure(url: string, now: Date): Promise<FeedRecord>;
  /** Adds the workspace as a follower; false when it already followed the feed. */
  subscribe(feedId: number, scope: ChannelRef, addedBy: string | null, now: Date): Promise<boolean>;
  /** Drops the workspace's follow; a feed nobody follows (and not from configuration) is deleted. */
  unsubscribe(feedId: number, workspace: WorkspaceRef): Promise<boolean>;
  /** Feeds this workspace follows, plus those from configuration. */
  listForWorkspace(workspace: WorkspaceRef): Promise<FeedRecord[]>;
  /** Channels that added the feed (one per following workspace). */
  subscribers(feedId: number): Promise<ChannelRef[]>;
  /** Enabled feeds whose next poll time has come. */
  due(now: Date): Promise<FeedRecord[]>;
  markSucceeded(id: number, result: FeedSuccess | null, now: Date, nextPollAt: Date): Promise<void>;
  /** Records a failure; disable: true also disables the feed. Returns the failure streak. */
  markFailed(id: number, error: string, now: Date, nextPollAt: Date, disable: boolean): Promise<number>;
  /** Re-enables a feed and makes it due now, with a fresh failure count. */
  enable(id: number, now: Date): Promise<void>;
  /** Marks exactly these URLs as configured (creating them), and un-marks the others. */
  syncConfigured(urls: readonly string[], now: Date): Promise<void>;
}
