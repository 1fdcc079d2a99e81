// The process-wide guard, in a real child process: an unhandled rejection (one operation's
// failure) is logged redacted and the process keeps serving; an uncaught exception is logged
// redacted and the process stops cleanly with code 1. Node never prints either error itself.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../run-cli.ts';

const TOKEN = 'xoxb-777-GUARDSECRET-abc';

const SCRIPT = `
import { createLogger } from './src/log.ts';
import { installProcessGuard } from './src/process-guard.ts';
const log = createLogger('info', undefined, { secrets: [] });
const keepAlive = setInterval(() => undefined, 1000);
installProcessGuard({ log, shutdown: (reason) => { log.info({ reason }, 'bot.stopping'); clearInterval(keepAlive); } });
const axiosLike = (msg) => Object.assign(new Error(msg), { config: { method: 'post', url: 'https://slack.com/api/auth.test', headers: { Authorization: 'Bearer ${TOKEN}' }, data: 'token=${TOKEN}' } });
void Promise.reject(axiosLike('one request failed'));
setTimeout(() => {
  process.stdout.write('still-serving\\n');
  setTimeout(() => { throw axiosLike('something broke'); }, 50);
}, 300);
`;

function runScript(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the process-wide guard', () => {
  it('keeps serving after a rejection, stops cleanly after an exception, and prints no token', async () => {
    const { code, out } = await runScript();
    expect(out).toMatch(/process\.unhandled_rejection/);
    expect(out.indexOf('still-serving')).toBeGreaterThan(out.indexOf('process.unhandled_rejection'));
    expect(out).toMatch(/process\.uncaught_exception/);
    expect(out).toMatch(/"reason":"uncaught_exception"/);
    expect(code).toBe(1);
    expect(out).not.toContain('GUARDSECRET');
    expect(out).not.toMatch(/Bearer xox/);
  }, 30_000);
});
