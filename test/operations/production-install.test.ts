// A production install (`npm ci --omit=dev`) has only the packages the lockfile does not mark as
// dev: its `prepare` build and the compiled CLI must work with those alone. The tree is built from
// the lockfile here (links into the checkout's node_modules) so the test needs no registry.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { REPO } from '../run-cli.ts';

interface LockEntry {
  readonly dev?: boolean;
}

/** Top-level packages `npm ci --omit=dev` installs, read from package-lock.json. */
function productionPackages(lockFile: string): string[] {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && entry.dev !== true)
    .map(([path]) => path.slice('node_modules/'.length));
}

const tmp = tempDir('tickerbell-prod-');
const app = join(tmp.dir, 'app');
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|TICKERBELL)_/.test(k))),
  TICKERBELL_DB: join(tmp.dir, 'demo.db'),
  ...extra,
});
const run = (command: string, args: readonly string[], input = ''): SpawnSyncReturns<string> =>
  spawnSync(command, args, { cwd: app, env: env(), input, encoding: 'utf8', timeout: 60_000 });

beforeAll(() => {
  // What a clone holds that the product reads: no tests, no dist/.
  for (const path of ['src', 'bin', 'drizzle', 'seeds', 'scripts/build.mjs', 'package.json', 'package-lock.json']) {
    cpSync(join(REPO, path), join(app, path), { recursive: true });
  }
  for (const name of productionPackages(join(app, 'package-lock.json'))) {
    const installed = join(REPO, 'node_modules', name);
    // Optional packages for other platforms are in the lockfile but not installed here.
    if (!existsSync(installed)) continue;
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(installed, join(app, 'node_modules', name), 'dir');
  }
}, 60_000);
afterAll(() => tmp.cleanup());

describe('a production install', () => {
  it('builds with its own packages (the prepare script) and runs the compiled demo', () => {
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false);
    const prepare = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'prepare']);
    expect(prepare.stderr).toBe('');
    expect(prepare.status).toBe(0);
    expect(statSync(join(app, 'dist', 'cli.js')).isFile()).toBe(true);

    const help = run(process.execPath, ['bin/tickerbell', 'help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/);

    const demo = run(process.execPath, ['bin/tickerbell', 'start', '--once'], '/watch add BABA\n');
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('Watching BABA in this channel.');
    expect(demo.stdout).toMatch(/ALERT {2}.*Alibaba/);

    const chart = run(process.execPath, ['bin/tickerbell', 'chart', 'BABA', '7d', '--out', join(tmp.dir, 'baba.png')]);
    expect(chart.status, chart.stderr).toBe(0);
    expect(readFileSync(join(tmp.dir, 'baba.png')).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  }, 120_000);
});
