// What a database gives the app: every store on one connection (pool), and how to close it.
import type { FeedStore } from '../app/ports/feeds.ts';
import type {
  AlertWindowStore,
  ArticleStore,
  DigestStore,
  FlowOutbox,
  QuietHoursStore,
  WatchlistStore,
} from '../app/ports/storage.ts';
import type { Db } from './db.ts';
import type { MetricsQueries } from './metrics-queries.ts';

/** A PostgreSQL deployment's connection (config.ts reads it from the environment). */
export interface PostgresConfig {
  readonly url: string;
  readonly poolSize: number;
  /** 0: no limit. */
  readonly statementTimeoutMs: number;
}

export interface Stores {
  readonly articles: ArticleStore;
  readonly watchlists: WatchlistStore;
  readonly outbox: FlowOutbox;
  readonly feeds: FeedStore;
  readonly digests: DigestStore;
  readonly quietHours: QuietHoursStore;
  readonly windows: AlertWindowStore;
  readonly metrics: MetricsQueries;
  /** The SQLite database, or null on PostgreSQL. */
  readonly sqlite: Db | null;
  /** Which database: for logs and /healthz. */
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
