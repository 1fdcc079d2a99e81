import { readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { startOnPty } from '../pty.ts';
import { REPO } from '../run-cli.ts';

// The console as a person at a terminal uses it: a real pseudo-terminal, keys typed.
describe('console on a terminal', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('stops cleanly on the first Ctrl-C: exit 0, the shutdown in the log, log lines kept off the prompt', async () => {
    const dir = join(tmp.dir, 'ctrl-c');
    const bot = startOnPty(['start'], { TICKERBELL_DB: join(dir, 'data', 'tickerbell.db') });
    try {
      await bot.waitFor(/tickerbell> /);
      await bot.waitFor(/Logs go to .*tickerbell\.log/);
      bot.type('\x03');
      expect(await bot.exited).toBe(0);
      const screen = await bot.waitFor(/Stopped\./);
      // The JSON log went to the file, not into the terminal.
      expect(screen).not.toContain('"level"');
      const log = readFileSync(join(dir, 'data', 'tickerbell.log'), 'utf8');
      expect(log).toMatch(/"signal":"SIGINT".*"msg":"bot\.stopping"/);
      expect(log).toContain('"msg":"bot.stopped"');
    } finally {
      bot.kill();
    }
  });

  it('says how to stop on Ctrl-D, and redraws the prompt with what was being typed after an alert', async () => {
    const dir = join(tmp.dir, 'alert');
    const sources = join(dir, 'articles');
    cpSync(join(REPO, 'seeds'), sources, { recursive: true });
    const bot = startOnPty(['start'], {
      TICKERBELL_DB: join(dir, 'data', 'tickerbell.db'),
      TICKERBELL_SOURCES: sources,
      TICKERBELL_POLL_CRON: '*/1 * * * * *',
      TICKERBELL_ALERT_COOLDOWN: '0m',
    });
    try {
      await bot.waitFor(/tickerbell> /);
      bot.type('/watch add BABA below -0.2\r');
      await bot.waitFor(/Watching BABA in this channel/);
      bot.type('/watch li');
      writeFileSync(
        join(sources, 'late.md'),
        '---\ntitle: Alibaba shares slump as regulators open a probe\n---\nAlibaba shares tumbled after regulators opened a fraud investigation.\n',
      );
      // After the alert's closing rule: the prompt again, with the half-typed command (terminal escapes between).
      const esc = String.raw`(?:\u001b\[[0-9;]*[A-Za-z])*`;
      const screen = await bot.waitFor(
        new RegExp(`ALERT {2}Alibaba shares slump[\\s\\S]*─{72}\\r?\\n${esc}tickerbell> ${esc}/watch li`, 'u'),
      );
      expect(screen).toContain('ALERT  Alibaba shares slump');
      bot.type('st\r');
      await bot.waitFor(/Watching 1 ticker in this channel/);
      bot.type('\x04');
      await bot.waitFor(/the bot keeps running and posting alerts here\. Ctrl-C stops it\./);
      bot.type('\x03');
      expect(await bot.exited).toBe(0);
    } finally {
      bot.kill();
    }
  });
});
