// Which sources carried each story, and the near-duplicate lookup that lets two feeds' copies of
// one story become one article. Used inside the article store's transaction.
import { asc, eq } from 'drizzle-orm';
import { isNearDuplicate } from '../core/feeds/near-duplicate.ts';
import type { Db } from './db.ts';
import { articles, articleSources } from './schema.ts';

type Q = Pick<Db, 'select' | 'insert' | 'update'>;

/** How far back a near-duplicate (same headline, nearly the same text) is looked for. */
export const NEAR_DUPLICATE_WINDOW_MS = 3 * 24 * 3600_000;

const NEAR_DUPLICATE_CANDIDATES =
  'SELECT id, title, body FROM articles WHERE lower(title) = lower(?) AND seen_at >= ? LIMIT 20';
const candidateStatements = new WeakMap<
  Db['$client'],
  { all(title: string, since: number): Array<{ id: number; title: string; body: string }> }
>();

/**
 * An article seen recently with the same headline and nearly the same text, if any. It runs for
 * every new article, so its statement (through articles_title_lower_idx) is prepared once.
 */
export function findNearDuplicate(
  db: Pick<Db, '$client'>,
  article: { readonly title: string; readonly body: string },
  seenAt: Date,
): number | undefined {
  let stmt = candidateStatements.get(db.$client);
  if (stmt === undefined) {
    stmt = db.$client.prepare<[string, number], { id: number; title: string; body: string }>(NEAR_DUPLICATE_CANDIDATES);
    candidateStatements.set(db.$client, stmt);
  }
  return stmt.all(article.title, seenAt.getTime() - NEAR_DUPLICATE_WINDOW_MS).find((c) => isNearDuplicate(c, article))
    ?.id;
}

/** Records that sourceName carried the article. Returns whether the source was new. */
export function noteArticleSource(q: Q, articleId: number, sourceName: string, seenAt: Date): boolean {
  const own = q
    .select({ sourceName: articles.sourceName, seenAt: articles.seenAt })
    .from(articles)
    .where(eq(articles.id, articleId))
    .get();
  // The common case (a source re-read) costs one indexed read.
  if (own === undefined || own.sourceName === sourceName) return false;
  // Articles stored before sources were tracked have no rows yet: their own source comes first.
  q.insert(articleSources)
    .values({ articleId, sourceName: own.sourceName, firstSeenAt: own.seenAt })
    .onConflictDoNothing()
    .run();
  const added =
    q.insert(articleSources).values({ articleId, sourceName, firstSeenAt: seenAt }).onConflictDoNothing().run()
      .changes > 0;
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
