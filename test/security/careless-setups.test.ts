// Careless setups: a feed URL with credentials is fetched with them but shown and logged as
// https://alice:***@host/feed (TICKERBELL_SOURCES ones too, in every workspace); a workspace may
// follow at most TICKERBELL_MAX_FEEDS_PER_WORKSPACE feeds; "/watch mute BABA -1h" says what is wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disabledNotice } from '../../src/app/feed-poller.ts';
import { composeApp, type App } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { ChannelRef } from '../../src/core/types.ts';
import { createLogger } from '../../src/log.ts';
import { manualClock } from '../helpers.ts';
import { rss, startFeedServer, type FeedServer } from '../feeds/feed-server.ts';

const scope: ChannelRef = { platform: 'slack', workspace: 'T0CARELESS', channel: 'C0CARELESS' };
const other: ChannelRef = { platform: 'discord', workspace: '830000000000000003', channel: '730000000000000003' };
let server: FeedServer;
let core: App;
let dir: string;
const logLines: string[] = [];
const authSeen: string[] = [];

const run = (where: ChannelRef, text: string) =>
  core.handleCommand({ text, scope: where, user: { id: 'U0ADMIN', canManage: true } });

beforeAll(async () => {
  server = await startFeedServer();
  for (let i = 0; i < 4; i++) {
    server.route(`/feed-${i}.xml`, (req, res) => {
      authSeen.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`Feed ${i}`, []));
    });
  }
  dir = mkdtempSync(join(tmpdir(), 'tickerbell-careless-'));
  const withCreds = server.base.replace('http://', 'http://ops:config-pass-77@');
  const config = loadConfig({
    TICKERBELL_DB: join(dir, 'bot.db'),
    TICKERBELL_SOURCES: `${dir},${withCreds}/feed-3.xml`,
    TICKERBELL_ALLOW_PRIVATE_FEEDS: 'true',
    TICKERBELL_MAX_FEEDS_PER_WORKSPACE: '2',
  });
  if (!config.ok) throw new Error(config.errors.join('; '));
  expect(config.config.maxFeedsPerWorkspace).toBe(2);
  const log = createLogger('debug', { write: (s: string) => void logLines.push(s) });
  core = await composeApp(config.config, { log, clock: manualClock().now, platforms: new Map() });
});
afterAll(async () => {
  await core.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('credentials in feed URLs', () => {
  it('are used to fetch but never shown in replies, lists, notices or logs', async () => {
    const url = server.base.replace('http://', 'http://alice:s3cret-pass@') + '/feed-0.xml';
    const added = await run(scope, `/feed add ${url}`);
    expect(added.title).toMatch(/^Added feed/);
    expect(authSeen.at(-1)).toBe(`Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`);
    const list = await run(scope, '/feed list');
    expect(list.text).toContain('http://alice:***@127.0.0.1');
    // The TICKERBELL_SOURCES feed is listed in every workspace, without its password.
    const elsewhere = await run(other, '/feed list');
    expect(elsewhere.text).toContain('http://ops:***@127.0.0.1');
    const feed = await core.stores.feeds.findByUrl(url);
    expect(feed?.url).toBe(url);
    const notice = disabledNotice({ ...(feed as NonNullable<typeof feed>), title: null }, 10, 'HTTP 500');
    const everything = [added.text, list.text, elsewhere.text, JSON.stringify(notice), logLines.join('')].join('\n');
    expect(everything).not.toContain('s3cret-pass');
    expect(everything).not.toContain('config-pass-77');
  });
});

describe('a per-workspace feed cap', () => {
  it('refuses the feed past TICKERBELL_MAX_FEEDS_PER_WORKSPACE with what to do instead', async () => {
    expect((await run(scope, `/feed add ${server.base}/feed-1.xml`)).title).toMatch(/^Added feed/);
    const refused = await run(scope, `/feed add ${server.base}/feed-2.xml`);
    expect(refused.kind).toBe('error');
    expect(refused.text).toMatch(/already follows 2 feeds/);
    expect(refused.text).toMatch(/TICKERBELL_MAX_FEEDS_PER_WORKSPACE/);
    expect(await core.stores.feeds.findByUrl(`${server.base}/feed-2.xml`)).toBeUndefined();
    // Another workspace has its own allowance.
    expect((await run(other, `/feed add ${server.base}/feed-2.xml`)).title).toMatch(/^Added feed/);
  });

  it('rejects a bad TICKERBELL_MAX_FEEDS_PER_WORKSPACE by name', () => {
    const r = loadConfig({ TICKERBELL_MAX_FEEDS_PER_WORKSPACE: 'lots' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/TICKERBELL_MAX_FEEDS_PER_WORKSPACE/);
  });
});

describe('/watch mute with a negative duration', () => {
  it('says the duration is wrong, not that "-1h" is not a ticker', async () => {
    const reply = await run(scope, '/watch mute BABA -1h');
    expect(reply.kind).toBe('error');
    expect(reply.text).toMatch(/-1h" is negative/);
    expect(reply.text).not.toMatch(/not a ticker/);
  });
});

describe('tickerbell ingest <feed URL>', () => {
  it('is for the whole deployment: its stories alert a workspace that follows no feed', async () => {
    const { runCli } = await import('../run-cli.ts');
    const { openDatabase, closeDatabase } = await import('../../src/storage/db.ts');
    const { createSqliteWatchlistStore } = await import('../../src/storage/watchlist-store.ts');
    server.route('/ops.xml', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss('Ops Wire', [
          {
            title: 'Alibaba shares plunge as cloud growth misses estimates',
            link: 'https://news.example/ops-1',
            body: 'Alibaba shares fell sharply after the company missed estimates and cut its outlook.',
          },
        ]),
      ),
    );
    const dbFile = join(dir, 'ingest.db');
    const db = openDatabase(dbFile);
    await createSqliteWatchlistStore(db).upsert(
      other,
      { symbol: 'BABA', above: null, below: null, minRelevance: 0.3, createdBy: 'test' },
      new Date(),
    );
    closeDatabase(db);
    const r = await runCli(['ingest', `${server.base}/ops.xml`], {
      env: { TICKERBELL_DB: dbFile, TICKERBELL_ALLOW_PRIVATE_FEEDS: 'true' },
    });
    expect(r.stdout).toMatch(/1 new, 0 already stored, 1 alert\(s\) queued/);
  }, 60_000);
});
