import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { REPO, runCli, startCli } from '../run-cli.ts';

// The README's demo, as a newcomer runs it: a fresh database, the bundled seeds, commands on stdin.
describe('console demo (spawned process)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const env = { TICKERBELL_DB: join(tmp.dir, 'data', 'tickerbell.db') };

  it('prints the reply and an alert for BABA from the seeds, then exits 0', async () => {
    const r = await runCli(['start', '--once'], { stdin: '/watch add BABA\n', env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Watching BABA in this channel\./m);
    const alerts = r.stdout.split('\n').filter((l) => l.startsWith('ALERT  '));
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    expect(r.stdout).toMatch(/Ticker: BABA \(Alibaba Group Holding Ltd\)/);
    expect(r.stdout).toMatch(/Why: BABA is in the story/);
    // Replies come before the alerts of the cycle that follows them.
    expect(r.stdout.indexOf('Watching BABA')).toBeLessThan(r.stdout.indexOf('ALERT'));
    // Logs stay on stderr.
    expect(r.stdout).not.toContain('"level"');
    expect(r.stderr).toContain('cycle.done');
  });

  it('does not alert the same stories again on the next run, and remembers the watchlist', async () => {
    const r = await runCli(['start', '--once'], { stdin: '/watch list\n/summary BABA 30d\n', env });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('ALERT');
    expect(r.stdout).toMatch(/Watching 1 ticker in this channel:\n• BABA any sentiment/);
    expect(r.stdout).toMatch(/BABA · Alibaba Group Holding Ltd · last 30d\nStories: 4/);
  });

  it('answers a bad command with what to type instead and stores nothing', async () => {
    const r = await runCli(['start', '--once'], {
      stdin: '/watch add BABA above 7\n/watch add ZZZZZZ\n/watch list\n',
      env,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/! above 7 is out of range: a sentiment score is between -1 and 1\.\nTry: \/watch add/);
    expect(r.stdout).toMatch(/! "ZZZZZZ" is not a ticker I know/);
    expect(r.stdout).toMatch(/Watching 1 ticker in this channel:\n• BABA any sentiment/);
  });

  it('picks up an article dropped into a source directory', async () => {
    const dir = join(tmp.dir, 'articles');
    cpSync(join(REPO, 'seeds'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'new-story.md'),
      '---\ntitle: Alibaba shares plunge after cloud revenue misses estimates\nurl: https://news.test/baba-miss\n---\nAlibaba shares fell 9% after the company missed estimates and cut guidance.\n',
    );
    // The seeds already used up BABA's cooldown burst in this database; this test is about picking up
    // the file, so bundling is off (test/alerts covers the cooldown).
    const r = await runCli(['start', '--once'], {
      stdin: '',
      env: { ...env, TICKERBELL_SOURCES: dir, TICKERBELL_ALERT_COOLDOWN: '0m' },
    });
    expect(r.code).toBe(0);
    const alerts = r.stdout.split('\n').filter((l) => l.startsWith('ALERT  '));
    expect(alerts).toEqual(['ALERT  Alibaba shares plunge after cloud revenue misses estimates']);
    expect(r.stdout).toContain('https://news.test/baba-miss');
  });

  it('keeps running: re-reads its sources on the cron schedule and alerts on a new file without a restart', async () => {
    const dir = join(tmp.dir, 'live');
    cpSync(join(REPO, 'seeds'), dir, { recursive: true });
    const bot = startCli(['start'], {
      // Bundling off: the late story must show on its own however many seed alerts came first.
      env: {
        TICKERBELL_DB: join(tmp.dir, 'live.db'),
        TICKERBELL_SOURCES: dir,
        TICKERBELL_POLL_CRON: '*/1 * * * * *',
        TICKERBELL_ALERT_COOLDOWN: '0m',
      },
    });
    try {
      bot.send('/watch add BABA below -0.2');
      await bot.waitFor(/Watching BABA in this channel/);
      writeFileSync(
        join(dir, 'late.md'),
        '---\ntitle: Alibaba shares slump as regulators open a probe\n---\nAlibaba shares tumbled after regulators opened a fraud investigation.\n',
      );
      await bot.waitFor(/ALERT {2}Alibaba shares slump as regulators open a probe/);
      expect(await bot.stop('SIGTERM')).toBe(0);
      expect(bot.output().stderr).toContain('bot.stopped');
    } finally {
      await bot.stop('SIGKILL');
    }
  });

  it('lists every bad variable at once and exits 2', async () => {
    const r = await runCli(['start', '--once'], {
      env: { TICKERBELL_MIN_RELEVANCE: '7', TICKERBELL_POLL_CRON: 'every minute' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TICKERBELL_POLL_CRON/);
    expect(r.stderr).toMatch(/TICKERBELL_MIN_RELEVANCE/);
  });
});
