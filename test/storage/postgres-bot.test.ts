// The bot on PostgreSQL: TICKERBELL_DATABASE_URL selects it in the configuration, the composition
// root builds every store on it, and the spawned bot runs its demo on it as it does on SQLite.
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { tempDir } from '../helpers.ts';
import { tempPostgres, type TempPostgres } from '../pg.ts';
import { runCli } from '../run-cli.ts';

describe('TICKERBELL_DATABASE_URL', () => {
  it('selects PostgreSQL with its pool size and statement timeout, and refuses what is not a PostgreSQL URL', () => {
    const on = loadConfig({
      TICKERBELL_DATABASE_URL: 'postgres://bot@db.internal:5432/tickerbell',
      TICKERBELL_DB_POOL_SIZE: '4',
      TICKERBELL_DB_STATEMENT_TIMEOUT: '15s',
    });
    expect(on.ok && on.config.database).toEqual({
      url: 'postgres://bot@db.internal:5432/tickerbell',
      poolSize: 4,
      statementTimeoutMs: 15_000,
    });
    const off = loadConfig({});
    expect(off.ok && off.config.database).toBeUndefined();
    const bad = loadConfig({
      TICKERBELL_DATABASE_URL: 'mysql://x',
      TICKERBELL_DB_POOL_SIZE: '0',
      TICKERBELL_DB_STATEMENT_TIMEOUT: '15',
    });
    expect(bad.ok ? [] : bad.errors.map((e) => e.split(':')[0])).toEqual([
      'TICKERBELL_DATABASE_URL',
      'TICKERBELL_DB_POOL_SIZE',
      'TICKERBELL_DB_STATEMENT_TIMEOUT',
    ]);
  });
});

describe('the bot on PostgreSQL (spawned process)', () => {
  let db: TempPostgres;
  const tmp = tempDir();
  beforeAll(async () => {
    db = await tempPostgres();
  });
  afterAll(async () => {
    await db.drop();
    tmp.cleanup();
  });
  // The SQLite file must not be touched: its directory is never created.
  const env = () => ({ TICKERBELL_DATABASE_URL: db.url, TICKERBELL_DB: join(tmp.dir, 'unused', 'x.db') });

  it('alerts on the demo once, remembers the watchlist across runs, and writes nothing to SQLite', async () => {
    const first = await runCli(['start', '--once'], { stdin: '/watch add BABA\n', env: env() });
    expect(first.stderr).not.toMatch(/"level":50/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Watching BABA in this channel\./m);
    const alerts = first.stdout.split('\n').filter((l) => l.startsWith('ALERT  '));
    expect(alerts.length).toBeGreaterThanOrEqual(3);

    const again = await runCli(['start', '--once'], { stdin: '/watch list\n/summary BABA 30d\n', env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('ALERT');
    expect(again.stdout).toMatch(/Watching 1 ticker in this channel:\n• BABA any sentiment/);
    expect(again.stdout).toMatch(/BABA · Alibaba Group Holding Ltd · last 30d\nStories: 4/);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const sent = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'");
      expect(sent.rows[0]?.n).toBe(alerts.length);
    } finally {
      await client.end();
    }
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(tmp.dir, 'unused'))).toBe(false);
  });
});
