// Who may see a stored story (storage/audience.ts has the rules), on PostgreSQL.
import type { Audience } from '../audience.ts';
import { changes, pgVisibleOrigin, rows, type Queryable } from './sql.ts';

const VISIBLE_SOURCES = `SELECT o.source_name AS name, ${pgVisibleOrigin('$2::text', '$3::text')} AS visible
  FROM article_origins o LEFT JOIN feeds f ON f.url = o.origin
  WHERE o.article_id = $1 ORDER BY o.first_seen_at, o.source_name`;

/** Records one way a story arrived; true when this origin is new for the article. */
export async function noteOrigin(
  q: Queryable,
  articleId: number,
  origin: string,
  sourceName: string,
  seenAt: Date,
): Promise<boolean> {
  return (
    (await changes(
      q,
      'INSERT INTO article_origins (article_id, origin, source_name, first_seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [articleId, origin, sourceName, seenAt],
    )) > 0
  );
}

/** The source names a workspace may see for an article, first seen first; null when the article predates origins. */
export async function visibleSources(q: Queryable, articleId: number, audience: Audience): Promise<string[] | null> {
  const found = await rows<{ name: string; visible: boolean }>(q, VISIBLE_SOURCES, [
    articleId,
    audience.platform,
    audience.workspace,
  ]);
  if (found.length === 0) return null;
  return [...new Set(found.filter((r) => r.visible).map((r) => r.name))];
}

export async function isVisibleTo(q: Queryable, articleId: number, audience: Audience): Promise<boolean> {
  const names = await visibleSources(q, articleId, audience);
  return names === null || names.length > 0;
}
