import { formatScore, formatSentiment, formatTime, type OutgoingMessage } from './messages.ts';
import type { Sentiment, TickerMention } from './types.ts';
import { ruleReason } from './watchlist/match.ts';
import { shiftReason, type ShiftMove } from './watchlist/shift.ts';

/** The ticker as the story scored it, as an alert keeps it. */
export type HitTicker = Pick<TickerMention, 'symbol' | 'name' | 'relevance' | 'sentiment' | 'matched'>;

/** A rule's thresholds as they stood when it fired: enough to say why at send time, whatever happens to the rule. */
export interface FiredRule {
  readonly symbol: string;
  readonly above: number | null;
  readonly below: number | null;
  readonly minRelevance: number;
}

/**
 * One rule that fired on one ticker of a story: the one shape the outbox keeps, whichever step
 * matched it (the SQL fan-out for thresholds, app/ingest for shifts). Facts only: hitReason words
 * it when the alert is sent, with the same functions that decided it.
 */
export interface AlertHit {
  readonly ticker: HitTicker;
  readonly rule: FiredRule;
  /** Set when the rule fired on a move of the ticker's average sentiment, not on this story's score. */
  readonly shift?: ShiftMove;
}

/** A hit with its reason in words, as a message shows it. */
export interface WordedHit {
  readonly ticker: HitTicker;
  readonly reason: string;
}

export function hitReason(hit: AlertHit): string {
  if (hit.shift !== undefined) return shiftReason(hit.rule.symbol, hit.shift);
  // The rule fired when it was queued; only a row written by other code could miss here.
  return ruleReason({ ...hit.rule, shift: null }, hit.ticker) ?? `${hit.ticker.symbol} matched a watch rule`;
}

/** The part of a ticker mention an alert keeps. */
export function hitTicker(t: HitTicker): HitTicker {
  return {
    symbol: t.symbol,
    name: t.name,
    relevance: t.relevance,
    sentiment: t.sentiment,
    ...(t.matched === undefined ? {} : { matched: t.matched }),
  };
}

/** What an alert needs to know about its article. */
export interface AlertArticle {
  readonly id: number;
  readonly title: string;
  readonly url: string | null;
  readonly sourceName: string;
  readonly publishedAt: Date | null;
  readonly seenAt: Date;
  readonly sentiment: Sentiment;
  readonly summary: string;
  /** Every source that carried the story, first seen first (defaults to sourceName alone). */
  readonly sourceNames?: readonly string[];
}

/** One message for one article in one channel, naming every rule that fired there. */
export function buildAlertMessage(article: AlertArticle, hits: readonly WordedHit[]): OutgoingMessage {
  const seen = new Set<string>();
  const tickers = hits.filter((h) => (seen.has(h.ticker.symbol) ? false : (seen.add(h.ticker.symbol), true)));
  const tickerLines = tickers.map(
    (h) =>
      `${h.ticker.symbol} (${h.ticker.name}): ${formatSentiment(h.ticker.sentiment)}, relevance ${h.ticker.relevance.toFixed(2)}`,
  );
  const when = article.publishedAt ?? article.seenAt;
  const sources =
    article.sourceNames !== undefined && article.sourceNames.length > 0 ? article.sourceNames : [article.sourceName];
  const source = `${sources.join(', ')} · ${formatTime(when)}${article.publishedAt === null ? ' (first seen)' : ''}`;
  const why = hits.map((h) => h.reason);
  const first = tickers[0]?.ticker.symbol;
  const text = [
    article.title,
    article.url ?? '(no link)',
    source,
    `Sentiment: ${formatSentiment(article.sentiment)}`,
    ...tickerLines.map((l) => `Ticker: ${l}`),
    `Summary: ${article.summary}`,
    ...why.map((w) => `Why: ${w}`),
  ].join('\n');
  return {
    kind: 'alert',
    ...(first !== undefined ? { topic: first } : {}),
    title: article.title,
    url: article.url,
    text,
    sentiment: article.sentiment,
    fields: [
      { name: 'Sentiment', value: `${article.sentiment.label} ${formatScore(article.sentiment.score)}`, inline: true },
      { name: sources.length > 1 ? 'Sources' : 'Source', value: source, inline: true },
      { name: tickers.length > 1 ? 'Tickers' : 'Ticker', value: tickerLines.join('\n') },
      { name: 'Summary', value: article.summary },
      { name: 'Why', value: why.join('\n') },
    ],
    footer: `tickerbell alert #${article.id}`,
    actions:
      first === undefined
        ? []
        : [
            { command: `/watch mute ${first} 1h`, label: `Mute ${first} 1h` },
            { command: `/watch remove ${first}`, label: `Unwatch ${first}`, style: 'danger' },
          ],
  };
}
