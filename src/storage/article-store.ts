import { and, count, desc, eq, gt, gte, or } from 'drizzle-orm';
import type { ArticleStore } from '../app/ports.ts';
import type { TickerStory } from '../core/summary.ts';
import type { Db } from './db.ts';
import { articles, articleTickers, outbox } from './schema.ts';
import { selectRulesForSymbols } from './watchlist-store.ts';
import { findNearDuplicate, noteArticleSource } from './article-sources.ts';

/** How many stories /summary reads at most per query; a ticker with more in 60 days is sampled newest first. */
const MAX_SUMMARY_ROWS = 20_000;

export function createSqliteArticleStore(db: Db): ArticleStore {
  const findExisting = (url: string | null, contentHash: string): { id: number } | undefined =>
    db
      .select({ id: articles.id })
      .from(articles)
      .where(url === null ? eq(articles.contentHash, contentHash) : or(eq(articles.contentHash, contentHash), eq(articles.url, url)))
      .get();

  return {
    has(article) {
      return findExisting(article.url, article.contentHash) !== undefined;
    },
    noteSource(article, seenAt) {
      const existing = findExisting(article.url, article.contentHash);
      if (existing) db.transaction((tx) => noteArticleSource(tx, existing.id, article.sourceName, seenAt));
    },
    record(article, analysis, seenAt, plan, options = {}) {
      return db.transaction((tx) => {
        const existing = tx
          .select({ id: articles.id })
          .from(articles)
          .where(
            article.url === null
              ? eq(articles.contentHash, article.contentHash)
              : or(eq(articles.contentHash, article.contentHash), eq(articles.url, article.url)),
          )
          .get();
        // A second feed's copy of a stored story: same link or text, or same headline and nearly the same text.
        const sameStory = existing?.id ?? findNearDuplicate(tx, article, seenAt);
        if (sameStory !== undefined) {
          noteArticleSource(tx, sameStory, article.sourceName, seenAt);
          return { id: sameStory, inserted: false, alertsQueued: 0 };
        }
        const row = tx
          .insert(articles)
          .values({
            contentHash: article.contentHash,
            url: article.url,
            title: article.title,
            body: article.body,
            sourceName: article.sourceName,
            origin: article.origin,
            publishedAt: article.publishedAt,
            seenAt,
            sentimentScore: analysis.sentiment.score,
            sentimentLabel: analysis.sentiment.label,
            summary: analysis.summary,
          })
          .returning({ id: articles.id })
          .get();
        const at = article.publishedAt ?? seenAt;
        if (analysis.tickers.length > 0) {
          tx.insert(articleTickers)
            .values(
              analysis.tickers.map((t) => ({
                articleId: row.id,
                symbol: t.symbol,
                relevance: t.relevance,
                sentimentScore: t.sentiment.score,
                sentimentLabel: t.sentiment.label,
                mentions: t.mentions,
                at,
              })),
            )
            .run();
        }
        const rules = selectRulesForSymbols(
          tx,
          analysis.tickers.map((t) => t.symbol),
        );
        const planned = rules.length === 0 || options.alert === false ? [] : plan(row.id, rules);
        let alertsQueued = 0;
        for (const { match, message } of planned) {
          const res = tx
            .insert(outbox)
            .values({ articleId: row.id, ...match.scope, message, status: 'pending', nextAttemptAt: seenAt, createdAt: seenAt })
            .onConflictDoNothing()
            .run();
          alertsQueued += res.changes;
        }
        return { id: row.id, inserted: true, alertsQueued };
      });
    },
    storiesForTicker(symbol, since, minRelevance): TickerStory[] {
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
        .where(and(eq(articleTickers.symbol, symbol), gt(articleTickers.at, since), gte(articleTickers.relevance, minRelevance)))
        .orderBy(desc(articleTickers.at))
        .limit(MAX_SUMMARY_ROWS)
        .all();
    },
    count() {
      return db.select({ n: count() }).from(articles).get()?.n ?? 0;
    },
  };
}
