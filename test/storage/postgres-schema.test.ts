import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres, PG_MIGRATIONS_DIR, type PgDb } from '../../src/storage/postgres/db.ts';
import { tempDb } from '../helpers.ts';
import { tempPostgres, type TempPostgres } from '../pg.ts';

interface Shape {
  /** table -> "column nullable" in name order */
  readonly columns: Record<string, string[]>;
  /** table -> primary key columns */
  readonly primaryKeys: Record<string, string[]>;
  /** unique index name -> "table(columns)" */
  readonly uniques: Record<string, string>;
  /** every index name, unique or not (primary keys aside) */
  readonly indexes: string[];
}

function sqliteShape(): Shape {
  const t = tempDb();
  try {
    const client = t.db.$client;
    const tables = (
      client
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`,
        )
        .all() as Array<{ name: string }>
    ).map((r) => r.name);
    const columns: Record<string, string[]> = {};
    const primaryKeys: Record<string, string[]> = {};
    const uniques: Record<string, string> = {};
    const indexes: string[] = [];
    for (const table of tables) {
      const info = client.prepare(`PRAGMA table_info(${table})`).all() as Array<{
        name: string;
        notnull: number;
        pk: number;
      }>;
      columns[table] = info.map((c) => `${c.name} ${c.notnull === 1 || c.pk === 1 ? 'not null' : 'null'}`).sort();
      primaryKeys[table] = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      for (const ix of client.prepare(`PRAGMA index_list(${table})`).all() as Array<{
        name: string;
        unique: number;
        origin: string;
      }>) {
        if (ix.origin === 'pk') continue;
        indexes.push(ix.name);
        if (ix.unique === 1) {
          const cols = (client.prepare(`PRAGMA index_info(${ix.name})`).all() as Array<{ name: string }>).map(
            (c) => c.name,
          );
          uniques[ix.name] = `${table}(${cols.join(',')})`;
        }
      }
    }
    return { columns, primaryKeys, uniques, indexes: indexes.sort() };
  } finally {
    t.cleanup();
  }
}

async function postgresShape(db: PgDb): Promise<Shape> {
  const cols = await db.execute<{ table_name: string; column_name: string; is_nullable: string }>(
    sql`SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const columns: Record<string, string[]> = {};
  for (const c of cols.rows)
    (columns[c.table_name] ??= []).push(`${c.column_name} ${c.is_nullable === 'YES' ? 'null' : 'not null'}`);
  for (const k of Object.keys(columns)) columns[k]?.sort();
  const pks = await db.execute<{ table_name: string; column_name: string }>(
    sql`SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' ORDER BY tc.table_name, kcu.ordinal_position`,
  );
  const primaryKeys: Record<string, string[]> = {};
  for (const r of pks.rows) (primaryKeys[r.table_name] ??= []).push(r.column_name);
  const ixs = await db.execute<{ indexname: string; tablename: string; indexdef: string }>(
    sql`SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_pk'`,
  );
  const uniques: Record<string, string> = {};
  for (const ix of ixs.rows) {
    if (!ix.indexdef.startsWith('CREATE UNIQUE')) continue;
    const inner = /USING btree \(([^)]*)\)/.exec(ix.indexdef)?.[1] ?? '';
    uniques[ix.indexname] = `${ix.tablename}(${inner.replace(/"/g, '').split(', ').join(',')})`;
  }
  return { columns, primaryKeys, uniques, indexes: ixs.rows.map((r) => r.indexname).sort() };
}

describe('the PostgreSQL schema', () => {
  let pgServer: TempPostgres;
  beforeAll(async () => {
    pgServer = await tempPostgres();
  });
  afterAll(async () => {
    await pgServer.drop();
  });

  it('has the same tables, columns, nullability, keys and indexes as the SQLite schema after migrating', async () => {
    const db = await openPostgres(pgServer.url);
    try {
      const pgShape = await postgresShape(db);
      const liteShape = sqliteShape();
      expect(Object.keys(pgShape.columns).sort()).toEqual(Object.keys(liteShape.columns).sort());
      expect(pgShape.columns).toEqual(liteShape.columns);
      expect(pgShape.primaryKeys).toEqual(liteShape.primaryKeys);
      expect(pgShape.uniques).toEqual(liteShape.uniques);
      expect(pgShape.indexes).toEqual(liteShape.indexes);
    } finally {
      await closePostgres(db);
    }
  });

  it('migrates once when several processes start together, and a later start applies nothing', async () => {
    const fresh = await tempPostgres();
    try {
      const dbs = await Promise.all([1, 2, 3, 4].map(() => openPostgres(fresh.url, { poolSize: 2 })));
      const files = readdirSync(PG_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
      const first = dbs[0] as PgDb;
      const applied = await first.execute<{ n: string }>(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
      expect(Number(applied.rows[0]?.n)).toBe(files.length);
      await Promise.all(dbs.map((db) => closePostgres(db)));
      const again = await openPostgres(fresh.url);
      const after = await again.execute<{ n: string }>(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
      expect(Number(after.rows[0]?.n)).toBe(files.length);
      await closePostgres(again);
    } finally {
      await fresh.drop();
    }
  });

  it('says which server it could not reach, and leaves no connection open', async () => {
    await expect(openPostgres('postgres://postgres@127.0.0.1:1/none')).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
