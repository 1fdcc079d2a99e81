// Start-up time goes to what a command loads: a console run must not load the chat SDKs, the chart
// or the metrics library, and a cycle that finds nothing new must not build the ticker tables.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { BIN, REPO } from '../run-cli.ts';

// Preloaded into the CLI: at exit, prints every CommonJS file loaded (the SDKs and native addons are
// CommonJS, and packages read through require land in the same cache) and every file read whole.
const REPORT_LOADED = `data:text/javascript,${encodeURIComponent(`
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const r = createRequire(process.cwd() + '/');
const read = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = (file, ...rest) => { read.push(String(file)); return readFileSync(file, ...rest); };
syncBuiltinESMExports();
process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify([...Object.keys(r.cache), ...read]) + '\\n'));
`)}`;

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function loadedBy(db: string, args: readonly string[], input: string): string[] {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|TICKERBELL)_/.test(k)));
  const r = spawnSync(process.execPath, ['--import', REPORT_LOADED, BIN, ...args], {
    cwd: REPO,
    env: { ...env, TICKERBELL_DB: join(tmp.dir, db) },
    input,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (line === undefined) throw new Error(`no load report in: ${r.stderr.slice(-500)}`);
  return (JSON.parse(line.slice('LOADED '.length)) as string[]).map((f) => f.replace(/^.*node_modules\//, ''));
}

const packageOf = (file: string): string =>
  file.startsWith('@') ? file.split('/').slice(0, 2).join('/') : (file.split('/')[0] ?? file);

describe('what a console start loads', () => {
  it('the demo with --once: SQLite and the analysis, no chat SDK, chart or metrics', () => {
    const packages = new Set(loadedBy('a.db', ['start', '--once'], '/watch add BABA\n').map(packageOf));
    expect(packages).toContain('better-sqlite3');
    for (const heavy of [
      '@slack/bolt',
      '@slack/web-api',
      'discord.js',
      '@discordjs/ws',
      'echarts',
      '@resvg/resvg-js',
      'prom-client',
    ])
      expect(packages).not.toContain(heavy);
  });

  it('the demo reads the ticker index, the finder name tables and the model tables the build precomputed (dist/startup-data)', () => {
    const precomputed = loadedBy('c.db', ['start', '--once'], '/watch add BABA\n').filter((f) =>
      /dist\/startup-data\/(ticker-index|finder-names|model-tables)\.bin$/.test(f),
    );
    expect(precomputed.sort()).toEqual([
      join(REPO, 'dist', 'startup-data', 'finder-names.bin'),
      join(REPO, 'dist', 'startup-data', 'model-tables.bin'),
      join(REPO, 'dist', 'startup-data', 'ticker-index.bin'),
    ]);
  });

  it('a second --once with nothing new reads no ticker or model tables', () => {
    const tables = /tickers\.json|sentiment-model\.json|afinn|sentiment\/languages/;
    expect(
      loadedBy('b.db', ['start', '--once'], '/watch add BABA\n').filter((f) => tables.test(f)).length,
    ).toBeGreaterThanOrEqual(3);
    expect(loadedBy('b.db', ['start', '--once'], '').filter((f) => tables.test(f))).toEqual([]);
  });
});
