// The PostgreSQL schema: the same tables, columns, keys and indexes as the SQLite schema
// (../schema.ts), in PostgreSQL's own types. `npm run db:generate` turns changes here into SQL
// migrations in drizzle/postgres/. A test keeps the two schemas in step, name for name.

import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  bigint,
} from 'drizzle-orm/pg-core';
import { OUTBOX_STATUSES } from '../schema.ts';

// Instants as timestamptz, read back as Date: what the SQLite schema stores as epoch milliseconds.
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
const id = (name: string) => bigint(name, { mode: 'number' });

export const articles = pgTable(
  'articles',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contentHash: text('content_hash').notNull(),
    /** Canonical URL; NULL when the source had none (NULLs never collide in a unique index). */
    url: text('url'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    sourceName: text('source_name').notNull(),
    origin: text('origin').notNull(),
    publishedAt: at('published_at'),
    seenAt: at('seen_at').notNull(),
    sentimentScore: doublePrecision('sentiment_score').notNull(),
    sentimentLabel: text('sentiment_label').notNull(),
    summary: text('summary').notNull(),
  },
  (t) => [
    uniqueIndex('articles_content_hash_uq').on(t.contentHash),
    uniqueIndex('articles_url_uq').on(t.url),
    index('articles_seen_at_idx').on(t.seenAt),
    index('articles_title_lower_idx').on(sql`lower(${t.title})`),
  ],
);

export const articleTickers = pgTable(
  'article_tickers',
  {
    articleId: id('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    relevance: doublePrecision('relevance').notNull(),
    sentimentScore: doublePrecision('sentiment_score').notNull(),
    sentimentLabel: text('sentiment_label').notNull(),
    mentions: integer('mentions').notNull(),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.symbol] }), index('article_tickers_symbol_at_idx').on(t.symbol, t.at)],
);

export const watchRules = pgTable(
  'watch_rules',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    symbol: text('symbol').notNull(),
    above: doublePrecision('above'),
    below: doublePrecision('below'),
    minRelevance: doublePrecision('min_relevance').notNull(),
    mutedUntil: at('muted_until'),
    cooldownMinutes: integer('cooldown_minutes'),
    shift: doublePrecision('shift'),
    shiftBaseline: doublePrecision('shift_baseline'),
    paused: boolean('paused').notNull().default(false),
    pausedReason: text('paused_reason'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('watch_rules_scope_symbol_uq').on(t.platform, t.workspace, t.channel, t.symbol),
    index('watch_rules_match_idx').on(
      t.symbol,
      t.paused,
      t.shift,
      t.mutedUntil,
      t.minRelevance,
      t.above,
      t.below,
      t.platform,
      t.workspace,
      t.channel,
    ),
  ],
);

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: id('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key'),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    deferred: text('deferred', { enum: ['cooldown', 'quiet'] }),
    message: jsonb('message').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    lastError: text('last_error'),
    remoteId: text('remote_id'),
    createdAt: at('created_at').notNull(),
    sentAt: at('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_article_scope_uq').on(t.articleId, t.platform, t.workspace, t.channel),
    uniqueIndex('outbox_dedupe_key_uq')
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} IS NOT NULL`),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: id('outbox_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: at('at').notNull(),
    outcome: text('outcome', { enum: ['sent', 'failed'] }).notNull(),
    error: text('error'),
    remoteId: text('remote_id'),
  },
  (t) => [index('deliveries_outbox_idx').on(t.outboxId)],
);

export const feeds = pgTable(
  'feeds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    url: text('url').notNull(),
    title: text('title'),
    fromConfig: boolean('from_config').notNull().default(false),
    etag: text('etag'),
    lastModified: text('last_modified'),
    primed: boolean('primed').notNull().default(false),
    itemCount: integer('item_count'),
    nextPollAt: at('next_poll_at').notNull(),
    lastPolledAt: at('last_polled_at'),
    lastSuccessAt: at('last_success_at'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    disabledAt: at('disabled_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('feeds_url_uq').on(t.url), index('feeds_next_poll_idx').on(t.nextPollAt)],
);

export const feedSubscriptions = pgTable(
  'feed_subscriptions',
  {
    feedId: id('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    addedBy: text('added_by'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.feedId, t.platform, t.workspace] }),
    index('feed_subscriptions_scope_idx').on(t.platform, t.workspace),
  ],
);

export const articleSources = pgTable(
  'article_sources',
  {
    articleId: id('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    sourceName: text('source_name').notNull(),
    firstSeenAt: at('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.sourceName] })],
);

export const articleOrigins = pgTable(
  'article_origins',
  {
    articleId: id('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    origin: text('origin').notNull(),
    sourceName: text('source_name').notNull(),
    firstSeenAt: at('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.origin] }), index('article_origins_origin_idx').on(t.origin)],
);

export const digests = pgTable(
  'digests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekly'] }).notNull(),
    weekday: integer('weekday'),
    time: text('time').notNull(),
    timezone: text('timezone').notNull(),
    tradingDaysOnly: boolean('trading_days_only').notNull().default(true),
    lastRunAt: at('last_run_at'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('digests_scope_uq').on(t.platform, t.workspace, t.channel)],
);

export const quietHours = pgTable(
  'quiet_hours',
  {
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    timezone: text('timezone').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspace, t.channel] })],
);

export const alertWindows = pgTable(
  'alert_windows',
  {
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    symbol: text('symbol').notNull(),
    openedAt: at('opened_at').notNull(),
    sent: integer('sent').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspace, t.channel, t.symbol] })],
);
