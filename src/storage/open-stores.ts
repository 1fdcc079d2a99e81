// Opens the configured database and builds every store on it: PostgreSQL with a database URL,
// else the SQLite file. The rest of the app sees only the ports.
import type { PostgresConfig, Stores } from './stores.ts';
import { createSqliteArticleStore } from './article-store.ts';
import { closeDatabase, openDatabase, type Db } from './db.ts';
import { createSqliteFeedStore } from './feed-store.ts';
import { createSqliteAlertWindowStore, createSqliteDigestStore, createSqliteQuietHoursStore } from './flow-stores.ts';
import { createMetricsQueries } from './metrics-queries.ts';
import { createSqliteOutbox } from './outbox-store.ts';
import { createSqliteWatchlistStore } from './watchlist-store.ts';

export type { PostgresConfig, Stores } from './stores.ts';

export function sqliteStores(db: Db): Stores {
  return {
    articles: createSqliteArticleStore(db),
    watchlists: createSqliteWatchlistStore(db),
    outbox: createSqliteOutbox(db),
    feeds: createSqliteFeedStore(db),
    digests: createSqliteDigestStore(db),
    quietHours: createSqliteQuietHoursStore(db),
    windows: createSqliteAlertWindowStore(db),
    metrics: createMetricsQueries(db),
    sqlite: db,
    dialect: 'sqlite',
    close: () => Promise.resolve(closeDatabase(db)),
  };
}

/** Connects (PostgreSQL: migrating under a lock) or opens and migrates the SQLite file. */
export async function openStores(config: {
  readonly dbFile: string;
  readonly database?: PostgresConfig;
}): Promise<Stores> {
  if (config.database === undefined) return sqliteStores(openDatabase(config.dbFile));
  // node-postgres is loaded only for a PostgreSQL deployment.
  const { postgresStores } = await import('./postgres/stores.ts');
  return postgresStores(config.database);
}
