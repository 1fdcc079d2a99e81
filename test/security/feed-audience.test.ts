// Feeds belong to their workspace. Two Slack workspaces and two Discord guilds on one bot: a
// private feed's stories alert and summarise only where that feed is followed; the same story
// through a public feed is one article, which the public feed's followers see under the public
// source only; a feed from TICKERBELL_SOURCES reaches everyone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingCommand } from '../../src/app/ports/chat.ts';
import { composeApp, type App } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { ChannelRef } from '../../src/core/types.ts';
import { manualClock, readOutbox, recordingLogger, sqliteOf } from '../helpers.ts';
import { rss, startFeedServer, type FeedServer, type Item } from '../feeds/feed-server.ts';

const slackA: ChannelRef = { platform: 'slack', workspace: 'T0AAAAAAA', channel: 'C0AAAAAAA' };
const slackB: ChannelRef = { platform: 'slack', workspace: 'T0BBBBBBB', channel: 'C0BBBBBBB' };
const guildA: ChannelRef = { platform: 'discord', workspace: '810000000000000001', channel: '710000000000000001' };
const guildB: ChannelRef = { platform: 'discord', workspace: '820000000000000002', channel: '720000000000000002' };
const EVERYONE = [slackA, slackB, guildA, guildB];

const story = (slug: string, title: string): Item => ({
  title,
  link: `https://news.example/${slug}`,
  body: `${title}. Alibaba shares fell sharply after the company missed estimates and cut its outlook for the year.`,
  date: 'Mon, 02 Mar 2026 11:00:00 GMT',
});
const OLD = story('old', 'Alibaba shares slip in early trade');
const SECRET = story('secret', 'Alibaba internal memo: cloud unit to be restructured');
const SHARED = story('shared', 'Alibaba shares plunge as cloud growth misses estimates');
const WIRE = story('wire', 'Alibaba shares tumble as regulators open a new probe');

let server: FeedServer;
let core: App;
let dir: string;
const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
const feeds: Record<string, { title: string; items: Item[] }> = {
  '/private.xml': { title: 'Intranet Desk', items: [OLD] },
  '/public.xml': { title: 'Public Wire', items: [OLD] },
  '/config.xml': { title: 'House Wire', items: [OLD] },
};

const run = (scope: ChannelRef, text: string) =>
  core.handleCommand({ text, scope, user: { id: 'U0ADMIN', canManage: true } } satisfies IncomingCommand);
const alertsFor = (scope: ChannelRef) =>
  readOutbox(sqliteOf(core)).filter((r) => {
    const row = sqliteOf(core).$client.prepare('SELECT platform, workspace FROM outbox WHERE id = ?').get(r.id) as {
      platform: string;
      workspace: string;
    };
    return row.platform === scope.platform && row.workspace === scope.workspace && r.message.kind === 'alert';
  });
const poll = async (path: string) => {
  const feed = await core.stores.feeds.findByUrl(`${server.base}${path}`);
  if (feed === undefined) throw new Error(`no feed ${path}`);
  clock.advance(5_000);
  return core.feedPoller.pollFeed(feed.id);
};

beforeAll(async () => {
  server = await startFeedServer();
  for (const [path, feed] of Object.entries(feeds)) {
    server.route(path, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(feed.title, feed.items)),
    );
  }
  dir = mkdtempSync(join(tmpdir(), 'tickerbell-audience-'));
  const config = loadConfig({
    TICKERBELL_DB: join(dir, 'bot.db'),
    TICKERBELL_SOURCES: `${dir},${server.base}/config.xml`,
    TICKERBELL_ALLOW_PRIVATE_FEEDS: 'true',
  });
  if (!config.ok) throw new Error(config.errors.join('; '));
  core = await composeApp(config.config, { log: recordingLogger(), clock: clock.now, platforms: new Map() });
  for (const scope of EVERYONE) expect((await run(scope, '/watch add BABA')).kind).not.toBe('error');
  // Slack A and guild A follow the private feed; Slack A and Slack B the public one; guild B none.
  for (const [scope, path] of [
    [slackA, '/private.xml'],
    [guildA, '/private.xml'],
    [slackA, '/public.xml'],
    [slackB, '/public.xml'],
  ] as const) {
    const reply = await run(scope, `/feed add ${server.base}${path}`);
    expect(reply.title).toMatch(/^Added feed/);
  }
  await poll('/config.xml');
});
afterAll(async () => {
  await core.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feeds belong to their workspace', () => {
  it('a private feed alerts only the workspaces that follow it', async () => {
    feeds['/private.xml']?.items.push(SECRET, SHARED);
    await poll('/private.xml');
    const titles = (scope: ChannelRef) =>
      alertsFor(scope)
        .map((a) => a.message.title)
        .sort();
    expect(titles(slackA)).toEqual([SECRET.title, SHARED.title].sort());
    expect(titles(guildA)).toEqual([SECRET.title, SHARED.title].sort());
    expect(titles(slackB)).toEqual([]);
    expect(titles(guildB)).toEqual([]);
  });

  it('the same story through a public feed is one article; its followers see only the public source', async () => {
    const before = sqliteOf(core).$client.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
    feeds['/public.xml']?.items.push(SHARED);
    await poll('/public.xml');
    expect((sqliteOf(core).$client.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(
      before.n,
    );
    const b = alertsFor(slackB);
    expect(b.map((a) => a.message.title)).toEqual([SHARED.title]);
    const sources = (b[0]?.message.fields ?? []).find((f) => /^Sources?$/.test(f.name))?.value ?? '';
    expect(sources).toMatch(/^Public Wire /);
    expect(JSON.stringify(b[0]?.message)).not.toContain('Intranet Desk');
    // Slack A follows both: one alert for the story (not a second), naming both sources.
    const a = alertsFor(slackA).filter((x) => x.message.title === SHARED.title);
    expect(a).toHaveLength(1);
    expect(JSON.stringify(a[0]?.message)).toMatch(/Intranet Desk, Public Wire/);
    expect(alertsFor(guildB)).toEqual([]);
  });

  it('summaries count and name only what the workspace may see', async () => {
    const topSources = async (scope: ChannelRef) => {
      const m = await run(scope, '/summary BABA 24h');
      return { text: m.text, sources: (m.fields ?? []).find((f) => f.name === 'Top sources')?.value ?? '' };
    };
    const b = await topSources(slackB);
    expect(b.sources).toContain('Public Wire');
    expect(b.text).not.toContain('Intranet Desk');
    expect(b.text).not.toContain(SECRET.title);
    const a = await topSources(guildA);
    expect(a.sources).toContain('Intranet Desk');
    const none = await topSources(guildB);
    expect(none.text).not.toContain('Intranet Desk');
    expect(none.text).not.toContain('Public Wire');
  });

  it('a feed from TICKERBELL_SOURCES reaches every workspace', async () => {
    feeds['/config.xml']?.items.push(WIRE);
    await poll('/config.xml');
    for (const scope of EVERYONE) expect(alertsFor(scope).map((a) => a.message.title)).toContain(WIRE.title);
  });

  it('removing the private feed does not open its stories to anyone else', async () => {
    for (const scope of [slackA, guildA]) {
      const list = await run(scope, '/feed list');
      const id = /#(\d+) Intranet Desk/.exec(list.text)?.[1];
      expect(id).toBeDefined();
      expect((await run(scope, `/feed remove ${id ?? ''}`)).title).toMatch(/^Removed/);
    }
    const m = await run(slackB, '/summary BABA 24h');
    expect(m.text).not.toContain(SECRET.title);
    expect(m.text).not.toContain('Intranet Desk');
  });
});
