// /summary: the numbers from core, a text sparkline, and the chart when a renderer is wired.
import type { SummaryWindow } from '../core/commands/parse.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import { alsoListedAs } from '../core/watchlist/match.ts';
import { bucketLabel, sentimentSparkline, summarySeries } from '../core/summary-series.ts';
import { buildSummaryMessage, computeTickerSummary, windowMs } from '../core/summary.ts';
import type { SummaryChart } from './chart-port.ts';
import type { ArticleStore, Logger } from './ports.ts';

export interface SummaryReplyDeps {
  readonly articles: Pick<ArticleStore, 'storiesForTicker'>;
  readonly chart?: SummaryChart | undefined;
  readonly log: Logger;
  readonly minRelevance: number;
}

/** `family`: the issuer's tickers whose stories count (default: the symbol's own). */
export function buildSummaryReply(
  deps: SummaryReplyDeps,
  symbol: string,
  name: string,
  window: SummaryWindow,
  now: Date,
  family: readonly string[] = [symbol],
): OutgoingMessage {
  const since = new Date(now.getTime() - 2 * windowMs(window));
  const stories = deps.articles.storiesForTicker(family, since, deps.minRelevance);
  const summary = buildSummaryMessage(computeTickerSummary(symbol, name, window, stories, now));
  const also = alsoListedAs(symbol, family);
  // One company, several tickers: say whose stories are counted.
  const message = also === null ? summary : { ...summary, text: `${summary.text}\n${symbol}: ${name}, ${also} (stories on any of them count)` };
  if (message.kind !== 'summary' || message.fields === undefined) return message;
  const series = summarySeries(symbol, window, stories, now);
  const line = `Sentiment per ${bucketLabel(series)}, oldest first (-1 ▁ … █ +1, · no stories): ${sentimentSparkline(series)}`;
  let image: OutgoingMessage['image'];
  if (deps.chart !== undefined) {
    try {
      image = deps.chart(series);
    } catch (error) {
      // The numbers are the answer; a chart that failed to render is logged, not fatal.
      deps.log.warn({ symbol, window, err: error }, 'summary.chart_failed');
    }
  }
  return { ...message, text: `${message.text}\n${line}`, ...(image !== undefined ? { image } : {}) };
}
