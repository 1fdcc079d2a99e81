// Polls live feeds: spread across the poll window, a few at a time, one request at a time per host,
// never two polls of one feed at once. A feed's first poll stores what is already there without
// alerting; after that every item not yet stored alerts. Failures back off exponentially, and a
// long streak disables the feed with one notice to the channels that follow it.
import type { OutgoingMessage } from '../core/messages.ts';
import type { FeedFetchResult, FeedRecord, FeedStore, FetchFeed } from './ports/feeds.ts';
import type { NoticePoster } from './ports/chat.ts';
import { FeedError } from './ports/feeds.ts';
import type { Ingest } from './ingest.ts';
import type { Clock, Logger } from './ports/runtime.ts';
import { redactUrl } from '../redact.ts';

export interface FeedPollerOptions {
  /** Feeds fetched at once. */
  readonly concurrency?: number;
  /** Least time between two requests to one host. */
  readonly perHostGapMs?: number;
  /** Due feeds are started evenly across this much time (the poll interval, less a margin). */
  readonly spreadMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** A streak this long disables the feed. */
  readonly disableAfterFailures?: number;
  /** A server's Cache-Control max-age is honoured up to this long. */
  readonly maxCacheDelayMs?: number;
}

export interface FeedPollerDeps extends FeedPollerOptions {
  readonly feeds: FeedStore;
  readonly fetchFeed: FetchFeed;
  readonly ingest: Ingest;
  readonly clock: Clock;
  readonly log: Logger;
  readonly postNotice?: NoticePoster;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type FeedPollStatus = 'updated' | 'not_modified' | 'failed' | 'disabled' | 'gone';

export interface FeedPollOutcome {
  readonly feedId: number;
  readonly status: FeedPollStatus;
  readonly title: string | null;
  readonly itemCount: number;
  readonly stored: number;
  readonly alertsQueued: number;
  readonly error: string | null;
  readonly consecutiveFailures: number;
}

export interface FeedPoller {
  /** Polls every enabled feed that is due (spread: false starts them all at once, for --once runs). */
  pollDue(options?: { readonly spread?: boolean }): Promise<FeedPollOutcome[]>;
  /** Polls one feed now; joins the poll already running for it, if any. */
  pollFeed(feedId: number): Promise<FeedPollOutcome>;
  /** Applies an already fetched result (the validation fetch of /feed add) as this feed's poll. */
  accept(feedId: number, result: FeedFetchResult): Promise<FeedPollOutcome>;
  whenIdle(): Promise<void>;
  /** Starts no more polls (a spread poll's waiting feeds are skipped) and waits for those running. */
  stop(): Promise<void>;
}

export const DEFAULT_FEED_POLLER: Required<FeedPollerOptions> = {
  concurrency: 4,
  perHostGapMs: 2_000,
  spreadMs: 0,
  backoffBaseMs: 5 * 60_000,
  backoffMaxMs: 6 * 3600_000,
  disableAfterFailures: 10,
  maxCacheDelayMs: 3600_000,
};

export function feedBackoffMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function disabledNotice(feed: FeedRecord, failures: number, error: string): OutgoingMessage {
  const shown = redactUrl(feed.url);
  const name = feed.title ?? shown;
  const title = `Feed #${feed.id} disabled: ${name}`;
  const lines = [
    `tickerbell stopped reading ${shown} after ${failures} failed polls in a row.`,
    `Last error: ${error}`,
    `When the feed works again, type /feed retry ${feed.id}.`,
  ];
  return {
    kind: 'notice',
    title,
    text: [title, ...lines].join('\n'),
    ephemeral: false,
    actions: [{ command: `/feed retry ${feed.id}`, label: 'Retry now' }],
  };
}

export function createFeedPoller(deps: FeedPollerDeps): FeedPoller {
  const { feeds, fetchFeed, ingest, clock, log } = deps;
  const d = DEFAULT_FEED_POLLER;
  const o: Required<FeedPollerOptions> = {
    concurrency: deps.concurrency ?? d.concurrency,
    perHostGapMs: deps.perHostGapMs ?? d.perHostGapMs,
    spreadMs: deps.spreadMs ?? d.spreadMs,
    backoffBaseMs: deps.backoffBaseMs ?? d.backoffBaseMs,
    backoffMaxMs: deps.backoffMaxMs ?? d.backoffMaxMs,
    disableAfterFailures: deps.disableAfterFailures ?? d.disableAfterFailures,
    maxCacheDelayMs: deps.maxCacheDelayMs ?? d.maxCacheDelayMs,
  };
  let stopping = false;
  const wakers = new Set<() => void>();
  // Spread waits can be minutes long; stop() cuts them short so shutdown is prompt.
  const sleep =
    deps.sleep ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        wakers.add(wake);
      }));
  const inFlight = new Map<number, Promise<FeedPollOutcome>>();
  const hostTail = new Map<string, Promise<void>>();
  const hostLastAt = new Map<string, number>();
  let running: Promise<FeedPollOutcome[]> | null = null;

  const outcome = (
    feed: FeedRecord,
    status: FeedPollStatus,
    extra: Partial<FeedPollOutcome> = {},
  ): FeedPollOutcome => ({
    feedId: feed.id,
    status,
    title: feed.title,
    itemCount: feed.itemCount ?? 0,
    stored: 0,
    alertsQueued: 0,
    error: null,
    consecutiveFailures: 0,
    ...extra,
  });

  /** Runs fn when no other request to the host is running and the host's gap has passed. */
  const politely = async <T>(host: string, fn: () => Promise<T>): Promise<T> => {
    const before = hostTail.get(host) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = before.then(() => new Promise<void>((resolve) => (release = resolve)));
    hostTail.set(host, mine);
    await before;
    const wait = (hostLastAt.get(host) ?? -Infinity) + o.perHostGapMs - clock().getTime();
    if (wait > 0) await sleep(wait);
    try {
      return await fn();
    } finally {
      hostLastAt.set(host, clock().getTime());
      release();
      if (hostTail.get(host) === mine) hostTail.delete(host);
    }
  };

  const accept = async (feedId: number, result: FeedFetchResult): Promise<FeedPollOutcome> => {
    const feed = await feeds.get(feedId);
    if (feed === undefined) return { ...outcome({ id: feedId, title: null, itemCount: null } as FeedRecord, 'gone') };
    const now = clock();
    const next = new Date(now.getTime() + Math.min(o.maxCacheDelayMs, Math.max(0, result.maxAgeMs ?? 0)));
    if (result.status === 'not_modified') {
      await feeds.markSucceeded(feed.id, null, now, next);
      log.debug({ feed: feed.id, url: redactUrl(feed.url) }, 'feed.not_modified');
      return outcome(feed, 'not_modified');
    }
    // The first poll learns what the feed already holds; alerting on it would flood every channel.
    const report = await ingest.ingest(result.articles, [], { alert: feed.primed });
    await feeds.markSucceeded(
      feed.id,
      { title: result.title, etag: result.etag, lastModified: result.lastModified, itemCount: result.articles.length },
      now,
      next,
    );
    log.info(
      {
        feed: feed.id,
        url: redactUrl(feed.url),
        items: result.articles.length,
        stored: report.stored,
        alerts: report.alertsQueued,
        first: !feed.primed,
      },
      'feed.polled',
    );
    return outcome(feed, 'updated', {
      title: result.title ?? feed.title,
      itemCount: result.articles.length,
      stored: report.stored,
      alertsQueued: report.alertsQueued,
    });
  };

  const fail = async (feed: FeedRecord, error: unknown): Promise<FeedPollOutcome> => {
    const message = error instanceof Error ? error.message : String(error);
    const now = clock();
    const failures = feed.consecutiveFailures + 1;
    const retryAfter =
      error instanceof FeedError && error.retryAfterMs !== null ? Math.min(error.retryAfterMs, o.backoffMaxMs) : 0;
    const delay = Math.max(feedBackoffMs(failures, o.backoffBaseMs, o.backoffMaxMs), retryAfter);
    const disable = failures >= o.disableAfterFailures;
    await feeds.markFailed(feed.id, message, now, new Date(now.getTime() + delay), disable);
    log.warn(
      { feed: feed.id, url: redactUrl(feed.url), failures, error: message, retryInMs: delay, disabled: disable },
      'feed.failed',
    );
    if (disable) {
      const notice = disabledNotice(feed, failures, message);
      for (const channel of await feeds.subscribers(feed.id)) {
        try {
          await deps.postNotice?.(channel, notice);
        } catch (postError) {
          log.error({ feed: feed.id, channel, err: postError }, 'feed.disabled_notice_failed');
        }
      }
      log.warn({ feed: feed.id, url: redactUrl(feed.url), failures }, 'feed.disabled');
    }
    return outcome(feed, disable ? 'disabled' : 'failed', { error: message, consecutiveFailures: failures });
  };

  const pollOnce = async (feedId: number): Promise<FeedPollOutcome> => {
    const feed = await feeds.get(feedId);
    if (feed === undefined) return outcome({ id: feedId, title: null, itemCount: null } as FeedRecord, 'gone');
    return politely(hostOf(feed.url), async () => {
      try {
        const result = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
        return await accept(feed.id, result);
      } catch (error) {
        return await fail(feed, error);
      }
    });
  };

  const pollFeed = (feedId: number): Promise<FeedPollOutcome> => {
    const existing = inFlight.get(feedId);
    if (existing !== undefined) return existing;
    const p = pollOnce(feedId).finally(() => inFlight.delete(feedId));
    inFlight.set(feedId, p);
    return p;
  };

  const runDue = async (spread: boolean): Promise<FeedPollOutcome[]> => {
    const start = clock().getTime();
    const due = await feeds.due(clock());
    const step = spread && due.length > 1 ? o.spreadMs / due.length : 0;
    const queue = due.map((feed, i) => ({ feed, at: start + i * step }));
    const results: FeedPollOutcome[] = [];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const wait = next.at - clock().getTime();
        if (wait > 0) await sleep(wait);
        if (stopping) return;
        results.push(await pollFeed(next.feed.id));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, due.length)) }, worker));
    if (due.length > 0) {
      const count = (s: FeedPollStatus): number => results.filter((r) => r.status === s).length;
      log.info(
        {
          feeds: due.length,
          updated: count('updated'),
          notModified: count('not_modified'),
          failed: count('failed'),
          disabled: count('disabled'),
        },
        'feeds.polled',
      );
    }
    return results;
  };

  return {
    pollDue(options = {}) {
      if (stopping) return Promise.resolve([]);
      running ??= runDue(options.spread ?? true).finally(() => {
        running = null;
      });
      return running;
    },
    pollFeed,
    accept,
    async whenIdle() {
      await Promise.allSettled([running, ...inFlight.values()]);
    },
    async stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      await Promise.allSettled([running, ...inFlight.values()]);
    },
  };
}
