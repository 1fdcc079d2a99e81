// The first hour's rough edges, each as a user meets it.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigestMessage } from '../../src/app/digest-runner.ts';
import { createCommandHandler } from '../../src/app/handle-command.ts';
import { createIngest } from '../../src/app/ingest.ts';
import { renderDiscordMessage } from '../../src/chat/discord/render.ts';
import { renderSlackMessage } from '../../src/chat/slack/render.ts';
import { buildHelpMessage } from '../../src/core/commands/help.ts';
import type { ChannelRef, RawArticle } from '../../src/core/types.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { createDefaultAnalyzer } from '../../src/analyzer.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { closeDatabase, openDatabase, type Db } from '../../src/storage/db.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { manualClock, recordingLogger, tempDir } from '../helpers.ts';

const universe = loadTickerUniverse();
const analyzer = createDefaultAnalyzer(universe);
const desk: ChannelRef = { platform: 'console', workspace: 'acme', channel: 'desk' };

describe('commands', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  const handler = (timezoneFor?: (scope: ChannelRef) => Promise<string>) =>
    createCommandHandler({
      tickers: universe,
      watchlists: createSqliteWatchlistStore(db),
      articles: createSqliteArticleStore(db),
      clock: clock.now,
      log: recordingLogger(),
      defaultMinRelevance: 0.3,
      ...(timezoneFor !== undefined ? { timezoneFor } : {}),
    });
  const run = (text: string, timezoneFor?: (scope: ChannelRef) => string) =>
    handler(timezoneFor === undefined ? undefined : (scope) => Promise.resolve(timezoneFor(scope)))({
      text,
      scope: desk,
      user: { id: 'u1', canManage: true },
    });

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.dir, 'bot.db'));
  });
  afterEach(() => {
    closeDatabase(db);
    dir.cleanup();
  });

  it.each([
    ['/watch add AAPL above -1', /above -1 matches every story/],
    ['/watch add AAPL below 1', /below 1 matches every story/],
  ])('refuses %s, a threshold every story passes, and stores nothing', async (text, why) => {
    const reply = await run(text);
    expect(reply.kind).toBe('error');
    expect(reply.text).toMatch(why);
    expect((await run('/watch list')).text).toContain('No tickers are watched');
  });

  it('still accepts thresholds just inside the range', async () => {
    expect((await run('/watch add AAPL above -0.99')).kind).not.toBe('error');
    expect((await run('/watch add MSFT below 0.99')).kind).not.toBe('error');
  });

  it('echoes cooldown 2h as 2h, and 90m as 90m', async () => {
    expect((await run('/watch add BABA cooldown 2h')).text).toContain('cooldown 2h');
    expect((await run('/watch add AAPL cooldown 90m')).text).toContain('cooldown 90m');
    expect((await run('/watch list')).text).toMatch(/BABA any sentiment relevance ≥ 0\.3 cooldown 2h/);
  });

  it("shows mute times in the channel's zone, with UTC beside them", async () => {
    await run('/watch add BABA');
    const ny = () => 'America/New_York';
    const reply = await run('/watch mute BABA 2h', ny);
    // 12:00 UTC + 2h = 14:00 UTC = 09:00 in New York (EST in March before the switch).
    expect(reply.text).toBe('Muted BABA until 09:00 America/New_York (14:00 UTC).');
    expect((await run('/watch list', ny)).text).toContain('(muted until 09:00 America/New_York (14:00 UTC))');
    const tomorrow = await run('/watch mute BABA 1d', ny);
    expect(tomorrow.text).toBe('Muted BABA until 2026-03-03 07:00 America/New_York (12:00 UTC).');
  });
});

describe('/help', () => {
  it('lists every topic, feed included, within what Slack and Discord show', () => {
    const help = buildHelpMessage(null);
    const discord = JSON.stringify(renderDiscordMessage(help).embeds);
    const slack = JSON.stringify(renderSlackMessage(help).blocks);
    for (const usage of [
      '/watch add',
      '/summary',
      '/digest daily',
      '/quiet',
      '/feed add',
      '/feed list',
      '/feed remove',
      '/feed retry',
      '/help',
    ]) {
      expect(discord).toContain(usage);
      expect(slack).toContain(usage);
    }
    expect(help.text).toContain('/feed add <url>');
  });

  it('explains one topic with examples', () => {
    const help = buildHelpMessage('feed');
    expect(help.fields?.map((f) => f.name)).toEqual([
      '/feed add <url>',
      '/feed list',
      '/feed remove <id|url>',
      '/feed retry <id|url>',
    ]);
    expect(help.fields?.[0]?.value).toContain('e.g. /feed add');
  });
});

describe('/digest now', () => {
  it('counts a story about two watched tickers once, and only tickers with stories as covered', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.dir, 'bot.db'));
    try {
      const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
      const articles = createSqliteArticleStore(db);
      const watchlists = createSqliteWatchlistStore(db);
      const handle = createCommandHandler({
        tickers: universe,
        watchlists,
        articles,
        clock: clock.now,
        log: recordingLogger(),
        defaultMinRelevance: 0.3,
      });
      await handle({ text: '/watch add AAPL,MSFT,BABA,TSLA,NVDA', scope: desk, user: { id: 'u1', canManage: true } });
      const story = (n: number, title: string, body: string): RawArticle => ({
        origin: `s${n}`,
        sourceName: 'Wire',
        format: 'text',
        title,
        body,
        url: `https://news.test/${n}`,
      });
      const ingest = createIngest({ analyzer, articles, clock: clock.now, log: recordingLogger() });
      const report = await ingest.ingest([
        story(
          1,
          'Apple and Microsoft shares rise on AI deal',
          'Apple Inc. and Microsoft Corp. shares rose after the two agreed an AI partnership. Apple gained 3% and Microsoft 2%.',
        ),
        story(
          2,
          'Apple shares climb after record iPhone sales',
          'Apple Inc. reported record iPhone sales and its shares rose 4%.',
        ),
        story(3, 'Microsoft beats estimates on cloud growth', 'Microsoft Corp. beat estimates as cloud revenue grew.'),
        story(
          4,
          'Apple faces a new antitrust probe',
          'Apple Inc. shares fell after regulators opened an antitrust probe.',
        ),
      ]);
      expect(report.stored).toBe(4);
      const perTicker = await Promise.all(
        ['AAPL', 'MSFT'].map(async (s) => (await articles.storiesForTicker(s, new Date(0), 0.3)).length),
      );
      expect(perTicker[0]! + perTicker[1]!).toBeGreaterThan(4);
      const digest = await buildDigestMessage(
        { watchlists, articles, tickers: universe, minRelevance: 0.3 },
        desk,
        'daily',
        clock.now(),
      );
      expect(digest.text.split('\n')[0]).toBe('Daily digest · last 24h · 4 stories on 2 of 5 watched tickers');
    } finally {
      closeDatabase(db);
      dir.cleanup();
    }
  });
});
