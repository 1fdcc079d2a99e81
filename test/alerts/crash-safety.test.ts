// Kills the real bot process with SIGKILL at random points during ingest and delivery, 50 times,
// then lets it finish: every alert that should exist reaches the (fake) Discord API exactly once,
// and the SQLite file passes its integrity check. Delivery is made slow on purpose so the kills
// land in the middle of sends, not only before or after them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { closeDatabase, openDatabase } from '../../src/storage/db.ts';
import { startFakeDiscord, type FakeDiscord } from '../discord/fake-discord.ts';
import { tempDir } from '../helpers.ts';
import { startCli } from '../run-cli.ts';

const KILLS = 50;
const GUILD = '800000000000000001';
const CHANNELS = ['810000000000000001', '810000000000000002', '810000000000000003'];
const COMPANIES: Array<[string, string]> = [
  ['BABA', 'Alibaba'],
  ['NVDA', 'Nvidia'],
  ['TSLA', 'Tesla'],
  ['MSFT', 'Microsoft'],
  ['AMZN', 'Amazon'],
];
const ARTICLES = 40;

// A seeded generator, so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('crash safety', () => {
  const tmp = tempDir('tickerbell-crash-');
  const dbFile = join(tmp.dir, 'bot.db');
  const sources = join(tmp.dir, 'articles');
  let discord: FakeDiscord;

  beforeAll(async () => {
    discord = await startFakeDiscord({ applicationId: '900000000000000010', guilds: [{ id: GUILD, name: 'Desk' }] });
    mkdirSync(sources);
    for (let i = 0; i < ARTICLES; i++) {
      const [, name] = COMPANIES[i % COMPANIES.length] as [string, string];
      writeFileSync(
        join(sources, `story-${String(i).padStart(3, '0')}.md`),
        `---\ntitle: ${name} shares jump after results beat estimates (report ${i})\nurl: https://news.test/crash/${i}\n---\n${name} shares rose after the company beat estimates and raised guidance. Report ${i}.\n`,
      );
    }
    const db = openDatabase(dbFile);
    const rules = createSqliteWatchlistStore(db);
    for (const channel of CHANNELS) {
      for (const [symbol] of COMPANIES) {
        await rules.upsert(
          { platform: 'discord', workspace: GUILD, channel },
          { symbol, above: null, below: null, minRelevance: 0.3, createdBy: 'test' },
          new Date(),
        );
      }
    }
    closeDatabase(db);
  });
  afterAll(async () => {
    await discord.close();
    tmp.cleanup();
  });

  it(`delivers every alert exactly once across ${KILLS} SIGKILLs`, async () => {
    const env = {
      TICKERBELL_DB: dbFile,
      TICKERBELL_SOURCES: sources,
      TICKERBELL_POLL_CRON: '*/1 * * * * *',
      TICKERBELL_LOG_LEVEL: 'info',
      // One message per alert, so "exactly once" can be counted message by message (bundling has its own tests).
      TICKERBELL_ALERT_COOLDOWN: '0m',
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APPLICATION_ID: '900000000000000010',
      DISCORD_GUILD_ID: GUILD,
      DISCORD_API_URL: `${discord.apiUrl}`,
    };
    const random = rng(8);
    const countPosts = () => discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;
    let killedMidSend = 0;
    for (let i = 0; i < KILLS; i++) {
      // Every message takes a while to answer, so some kills fall between send and "sent".
      discord.setLatencyMs(5 + Math.floor(random() * 30));
      const bot = startCli(['start'], { env });
      // Half the kills land during start-up and the first ingest, half once delivery is under way: after
      // the first send (or the cycle's end, when earlier runs left nothing to send), not a fixed time after
      // start-up, which on a loaded machine can still be ingesting.
      if (random() < 0.5) await new Promise((r) => setTimeout(r, random() * 1500));
      else
        await bot
          .waitForLog(/alert\.sent|cycle\.done/, 30_000)
          .then(() => new Promise((r) => setTimeout(r, random() * 400)));
      const before = discord.messages.length;
      const answered = countPosts();
      await bot.stop('SIGKILL');
      // A post the fake received whose answer the bot never recorded: the case that could double-post.
      if (countPosts() > answered || discord.messages.length > before) killedMidSend += 1;
    }

    // A last, clean run delivers whatever is left.
    discord.setLatencyMs(0);
    const bot = startCli(['start'], { env });
    const reader = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      // Earlier runs may have finished the work already; this run must still start and do a full cycle.
      await bot.waitForLog(/cycle\.done/, 60_000);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const left = reader.prepare("SELECT count(*) AS n FROM outbox WHERE status != 'sent'").get() as { n: number };
        const total = reader.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
        const articles = reader.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
        if (left.n === 0 && articles.n === ARTICLES && total.n > 0) break;
        if (Date.now() > deadline)
          throw new Error(`not finished: ${left.n} unsent, ${articles.n} articles\n${bot.output().stderr}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await bot.stop('SIGTERM')).toBe(0);

      const articles = reader.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
      expect(articles.n).toBe(ARTICLES);
      const rows = reader
        .prepare("SELECT channel, remote_id AS remoteId FROM outbox WHERE platform = 'discord'")
        .all() as Array<{ channel: string; remoteId: string | null }>;
      // Every (article, channel) pair the rules call for has its alert: 40 stories x 3 channels.
      expect(rows.length).toBe(ARTICLES * CHANNELS.length);
      // ... each delivered, to a message that exists ...
      const messageIds = new Set(discord.messages.map((m) => m.id));
      for (const row of rows) expect(row.remoteId !== null && messageIds.has(row.remoteId)).toBe(true);
      // ... and no message was posted twice: one message per delivery, one per nonce.
      const delivered = new Set(rows.map((r) => r.remoteId));
      expect(discord.messages.length).toBe(delivered.size);
      expect(new Set(discord.messages.map((m) => `${m.channelId}/${m.nonce}`)).size).toBe(discord.messages.length);
      expect(killedMidSend).toBeGreaterThan(0);
    } finally {
      reader.close();
      await bot.stop('SIGKILL');
    }
    const check = new Database(dbFile, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  }, 400_000);
});
