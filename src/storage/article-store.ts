import { and, count, desc, eq, gt, gte, inArray } from 'drizzle-orm';
import type { ArticleArrival, ArticleStore, ArticleTransaction, Audience } from '../app/ports/storage.ts';
import { hitTicker, type AlertHit } from '../core/alerts.ts';
import type { TickerStory } from '../core/ticker-report.ts';
import type { Db } from './db.ts';
import { articles, articleTickers, watchRules } from './schema.ts';
import { selectRulesForSymbols } from './watchlist-store.ts';
import { findNearDuplicate, noteArticleSource } from './article-sources.ts';
import { isVisibleTo, noteOrigin, visibleOrigin } from './audience.ts';
import { holding, serial, serialAsync } from './serial.ts';
import { MATCH_AND_QUEUE, matchTickers, type MatchParams } from './watchlist-match-sql.ts';

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
  const matchAndQueue = c.prepare<[MatchParams]>(MATCH_AND_QUEUE);
  const existing = (url: string | null, hash: string): number | undefined =>
    byHash.get(hash)?.id ?? (url === null ? undefined : byUrl.get(url)?.id);
  return { existing, insertArticle, insertTicker, insertAlert, alertMessage, setMessage, matchAndQueue };
}

export function createSqliteArticleStore(db: Db): ArticleStore {
  const hot = prepareHotPath(db);

  /** Alert rows hold their hits (core AlertHit), in the envelope the outbox reader knows (outbox-store.ts). */
  const alertRow = (hits: readonly AlertHit[]): string => JSON.stringify({ kind: 'alert-ref', hits });

  const tx = holding<ArticleTransaction>({
    store(article, analysis, seenAt): ArticleArrival {
      // A second feed's copy of a stored story: same link or text, or same headline and nearly the same text.
      const sameStory = hot.existing(article.url, article.contentHash) ?? findNearDuplicate(db, article, seenAt);
      if (sameStory !== undefined) {
        noteArticleSource(db, sameStory, article.sourceName, seenAt);
        return {
          id: sameStory,
          inserted: false,
          newOrigin: noteOrigin(db, sameStory, article.origin, article.sourceName, seenAt),
        };
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
      return { id: row.id, inserted: true, newOrigin: true };
    },
    noteSource(article, seenAt) {
      const id = hot.existing(article.url, article.contentHash);
      if (id === undefined) return null;
      noteArticleSource(db, id, article.sourceName, seenAt);
      return { id, inserted: false, newOrigin: noteOrigin(db, id, article.origin, article.sourceName, seenAt) };
    },
    queueMatches(articleId, tickers, seenAt, origin) {
      if (tickers.length === 0) return 0;
      return hot.matchAndQueue.run({
        article: articleId,
        tickers: matchTickers(tickers),
        seenAt: seenAt.getTime(),
        origin,
      }).changes;
    },
    shiftRules(articleId, symbols) {
      // Few rules have a shift, and shift is in the index: the others cost an index read only.
      return selectRulesForSymbols(db, symbols, 'shift').filter((r) => isVisibleTo(db, articleId, r.scope));
    },
    storiesForTicker: (symbols, since, minRelevance, audience) => storiesFor(symbols, since, minRelevance, audience),
    setShiftBaseline(ruleId, baseline) {
      db.update(watchRules).set({ shiftBaseline: baseline }).where(eq(watchRules.id, ruleId)).run();
    },
    queueHits(articleId, scope, hits, seenAt) {
      const kept = hits.map((h) => ({ ...h, ticker: hitTicker(h.ticker) }));
      const res = hot.insertAlert.run(
        articleId,
        scope.platform,
        scope.workspace,
        scope.channel,
        alertRow(kept),
        seenAt.getTime(),
        seenAt.getTime(),
      );
      if (res.changes > 0) return res.changes;
      // The channel's alert for this story is queued already (its threshold rules fired): one message names every hit.
      const queued = hot.alertMessage.get(articleId, scope.platform, scope.workspace, scope.channel);
      if (queued === undefined) return 0;
      const prior = JSON.parse(queued.message) as { kind?: unknown; hits?: unknown };
      if (prior.kind === 'alert-ref' && Array.isArray(prior.hits))
        hot.setMessage.run(alertRow([...(prior.hits as AlertHit[]), ...kept]), queued.id);
      return 0;
    },
  });

  function storiesFor(
    symbols: string | readonly string[],
    since: Date,
    minRelevance: number,
    audience?: Audience,
  ): TickerStory[] {
    if (audience !== undefined) {
      return db.$client
        .prepare<
          [Record<string, string | number>],
          { articleId: number; title: string; url: string | null; sourceName: string; at: number; score: number }
        >(STORIES_FOR_AUDIENCE)
        .all({
          symbols: JSON.stringify(typeof symbols === 'string' ? [symbols] : symbols),
          since: since.getTime(),
          minRelevance,
          platform: audience.platform,
          workspace: audience.workspace,
        })
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
          typeof symbols === 'string'
            ? eq(articleTickers.symbol, symbols)
            : inArray(articleTickers.symbol, [...symbols]),
          gt(articleTickers.at, since),
          gte(articleTickers.relevance, minRelevance),
        ),
      )
      .orderBy(desc(articleTickers.at))
      .limit(MAX_SUMMARY_ROWS)
      .all();
  }

  const client = db.$client;
  return {
    has: (article) => serial(client, () => hot.existing(article.url, article.contentHash) !== undefined),
    // IMMEDIATE: the write lock is taken up front, so another process (a `tickerbell ingest`) waits
    // its busy timeout instead of failing on a lock upgrade.
    transaction: (work) =>
      serialAsync(client, async () => {
        client.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          client.exec('COMMIT');
          return result;
        } catch (error) {
          if (client.inTransaction) client.exec('ROLLBACK');
          throw error;
        }
      }),
    storiesForTicker: (symbols, since, minRelevance, audience) =>
      serial(client, () => storiesFor(symbols, since, minRelevance, audience)),
    count: () => serial(client, () => db.select({ n: count() }).from(articles).get()?.n ?? 0),
  };
}
