import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { ChannelRef } from '../../src/core/types.ts';
import type { RawArticle } from '../../src/core/types.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { createDefaultAnalyzer } from '../../src/analyzer.ts';
import { closeDatabase, type Db } from '../../src/storage/db.ts';
import { DeliveryError, recordingPlatform } from '../fakes.ts';
import { manualClock, recordingLogger, tempDir, sqliteOf } from '../helpers.ts';
import { dirname, join } from 'node:path';

const universe = loadTickerUniverse();
const analyzer = createDefaultAnalyzer(universe);
const desk: ChannelRef = { platform: 'console', workspace: 'acme', channel: 'desk' };
const other: ChannelRef = { platform: 'console', workspace: 'acme', channel: 'other' };

const article = (n: number, over: Partial<RawArticle> = {}): RawArticle => ({
  origin: `test-${n}`,
  sourceName: 'Test Wire',
  format: 'text',
  title: `Alibaba shares plunge as cloud growth misses estimates (${n})`,
  body: `Alibaba shares fell sharply on Tuesday. The company missed estimates and cut its outlook. Story number ${n}.`,
  url: `https://news.test/story-${n}`,
  ...over,
});

async function build(file: string, clock: ReturnType<typeof manualClock>) {
  // Cooldown bundling off: these tests follow single alerts (test/alerts covers bundling).
  const config = loadConfig({
    TICKERBELL_DB: file,
    TICKERBELL_SOURCES: dirname(file),
    TICKERBELL_MIN_RELEVANCE: '0.3',
    TICKERBELL_ALERT_COOLDOWN: '0m',
  });
  if (!config.ok) throw new Error(config.errors.join('; '));
  const log = recordingLogger();
  const platform = recordingPlatform('console');
  const built = await composeApp(config.config, {
    log,
    clock: clock.now,
    analyzer,
    platforms: new Map([['console', platform]]),
    chart: null,
  });
  const { articles, watchlists, outbox } = built.stores;
  const command = (text: string, scope = desk, canManage = true) =>
    built.handleCommand({ text, scope, user: { id: 'u1', canManage } });
  return {
    db: built.db,
    log,
    articles,
    watchlists,
    outbox,
    platform,
    ingest: built.ingest,
    dispatcher: built.dispatcher,
    command,
  };
}

describe('article to alert through SQLite', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let clock: ReturnType<typeof manualClock>;
  let app: Awaited<ReturnType<typeof build>>;
  let dbs: Db[];

  beforeEach(async () => {
    dir = tempDir();
    file = join(dir.dir, 'bot.db');
    clock = manualClock();
    app = await build(file, clock);
    dbs = [sqliteOf(app)];
  });
  afterEach(() => {
    for (const db of dbs) closeDatabase(db);
    dir.cleanup();
  });

  it('alerts a watching channel once, and stores a re-read article once', async () => {
    await app.command('/watch add BABA below -0.2');
    const first = await app.ingest.ingest([article(1)]);
    const again = await app.ingest.ingest([article(1), article(1, { url: 'https://news.test/story-1?utm_source=x' })]);
    expect(first).toMatchObject({ stored: 1, alertsQueued: 1 });
    expect(again).toMatchObject({ stored: 0, duplicates: 2, alertsQueued: 0 });
    await app.dispatcher.dispatchDue();
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(1);
    const post = app.platform.posts[0];
    expect(post?.channel).toEqual(desk);
    expect(post?.message.title).toContain('Alibaba shares plunge');
    expect(post?.message.text).toMatch(/Why: BABA sentiment -\d\.\d+ is below -0\.2/);
    expect(await app.articles.count()).toBe(1);
  });

  it('does not alert a channel whose threshold the story misses, or a channel not watching', async () => {
    await app.command('/watch add BABA above 0.3');
    await app.command('/watch add AAPL', other);
    expect((await app.ingest.ingest([article(2)])).alertsQueued).toBe(0);
  });

  it('keeps a failed send in the outbox and retries it after the backoff, exactly once', async () => {
    await app.command('/watch add BABA');
    await app.ingest.ingest([article(3)]);
    app.platform.failNext.push(new DeliveryError('transient', 'HTTP 500 from the chat API'));
    expect(await app.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 1 });
    expect(await app.outbox.pendingCount()).toBe(1);
    // Not due yet: nothing is sent early.
    clock.advance(5_000);
    expect(await app.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 0 });
    clock.advance(5_000);
    expect(await app.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(app.platform.posts).toHaveLength(1);
    expect(await app.outbox.pendingCount()).toBe(0);
    expect(app.log.messages()).toContain('alert.failed');
  });

  it('waits as long as a 429 asks', async () => {
    await app.command('/watch add BABA');
    await app.ingest.ingest([article(4)]);
    app.platform.failNext.push(new DeliveryError('rate_limited', 'HTTP 429', 45_000));
    await app.dispatcher.dispatchDue();
    clock.advance(44_000);
    expect((await app.dispatcher.dispatchDue()).sent).toBe(0);
    clock.advance(1_000);
    expect((await app.dispatcher.dispatchDue()).sent).toBe(1);
  });

  it('pauses a channel the bot lost, holds its alert, and delivers it when the channel is set up again', async () => {
    await app.command('/watch add BABA');
    await app.ingest.ingest([article(5)]);
    app.platform.failNext.push(new DeliveryError('channel_gone', 'not_in_channel'));
    expect(await app.dispatcher.dispatchDue()).toMatchObject({ held: 1 });
    expect((await app.watchlists.list(desk))[0]?.paused).toBe(true);
    // Paused: a new story queues nothing and nothing is retried.
    expect((await app.ingest.ingest([article(6)])).alertsQueued).toBe(0);
    clock.advance(3_600_000);
    expect((await app.dispatcher.dispatchDue()).sent).toBe(0);
    const listed = await app.command('/watch list');
    expect(listed.text).toContain('paused');
    await app.command('/watch add BABA');
    expect((await app.dispatcher.dispatchDue()).sent).toBe(1);
    expect(app.platform.posts.map((p) => p.message.title)).toEqual([expect.stringContaining('(5)')]);
  });

  it('loses and repeats nothing across a restart, even one in the middle of a send', async () => {
    await app.command('/watch add BABA');
    await app.ingest.ingest([article(7), article(8)]);
    // Crash after the first alert was claimed for sending but before it was marked sent.
    const claimed = await app.outbox.claimDue(clock.now(), 1);
    expect(claimed).toHaveLength(1);
    closeDatabase(sqliteOf(app));

    const restarted = await build(file, clock);
    dbs.push(sqliteOf(restarted));
    expect(await restarted.outbox.recoverInFlight()).toBe(1);
    // Re-reading the same sources after the restart queues nothing new.
    expect((await restarted.ingest.ingest([article(7), article(8)])).alertsQueued).toBe(0);
    await restarted.dispatcher.dispatchDue();
    await restarted.dispatcher.dispatchDue();
    const titles = restarted.platform.posts.map((p) => p.message.title).sort();
    expect(titles).toEqual([expect.stringContaining('(7)'), expect.stringContaining('(8)')]);
    // The key a platform uses to drop a repeated send is stable per alert.
    expect(new Set(restarted.platform.posts.map((p) => p.idempotencyKey)).size).toBe(2);
  });

  it('refuses a watchlist change from someone who may not manage the channel, and stores nothing', async () => {
    const reply = await app.command('/watch add BABA', desk, false);
    expect(reply.kind).toBe('error');
    expect(await app.watchlists.list(desk)).toEqual([]);
    expect((await app.command('/watch list', desk, false)).text).toMatch(/No tickers are watched/);
  });

  it('stores nothing for bad input and says what to type instead', async () => {
    for (const text of ['/watch add BABA above 7', '/watch add NOTREAL', '/watch add']) {
      const reply = await app.command(text);
      expect(reply.kind).toBe('error');
      expect(reply.text).toMatch(/Try: \/watch add/);
    }
    expect(await app.watchlists.list(desk)).toEqual([]);
  });

  it('mutes a ticker for a while and alerts again afterwards', async () => {
    await app.command('/watch add BABA');
    await app.command('/watch mute BABA 1h');
    expect((await app.ingest.ingest([article(9)])).alertsQueued).toBe(0);
    clock.advance(3_600_001);
    expect((await app.ingest.ingest([article(10)])).alertsQueued).toBe(1);
  });

  it('summarises what it stored for a ticker', async () => {
    await app.command('/watch add BABA');
    await app.ingest.ingest([article(11), article(12)]);
    const reply = await app.command('/summary BABA 24h');
    expect(reply.kind).toBe('summary');
    expect(reply.text).toContain('Stories: 2');
    expect(reply.text).toMatch(/Most negative: -\d\.\d\d Alibaba shares plunge/);
    expect(reply.text).toMatch(/<https:\/\/news\.test\/story-1[12]>/);
  });
});
