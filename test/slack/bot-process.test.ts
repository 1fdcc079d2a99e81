// The real bot process (bin/tickerbell start) against the fake Slack API with faults: it is killed
// while Slack holds a post it has already made, comes back, recognises that post in the channel's
// history instead of posting it again, rides out a 429 and a trickled answer, still answers a
// command, and exits 0 on SIGTERM.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/storage/db.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { tempDir } from '../helpers.ts';
import { startCli, type LiveCli } from '../run-cli.ts';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.ts';
import { postSigned, slashCommandBody } from './signed-requests.ts';

const TEAM = 'T0FAULTS';
const CHANNEL = 'C0FAULTS';
const SECRET = 'fault-test-signing-secret';

async function until(what: string, check: () => boolean, bot: LiveCli, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bot.output().stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the bot process under Slack faults', () => {
  const tmp = tempDir('tickerbell-faults-');
  const dbFile = join(tmp.dir, 'bot.db');
  const sources = join(tmp.dir, 'articles');
  let slack: FakeSlackApi;

  beforeAll(async () => {
    slack = await startFakeSlackApi({ teamId: TEAM });
    mkdirSync(sources);
    for (const i of [1, 2]) {
      writeFileSync(
        join(sources, `story-${i}.md`),
        `---\ntitle: Alibaba shares jump after results beat estimates (report ${i})\nurl: https://news.test/faults/${i}\n---\nAlibaba shares rose after the company beat estimates and raised guidance. Report ${i}.\n`,
      );
    }
    const db = openDatabase(dbFile);
    await createSqliteWatchlistStore(db).upsert(
      { platform: 'slack', workspace: TEAM, channel: CHANNEL },
      { symbol: 'BABA', above: null, below: null, minRelevance: 0.3, createdBy: 'test' },
      new Date(),
    );
    closeDatabase(db);
  });
  afterAll(async () => {
    await slack.close();
    tmp.cleanup();
  });

  it('survives a kill mid-send, a 429 and a slow answer, posts each alert once, keeps serving, and stops cleanly', async () => {
    const env = {
      TICKERBELL_DB: dbFile,
      TICKERBELL_SOURCES: sources,
      TICKERBELL_POLL_CRON: '*/1 * * * * *',
      TICKERBELL_ALERT_COOLDOWN: '0m',
      SLACK_BOT_TOKEN: 'xoxb-fault-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
    };
    const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');

    // First run: Slack posts the first alert but never answers; the process dies waiting.
    slack.faultNext('chat.postMessage', { kind: 'hang', afterEffect: true });
    const first = startCli(['start'], { env });
    try {
      await until('the first post', () => slack.messages.length === 1, first);
    } finally {
      await first.stop('SIGKILL');
    }
    expect(posts()).toHaveLength(1);

    // Second run: the next post meets a 429 (1 s), the one after that answers a few bytes at a time.
    slack.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const bot = startCli(['start'], { env });
    const reader = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const log = await bot.waitForLog(/"msg":"slack\.started"/, 20_000);
      const started = log.split('\n').find((line) => line.includes('"slack.started"')) ?? '{}';
      const port = Number((JSON.parse(started) as { port?: unknown }).port);
      await bot.waitForLog(/outbox\.recovered_in_flight/, 5_000);
      await until('the 429', () => posts().some((c) => c.status === 429), bot);
      slack.faultNext('chat.postMessage', { kind: 'trickle', chunkBytes: 8, chunkDelayMs: 50 });
      const unsent = () =>
        (reader.prepare("SELECT count(*) AS n FROM outbox WHERE status != 'sent'").get() as { n: number }).n;
      const total = () => (reader.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      await until('both alerts sent', () => total() === 2 && unsent() === 0, bot);

      // The killed run's post was found, not repeated; the other went out once despite the 429.
      expect(bot.output().stderr).toMatch(/slack\.earlier_copy_found/);
      expect(bot.output().stderr).toMatch(/"code":"rate_limited"/);
      expect(slack.messages).toHaveLength(2);
      expect(posts().map((c) => c.status)).toEqual([0, 429, 200]);
      const keys = slack.messages.map(
        (m) => (m.args['metadata'] as { event_payload: { key: string } }).event_payload.key,
      );
      expect(new Set(keys).size).toBe(2);
      const rows = reader.prepare('SELECT remote_id AS remoteId FROM outbox ORDER BY id').all() as Array<{
        remoteId: string;
      }>;
      expect(new Set(rows.map((r) => r.remoteId))).toEqual(new Set(slack.messages.map((m) => m.ts)));

      // Still serving: a slash command is answered.
      expect(port).toBeGreaterThan(0);
      const answer = await postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        SECRET,
        slashCommandBody(
          '/watch',
          'list',
          { team: TEAM, channel: CHANNEL, user: 'U0ANY' },
          `${slack.baseUrl}/respond/list`,
        ),
      );
      expect(answer.status).toBe(200);
      expect(answer.json()['text']).toMatch(/BABA/);

      expect(await bot.stop('SIGTERM')).toBe(0);
      expect(bot.output().stderr).toMatch(/bot\.stopped/);
    } finally {
      reader.close();
      await bot.stop('SIGKILL');
    }
  }, 60_000);
});
