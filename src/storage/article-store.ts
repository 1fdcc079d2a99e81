import { and, count, desc, eq, gt, gte, inArray } from 'drizzle-orm';
import type { ArticleStore } from '../app/ports/storage.ts';
import { isAlertRef, toAlertRef } from '../core/alerts.ts';
import type { TickerStory } from '../core/summary.ts';
import type { TickerMention } from '../core/types.ts';
import type { Db } from './db.ts';
import { articles, articleTickers } from './schema.ts';
import { selectRulesForSymbols } from './watchlist-store.ts';
import { findNearDuplicate, noteArticleSource } from './article-sources.ts';
import { FAN_OUT_AUDIENCE, isVisibleTo, noteOrigin, visibleOrigin } from './audience.ts';

/** How many stories /summary reads at most per query; a ticker with more in 60 days is sampled newest first. */
const MAX_SUMMARY_ROWS = 20_000;

/** A ticker's stories as one workspace may see them, named by the first source it may see. */
const STORIES_FOR_AUDIENCE = `
SELECT * FROM (
  SELECT a.id AS articleId, a.title AS title, a.url AS url, t.at AS at, t.sentiment_score AS score,
    (SELECT o.source_name FROM article_origins o LEFT JOIN feeds f ON f.url = o.origin
      WHERE o.article_id = a.id AND ${visibleOrigin('@platform', '@workspace')} ORDER BY o.first_seen_at LIMIT 1) AS sourceName
  FROM article_tickers t JOIN articles a ON a.id = t.article_id
  WHERE t.symbol IN (SELECT value FROM json_each(@symbols)) AND t.at > @since AND t.relevance >= @minRelevance
) WHERE sourceName IS NOT NULL ORDER BY at DESC LIMIT ${MAX_SUMMARY_ROWS}`;

/**
 * The tickers the fan-out statement reads: each carries its issuer's symbols (rules on any of them
 * match) and the mention it was found by.
 */
const fanOutTickerList = (analysis: { readonly tickers: readonly TickerMention[] }) =>
  analysis.tickers.map((t) => ({
    symbol: t.symbol,
    name: t.name,
    relevance: t.relevance,
    sentiment: t.sentiment,
    family: t.family ?? [t.symbol],
    ...(t.matched === undefined ? {} : { matched: t.matched }),
  }));
const fanOutTickers = (analysis: { readonly tickers: readonly TickerMention[] }): string => JSON.stringify(fanOutTickerList(analysis));

/**
 * The ingest hot path runs on statements prepared once, on the driver directly: building a query
 * per call cost more than running it (measured with `npm run bench:e2e`). The SQL is constant and
 * every value a bound parameter; the column names are the ones in schema.ts.
 */
function prepareHotPath(db: Db) {
  const c = db.$client;
  const byHash = c.prepare<[string], { id: number }>('SELECT id FROM articles WHERE content_hash = ?');
  const byUrl = c.prepare<[string], { id: number }>('SELECT id FROM articles WHERE url = ?');
  const insertArticle = c.prepare<unknown[], { id: number }>(
    'INSERT INTO articles (content_hash, url, title, body, source_name, origin, published_at, seen_at, sentiment_score, sentiment_label, summary) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
  );
  const insertTicker = c.prepare(
    'INSERT INTO article_tickers (article_id, symbol, relevance, sentiment_score, sentiment_label, mentions, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAlert = c.prepare(
    "INSERT INTO outbox (article_id, platform, workspace, channel, message, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) " +
      'ON CONFLICT DO NOTHING',
  );
  const alertMessage = c.prepare<[number, string, string, string], { id: number; message: string }>(
    'SELECT id, message FROM outbox WHERE article_id = ? AND platform = ? AND workspace = ? AND channel = ?',
  );
  const setMessage = c.prepare('UPDATE outbox SET message = ? WHERE id = ?');
  const fanOut = c.prepare<[{ article: number; tickers: string; seenAt: number; origin: string | null }]>(FAN_OUT);
  const existing = (url: string | null, hash: string): number | undefined => byHash.get(hash)?.id ?? (url === null ? undefined : byUrl.get(url)?.id);
  return { existing, insertArticle, insertTicker, insertAlert, alertMessage, setMessage, fanOut };
}

/**
 * Threshold matching and the outbox fan-out in one statement: for each of the article's tickers
 * (a JSON array), the rules on any ticker of its issuer (its `family`) that fire, grouped into one alert row per channel
 * whose hits name the ticker and the rule (worded at send time by ruleReason). Run in SQLite, so a
 * story that alerts a hundred channels costs a hundred native row inserts, not a hundred rules and
 * rows passed through JavaScript. The conditions are core ruleReason/matchRules' (paused, muted at
 * the article's arrival, relevance floor, above/below, no thresholds = any story);
 * test/app/fan-out-matching.test.ts holds the two to the same answers. Sentiment-shift rules are left to the
 * planner, which needs the ticker's recent stories.
 */
const FAN_OUT = `
INSERT INTO outbox (article_id, platform, workspace, channel, message, status, attempts, next_attempt_at, created_at)
SELECT @article, r.platform, r.workspace, r.channel,
  json_object('kind', 'alert-ref', 'hits', json_group_array(
    json_object('ticker', json_set(t.value, '$.symbol', r.symbol), 'rule', json_object('symbol', r.symbol, 'above', r.above, 'below', r.below, 'minRelevance', r.min_relevance))
    ORDER BY t.key, r.id)),
  'pending', 0, @seenAt, @seenAt
FROM json_each(@tickers) AS t
JOIN json_each(t.value, '$.family') AS f
JOIN watch_rules AS r ON r.symbol = f.value
WHERE r.paused = 0 AND r.shift IS NULL
  AND (r.muted_until IS NULL OR r.muted_until <= @seenAt)
  AND r.min_relevance <= t.value ->> 'relevance'
  AND ((r.above IS NULL AND r.below IS NULL) OR r.above <= t.value ->> '$.sentiment.score' OR r.below >= t.value ->> '$.sentiment.score')
  AND ${FAN_OUT_AUDIENCE}
GROUP BY r.platform, r.workspace, r.channel
ON CONFLICT DO NOTHING`;

export function createSqliteArticleStore(db: Db): ArticleStore {
  const hot = prepareHotPath(db);

  return {
    has(article) {
      return hot.existing(article.url, article.contentHash) !== undefined;
    },
    noteSource(article, seenAt) {
      const id = hot.existing(article.url, article.contentHash);
      if (id === undefined) return false;
      return db.transaction((tx) => {
        noteArticleSource(tx, id, article.sourceName, seenAt);
        return noteOrigin(db, id, article.origin, article.sourceName, seenAt);
      });
    },
    alertNewReaders(article, analysis, seenAt) {
      const id = hot.existing(article.url, article.contentHash);
      if (id === undefined || analysis.tickers.length === 0) return 0;
      return hot.fanOut.run({ article: id, tickers: fanOutTickers(analysis), seenAt: seenAt.getTime(), origin: article.origin }).changes;
    },
    record(article, analysis, seenAt, plan, options = {}) {
      return db.transaction((tx) => {
        // A second feed's copy of a stored story: same link or text, or same headline and nearly the same text.
        const sameStory = hot.existing(article.url, article.contentHash) ?? findNearDuplicate(db, article, seenAt);
        if (sameStory !== undefined) {
          noteArticleSource(tx, sameStory, article.sourceName, seenAt);
          // Through a feed it had not come by: the workspaces that feed newly reaches are alerted too.
          const reached = noteOrigin(db, sameStory, article.origin, article.sourceName, seenAt);
          const queued = reached && options.alert !== false && analysis.tickers.length > 0
            ? hot.fanOut.run({ article: sameStory, tickers: fanOutTickers(analysis), seenAt: seenAt.getTime(), origin: article.origin }).changes
            : 0;
          return { id: sameStory, inserted: false, alertsQueued: queued };
        }
        const row = hot.insertArticle.get(
          article.contentHash,
          article.url,
          article.title,
          article.body,
          article.sourceName,
          article.origin,
          article.publishedAt?.getTime() ?? null,
          seenAt.getTime(),
          analysis.sentiment.score,
          analysis.sentiment.label,
          analysis.summary,
        );
        if (row === undefined) throw new Error('article insert returned no id');
        noteOrigin(db, row.id, article.origin, article.sourceName, seenAt);
        const at = (article.publishedAt ?? seenAt).getTime();
        for (const t of analysis.tickers) {
          hot.insertTicker.run(row.id, t.symbol, t.relevance, t.sentiment.score, t.sentiment.label, t.mentions, at);
        }
        if (options.alert === false || analysis.tickers.length === 0) return { id: row.id, inserted: true, alertsQueued: 0 };
        const tickers = fanOutTickerList(analysis);
        let alertsQueued = hot.fanOut.run({ article: row.id, tickers: JSON.stringify(tickers), seenAt: seenAt.getTime(), origin: null }).changes;
        // Sentiment-shift rules (few; same connection, so inside the article's transaction): their
        // hits join the channel's row when threshold rules alerted the channel too.
        const shiftRules = selectRulesForSymbols(
          db,
          tickers.flatMap((t) => t.family),
          'shift',
        ).filter((r) => isVisibleTo(db, row.id, r.scope));
        for (const { scope, hits } of shiftRules.length === 0 ? [] : plan(row.id, shiftRules)) {
          const ref = toAlertRef(hits);
          const res = hot.insertAlert.run(row.id, scope.platform, scope.workspace, scope.channel, JSON.stringify(ref), seenAt.getTime(), seenAt.getTime());
          alertsQueued += res.changes;
          if (res.changes > 0) continue;
          const queued = hot.alertMessage.get(row.id, scope.platform, scope.workspace, scope.channel);
          const prior: unknown = queued === undefined ? undefined : JSON.parse(queued.message);
          if (queued !== undefined && isAlertRef(prior)) hot.setMessage.run(JSON.stringify({ ...prior, hits: [...prior.hits, ...ref.hits] }), queued.id);
        }
        return { id: row.id, inserted: true, alertsQueued };
      });
    },
    storiesForTicker(symbols, since, minRelevance, audience): TickerStory[] {
      if (audience !== undefined) {
        return db.$client
          .prepare<[Record<string, string | number>], { articleId: number; title: string; url: string | null; sourceName: string; at: number; score: number }>(STORIES_FOR_AUDIENCE)
          .all({ symbols: JSON.stringify(typeof symbols === 'string' ? [symbols] : symbols), since: since.getTime(), minRelevance, platform: audience.platform, workspace: audience.workspace })
          .map((r) => ({ ...r, at: new Date(r.at) }));
      }
      return db
        .select({
          articleId: articles.id,
          title: articles.title,
          url: articles.url,
          sourceName: articles.sourceName,
          at: articleTickers.at,
          score: articleTickers.sentimentScore,
        })
        .from(articleTickers)
        .innerJoin(articles, eq(articles.id, articleTickers.articleId))
        .where(
          and(
            typeof symbols === 'string' ? eq(articleTickers.symbol, symbols) : inArray(articleTickers.symbol, [...symbols]),
            gt(articleTickers.at, since),
            gte(articleTickers.relevance, minRelevance),
          ),
        )
        .orderBy(desc(articleTickers.at))
        .limit(MAX_SUMMARY_ROWS)
        .all();
    },
    count() {
      return db.select({ n: count() }).from(articles).get()?.n ?? 0;
    },
  };
}
