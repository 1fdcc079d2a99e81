// npm run discord:register and discord:invite, run as a user would, against the local fake.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP = '900000000000000077';

function script(name: string, env: Record<string, string>, args: string[] = []) {
  // Only what the script needs: no DISCORD_* from the developer's shell leaks in.
  return run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
}

describe('discord scripts', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ applicationId: APP });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('discord:register without DISCORD_GUILD_ID registers every command globally', async () => {
    const { stdout } = await script('discord-register', {
      DISCORD_TOKEN: 'fake.token',
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(stdout).toMatch(/Registered \/watch, \/watchlist, \/summary, \/feed, \/digest, \/quiet, \/help globally/);
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP}/commands`);
    expect((put?.body as Array<{ name: string }>).map((c) => c.name)).toEqual([
      'watch',
      'watchlist',
      'summary',
      'feed',
      'digest',
      'quiet',
      'help',
    ]);
  });

  it('discord:invite prints the URL with both scopes and the channel permissions', async () => {
    const { stdout } = await script('discord-invite', { DISCORD_APPLICATION_ID: APP });
    const url = new URL(stdout.split('\n')[0] ?? '');
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const perms = BigInt(url.searchParams.get('permissions') ?? '0');
    // View Channel, Send Messages, Embed Links: without any of these an alert cannot be posted.
    for (const bit of [10n, 11n, 14n]) expect(perms & (1n << bit)).not.toBe(0n);
    // Nothing administrative.
    expect(perms & (1n << 3n)).toBe(0n);
  });
});
