// Raw SQL on PostgreSQL: the queries drizzle's builder cannot say (the fan-out, the audience), run
// on a pool or on the connection that holds a transaction, with $n parameters.
import type pg from 'pg';
import { FAN_OUT_AUDIENCE, OPEN_ORIGIN, visibleOrigin } from '../audience.ts';

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function rows<T>(q: Queryable, text: string, values: readonly unknown[] = []): Promise<T[]> {
  return (await q.query(text, [...values])).rows as T[];
}

export async function changes(q: Queryable, text: string, values: readonly unknown[] = []): Promise<number> {
  return (await q.query(text, [...values])).rowCount ?? 0;
}

/**
 * The SQLite fragments in PostgreSQL terms: booleans are booleans, and each named parameter becomes
 * a typed positional one (PostgreSQL cannot infer the type of `$1 IS NULL`).
 */
export function pgDialect(sqliteSql: string, params: Readonly<Record<string, string>>): string {
  let out = sqliteSql.replaceAll('f.from_config = 1', 'f.from_config');
  for (const [name, positional] of Object.entries(params)) out = out.replaceAll(`@${name}`, positional);
  return out;
}

export const PG_OPEN_ORIGIN = pgDialect(OPEN_ORIGIN, {});
export const pgVisibleOrigin = (platform: string, workspace: string): string =>
  pgDialect(visibleOrigin(platform, workspace), {});

/**
 * core/watchlist's matchWatchRules as one statement, as storage/watchlist-match-sql.ts runs it on
 * SQLite: the same conditions, with PostgreSQL's JSON functions. $1 article, $2 tickers (JSON),
 * $3 seen at, $4 origin (NULL: every workspace that may see the story).
 */
export const PG_MATCH_AND_QUEUE = `
INSERT INTO outbox (article_id, platform, workspace, channel, message, status, attempts, next_attempt_at, created_at)
SELECT $1::int8, r.platform, r.workspace, r.channel,
  jsonb_build_object('kind', 'alert-ref', 'hits', jsonb_agg(
    jsonb_build_object('ticker', jsonb_set(t.value, '{symbol}', to_jsonb(r.symbol)), 'rule',
      jsonb_build_object('symbol', r.symbol, 'above', r.above, 'below', r.below, 'minRelevance', r.min_relevance))
    ORDER BY t.ord, r.id)),
  'pending', 0, $3::timestamptz, $3::timestamptz
FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(value, ord)
CROSS JOIN LATERAL jsonb_array_elements_text(t.value -> 'family') AS f(symbol)
JOIN watch_rules AS r ON r.symbol = f.symbol
WHERE NOT r.paused
  AND (r.muted_until IS NULL OR r.muted_until <= $3::timestamptz)
  AND r.min_relevance <= (t.value ->> 'relevance')::float8
  AND ((r.above IS NULL AND r.below IS NULL AND r.shift IS NULL)
    OR r.above <= (t.value -> 'sentiment' ->> 'score')::float8 OR r.below >= (t.value -> 'sentiment' ->> 'score')::float8)
  AND ${pgDialect(FAN_OUT_AUDIENCE, { article: '$1::int8', origin: '$4::text' })}
GROUP BY r.platform, r.workspace, r.channel
ON CONFLICT DO NOTHING`;
