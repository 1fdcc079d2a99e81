// core/watchlist's matchWatchRules, run in SQLite: the rules on an article's tickers that fire, written
// straight into the outbox as one alert row per channel. A story that alerts a hundred channels
// costs a hundred native row inserts, not a hundred rules and rows passed through JavaScript.
// test/alerts/fan-out-matching.test.ts holds this statement to matchWatchRules' answers.
import type { TickerMention } from '../core/types.ts';
import { FAN_OUT_AUDIENCE } from './audience.ts';

/**
 * For each of the article's tickers (a JSON array), the rules on any ticker of its issuer (its
 * `family`) that fire, grouped into one alert row per channel whose hits (core AlertHit: the ticker
 * and the rule's thresholds) are worded at send time. The conditions are matchWatchRules' and
 * ruleReason's: paused, muted at the article's arrival, relevance floor, above/below, no thresholds
 * = any story, except a rule that only asks for shifts (app/ingest evaluates those).
 */
export const MATCH_AND_QUEUE = `
INSERT INTO outbox (article_id, platform, workspace, channel, message, status, attempts, next_attempt_at, created_at)
SELECT @article, r.platform, r.workspace, r.channel,
  json_object('kind', 'alert-ref', 'hits', json_group_array(
    json_object('ticker', json_set(t.value, '$.symbol', r.symbol), 'rule', json_object('symbol', r.symbol, 'above', r.above, 'below', r.below, 'minRelevance', r.min_relevance))
    ORDER BY t.key, r.id)),
  'pending', 0, @seenAt, @seenAt
FROM json_each(@tickers) AS t
JOIN json_each(t.value, '$.family') AS f
JOIN watch_rules AS r ON r.symbol = f.value
WHERE r.paused = 0
  AND (r.muted_until IS NULL OR r.muted_until <= @seenAt)
  AND r.min_relevance <= t.value ->> 'relevance'
  AND ((r.above IS NULL AND r.below IS NULL AND r.shift IS NULL) OR r.above <= t.value ->> '$.sentiment.score' OR r.below >= t.value ->> '$.sentiment.score')
  AND ${FAN_OUT_AUDIENCE}
GROUP BY r.platform, r.workspace, r.channel
ON CONFLICT DO NOTHING`;

export interface MatchParams {
  readonly article: number;
  readonly tickers: string;
  readonly seenAt: number;
  /** Set for a stored story arriving through one more feed: only the workspaces it newly reaches. */
  readonly origin: string | null;
}

/** The tickers as MATCH_AND_QUEUE reads them: each with its issuer's symbols (rules on any of them match). */
export function matchTickers(tickers: readonly TickerMention[]): string {
  return JSON.stringify(
    tickers.map((t) => ({
      symbol: t.symbol,
      name: t.name,
      relevance: t.relevance,
      sentiment: t.sentiment,
      family: t.family ?? [t.symbol],
      ...(t.matched === undefined ? {} : { matched: t.matched }),
    })),
  );
}
