// One repository contract, two stores: every case runs against a SQLite file and against a real
// PostgreSQL database (one per file, emptied between cases), through the ports the app uses.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toOutboxEntry } from '../../src/app/alert-message.ts';
import type { ExplainedAnalysis } from '../../src/core/analyze.ts';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import { normalizeArticle } from '../../src/core/normalize.ts';
import type { ChannelRef, SentimentLabel, TickerMention, WatchRule } from '../../src/core/types.ts';
import { matchWatchRules, scopeKey } from '../../src/core/watchlist/match.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { sqliteStores, type Stores } from '../../src/storage/open-stores.ts';
import { openPostgres } from '../../src/storage/postgres/db.ts';
import { postgresStoresOn } from '../../src/storage/postgres/stores.ts';
import { tempDir } from '../helpers.ts';
import { tempPostgres, type TempPostgres } from '../pg.ts';

interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  open(): Promise<Stores>;
  reset(): Promise<void>;
  teardown(): Promise<void>;
}

function sqliteDialect(): Dialect {
  let dir: ReturnType<typeof tempDir> | null = null;
  let n = 0;
  return {
    name: 'sqlite',
    setup: () => Promise.resolve(),
    open: () => {
      dir ??= tempDir();
      return Promise.resolve(sqliteStores(openDatabase(`${dir.dir}/contract-${n}.db`)));
    },
    reset: () => {
      n += 1;
      return Promise.resolve();
    },
    teardown: () => {
      dir?.cleanup();
      return Promise.resolve();
    },
  };
}

function postgresDialect(): Dialect {
  let temp: TempPostgres | null = null;
  const need = (): TempPostgres => {
    if (temp === null) throw new Error('no database');
    return temp;
  };
  return {
    name: 'postgres',
    async setup() {
      temp = await tempPostgres();
    },
    async open() {
      return postgresStoresOn(await openPostgres(need().url, { poolSize: 4 }));
    },
    async reset() {
      const client = new pg.Client({ connectionString: need().url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
        );
        if (rows.length > 0)
          await client.query(`TRUNCATE ${rows.map((r) => `"${r.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
      } finally {
        await client.end();
      }
    },
    async teardown() {
      await temp?.drop();
    },
  };
}

const seenAt = new Date('2026-03-02T12:00:00Z');
const desk: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const other: ChannelRef = { platform: 'discord', workspace: 'G1', channel: 'C9' };

function mention(symbol: string, score: number, relevance = 0.9, family?: readonly string[]): TickerMention {
  const label: SentimentLabel = score > 0 ? 'bullish' : score < 0 ? 'bearish' : 'neutral';
  return {
    symbol,
    name: symbol,
    relevance,
    sentiment: { score, label },
    mentions: 1,
    ...(family === undefined ? {} : { family }),
  };
}

function story(
  n: number,
  tickers: TickerMention[],
  extra: { origin?: string; sourceName?: string; url?: string } = {},
) {
  const normalized = normalizeArticle({
    origin: extra.origin ?? `file-${n}.md`,
    sourceName: extra.sourceName ?? 'Wire',
    format: 'text',
    title: `Story number ${n} about markets`,
    body: `Body of story ${n}, with enough words to be a story of its own: ${'lorem '.repeat(n % 7)}.`,
    ...(extra.url === undefined ? {} : { url: extra.url }),
  });
  if (!normalized.ok) throw new Error('test article did not normalise');
  const analysis = { sentiment: { score: 0, label: 'neutral' }, tickers, summary: `S${n}.`, evidence: [] };
  return { article: normalized.value.article, analysis: analysis as unknown as ExplainedAnalysis };
}

const rule = (symbol: string, o: Partial<{ above: number; below: number; minRelevance: number }> = {}) => ({
  symbol,
  above: o.above ?? null,
  below: o.below ?? null,
  minRelevance: o.minRelevance ?? 0.3,
  createdBy: 'u1',
});

/** Every queued alert as it would be sent, claimed through the port. */
async function claimAll(s: Stores): Promise<Array<{ scope: ChannelRef; message: OutgoingMessage }>> {
  const claimed = await s.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 100_000);
  return claimed.map((c) => {
    const e = toOutboxEntry(c);
    return { scope: e.scope, message: e.message };
  });
}

const whyLines = (m: OutgoingMessage): string[] =>
  m.text
    .split('\n')
    .filter((l) => l.startsWith('Why: '))
    .map((l) => l.slice(5))
    .sort();

describe.each([sqliteDialect(), postgresDialect()])('storage contract on $name', (dialect) => {
  let s: Stores;
  beforeAll(() => dialect.setup());
  afterAll(() => dialect.teardown());
  beforeEach(async () => {
    s = await dialect.open();
  });
  afterEach(async () => {
    await s.close();
    await dialect.reset();
  });

  it('stores a story once, by link, by text or as a near-duplicate, and notes each new source', async () => {
    const a = story(1, [mention('BABA', -0.5)], { url: 'https://news.test/1' });
    const first = await s.articles.transaction((tx) => tx.store(a.article, a.analysis, seenAt));
    expect(first).toMatchObject({ inserted: true, newOrigin: true });
    expect(await s.articles.has(a.article)).toBe(true);
    const again = await s.articles.transaction((tx) =>
      tx.store({ ...a.article, sourceName: 'Other wire', origin: 'other.md' }, a.analysis, seenAt),
    );
    expect(again).toEqual({ id: first.id, inserted: false, newOrigin: true });
    const near = {
      ...a.article,
      url: 'https://elsewhere.test/x',
      contentHash: 'different',
      body: `${a.article.body}!`,
    };
    const third = await s.articles.transaction((tx) => tx.store(near, a.analysis, seenAt));
    expect(third.id).toBe(first.id);
    expect(third.inserted).toBe(false);
    expect(await s.articles.count()).toBe(1);
    const stories = await s.articles.storiesForTicker('BABA', new Date(0), 0.3);
    expect(stories.map((x) => [x.articleId, x.score, x.sourceName])).toEqual([[first.id, -0.5, 'Wire']]);
    expect(stories[0]?.at).toBeInstanceOf(Date);
  });

  it('commits a unit of work whole or not at all', async () => {
    await s.watchlists.upsert(desk, rule('BABA'), seenAt);
    const a = story(2, [mention('BABA', -0.5)]);
    await expect(
      s.articles.transaction(async (tx) => {
        const { id } = await tx.store(a.article, a.analysis, seenAt);
        await tx.queueMatches(id, a.analysis.tickers, seenAt, null);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await s.articles.count()).toBe(0);
    expect(await s.outbox.pendingCount()).toBe(0);
    expect(await s.articles.has(a.article)).toBe(false);
  });

  it('fans a story out to the channels core matchWatchRules picks, for the same reasons', async () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const symbols = ['BABA', 'NVDA', 'GOOGL', 'GOOG'];
    for (let c = 0; c < 12; c++) {
      const scope = { platform: c % 2 === 0 ? 'slack' : 'discord', workspace: `W${c % 3}`, channel: `C${c}` };
      for (const symbol of symbols) {
        if (random() < 0.3) continue;
        const kind = random();
        await s.watchlists.upsert(
          scope,
          {
            symbol,
            above: kind < 0.5 ? pick([-0.3, 0, 0.3]) : null,
            below: kind >= 0.4 ? pick([-0.3, 0, 0.3]) : null,
            minRelevance: pick([0.3, 0.5]),
            createdBy: 'u1',
          },
          seenAt,
        );
        if (random() < 0.15) await s.watchlists.mute(scope, [symbol], new Date(seenAt.getTime() + 60_000));
      }
      if (random() < 0.1) await s.watchlists.pauseChannel(scope, 'channel_not_found');
    }
    const rules: WatchRule[] = await s.watchlists.forSymbols(symbols);
    const expected = new Map<string, string[]>();
    for (let i = 0; i < 15; i++) {
      const tickers = [
        mention('BABA', pick([-0.6, -0.3, 0, 0.3, 0.6]), pick([0.3, 0.5, 0.9])),
        mention('GOOGL', pick([-0.6, 0, 0.6]), pick([0.3, 0.9]), ['GOOGL', 'GOOG']),
      ].filter(() => random() < 0.8);
      const a = story(100 + i, tickers);
      const id = await s.articles.transaction(async (tx) => {
        const stored = await tx.store(a.article, a.analysis, seenAt);
        await tx.queueMatches(stored.id, tickers, seenAt, null);
        return stored.id;
      });
      for (const m of matchWatchRules(tickers, rules, seenAt))
        expected.set(`${id}|${scopeKey(m.scope)}`, m.hits.map((h) => h.reason).sort());
    }
    const claimed = await s.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 100_000);
    const actual = new Map(
      claimed.map((c) => {
        const e = toOutboxEntry(c);
        const articleId = c.post.kind === 'alert' ? c.post.alert.article?.id : undefined;
        return [`${articleId}|${scopeKey(c.scope)}`, whyLines(e.message)] as const;
      }),
    );
    expect(actual).toEqual(expected);
    expect(expected.size).toBeGreaterThan(10);
  });

  it('adds a shift hit to the channel alert the thresholds queued: one message names both', async () => {
    await s.watchlists.upsert(desk, rule('NVDA', { above: 0.2 }), seenAt);
    const tickers = [mention('BABA', -0.5), mention('NVDA', 0.5, 0.8)];
    const a = story(3, tickers);
    const queued = await s.articles.transaction(async (tx) => {
      const { id } = await tx.store(a.article, a.analysis, seenAt);
      const q = await tx.queueMatches(id, tickers, seenAt, null);
      const hit = {
        ticker: tickers[0] as TickerMention,
        rule: { symbol: 'BABA', above: null, below: null, minRelevance: 0.3 },
        shift: { size: 0.3, from: 0.1, to: -0.3, stories: 5 },
      };
      return q + (await tx.queueHits(id, desk, [hit], seenAt));
    });
    expect(queued).toBe(1);
    const [only, ...rest] = await claimAll(s);
    expect(rest).toEqual([]);
    expect(whyLines(only?.message as OutgoingMessage)).toEqual([
      'BABA average sentiment shifted -0.40 (from +0.10 to -0.30 over its last 5 stories), beyond the 0.3 you set',
      'NVDA sentiment 0.5 is above 0.2',
    ]);
  });

  it('shows a private feed story only to the workspaces that follow the feed', async () => {
    const feed = await s.feeds.ensure('https://private.test/rss', seenAt);
    await s.feeds.subscribe(feed.id, desk, 'u1', seenAt);
    await s.watchlists.upsert(desk, rule('BABA'), seenAt);
    await s.watchlists.upsert(other, rule('BABA'), seenAt);
    const a = story(4, [mention('BABA', -0.5)], { origin: feed.url, sourceName: 'Private' });
    await s.articles.transaction(async (tx) => {
      const { id } = await tx.store(a.article, a.analysis, seenAt);
      return tx.queueMatches(id, a.analysis.tickers, seenAt, null);
    });
    expect((await claimAll(s)).map((x) => x.scope)).toEqual([desk]);
    expect(await s.articles.storiesForTicker('BABA', new Date(0), 0.3, desk)).toHaveLength(1);
    expect(await s.articles.storiesForTicker('BABA', new Date(0), 0.3, other)).toEqual([]);
  });

  it('keeps watch rules per channel: add, update, mute, pause, resume, remove', async () => {
    const added = await s.watchlists.upsert(desk, rule('BABA', { below: -0.3 }), seenAt);
    expect(added.created).toBe(true);
    const updated = await s.watchlists.upsert(desk, rule('BABA', { above: 0.5 }), seenAt);
    expect(updated.created).toBe(false);
    expect(updated.rule).toMatchObject({ id: added.rule.id, above: 0.5, below: null, paused: false });
    await s.watchlists.upsert(desk, rule('NVDA'), seenAt);
    expect((await s.watchlists.list(desk)).map((r) => r.symbol)).toEqual(['BABA', 'NVDA']);
    const until = new Date(seenAt.getTime() + 3_600_000);
    expect(await s.watchlists.mute(desk, ['NVDA', 'TSLA'], until)).toEqual(['NVDA']);
    expect((await s.watchlists.list(desk))[1]?.mutedUntil).toEqual(until);
    expect(await s.watchlists.pauseChannel(desk, 'gone')).toBe(2);
    expect((await s.watchlists.list(desk)).every((r) => r.paused)).toBe(true);
    expect(await s.watchlists.resumeChannel(desk)).toBe(2);
    expect(await s.watchlists.remove(desk, ['BABA', 'TSLA'])).toEqual(['BABA']);
    expect(await s.watchlists.list(other)).toEqual([]);
  });

  it('delivers through the outbox once: claim, fail and retry later, hold and release, send', async () => {
    expect(
      await s.outbox.enqueue(desk, { kind: 'summary', title: 'D', text: 'D', fields: [] }, 'digest:1', seenAt),
    ).toBe(true);
    expect(
      await s.outbox.enqueue(desk, { kind: 'summary', title: 'D', text: 'D', fields: [] }, 'digest:1', seenAt),
    ).toBe(false);
    const [first] = await s.outbox.claimDue(seenAt, 10);
    expect(first).toMatchObject({ scope: desk, attempts: 1, post: { kind: 'message' } });
    expect(await s.outbox.claimDue(seenAt, 10)).toEqual([]);
    const id = first?.id as number;
    const later = new Date(seenAt.getTime() + 60_000);
    await s.outbox.markFailed(id, 'timeout', later, seenAt);
    expect(await s.outbox.nextDueAt()).toEqual(later);
    expect(await s.outbox.claimDue(seenAt, 10)).toEqual([]);
    expect((await s.outbox.claimDue(later, 10)).map((c) => [c.id, c.attempts])).toEqual([[id, 2]]);
    await s.outbox.hold(id, 'channel_not_found', later);
    expect(await s.outbox.pendingCount()).toBe(0);
    expect(await s.outbox.releaseHeld(desk, later)).toBe(1);
    const [again] = await s.outbox.claimDue(later, 10);
    await s.outbox.defer(again?.id as number, 'quiet', later);
    expect(await s.outbox.deferredReasons([id])).toEqual(new Map([[id, 'quiet']]));
    const [third] = await s.outbox.claimDue(later, 10);
    expect(await s.outbox.recoverInFlight()).toBe(1);
    const [fourth] = await s.outbox.claimDue(later, 10);
    expect(fourth?.id).toBe(third?.id);
    await s.outbox.markSent(id, { remoteId: 'm1' }, later);
    expect(await s.outbox.claimDue(new Date('2100-01-01T00:00:00Z'), 10)).toEqual([]);
    expect(await s.outbox.pendingCount()).toBe(0);
    expect(await s.metrics.outboxPending()).toEqual({ count: 0, oldestCreatedAt: null });
    const sent = await s.metrics.sentSince(new Date(0));
    expect(sent.latest).toEqual(later);
  });

  it('keeps feeds per workspace: follow, list, fail, disable, re-enable, unfollow drops the orphan', async () => {
    const feed = await s.feeds.ensure('https://a.test/rss', seenAt);
    expect(await s.feeds.ensure('https://a.test/rss', seenAt)).toEqual(feed);
    expect(await s.feeds.subscribe(feed.id, desk, 'u1', seenAt)).toBe(true);
    expect(await s.feeds.subscribe(feed.id, desk, 'u1', seenAt)).toBe(false);
    await s.feeds.syncConfigured(['https://config.test/rss'], seenAt);
    expect((await s.feeds.listForWorkspace(desk)).map((f) => f.url)).toEqual([
      'https://a.test/rss',
      'https://config.test/rss',
    ]);
    expect((await s.feeds.listForWorkspace(other)).map((f) => f.url)).toEqual(['https://config.test/rss']);
    expect((await s.feeds.due(seenAt)).length).toBe(2);
    const next = new Date(seenAt.getTime() + 60_000);
    expect(await s.feeds.markFailed(feed.id, 'HTTP 500', seenAt, next, false)).toBe(1);
    expect(await s.feeds.markFailed(feed.id, 'HTTP 500', seenAt, next, true)).toBe(2);
    expect((await s.feeds.get(feed.id))?.disabledAt).toEqual(seenAt);
    expect((await s.feeds.due(next)).map((f) => f.url)).toEqual(['https://config.test/rss']);
    expect(await s.metrics.feedStates()).toEqual({ active: 1, failing: 0, disabled: 1 });
    await s.feeds.enable(feed.id, next);
    await s.feeds.markSucceeded(feed.id, { title: 'A', etag: 'e', lastModified: null, itemCount: 3 }, next, next);
    expect(await s.feeds.get(feed.id)).toMatchObject({
      title: 'A',
      primed: true,
      consecutiveFailures: 0,
      itemCount: 3,
    });
    expect(await s.feeds.subscribers(feed.id)).toEqual([desk]);
    expect(await s.feeds.unsubscribe(feed.id, desk)).toBe(true);
    expect(await s.feeds.findByUrl('https://a.test/rss')).toBeUndefined();
    await s.feeds.syncConfigured([], seenAt);
    expect(await s.feeds.findByUrl('https://config.test/rss')).toBeUndefined();
  });

  it('keeps digests, quiet hours and cooldown windows per channel', async () => {
    const schedule = {
      cadence: 'daily' as const,
      weekday: null,
      time: '08:00',
      timezone: 'America/New_York',
      tradingDaysOnly: true,
    };
    const d = await s.digests.set(desk, schedule, 'u1', seenAt);
    expect(d).toMatchObject({ scope: desk, ...schedule, lastRunAt: seenAt });
    expect(await s.digests.set(desk, { ...schedule, time: '09:00' }, 'u1', seenAt)).toMatchObject({
      id: d.id,
      time: '09:00',
    });
    const slot = new Date(seenAt.getTime() + 86_400_000);
    await s.digests.markRun(d.id, slot);
    expect((await s.digests.byId(d.id))?.lastRunAt).toEqual(slot);
    expect((await s.digests.all()).map((x) => x.id)).toEqual([d.id]);
    expect(await s.digests.remove(desk)).toBe(true);
    expect(await s.digests.get(desk)).toBeNull();

    const quiet = { start: '22:00', end: '07:00', timezone: 'Europe/London' };
    await s.quietHours.set(desk, quiet, seenAt);
    expect(await s.quietHours.get(desk)).toEqual(quiet);
    expect(await s.quietHours.remove(desk)).toBe(true);
    expect(await s.quietHours.remove(desk)).toBe(false);

    await s.windows.put(desk, 'BABA', { openedAt: seenAt, sent: 1 });
    await s.windows.put(desk, 'BABA', { openedAt: seenAt, sent: 2 });
    expect(await s.windows.get(desk, 'BABA')).toEqual({ openedAt: seenAt, sent: 2 });
    expect(await s.windows.get(other, 'BABA')).toBeNull();
    await expect(s.metrics.ping()).resolves.toBeUndefined();
  });
});
