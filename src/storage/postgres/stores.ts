import type { PostgresConfig, Stores } from '../stores.ts';
import { createPostgresArticleStore } from './article-store.ts';
import { closePostgres, openPostgres, type PgDb } from './db.ts';
import { createPostgresFeedStore } from './feed-store.ts';
import {
  createPostgresAlertWindowStore,
  createPostgresDigestStore,
  createPostgresMetricsQueries,
  createPostgresQuietHoursStore,
} from './flow-stores.ts';
import { createPostgresOutbox } from './outbox-store.ts';
import { createPostgresWatchlistStore } from './watchlist-store.ts';

export function postgresStoresOn(db: PgDb): Stores {
  return {
    articles: createPostgresArticleStore(db),
    watchlists: createPostgresWatchlistStore(db),
    outbox: createPostgresOutbox(db),
    feeds: createPostgresFeedStore(db),
    digests: createPostgresDigestStore(db),
    quietHours: createPostgresQuietHoursStore(db),
    windows: createPostgresAlertWindowStore(db),
    metrics: createPostgresMetricsQueries(db),
    sqlite: null,
    dialect: 'postgres',
    close: () => closePostgres(db),
  };
}

export async function postgresStores(config: PostgresConfig): Promise<Stores> {
  return postgresStoresOn(
    await openPostgres(config.url, { poolSize: config.poolSize, statementTimeoutMs: config.statementTimeoutMs }),
  );
}
