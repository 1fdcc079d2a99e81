// A ticker's sentiment over time with story volume: the data behind the /summary chart and the
// console's text sparkline.
import type { SummaryWindow } from './commands/parse.ts';
import { windowMs, type TickerStory } from './summary.ts';

export interface SeriesBucket {
  /** Start of the bucket. */
  readonly at: Date;
  readonly count: number;
  /** Mean ticker sentiment of the bucket's stories; null when it has none. */
  readonly average: number | null;
}

export interface SummarySeries {
  readonly symbol: string;
  readonly window: SummaryWindow;
  readonly bucketMs: number;
  readonly buckets: readonly SeriesBucket[];
}

const BUCKET_MS: Readonly<Record<SummaryWindow, number>> = {
  '24h': 3600_000,
  '7d': 6 * 3600_000,
  '30d': 24 * 3600_000,
};

/** Buckets the stories of the window ending at now (older ones are ignored). */
export function summarySeries(symbol: string, window: SummaryWindow, stories: readonly TickerStory[], now: Date): SummarySeries {
  const bucketMs = BUCKET_MS[window];
  const n = Math.round(windowMs(window) / bucketMs);
  const start = now.getTime() - n * bucketMs;
  const sums = Array.from({ length: n }, () => ({ count: 0, total: 0 }));
  for (const s of stories) {
    const t = s.at.getTime();
    if (t <= start || t > now.getTime()) continue;
    const i = Math.min(n - 1, Math.floor((t - start) / bucketMs));
    const b = sums[i];
    if (b === undefined) continue;
    b.count += 1;
    b.total += s.score;
  }
  return {
    symbol,
    window,
    bucketMs,
    buckets: sums.map((b, i) => ({ at: new Date(start + i * bucketMs), count: b.count, average: b.count === 0 ? null : b.total / b.count })),
  };
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * Sentiment as a text sparkline on a fixed -1..1 scale (so two tickers compare at a glance);
 * an empty bucket is a middle dot.
 */
export function sentimentSparkline(series: SummarySeries): string {
  return series.buckets
    .map((b) => {
      if (b.average === null) return '·';
      const i = Math.round(((Math.max(-1, Math.min(1, b.average)) + 1) / 2) * (BARS.length - 1));
      return BARS[i] ?? '·';
    })
    .join('');
}

export function bucketLabel(series: SummarySeries): string {
  return series.window === '24h' ? 'hour' : series.window === '7d' ? '6 hours' : 'day';
}
