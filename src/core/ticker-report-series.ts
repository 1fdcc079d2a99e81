// A ticker's sentiment over time with story volume: the data behind the /summary chart and the
// console's text sparkline.
import type { ReportWindow } from './commands/summary.ts';
import { localParts, zonedTime } from './calendar/zoned-time.ts';
import { windowMs, type TickerStory } from './ticker-report.ts';

export interface SeriesBucket {
  /** Start of the bucket: a whole hour, 6-hour block (00, 06, 12, 18) or day in the series' zone. */
  readonly at: Date;
  readonly count: number;
  /** Mean ticker sentiment of the bucket's stories; null when it has none. */
  readonly average: number | null;
}

export interface ReportSeries {
  readonly symbol: string;
  readonly window: ReportWindow;
  /** The nominal bucket length; a bucket across a DST change is an hour shorter or longer. */
  readonly bucketMs: number;
  /** The IANA zone the buckets are aligned to and the chart's times are read in. */
  readonly timeZone: string;
  readonly buckets: readonly SeriesBucket[];
}

const HOUR_MS = 3600_000;
const BUCKET_MS: Readonly<Record<ReportWindow, number>> = {
  '24h': HOUR_MS,
  '7d': 6 * HOUR_MS,
  '30d': 24 * HOUR_MS,
};

/** The start of the bucket holding t: its local whole hour, 6-hour block or day. */
export function bucketStart(t: number, window: ReportWindow, timeZone: string): number {
  const p = localParts(new Date(t), timeZone);
  // Whole minutes back to the local hour: right in half-hour zones and on both sides of a DST change.
  const hour = Math.floor(t / 60_000) * 60_000 - p.minute * 60_000;
  if (window === '24h') return hour;
  const local = zonedTime(p, window === '7d' ? p.hour - (p.hour % 6) : 0, 0, timeZone).getTime();
  // A block that starts in a skipped hour begins where the wall clock resumes; never after t.
  return local <= t ? local : hour;
}

/** The start of the bucket after the one starting at start. */
function nextBucketStart(start: number, window: ReportWindow, timeZone: string): number {
  // Into the next bucket whatever a DST change did to this one's length (23 to 25 hours for a day).
  const into = window === '24h' ? HOUR_MS + 60_000 : BUCKET_MS[window] + 2 * HOUR_MS;
  return bucketStart(start + into, window, timeZone);
}

/**
 * Buckets the stories of the window ending at now (older ones are ignored) into whole hours (24h),
 * 6-hour blocks (7d) or days (30d) of the zone's wall clock: the first bucket holds the window's
 * start and the last one now (24 or 25 hours for 24h), so each story of the window is counted once
 * and the labels are round times.
 */
export function reportSeries(
  symbol: string,
  window: ReportWindow,
  stories: readonly TickerStory[],
  now: Date,
  timeZone = 'UTC',
): ReportSeries {
  const end = now.getTime();
  const from = end - windowMs(window);
  const starts: number[] = [];
  // Up to, not at, now: when now is a bucket's first instant, the story there (if any) ends the one before.
  for (let t = bucketStart(from, window, timeZone); t < end; t = nextBucketStart(t, window, timeZone)) starts.push(t);
  const sums = starts.map(() => ({ count: 0, total: 0 }));
  for (const s of stories) {
    const t = s.at.getTime();
    if (t <= from || t > end) continue;
    let i = starts.length - 1;
    while (i > 0 && (starts[i] as number) > t) i -= 1;
    const b = sums[i];
    if (b === undefined) continue;
    b.count += 1;
    b.total += s.score;
  }
  return {
    symbol,
    window,
    bucketMs: BUCKET_MS[window],
    timeZone,
    buckets: sums.map((b, i) => ({
      at: new Date(starts[i] as number),
      count: b.count,
      average: b.count === 0 ? null : b.total / b.count,
    })),
  };
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * Sentiment as a text sparkline on a fixed -1..1 scale (so two tickers compare at a glance);
 * an empty bucket is a middle dot.
 */
export function sentimentSparkline(series: ReportSeries): string {
  return series.buckets
    .map((b) => {
      if (b.average === null) return '·';
      const i = Math.round(((Math.max(-1, Math.min(1, b.average)) + 1) / 2) * (BARS.length - 1));
      return BARS[i] ?? '·';
    })
    .join('');
}

export function bucketLabel(series: ReportSeries): string {
  return series.window === '24h' ? 'hour' : series.window === '7d' ? '6 hours' : 'day';
}
