// Who may see a stored story. Feeds belong to the workspaces that follow them: a story is visible
// to a workspace when one of its origins (article_origins) is a feed that workspace follows, a feed
// from TICKERBELL_SOURCES, or not a feed at all (a file or directory in TICKERBELL_SOURCES, stdin,
// `tickerbell ingest`), which the operator set up for the whole deployment. A feed URL no longer
// in the feeds table (its last follower removed it) makes the story visible to no one through it.
import type Database from 'better-sqlite3';
import type { Db } from './db.ts';

/** SQL over an origin row `o` LEFT JOINed to `feeds f` on f.url = o.origin: open to every workspace. */
export const OPEN_ORIGIN = `((o.origin NOT LIKE 'http://%' AND o.origin NOT LIKE 'https://%') OR f.from_config = 1)`;

/** SQL: the origin row is visible to the workspace named by the two SQL expressions. */
export const visibleOrigin = (platform: string, workspace: string): string =>
  `(${OPEN_ORIGIN} OR EXISTS (SELECT 1 FROM feed_subscriptions s WHERE s.feed_id = f.id AND s.platform = ${platform} AND s.workspace = ${workspace}))`;

/**
 * The fan-out's audience condition on a rule `r`, for @article: computed once per statement (the
 * subqueries are not correlated), so a story alerting many channels costs no lookup per rule.
 * With @origin set (a stored story arriving through one more feed), only the workspaces that origin
 * newly reaches: none when the story was already open to all, and not those who could see it already.
 */
export const FAN_OUT_AUDIENCE = `(
    EXISTS (SELECT 1 FROM article_origins o LEFT JOIN feeds f ON f.url = o.origin
      WHERE o.article_id = @article AND (@origin IS NULL OR o.origin = @origin) AND ${OPEN_ORIGIN})
    OR (r.platform, r.workspace) IN (SELECT s.platform, s.workspace FROM article_origins o JOIN feeds f ON f.url = o.origin
      JOIN feed_subscriptions s ON s.feed_id = f.id WHERE o.article_id = @article AND (@origin IS NULL OR o.origin = @origin)))
  AND (@origin IS NULL OR NOT EXISTS (SELECT 1 FROM article_origins o LEFT JOIN feeds f ON f.url = o.origin
      WHERE o.article_id = @article AND o.origin <> @origin AND ${visibleOrigin('r.platform', 'r.workspace')}))`;

export interface Audience {
  readonly platform: string;
  readonly workspace: string;
}

type Client = Db['$client'];
type Statement = Database.Statement<unknown[], unknown>;
const statements = new WeakMap<Client, Map<string, Statement>>();

/** Prepared once per connection: noteOrigin runs for every stored article. */
function prepared(db: Pick<Db, '$client'>, sql: string): Statement {
  let byClient = statements.get(db.$client);
  if (byClient === undefined) statements.set(db.$client, (byClient = new Map<string, Statement>()));
  let stmt = byClient.get(sql);
  if (stmt === undefined) byClient.set(sql, (stmt = db.$client.prepare<unknown[], unknown>(sql)));
  return stmt;
}

const NOTE_ORIGIN =
  'INSERT INTO article_origins (article_id, origin, source_name, first_seen_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING';
const VISIBLE_SOURCES = `SELECT o.source_name AS name, ${visibleOrigin('@platform', '@workspace')} AS visible FROM article_origins o LEFT JOIN feeds f ON f.url = o.origin
  WHERE o.article_id = @article ORDER BY o.first_seen_at, o.source_name`;

/** Records one way a story arrived; true when this origin is new for the article. */
export function noteOrigin(
  db: Pick<Db, '$client'>,
  articleId: number,
  origin: string,
  sourceName: string,
  seenAt: Date,
): boolean {
  return prepared(db, NOTE_ORIGIN).run(articleId, origin, sourceName, seenAt.getTime()).changes > 0;
}

/** The source names a workspace may see for an article, first seen first; null when the article predates origins. */
export function visibleSources(db: Pick<Db, '$client'>, articleId: number, audience: Audience): string[] | null {
  const rows = prepared(db, VISIBLE_SOURCES).all({
    article: articleId,
    platform: audience.platform,
    workspace: audience.workspace,
  }) as Array<{ name: string; visible: number }>;
  if (rows.length === 0) return null;
  return [...new Set(rows.filter((r) => r.visible === 1).map((r) => r.name))];
}

/** Whether a workspace may see an article (for rules matched outside the fan-out statement). */
export function isVisibleTo(db: Pick<Db, '$client'>, articleId: number, audience: Audience): boolean {
  const names = visibleSources(db, articleId, audience);
  return names === null || names.length > 0;
}
