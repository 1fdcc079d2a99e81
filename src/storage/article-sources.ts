// Which sources carried each story, and the near-duplicate lookup that lets two feeds' copies of
// one story become one article. Used inside the article store's transaction.
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { isNearDuplicate } from '../core/feeds/near-duplicate.ts';
import type { Db } from './db.ts';
import { articles, articleSources } from './schema.ts';

type Q = Pick<Db, 'select' | 'insert' | 'update'>;

/** How far back a near-duplicate (same headline, nearly the same text) is looked for. */
export const NEAR_DUPLICATE_WINDOW_MS = 3 * 24 * 3600_000;

/** An article seen recently with the same headline and nearly the same text, if any. */
export function findNearDuplicate(q: Q, article: { readonly title: string; readonly body: string }, seenAt: Date): number | undefined {
  const candidates = q
    .select({ id: articles.id, title: articles.title, body: articles.body })
    .from(articles)
    .where(and(gte(articles.seenAt, new Date(seenAt.getTime() - NEAR_DUPLICATE_WINDOW_MS)), sql`lower(${articles.title}) = lower(${article.title})`))
    .limit(20)
    .all();
  return candidates.find((c) => isNearDuplicate(c, article))?.id;
}

/** Records that sourceName carried the article. Returns whether the source was new. */
export function noteArticleSource(q: Q, articleId: number, sourceName: string, seenAt: Date): boolean {
  const own = q.select({ sourceName: articles.sourceName, seenAt: articles.seenAt }).from(articles).where(eq(articles.id, articleId)).get();
  // The common case (a source re-read) costs one indexed read.
  if (own === undefined || own.sourceName === sourceName) return false;
  // Articles stored before sources were tracked have no rows yet: their own source comes first.
  q.insert(articleSources).values({ articleId, sourceName: own.sourceName, firstSeenAt: own.seenAt }).onConflictDoNothing().run();
  const added = q.insert(articleSources).values({ articleId, sourceName, firstSeenAt: seenAt }).onConflictDoNothing().run().changes > 0;
  // Pending alerts need no rewrite: they are rendered at send time with every source known then.
  return added;
}

export function sourcesOf(q: Pick<Db, 'select'>, articleId: number): string[] {
  return q
    .select({ name: articleSources.sourceName })
    .from(articleSources)
    .where(eq(articleSources.articleId, articleId))
    .orderBy(asc(articleSources.firstSeenAt), asc(articleSources.sourceName))
    .all()
    .map((r) => r.name);
}
