// The real bot process started with chat APIs it cannot reach (or that fail halfway): whatever it
// prints, on stdout or stderr, at any level, holds no token and no signing secret, and it exits
// (or keeps trying) with its errors told through the logger.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { startCli } from '../run-cli.ts';

const BOT = 'xoxb-4242424242-SECRETBOTTOKEN-a1b2c3';
const APP = 'xapp-1-A0SECRETAPP-4242-d4e5f6';
const SIGNING = 'signing-secret-9f8e7d6c5b4a';
const DISCORD = 'OTAwMDAwMDAwMDAwMDAwMDEw.GSECRT.discordsecrettokenpart-0123456789abcdef';
const SECRETS = [BOT, APP, SIGNING, DISCORD, 'SECRETBOTTOKEN', 'A0SECRETAPP', 'discordsecrettokenpart'];

let closedPort: number;
let halfSlack: Server;
let halfSlackUrl: string;
const tmp = tempDir('tickerbell-secrets-');

beforeAll(async () => {
  // A port nothing listens on: every call is refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  // A Slack API that answers auth.test and hangs up on everything else (Socket Mode's
  // apps.connections.open, which carries the app-level token).
  halfSlack = createServer((req, res) => {
    req.resume();
    if (req.url?.includes('auth.test') === true) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, user_id: 'UBOT', team_id: 'T1', bot_id: 'B1' }));
    } else res.socket?.destroy();
  });
  await new Promise<void>((r) => halfSlack.listen(0, '127.0.0.1', r));
  halfSlackUrl = `http://127.0.0.1:${(halfSlack.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  await new Promise((r) => halfSlack.close(r));
  tmp.cleanup();
});

async function run(
  name: string,
  env: Record<string, string>,
  settleMs: number,
): Promise<{ all: string; code: number | null }> {
  const bot = startCli(['start'], {
    env: {
      TICKERBELL_DB: join(tmp.dir, `${name}.db`),
      TICKERBELL_SOURCES: tmp.dir,
      TICKERBELL_LOG_LEVEL: 'debug',
      PORT: '0',
      ...env,
    },
  });
  // Either it gives up (start failed) or it keeps trying; both within settleMs.
  const gaveUp = await bot.waitForLog(/bot\.start_failed/, settleMs).then(
    () => true,
    () => false,
  );
  const code = await bot.stop('SIGTERM');
  if (!gaveUp) expect(bot.output().stderr).toMatch(/"level":50/);
  const { stdout, stderr } = bot.output();
  return { all: `${stdout}\n${stderr}`, code };
}

function expectNoSecret(all: string): void {
  for (const secret of SECRETS) expect(all, `output holds ${secret}`).not.toContain(secret);
  expect(all).not.toMatch(/Bearer xox|Bot [A-Za-z0-9]{20}/);
}

describe('no token in the output when the chat APIs fail at start', () => {
  it('Slack HTTP mode, API unreachable: start fails through the logger, no token printed', async () => {
    const r = await run(
      'slack-http',
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/` },
      40_000,
    );
    expect(r.all).toMatch(/bot\.start_failed/);
    expect(r.all).toMatch(/ECONNREFUSED/);
    expectNoSecret(r.all);
  }, 60_000);

  it('Slack Socket Mode, apps.connections.open failing: no bot or app token printed', async () => {
    const r = await run(
      'slack-socket',
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: halfSlackUrl },
      30_000,
    );
    expect(r.all.length).toBeGreaterThan(0);
    expectNoSecret(r.all);
  }, 60_000);

  it('Discord and Slack together, both unreachable: no token printed', async () => {
    const r = await run(
      'both',
      {
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SIGNING,
        SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/`,
        DISCORD_TOKEN: DISCORD,
        DISCORD_APPLICATION_ID: '900000000000000010',
        DISCORD_API_URL: `http://127.0.0.1:${closedPort}/api`,
      },
      40_000,
    );
    expect(r.all).toMatch(/bot\.start_failed/);
    expectNoSecret(r.all);
  }, 60_000);

  it('Discord alone, unreachable: start fails through the logger, no token printed', async () => {
    const r = await run(
      'discord',
      {
        DISCORD_TOKEN: DISCORD,
        DISCORD_APPLICATION_ID: '900000000000000010',
        DISCORD_API_URL: `http://127.0.0.1:${closedPort}/api`,
      },
      60_000,
    );
    expect(r.all).toMatch(/bot\.start_failed/);
    expectNoSecret(r.all);
  }, 90_000);
});
