// A fresh PostgreSQL database per test file on the machine's server (127.0.0.1:5432, trust auth),
// dropped afterwards. TICKERBELL_TEST_POSTGRES_URL points the tests at another server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = process.env.TICKERBELL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempPostgres {
  readonly url: string;
  drop(): Promise<void>;
}

export async function tempPostgres(): Promise<TempPostgres> {
  const name = `tickerbell_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
