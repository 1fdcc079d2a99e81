// The ticker report /summary answers with: counts, average sentiment and trend, label mix, top
// headlines and sources over a window. (An article's `summary` is something else: its extract.)
import type { ReportWindow } from './commands/summary.ts';
import { formatScore, formatTime, replyMessage, type OutgoingMessage } from './messages.ts';
import { labelFor, toSentiment } from './sentiment/label.ts';
import { SENTIMENT_LABELS, type SentimentLabel } from './types.ts';

export interface TickerStory {
  readonly articleId: number;
  readonly title: string;
  readonly url: string | null;
  readonly sourceName: string;
  /** Published time, or first-seen time when the source gave none. */
  readonly at: Date;
  /** The ticker's own sentiment in this story. */
  readonly score: number;
}

export interface TickerReport {
  readonly symbol: string;
  readonly name: string;
  readonly window: ReportWindow;
  readonly count: number;
  readonly average: number | null;
  readonly previousCount: number;
  readonly previousAverage: number | null;
  readonly labelMix: Readonly<Record<SentimentLabel, number>>;
  readonly mostPositive: TickerStory | null;
  readonly mostNegative: TickerStory | null;
  readonly topSources: ReadonlyArray<{ readonly name: string; readonly count: number }>;
}

const WINDOW_MS: Readonly<Record<ReportWindow, number>> = {
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '30d': 30 * 24 * 3600_000,
};

export function windowMs(window: ReportWindow): number {
  return WINDOW_MS[window];
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** Stories may cover two windows back: the earlier one gives the trend. */
export function computeTickerReport(
  symbol: string,
  name: string,
  window: ReportWindow,
  stories: readonly TickerStory[],
  now: Date,
  /** The span actually covered, when it is not the window's own (a daily digest after a weekend). */
  span = windowMs(window),
): TickerReport {
  const start = now.getTime() - span;
  const current = stories.filter((s) => s.at.getTime() > start && s.at.getTime() <= now.getTime());
  const previous = stories.filter((s) => s.at.getTime() > start - span && s.at.getTime() <= start);
  const labelMix = Object.fromEntries(SENTIMENT_LABELS.map((l) => [l, 0])) as Record<SentimentLabel, number>;
  const sources = new Map<string, number>();
  let mostPositive: TickerStory | null = null;
  let mostNegative: TickerStory | null = null;
  for (const s of current) {
    labelMix[labelFor(s.score)] += 1;
    sources.set(s.sourceName, (sources.get(s.sourceName) ?? 0) + 1);
    if (s.score > 0 && (mostPositive === null || s.score > mostPositive.score)) mostPositive = s;
    if (s.score < 0 && (mostNegative === null || s.score < mostNegative.score)) mostNegative = s;
  }
  return {
    symbol,
    name,
    window,
    count: current.length,
    average: mean(current.map((s) => s.score)),
    previousCount: previous.length,
    previousAverage: mean(previous.map((s) => s.score)),
    labelMix,
    mostPositive,
    mostNegative,
    topSources: [...sources.entries()]
      .map(([n, count]) => ({ name: n, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, 3),
  };
}

function headline(s: TickerStory): string {
  return `${formatScore(s.score)} ${s.title}${s.url ? ` <${s.url}>` : ''} (${s.sourceName}, ${formatTime(s.at)})`;
}

export function buildTickerReportMessage(s: TickerReport): OutgoingMessage {
  const title = `${s.symbol} · ${s.name} · last ${s.window}`;
  if (s.count === 0 || s.average === null) {
    return replyMessage(
      title,
      [
        `No stories about ${s.symbol} in the last ${s.window}.${s.previousCount > 0 ? ` (${s.previousCount} in the ${s.window} before.)` : ''} Try a longer window: /summary ${s.symbol} 30d`,
      ],
      { kind: 'summary' },
    );
  }
  const avg = toSentiment(s.average);
  const trend =
    s.previousAverage === null
      ? 'no stories in the previous period'
      : `${formatScore(s.average - s.previousAverage)} vs previous ${s.window} (${formatScore(s.previousAverage)}, ${s.previousCount} stories)`;
  const mix = SENTIMENT_LABELS.filter((l) => s.labelMix[l] > 0)
    .map((l) => `${l} ${s.labelMix[l]}`)
    .join(', ');
  const fields = [
    { name: 'Stories', value: String(s.count), inline: true },
    { name: 'Average sentiment', value: `${avg.label} ${formatScore(avg.score)}`, inline: true },
    { name: 'Trend', value: trend, inline: true },
    { name: 'Label mix', value: mix },
    { name: 'Most positive', value: s.mostPositive ? headline(s.mostPositive) : 'none' },
    { name: 'Most negative', value: s.mostNegative ? headline(s.mostNegative) : 'none' },
    { name: 'Top sources', value: s.topSources.map((t) => `${t.name} (${t.count})`).join(', ') },
  ];
  return {
    kind: 'summary',
    title,
    text: [title, ...fields.map((f) => `${f.name}: ${f.value}`)].join('\n'),
    fields,
    sentiment: avg,
  };
}
