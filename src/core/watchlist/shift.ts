// Sentiment-shift rules: alert when a ticker's rolling average sentiment moves a set distance
// from its baseline. The baseline is the average at the last shift alert (or when the rule was
// added), so a lasting move alerts once, not on every story after it.
import { formatScore } from '../messages.ts';
import type { TickerStory } from '../ticker-report.ts';
import type { WatchRule } from '../types.ts';

/** The rolling average covers the latest stories of the last week. */
export const ROLLING = { stories: 10, minStories: 3, maxAgeMs: 7 * 24 * 3600_000 } as const;

/** Mean score of the newest ROLLING.stories stories (any order in), or null with too few. */
export function rollingAverage(stories: readonly TickerStory[], now: Date): { average: number; count: number } | null {
  const recent = stories
    .filter((s) => s.at.getTime() > now.getTime() - ROLLING.maxAgeMs && s.at.getTime() <= now.getTime())
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, ROLLING.stories);
  if (recent.length < ROLLING.minStories) return null;
  return { average: recent.reduce((a, s) => a + s.score, 0) / recent.length, count: recent.length };
}

export type ShiftOutcome =
  | { readonly kind: 'none' }
  /** First average for a rule added before there was enough data: it becomes the baseline. */
  | { readonly kind: 'baseline'; readonly baseline: number }
  | { readonly kind: 'shift'; readonly baseline: number; readonly move: ShiftMove };

/** How far a ticker's average moved, against the rule's threshold: kept with the alert, worded by shiftReason. */
export interface ShiftMove {
  /** The shift the rule asks for. */
  readonly size: number;
  readonly from: number;
  readonly to: number;
  /** Stories in the rolling average. */
  readonly stories: number;
}

export function shiftReason(symbol: string, move: ShiftMove): string {
  return `${symbol} average sentiment shifted ${formatScore(move.to - move.from)} (from ${formatScore(move.from)} to ${formatScore(move.to)} over its last ${move.stories} stories), beyond the ${move.size} you set`;
}

export function evaluateShift(
  rule: Pick<WatchRule, 'symbol' | 'shift' | 'shiftBaseline'>,
  rolling: { average: number; count: number } | null,
): ShiftOutcome {
  if (rule.shift === null || rule.shift === undefined || rolling === null) return { kind: 'none' };
  const baseline = rule.shiftBaseline ?? null;
  if (baseline === null) return { kind: 'baseline', baseline: rolling.average };
  const move = rolling.average - baseline;
  // A hair under the threshold counts: scores are rounded for display and users compare those.
  if (Math.abs(move) + 1e-9 < rule.shift) return { kind: 'none' };
  return {
    kind: 'shift',
    baseline: rolling.average,
    move: { size: rule.shift, from: baseline, to: rolling.average, stories: rolling.count },
  };
}
