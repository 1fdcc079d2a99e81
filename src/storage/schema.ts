// The database schema. `npm run db:generate` turns changes here into SQL migrations in drizzle/sqlite/,
// which the bot applies at start.

import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contentHash: text('content_hash').notNull(),
    /** Canonical URL; NULL when the source had none (SQLite lets many NULLs share a unique index). */
    url: text('url'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    sourceName: text('source_name').notNull(),
    origin: text('origin').notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull(),
    sentimentScore: real('sentiment_score').notNull(),
    sentimentLabel: text('sentiment_label').notNull(),
    summary: text('summary').notNull(),
  },
  (t) => [
    uniqueIndex('articles_content_hash_uq').on(t.contentHash),
    uniqueIndex('articles_url_uq').on(t.url),
    index('articles_seen_at_idx').on(t.seenAt),
    // The cross-feed near-duplicate check looks stories up by headline.
    index('articles_title_lower_idx').on(sql`lower(${t.title})`),
  ],
);

export const articleTickers = sqliteTable(
  'article_tickers',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    relevance: real('relevance').notNull(),
    sentimentScore: real('sentiment_score').notNull(),
    sentimentLabel: text('sentiment_label').notNull(),
    mentions: integer('mentions').notNull(),
    /** Published time, or first-seen time: what /summary windows are measured on. */
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.symbol] }), index('article_tickers_symbol_at_idx').on(t.symbol, t.at)],
);

export const watchRules = sqliteTable(
  'watch_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    symbol: text('symbol').notNull(),
    above: real('above'),
    below: real('below'),
    minRelevance: real('min_relevance').notNull(),
    mutedUntil: integer('muted_until', { mode: 'timestamp_ms' }),
    /** Alerts for this ticker inside this many minutes of the last ones are bundled (null: the configured default). */
    cooldownMinutes: integer('cooldown_minutes'),
    /** Alert when the ticker's rolling average sentiment moves this far from its baseline (null: no shift alerts). */
    shift: real('shift'),
    /** The rolling average the next shift is measured from; reset at each shift alert. */
    shiftBaseline: real('shift_baseline'),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    pausedReason: text('paused_reason'),
    createdBy: text('created_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('watch_rules_scope_symbol_uq').on(t.platform, t.workspace, t.channel, t.symbol),
    // Matching looks rules up by ticker; this index is what keeps it from scanning every rule. It
    // holds every column the outbox fan-out reads (article-store.ts), so matching a ticker's rules
    // reads a few adjacent index pages instead of one table page per rule (measured with bench:e2e).
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

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'held'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The story alerted on; NULL for posts about no single story (digests). */
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    /** Identity of an article-less post (e.g. one digest run), so a repeated run queues nothing. */
    dedupeKey: text('dedupe_key'),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    /** Why a due alert waits: 'cooldown' or 'quiet'; it goes out in one bundle with the others. */
    deferred: text('deferred', { enum: ['cooldown', 'quiet'] }),
    /** The platform-neutral message, rendered by the platform at send time. */
    message: text('message', { mode: 'json' }).notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    remoteId: text('remote_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // One alert per article per channel, however many rules matched or how often it was seen.
    uniqueIndex('outbox_article_scope_uq').on(t.articleId, t.platform, t.workspace, t.channel),
    // Only digests and notices carry a key: alert rows (most of the table) stay out of this index.
    uniqueIndex('outbox_dedupe_key_uq')
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} IS NOT NULL`),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** Every send attempt, for the record (what failed, when, and why). */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    outboxId: integer('outbox_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    outcome: text('outcome', { enum: ['sent', 'failed'] }).notNull(),
    error: text('error'),
    remoteId: text('remote_id'),
  },
  (t) => [index('deliveries_outbox_idx').on(t.outboxId)],
);

/** A live RSS/Atom feed: one row per URL, however many workspaces follow it. */
export const feeds = sqliteTable(
  'feeds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull(),
    /** The feed's own title once fetched; the URL stands in before that. */
    title: text('title'),
    /** Listed in TICKERBELL_SOURCES (not removable from chat). */
    fromConfig: integer('from_config', { mode: 'boolean' }).notNull().default(false),
    etag: text('etag'),
    lastModified: text('last_modified'),
    /** False until the first successful poll stored the items present at that time (without alerting). */
    primed: integer('primed', { mode: 'boolean' }).notNull().default(false),
    itemCount: integer('item_count'),
    nextPollAt: integer('next_poll_at', { mode: 'timestamp_ms' }).notNull(),
    lastPolledAt: integer('last_polled_at', { mode: 'timestamp_ms' }),
    lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('feeds_url_uq').on(t.url), index('feeds_next_poll_idx').on(t.nextPollAt)],
);

/** Which workspace follows which feed, and the channel that added it (for the disable notice). */
export const feedSubscriptions = sqliteTable(
  'feed_subscriptions',
  {
    feedId: integer('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    addedBy: text('added_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.feedId, t.platform, t.workspace] }),
    index('feed_subscriptions_scope_idx').on(t.platform, t.workspace),
  ],
);

/** Every source that carried a story: the same article from two feeds is one row in articles, two here. */
export const articleSources = sqliteTable(
  'article_sources',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    sourceName: text('source_name').notNull(),
    firstSeenAt: integer('first_seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.sourceName] })],
);

/**
 * Every way a story reached the bot: the feed URL it came through (or the file, or stdin). This,
 * not the article itself, decides which workspaces may see the story: those following one of its
 * feeds, or everyone when it came from TICKERBELL_SOURCES (see storage/audience.ts).
 */
export const articleOrigins = sqliteTable(
  'article_origins',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    origin: text('origin').notNull(),
    /** The source's name as that copy gave it (its feed's title). */
    sourceName: text('source_name').notNull(),
    firstSeenAt: integer('first_seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.origin] }), index('article_origins_origin_idx').on(t.origin)],
);

/** Scheduled digests: one per channel, rebuilt into cron jobs at start. */
export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    cadence: text('cadence', { enum: ['daily', 'weekly'] }).notNull(),
    /** 0 = Sunday .. 6 = Saturday, for weekly digests. */
    weekday: integer('weekday'),
    /** Local wall-clock time, "HH:MM". */
    time: text('time').notNull(),
    /** IANA zone the time is in ("America/New_York"). */
    timezone: text('timezone').notNull(),
    /** Skip weekends and market holidays (daily digests). */
    tradingDaysOnly: integer('trading_days_only', { mode: 'boolean' }).notNull().default(true),
    lastRunAt: integer('last_run_at', { mode: 'timestamp_ms' }),
    createdBy: text('created_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('digests_scope_uq').on(t.platform, t.workspace, t.channel)],
);

/** Quiet hours per channel: alerts that arrive inside them go out as one bundle afterwards. */
export const quietHours = sqliteTable(
  'quiet_hours',
  {
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    /** "HH:MM" local; start may be after end (overnight). */
    start: text('start').notNull(),
    end: text('end').notNull(),
    timezone: text('timezone').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspace, t.channel] })],
);

/** The current cooldown window per channel + ticker: when it opened and how many alerts it has let through. */
export const alertWindows = sqliteTable(
  'alert_windows',
  {
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    symbol: text('symbol').notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    sent: integer('sent').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspace, t.channel, t.symbol] })],
);
