// /summary: the numbers from core, a text sparkline, and the chart when a renderer is wired.
import type { ReportWindow } from '../core/commands/summary.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import { alsoListedAs } from '../core/watchlist/match.ts';
import { bucketLabel, sentimentSparkline, reportSeries } from '../core/ticker-report-series.ts';
import { buildTickerReportMessage, computeTickerReport, windowMs } from '../core/ticker-report.ts';
import type { ReportChart } from './ports/chart.ts';
import type { ArticleStore, Audience } from './ports/storage.ts';
import type { Logger } from './ports/runtime.ts';

export interface TickerReportReplyDeps {
  readonly articles: Pick<ArticleStore, 'storiesForTicker'>;
  readonly chart?: ReportChart | undefined;
  readonly log: Logger;
  readonly minRelevance: number;
  /** The channel's zone: chart times are drawn in it. */
  readonly timeZone?: string | undefined;
  /** The platform shows no pictures (the console): say how to get the chart instead of drawing it. */
  readonly textOnly?: boolean | undefined;
}

/** `family`: the issuer's tickers whose stories count (default: the symbol's own). */
export async function buildTickerReportReply(
  deps: TickerReportReplyDeps,
  symbol: string,
  name: string,
  window: ReportWindow,
  now: Date,
  family: readonly string[] = [symbol],
  audience?: Audience,
): Promise<OutgoingMessage> {
  const since = new Date(now.getTime() - 2 * windowMs(window));
  const stories = await deps.articles.storiesForTicker(family, since, deps.minRelevance, audience);
  const report = buildTickerReportMessage(computeTickerReport(symbol, name, window, stories, now));
  const also = alsoListedAs(symbol, family);
  // One company, several tickers: say whose stories are counted.
  const message =
    also === null
      ? report
      : { ...report, text: `${report.text}\n${symbol}: ${name}, ${also} (stories on any of them count)` };
  if (message.kind !== 'summary' || message.fields === undefined) return message;
  const series = reportSeries(symbol, window, stories, now, deps.timeZone);
  const line = `Sentiment per ${bucketLabel(series)}, oldest first (-1 ▁ … █ +1, · no stories): ${sentimentSparkline(series)}`;
  if (deps.textOnly === true) {
    const hint = `Chart: tickerbell chart ${symbol} ${window} --out ${symbol.toLowerCase()}-${window}.png`;
    return { ...message, text: `${message.text}\n${line}\n${hint}` };
  }
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
