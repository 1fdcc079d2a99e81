import { formatScore, formatSentiment, type OutgoingMessage } from './messages.ts';
import type { Sentiment, TickerMention } from './types.ts';
import { ruleReason } from './watchlist/match.ts';

/** One reason an alert fired: the ticker as the story scored it, and the rule's reason in words. */
export interface AlertHit {
  readonly ticker: Pick<TickerMention, 'symbol' | 'name' | 'relevance' | 'sentiment' | 'matched'>;
  readonly reason: string;
}

/** A threshold rule as it stood when it fired: enough to say why at send time, whatever happens to the rule. */
export interface FiredRule {
  readonly symbol: string;
  readonly above: number | null;
  readonly below: number | null;
  readonly minRelevance: number;
}

/**
 * A hit as the database's matching writes it (see article-store.ts): the ticker and the rule that
 * fired on it. Its reason is worded at send time by ruleReason, the same function that decides.
 */
export interface MatchedHit {
  readonly ticker: AlertHit['ticker'];
  readonly rule: FiredRule;
}

/**
 * What the outbox keeps for an alert: the hits only. The message is rendered when it is sent, from
 * the stored article, so a row stays small and names every source known by then.
 */
export interface AlertRef {
  readonly kind: 'alert-ref';
  readonly hits: ReadonlyArray<AlertHit | MatchedHit>;
}

/** An alert's hits with their reasons in words. */
export function alertHits(ref: AlertRef): AlertHit[] {
  return ref.hits.map((h) => {
    if ('reason' in h) return h;
    const reason = ruleReason({ ...h.rule, shift: null }, h.ticker);
    // The rule fired when it was stored; only a row written by other code could miss here.
    return { ticker: h.ticker, reason: reason ?? `${h.ticker.symbol} matched a watch rule` };
  });
}

export function isAlertRef(value: unknown): value is AlertRef {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'alert-ref';
}

/** The part of a rule hit the outbox keeps. */
export function toAlertRef(hits: readonly AlertHit[]): AlertRef {
  return {
    kind: 'alert-ref',
    hits: hits.map((h) => ({
      ticker: {
        symbol: h.ticker.symbol,
        name: h.ticker.name,
        relevance: h.ticker.relevance,
        sentiment: h.ticker.sentiment,
        ...(h.ticker.matched === undefined ? {} : { matched: h.ticker.matched }),
      },
      reason: h.reason,
    })),
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

export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One message for one article in one channel, naming every rule that fired there. */
export function buildAlertMessage(article: AlertArticle, hits: readonly AlertHit[]): OutgoingMessage {
  const seen = new Set<string>();
  const tickers = hits.filter((h) => (seen.has(h.ticker.symbol) ? false : (seen.add(h.ticker.symbol), true)));
  const tickerLines = tickers.map(
    (h) => `${h.ticker.symbol} (${h.ticker.name}): ${formatSentiment(h.ticker.sentiment)}, relevance ${h.ticker.relevance.toFixed(2)}`,
  );
  const when = article.publishedAt ?? article.seenAt;
  const sources = article.sourceNames !== undefined && article.sourceNames.length > 0 ? article.sourceNames : [article.sourceName];
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
