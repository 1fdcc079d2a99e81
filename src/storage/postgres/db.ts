import { join } from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { PACKAGE_ROOT } from '../../paths.ts';
import * as schema from './schema.ts';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_DIR = join(PACKAGE_ROOT, 'drizzle', 'postgres');

/** One key for every tickerbell process on a database: whoever holds it migrates, the rest wait. */
const MIGRATION_LOCK = 0x7469636b; // "tick"

const INT8_OID = 20;
const pgTypeParser = (oid: number, format?: string): ((value: string) => unknown) =>
  (pg.types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown)(oid, format);

export interface PostgresOptions {
  /** Connections this process keeps open at most. */
  readonly poolSize?: number;
  /** A statement running longer than this is cancelled by the server (ms); 0 means never. */
  readonly statementTimeoutMs?: number;
}

/**
 * Connects and migrates. Migrations run under a session advisory lock, so processes that start
 * together take turns: the first applies them, the others then find nothing left to apply.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PgDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // Ids are bigserial; the stores' raw SQL reads them as numbers (ids stay far below 2^53).
    types: { getTypeParser: (oid: number, format?: string) => (oid === INT8_OID ? Number : pgTypeParser(oid, format)) },
  });
  // An idle connection the server drops is the pool's to replace; unhandled, the error would end the process.
  pool.on('error', () => undefined);
  const db = drizzle({ client: pool, schema });
  try {
    await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export async function closePostgres(db: PgDb): Promise<void> {
  await db.$client.end();
}
