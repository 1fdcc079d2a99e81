// The article store on PostgreSQL: the same unit of work as storage/article-store.ts, on one pooled
// connection held from BEGIN to COMMIT. Two processes storing the same story meet at the unique
// indexes: the second waits for the first to commit, then finds its row and notes its source.
import type { ArticleArrival, ArticleStore, ArticleTransaction, Audience } from '../../app/ports/storage.ts';
import { hitTicker, type AlertHit } from '../../core/alerts.ts';
import { isNearDuplicate } from '../../core/feeds/near-duplicate.ts';
import type { TickerStory } from '../../core/ticker-report.ts';
import { NEAR_DUPLICATE_WINDOW_MS } from '../article-sources.ts';
import { matchTickers } from '../watchlist-match-sql.ts';
import { isVisibleTo, noteOrigin } from './audience.ts';
import type { PgDb } from './db.ts';
import { PG_MATCH_AND_QUEUE, changes, pgVisibleOrigin, rows, type Queryable } from './sql.ts';
import { rulesForSymbols } from './watchlist-store.ts';

/** How many stories /summary reads at most per query (as on SQLite). */
const MAX_SUMMARY_ROWS = 20_000;

const STORIES_FOR_AUDIENCE = `
SELECT * FROM (
  SELECT a.id AS "articleId", a.title AS title, a.url AS url, t.at AS at, t.sentiment_score AS score,
    (SELECT o.source_name FROM article_origins o LEFT JOIN feeds f ON f.url = o.origin
      WHERE o.article_id = a.id AND ${pgVisibleOrigin('$4::text', '$5::text')} ORDER BY o.first_seen_at LIMIT 1) AS "sourceName"
  FROM article_tickers t JOIN articles a ON a.id = t.article_id
  WHERE t.symbol = ANY($1::text[]) AND t.at > $2 AND t.relevance >= $3
) s WHERE "sourceName" IS NOT NULL ORDER BY at DESC LIMIT ${MAX_SUMMARY_ROWS}`;

const STORIES_FOR_ALL = `
SELECT a.id AS "articleId", a.title AS title, a.url AS url, a.source_name AS "sourceName", t.at AS at, t.sentiment_score AS score
FROM article_tickers t JOIN articles a ON a.id = t.article_id
WHERE t.symbol = ANY($1::text[]) AND t.at > $2 AND t.relevance >= $3
ORDER BY t.at DESC LIMIT ${MAX_SUMMARY_ROWS}`;

async function existing(q: Queryable, url: string | null, hash: string): Promise<number | undefined> {
  const byHash = await rows<{ id: number }>(q, 'SELECT id FROM articles WHERE content_hash = $1', [hash]);
  if (byHash[0] !== undefined) return byHash[0].id;
  if (url === null) return undefined;
  return (await rows<{ id: number }>(q, 'SELECT id FROM articles WHERE url = $1', [url]))[0]?.id;
}

async function findNearDuplicate(
  q: Queryable,
  article: { readonly title: string; readonly body: string },
  seenAt: Date,
): Promise<number | undefined> {
  const candidates = await rows<{ id: number; title: string; body: string }>(
    q,
    'SELECT id, title, body FROM articles WHERE lower(title) = lower($1) AND seen_at >= $2 LIMIT 20',
    [article.title, new Date(seenAt.getTime() - NEAR_DUPLICATE_WINDOW_MS)],
  );
  return candidates.find((c) => isNearDuplicate(c, article))?.id;
}

/** Records that sourceName carried the article (storage/article-sources.ts has the why). */
async function noteArticleSource(q: Queryable, articleId: number, sourceName: string, seenAt: Date): Promise<void> {
  const own = (
    await rows<{ sourceName: string; seenAt: Date }>(
      q,
      'SELECT source_name AS "sourceName", seen_at AS "seenAt" FROM articles WHERE id = $1',
      [articleId],
    )
  )[0];
  if (own === undefined || own.sourceName === sourceName) return;
  const insert =
    'INSERT INTO article_sources (article_id, source_name, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING';
  await changes(q, insert, [articleId, own.sourceName, own.seenAt]);
  await changes(q, insert, [articleId, sourceName, seenAt]);
}

async function storiesFor(
  q: Queryable,
  symbols: string | readonly string[],
  since: Date,
  minRelevance: number,
  audience?: Audience,
): Promise<TickerStory[]> {
  const list = typeof symbols === 'string' ? [symbols] : [...symbols];
  return audience === undefined
    ? rows<TickerStory>(q, STORIES_FOR_ALL, [list, since, minRelevance])
    : rows<TickerStory>(q, STORIES_FOR_AUDIENCE, [list, since, minRelevance, audience.platform, audience.workspace]);
}

const alertRow = (hits: readonly AlertHit[]): string => JSON.stringify({ kind: 'alert-ref', hits });

function transactionOn(q: Queryable): ArticleTransaction {
  return {
    async store(article, analysis, seenAt): Promise<ArticleArrival> {
      const same =
        (await existing(q, article.url, article.contentHash)) ?? (await findNearDuplicate(q, article, seenAt));
      if (same !== undefined) return noted(same, article, seenAt);
      const inserted = await rows<{ id: number }>(
        q,
        'INSERT INTO articles (content_hash, url, title, body, source_name, origin, published_at, seen_at, sentiment_score, sentiment_label, summary) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id',
        [
          article.contentHash,
          article.url,
          article.title,
          article.body,
          article.sourceName,
          article.origin,
          article.publishedAt ?? null,
          seenAt,
          analysis.sentiment.score,
          analysis.sentiment.label,
          analysis.summary,
        ],
      );
      const row = inserted[0];
      if (row === undefined) {
        // Another process stored the same story meanwhile (its commit released our insert).
        const theirs = await existing(q, article.url, article.contentHash);
        if (theirs === undefined) throw new Error('article insert conflicted with no stored article');
        return noted(theirs, article, seenAt);
      }
      await noteOrigin(q, row.id, article.origin, article.sourceName, seenAt);
      const at = article.publishedAt ?? seenAt;
      for (const t of analysis.tickers) {
        await changes(
          q,
          'INSERT INTO article_tickers (article_id, symbol, relevance, sentiment_score, sentiment_label, mentions, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [row.id, t.symbol, t.relevance, t.sentiment.score, t.sentiment.label, t.mentions, at],
        );
      }
      return { id: row.id, inserted: true, newOrigin: true };
    },
    async noteSource(article, seenAt) {
      const id = await existing(q, article.url, article.contentHash);
      if (id === undefined) return null;
      return noted(id, article, seenAt);
    },
    async queueMatches(articleId, tickers, seenAt, origin) {
      if (tickers.length === 0) return 0;
      return changes(q, PG_MATCH_AND_QUEUE, [articleId, matchTickers(tickers), seenAt, origin]);
    },
    async shiftRules(articleId, symbols) {
      const found = await rulesForSymbols(q, symbols, 'shift');
      const visible = [];
      for (const r of found) if (await isVisibleTo(q, articleId, r.scope)) visible.push(r);
      return visible;
    },
    storiesForTicker: (symbols, since, minRelevance, audience) => storiesFor(q, symbols, since, minRelevance, audience),
    async setShiftBaseline(ruleId, baseline) {
      await changes(q, 'UPDATE watch_rules SET shift_baseline = $2 WHERE id = $1', [ruleId, baseline]);
    },
    async queueHits(articleId, scope, hits, seenAt) {
      const kept = hits.map((h) => ({ ...h, ticker: hitTicker(h.ticker) }));
      const queued = await changes(
        q,
        "INSERT INTO outbox (article_id, platform, workspace, channel, message, status, attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, 'pending', 0, $6, $6) ON CONFLICT DO NOTHING",
        [articleId, scope.platform, scope.workspace, scope.channel, alertRow(kept), seenAt],
      );
      if (queued > 0) return queued;
      // The channel's alert for this story is queued already: one message names every hit.
      const prior = (
        await rows<{ id: number; message: { kind?: unknown; hits?: unknown } }>(
          q,
          'SELECT id, message FROM outbox WHERE article_id = $1 AND platform = $2 AND workspace = $3 AND channel = $4 FOR UPDATE',
          [articleId, scope.platform, scope.workspace, scope.channel],
        )
      )[0];
      if (prior !== undefined && prior.message.kind === 'alert-ref' && Array.isArray(prior.message.hits))
        await changes(q, 'UPDATE outbox SET message = $2::jsonb WHERE id = $1', [
          prior.id,
          alertRow([...(prior.message.hits as AlertHit[]), ...kept]),
        ]);
      return 0;
    },
  };

  async function noted(
    id: number,
    article: { readonly sourceName: string; readonly origin: string },
    seenAt: Date,
  ): Promise<ArticleArrival> {
    await noteArticleSource(q, id, article.sourceName, seenAt);
    return { id, inserted: false, newOrigin: await noteOrigin(q, id, article.origin, article.sourceName, seenAt) };
  }
}

export function createPostgresArticleStore(db: PgDb): ArticleStore {
  const pool = db.$client;
  return {
    has: async (article) => (await existing(pool, article.url, article.contentHash)) !== undefined,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(transactionOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    storiesForTicker: (symbols, since, minRelevance, audience) =>
      storiesFor(pool, symbols, since, minRelevance, audience),
    count: async () => (await rows<{ n: number }>(pool, 'SELECT count(*)::int8 AS n FROM articles'))[0]?.n ?? 0,
  };
}
