import type { ChannelRef, TickerMention, WatchRule } from '../types.ts';

export interface RuleHit {
  readonly rule: WatchRule;
  readonly ticker: TickerMention;
  /** Why it fired, in words: "BABA sentiment -0.42 is below -0.3". */
  readonly reason: string;
}

/** Everything one article triggers in one channel: one alert, however many rules matched. */
export interface ChannelMatch {
  readonly scope: ChannelRef;
  readonly hits: readonly RuleHit[];
}

export function scopeKey(scope: ChannelRef): string {
  return `${scope.platform}\u0000${scope.workspace}\u0000${scope.channel}`;
}

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

/** Null when the rule does not fire for this mention; otherwise the reason it does. */
export function ruleReason(
  rule: Pick<WatchRule, 'symbol' | 'minRelevance' | 'above' | 'below' | 'shift'>,
  ticker: Pick<TickerMention, 'symbol' | 'relevance' | 'sentiment'>,
): string | null {
  if (rule.symbol !== ticker.symbol) return null;
  if (ticker.relevance < rule.minRelevance) return null;
  const score = ticker.sentiment.score;
  const aboveHit = rule.above !== null && score >= rule.above;
  const belowHit = rule.below !== null && score <= rule.below;
  if (rule.above === null && rule.below === null) {
    // A rule that only asks for shifts does not fire on each story.
    if (rule.shift !== null && rule.shift !== undefined) return null;
    return `${ticker.symbol} is in the story (relevance ${fmt(ticker.relevance)} ≥ ${fmt(rule.minRelevance)})`;
  }
  if (aboveHit) return `${ticker.symbol} sentiment ${fmt(score)} is above ${fmt(rule.above)}`;
  if (belowHit) return `${ticker.symbol} sentiment ${fmt(score)} is below ${fmt(rule.below)}`;
  return null;
}

/**
 * Matches an article's tickers against the rules for those tickers (the store looks rules up
 * by symbol, so this never sees the whole rule set) and groups the hits by channel.
 */
export function matchRules(tickers: readonly TickerMention[], rules: readonly WatchRule[], now: Date): ChannelMatch[] {
  const bySymbol = new Map(tickers.map((t) => [t.symbol, t]));
  const byScope = new Map<string, { scope: ChannelRef; hits: RuleHit[] }>();
  for (const rule of rules) {
    const ticker = bySymbol.get(rule.symbol);
    if (ticker === undefined || rule.paused) continue;
    if (rule.mutedUntil !== null && rule.mutedUntil.getTime() > now.getTime()) continue;
    const reason = ruleReason(rule, ticker);
    if (reason === null) continue;
    const key = scopeKey(rule.scope);
    const group = byScope.get(key) ?? { scope: rule.scope, hits: [] };
    group.hits.push({ rule, ticker, reason });
    byScope.set(key, group);
  }
  return [...byScope.values()];
}

export function describeRule(rule: Pick<WatchRule, 'symbol' | 'above' | 'below' | 'minRelevance' | 'cooldownMinutes' | 'shift'>): string {
  const parts = [rule.symbol];
  const shift = rule.shift ?? null;
  if (rule.above !== null) parts.push(`above ${fmt(rule.above)}`);
  if (rule.below !== null) parts.push(`below ${fmt(rule.below)}`);
  if (rule.above === null && rule.below === null && shift === null) parts.push('any sentiment');
  if (shift !== null) parts.push(`${rule.above === null && rule.below === null ? '' : 'or '}average sentiment shift ≥ ${fmt(shift)}`);
  parts.push(`relevance ≥ ${fmt(rule.minRelevance)}`);
  const cooldown = rule.cooldownMinutes ?? null;
  // Echoed as typed: cooldown 2h reads back as 2h, not 120m.
  if (cooldown !== null) parts.push(cooldown === 0 ? 'no cooldown' : `cooldown ${cooldown % 60 === 0 ? `${cooldown / 60}h` : `${cooldown}m`}`);
  return parts.join(' ');
}
