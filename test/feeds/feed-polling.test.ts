// Live feeds end to end on a real SQLite database: /feed commands, first-poll suppression,
// 304s, catch-up after downtime, cross-feed dedupe, backoff, disable and retry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedCommands } from '../../src/app/feed-commands.ts';
import { createFeedPoller, type FeedPoller } from '../../src/app/feed-poller.ts';
import type { FeedStore } from '../../src/app/ports/feeds.ts';
import { createCommandHandler } from '../../src/app/handle-command.ts';
import { createIngest } from '../../src/app/ingest.ts';
import type { CommandHandler, IncomingCommand } from '../../src/app/ports/chat.ts';
import { createDefaultAnalyzer } from '../../src/analyzer.ts';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import type { ChannelRef } from '../../src/core/types.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { silentLogger } from '../../src/log.ts';
import { createFeedFetcher } from '../../src/sources/feed/fetch-feed.ts';
import { createHttpClient } from '../../src/sources/http/http-client.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { closeDatabase, openDatabase, type Db } from '../../src/storage/db.ts';
import { createSqliteFeedStore } from '../../src/storage/feed-store.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { readOutbox } from '../helpers.ts';
import { conditional, rss, startFeedServer, type FeedServer, type Item } from './feed-server.ts';

const universe = loadTickerUniverse();
const analyzer = createDefaultAnalyzer(universe);
const scope: ChannelRef = { platform: 'console', workspace: 'w1', channel: 'markets' };
const MIN = 60_000;

const apple = (n: number, extra: Partial<Item> = {}): Item => ({
  title: `Apple Inc. story number ${n}`,
  link: `https://news.example.com/apple-${n}`,
  body: `Apple Inc. (AAPL) shares rose sharply after strong iPhone demand, report ${n} says. Apple raised its outlook.`,
  ...extra,
});

interface World {
  db: Db;
  server: FeedServer;
  now: { t: number };
  feeds: FeedStore;
  poller: FeedPoller;
  handle: CommandHandler;
  notices: Array<{ channel: ChannelRef; message: OutgoingMessage }>;
  /** A fresh poller on the same database (the bot restarted). */
  restart(): FeedPoller;
  outboxMessages(): OutgoingMessage[];
  articleCount(): Promise<number>;
}

let w: World;

async function makeWorld(): Promise<World> {
  const db = openDatabase(':memory:');
  const server = await startFeedServer();
  const now = { t: Date.parse('2024-05-06T10:00:00Z') };
  const clock = (): Date => new Date(now.t);
  const articles = createSqliteArticleStore(db);
  const watchlists = createSqliteWatchlistStore(db);
  await watchlists.upsert(
    scope,
    { symbol: 'AAPL', above: null, below: null, minRelevance: 0, createdBy: 'u1' },
    clock(),
  );
  const ingest = createIngest({ analyzer, articles, clock, log: silentLogger });
  const feeds = createSqliteFeedStore(db);
  const fetchFeed = createFeedFetcher(createHttpClient({ allowPrivate: true, timeoutMs: 2_000 }));
  const notices: World['notices'] = [];
  const makePoller = (): FeedPoller =>
    createFeedPoller({
      feeds,
      fetchFeed,
      ingest,
      clock,
      log: silentLogger,
      perHostGapMs: 0,
      sleep: () => Promise.resolve(),
      postNotice: (channel, message) => {
        notices.push({ channel, message });
        return Promise.resolve();
      },
    });
  const poller = makePoller();
  const handle = createCommandHandler({
    tickers: universe,
    watchlists,
    articles,
    clock,
    log: silentLogger,
    defaultMinRelevance: 0.3,
    feedCommands: createFeedCommands({ feeds, poller, fetchFeed, clock, log: silentLogger }),
  });
  return {
    db,
    server,
    now,
    feeds,
    poller,
    handle,
    notices,
    restart: makePoller,
    outboxMessages: () => readOutbox(db).map((r) => r.message),
    articleCount: () => articles.count(),
  };
}

const cmd = (text: string, canManage = true): IncomingCommand => ({ text, scope, user: { id: 'u1', canManage } });

beforeEach(async () => {
  w = await makeWorld();
});
afterEach(async () => {
  await w.server.close();
  closeDatabase(w.db);
});

/** Serves a feed whose items can change; ETag follows the content. */
function liveFeed(path: string, title: string, items: Item[]): { items: Item[]; url: string } {
  const state = { items, url: `${w.server.base}${path}` };
  w.server.route(
    path,
    conditional(
      () => rss(title, state.items),
      () => `"${state.items.length}-${state.items.map((i) => i.link).join('|').length}"`,
    ),
  );
  return state;
}

describe('/feed add', () => {
  it('validates by fetching, answers with title and item count, and stores the current items without alerting', async () => {
    const feed = liveFeed('/wire.xml', 'Market Wire', [apple(1), apple(2)]);
    const reply = await w.handle(cmd(`/feed add ${feed.url}`));
    expect(reply.title).toBe('Added feed #1: Market Wire (2 items).');
    expect(await w.articleCount()).toBe(2);
    expect(w.outboxMessages()).toEqual([]);

    // Afterwards only new items alert.
    feed.items = [apple(3), ...feed.items];
    w.now.t += 5 * MIN;
    await w.poller.pollDue();
    const alerts = w.outboxMessages();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.title).toBe('Apple Inc. story number 3');
    expect(alerts[0]?.text).toContain('Market Wire');
  });

  it('refuses what is not a feed and stores nothing', async () => {
    w.server.route('/page.html', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>hi</body></html>'),
    );
    const reply = await w.handle(cmd(`/feed add ${w.server.base}/page.html`));
    expect(reply.kind).toBe('error');
    expect(reply.title).toMatch(/^Could not add .*HTML web page/);
    expect(await w.feeds.listForWorkspace(scope)).toEqual([]);
  });

  it('refuses a bad URL with what to type instead, and people who cannot manage the channel', async () => {
    const bad = await w.handle(cmd('/feed add ftp://example.com/feed'));
    expect(bad.kind).toBe('error');
    expect(bad.text).toContain('Try: /feed add <url>');
    const forbidden = await w.handle(cmd(`/feed add ${w.server.base}/x.xml`, false));
    expect(forbidden.title).toBe("You can't change this workspace's feeds.");
  });

  it('keeps feeds per workspace, and remove drops it from this workspace only', async () => {
    const feed = liveFeed('/wire.xml', 'Market Wire', [apple(1)]);
    await w.handle(cmd(`/feed add ${feed.url}`));
    const other: IncomingCommand = {
      text: '/feed list',
      scope: { ...scope, workspace: 'w2' },
      user: { id: 'u2', canManage: true },
    };
    expect((await w.handle(other)).title).toBe('No live feeds in this workspace.');
    expect((await w.handle(cmd('/feed list'))).text).toMatch(
      /#1 Market Wire — http:\/\/127\.0\.0\.1:\d+\/wire\.xml · 1 item · last read 2024-05-06 10:00 UTC/,
    );
    expect((await w.handle(cmd(`/feed remove ${feed.url}`))).title).toBe('Removed feed #1: Market Wire.');
    expect((await w.handle(cmd('/feed list'))).title).toBe('No live feeds in this workspace.');
  });
});

describe('polling', () => {
  it('asks with the ETag and does no work on a 304', async () => {
    const feed = liveFeed('/wire.xml', 'Market Wire', [apple(1)]);
    await w.handle(cmd(`/feed add ${feed.url}`));
    w.now.t += 5 * MIN;
    const [outcome] = await w.poller.pollDue();
    expect(outcome?.status).toBe('not_modified');
    const polls = w.server.requests.filter((r) => r.path === '/wire.xml');
    expect(polls).toHaveLength(2);
    expect(polls[0]?.headers['if-none-match']).toBeUndefined();
    expect(polls[1]?.headers['if-none-match']).toMatch(/^"1-\d+"$/);
    expect(await w.articleCount()).toBe(1);
  });

  it('picks up items published while the bot was down', async () => {
    const feed = liveFeed('/wire.xml', 'Market Wire', [apple(1)]);
    await w.handle(cmd(`/feed add ${feed.url}`));
    // Down for six hours; meanwhile three stories appeared.
    feed.items = [apple(4), apple(3), apple(2), ...feed.items];
    w.now.t += 6 * 60 * MIN;
    const restarted = w.restart();
    const [outcome] = await restarted.pollDue();
    expect(outcome).toMatchObject({ status: 'updated', stored: 3, alertsQueued: 3 });
    expect(
      w
        .outboxMessages()
        .map((m) => m.title)
        .sort(),
    ).toEqual(['Apple Inc. story number 2', 'Apple Inc. story number 3', 'Apple Inc. story number 4']);
  });

  it('never runs two polls of one feed at once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let hits = 0;
    w.server.route('/slow.xml', (_req, res) => {
      hits += 1;
      void gate.then(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Slow', [apple(1)])));
    });
    const feed = await w.feeds.ensure(`${w.server.base}/slow.xml`, new Date(w.now.t));
    const a = w.poller.pollFeed(feed.id);
    const b = w.poller.pollFeed(feed.id);
    const due = w.poller.pollDue();
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([a, b, due]);
    expect(hits).toBe(1);
  });

  it('one broken feed does not stop the others', async () => {
    const good = liveFeed('/good.xml', 'Good', [apple(1)]);
    w.server.route('/bad.xml', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/xml' }).end('<rss><channel><title>x</channel>'),
    );
    await w.feeds.ensure(`${w.server.base}/bad.xml`, new Date(w.now.t));
    await w.feeds.ensure(good.url, new Date(w.now.t));
    const outcomes = await w.poller.pollDue();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['failed', 'updated']);
    expect(await w.articleCount()).toBe(1);
  });
});

describe('the same story from two feeds', () => {
  it('is one article and one alert naming both sources', async () => {
    const a = liveFeed('/a.xml', 'Alpha News', [apple(1)]);
    const b = liveFeed('/b.xml', 'Beta Finance', [apple(2)]);
    await w.handle(cmd(`/feed add ${a.url}`));
    await w.handle(cmd(`/feed add ${b.url}`));
    const stored = await w.articleCount();
    // Story 10: same link (tracking noise aside). Story 11: another link, same headline, nearly the same text.
    a.items = [apple(10), apple(11), ...a.items];
    b.items = [
      apple(10, { link: 'https://www.news.example.com/apple-10?utm_source=beta' }),
      apple(11, { link: 'https://beta.example.com/syndicated/apple-11', body: `${apple(11).body} Read more at Beta.` }),
      ...b.items,
    ];
    w.now.t += 5 * MIN;
    await w.poller.pollDue();
    expect(await w.articleCount()).toBe(stored + 2);
    const alerts = w.outboxMessages();
    expect(alerts.map((m) => m.title).sort()).toEqual(['Apple Inc. story number 10', 'Apple Inc. story number 11']);
    for (const alert of alerts) {
      expect(alert.fields?.find((f) => f.name === 'Sources')?.value).toMatch(/^Alpha News, Beta Finance · /);
      expect(alert.text).toContain('Alpha News, Beta Finance · ');
    }
  });

  it('a different story with the same headline is not merged', async () => {
    const a = liveFeed('/a.xml', 'Alpha News', []);
    const b = liveFeed('/b.xml', 'Beta Finance', []);
    await w.handle(cmd(`/feed add ${a.url}`));
    await w.handle(cmd(`/feed add ${b.url}`));
    a.items = [apple(20, { title: 'Apple earnings' })];
    b.items = [
      apple(21, {
        title: 'Apple earnings',
        body: 'Apple Inc. missed revenue estimates as Mac sales fell in China; the stock dropped.',
      }),
    ];
    w.now.t += 5 * MIN;
    await w.poller.pollDue();
    expect(w.outboxMessages()).toHaveLength(2);
  });
});

describe('failures', () => {
  it('backs off exponentially, disables after a streak with one notice, and /feed retry re-enables', async () => {
    let broken = false;
    w.server.route('/flaky.xml', (_req, res) => {
      if (broken) res.writeHead(500).end('oops');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Flaky Feed', [apple(1)]));
    });
    await w.handle(cmd(`/feed add ${w.server.base}/flaky.xml`));
    broken = true;
    const hits = (): number => w.server.requests.filter((r) => r.path === '/flaky.xml').length;

    const delays: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      w.now.t = (await w.feeds.get(1))!.nextPollAt.getTime();
      const before = hits();
      await w.poller.pollDue();
      expect(hits()).toBe(before + 1);
      delays.push(((await w.feeds.get(1))!.nextPollAt.getTime() - w.now.t) / MIN);
      // Not polled again before its backoff is over.
      w.now.t += 60_000;
      await w.poller.pollDue();
      expect(hits()).toBe(before + 1);
    }
    expect(delays.slice(0, 8)).toEqual([5, 10, 20, 40, 80, 160, 320, 360]);

    const feed = (await w.feeds.get(1))!;
    expect(feed.disabledAt).not.toBeNull();
    expect(w.notices).toHaveLength(1);
    expect(w.notices[0]?.channel).toEqual(scope);
    expect(w.notices[0]?.message).toMatchObject({ kind: 'notice', title: 'Feed #1 disabled: Flaky Feed' });
    expect(w.notices[0]?.message.text).toContain('/feed retry 1');

    const list = await w.handle(cmd('/feed list'));
    expect(list.text).toContain(
      'DISABLED after 10 failures in a row (last error: the server answered HTTP 500 Internal Server Error); /feed retry 1',
    );

    // Disabled: no more requests, however long we wait, and no second notice.
    w.now.t += 7 * 24 * 60 * MIN;
    const before = hits();
    await w.poller.pollDue();
    expect(hits()).toBe(before);
    expect(w.notices).toHaveLength(1);

    broken = false;
    const retry = await w.handle(cmd('/feed retry 1'));
    expect(retry.title).toMatch(/^Re-enabled feed #1 \(Flaky Feed\): read OK/);
    expect(await w.feeds.get(1)).toMatchObject({ disabledAt: null, consecutiveFailures: 0, lastError: null });
    expect((await w.handle(cmd('/feed list'))).text).not.toContain('failure');
  });

  it('shows the failure count and last error in /feed list while backing off', async () => {
    w.server.route('/down.xml', () => undefined);
    const feed = await w.feeds.ensure(`${w.server.base}/down.xml`, new Date(w.now.t));
    await w.feeds.subscribe(feed.id, scope, 'u1', new Date(w.now.t));
    w.server.route('/down.xml', (_req, res) => res.writeHead(404).end());
    await w.poller.pollDue();
    const list = await w.handle(cmd('/feed list'));
    expect(list.text).toContain(
      '1 failure in a row, last error: the server answered HTTP 404 Not Found; next try 2024-05-06 10:05 UTC',
    );
  });
});
