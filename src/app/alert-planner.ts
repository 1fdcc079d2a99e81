// Which channels an article alerts, and why, for the rules it is given: threshold hits (core
// matchRules) plus sentiment-shift hits, which need the ticker's recent stories and so run here, inside
// the article's transaction (its own ticker row is already stored and counts). The SQLite store gives
// it only rules with a shift; it matches the other threshold rules in SQL (article-store.ts).
import { evaluateShift, ROLLING, rollingAverage } from '../core/watchlist/shift.ts';
import { coversTicker, matchRules, scopeKey, type ChannelMatch, type RuleHit } from '../core/watchlist/match.ts';
import type { TickerMention } from '../core/types.ts';
import type { ShiftBaselineStore } from './ports/storage.ts';
import type { AlertPlanner, ArticleStore } from './ports/storage.ts';

export interface AlertPlannerDeps {
  readonly articles: Pick<ArticleStore, 'storiesForTicker'>;
  /** Absent: shift rules are not evaluated. */
  readonly shiftBaselines?: ShiftBaselineStore | undefined;
}

export function planArticleAlerts(deps: AlertPlannerDeps, tickers: readonly TickerMention[], seenAt: Date): AlertPlanner {
  return (_articleId, rules) => {
    const matches = new Map<string, { scope: ChannelMatch['scope']; hits: RuleHit[] }>(
      matchRules(tickers, rules, seenAt).map((m) => [scopeKey(m.scope), { scope: m.scope, hits: [...m.hits] }]),
    );
    const baselines = deps.shiftBaselines;
    if (baselines !== undefined) {
      for (const rule of rules) {
        if (rule.shift === null || rule.shift === undefined || rule.paused) continue;
        if (rule.mutedUntil !== null && rule.mutedUntil.getTime() > seenAt.getTime()) continue;
        const ticker = tickers.find((t) => coversTicker(rule.symbol, t));
        if (ticker === undefined || ticker.relevance < rule.minRelevance) continue;
        const stories = deps.articles.storiesForTicker(ticker.family ?? rule.symbol, new Date(seenAt.getTime() - ROLLING.maxAgeMs), rule.minRelevance, rule.scope);
        const outcome = evaluateShift(rule, rollingAverage(stories, seenAt));
        if (outcome.kind === 'none') continue;
        baselines.set(rule.id, outcome.baseline);
        if (outcome.kind !== 'shift') continue;
        const key = scopeKey(rule.scope);
        const group = matches.get(key) ?? { scope: rule.scope, hits: [] };
        group.hits.push({ rule, ticker: ticker.symbol === rule.symbol ? ticker : { ...ticker, symbol: rule.symbol }, reason: outcome.reason });
        matches.set(key, group);
      }
    }
    return [...matches.values()];
  };
}
