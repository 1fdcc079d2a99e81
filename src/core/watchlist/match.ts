import type { ChannelRef, TickerMention, WatchRule } from '../types.ts';

export interface WatchHit {
  readonly rule: WatchRule;
  readonly ticker: TickerMention;
  /** Why it fired, in words: "BABA sentiment -0.42 is below -0.3". */
  readonly reason: string;
}

/** Everything one article triggers in one channel: one alert, however many rules matched. */
export interface ChannelMatch {
  readonly scope: ChannelRef;
  readonly hits: readonly WatchHit[];
}

export function scopeKey(scope: ChannelRef): string {
  return `${scope.platform}\u0000${scope.workspace}\u0000${scope.channel}`;
}

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

/** Whether a rule written on `symbol` is about this ticker: the same symbol, or another of its issuer's (GOOG for GOOGL). */
export function coversTicker(symbol: string, ticker: Pick<TickerMention, 'symbol' | 'family'>): boolean {
  return symbol === ticker.symbol || (ticker.family?.includes(symbol) ?? false);
}

/** The issuer's other tickers, for a reply: "also GOOGL" (at most three named). */
export function alsoListedAs(symbol: string, family: readonly string[]): string | null {
  const others = family.filter((s) => s !== symbol);
  if (others.length === 0) return null;
  const named = others.slice(0, 3).join(', ');
  return `also ${named}${others.length > 3 ? ` and ${others.length - 3} more` : ''}`;
}

/** The mention a ticker was found by, for a "Why" line: ("Boeing", subject). */
function mentionNote(ticker: Pick<TickerMention, 'matched'>): string {
  return ticker.matched === undefined ? '' : ` ("${ticker.matched.text}", ${ticker.matched.role})`;
}

/** Null when the rule does not fire for this mention; otherwise the reason it does. */
export function ruleReason(
  rule: Pick<WatchRule, 'symbol' | 'minRelevance' | 'above' | 'below' | 'shift'>,
  ticker: Pick<TickerMention, 'symbol' | 'relevance' | 'sentiment' | 'family' | 'matched'>,
): string | null {
  if (!coversTicker(rule.symbol, ticker)) return null;
  if (ticker.relevance < rule.minRelevance) return null;
  const score = ticker.sentiment.score;
  const aboveHit = rule.above !== null && score >= rule.above;
  const belowHit = rule.below !== null && score <= rule.below;
  if (rule.above === null && rule.below === null) {
    // A rule that only asks for shifts does not fire on each story.
    if (rule.shift !== null && rule.shift !== undefined) return null;
    return `${rule.symbol} is in the story (relevance ${fmt(ticker.relevance)} ≥ ${fmt(rule.minRelevance)})${mentionNote(ticker)}`;
  }
  if (aboveHit) return `${rule.symbol} sentiment ${fmt(score)} is above ${fmt(rule.above)}${mentionNote(ticker)}`;
  if (belowHit) return `${rule.symbol} sentiment ${fmt(score)} is below ${fmt(rule.below)}${mentionNote(ticker)}`;
  return null;
}

/**
 * Matches an article's tickers against the rules for those tickers (the store looks rules up
 * by symbol, so this never sees the whole rule set) and groups the hits by channel. A rule on
 * any ticker of an issuer matches the issuer's story once, and its hit names the rule's ticker.
 */
export function matchWatchRules(
  tickers: readonly TickerMention[],
  rules: readonly WatchRule[],
  now: Date,
): ChannelMatch[] {
  const bySymbol = new Map<string, TickerMention>();
  for (const t of tickers)
    for (const symbol of t.family ?? [t.symbol]) if (!bySymbol.has(symbol)) bySymbol.set(symbol, t);
  const byScope = new Map<string, { scope: ChannelRef; hits: WatchHit[] }>();
  for (const rule of rules) {
    const ticker = bySymbol.get(rule.symbol);
    if (ticker === undefined || rule.paused) continue;
    if (rule.mutedUntil !== null && rule.mutedUntil.getTime() > now.getTime()) continue;
    const reason = ruleReason(rule, ticker);
    if (reason === null) continue;
    const key = scopeKey(rule.scope);
    const group = byScope.get(key) ?? { scope: rule.scope, hits: [] };
    group.hits.push({
      rule,
      ticker: ticker.symbol === rule.symbol ? ticker : { ...ticker, symbol: rule.symbol },
      reason,
    });
    byScope.set(key, group);
  }
  return [...byScope.values()];
}

export function describeRule(
  rule: Pick<WatchRule, 'symbol' | 'above' | 'below' | 'minRelevance' | 'cooldownMinutes' | 'shift'>,
): string {
  const parts = [rule.symbol];
  const shift = rule.shift ?? null;
  if (rule.above !== null) parts.push(`above ${fmt(rule.above)}`);
  if (rule.below !== null) parts.push(`below ${fmt(rule.below)}`);
  if (rule.above === null && rule.below === null && shift === null) parts.push('any sentiment');
  if (shift !== null)
    parts.push(`${rule.above === null && rule.below === null ? '' : 'or '}average sentiment shift ≥ ${fmt(shift)}`);
  parts.push(`relevance ≥ ${fmt(rule.minRelevance)}`);
  const cooldown = rule.cooldownMinutes ?? null;
  // Echoed as typed: cooldown 2h reads back as 2h, not 120m.
  if (cooldown !== null)
    parts.push(
      cooldown === 0 ? 'no cooldown' : `cooldown ${cooldown % 60 === 0 ? `${cooldown / 60}h` : `${cooldown}m`}`,
    );
  return parts.join(' ');
}
