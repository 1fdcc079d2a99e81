import type { Sentiment, SentimentLabel } from '../types.ts';

/**
 * Alpha Vantage NEWS_SENTIMENT bucket edges, so users can compare the two:
 * bearish <= -0.35 < somewhat-bearish <= -0.15 < neutral < 0.15 <= somewhat-bullish < 0.35 <= bullish
 */
export function labelFor(score: number): SentimentLabel {
  if (score <= -0.35) return 'bearish';
  if (score <= -0.15) return 'somewhat-bearish';
  if (score < 0.15) return 'neutral';
  if (score < 0.35) return 'somewhat-bullish';
  return 'bullish';
}

export function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.max(-1, Math.min(1, score));
}

/** Rounds to 4 decimals so stored and printed scores agree. */
export function toSentiment(score: number): Sentiment {
  const s = Math.round(clampScore(score) * 10_000) / 10_000;
  return { score: s === 0 ? 0 : s, label: labelFor(s) };
}
