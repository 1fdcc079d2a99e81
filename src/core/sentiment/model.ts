// A three-class logistic regression over the features in features.ts. The weights are
// produced by `npm run train` and shipped as JSON; this file only reads them.

export const CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentClass = (typeof CLASSES)[number];

export interface SentimentModel {
  readonly version: number;
  /** How the model was made (data, split, settings), for anyone reading the JSON. */
  readonly trainedOn: string;
  /** feature -> [negative, neutral, positive] weights. */
  readonly weights: Readonly<Record<string, readonly [number, number, number]>>;
}

export interface Prediction {
  /** Class probabilities in CLASSES order. */
  readonly probs: readonly [number, number, number];
  /** P(positive) - P(negative), in [-1, 1]. */
  readonly score: number;
  /** Logit of positive minus logit of negative. */
  readonly margin: number;
}

export type WeightTable = ReadonlyMap<string, readonly [number, number, number]>;

export function weightTable(model: SentimentModel): WeightTable {
  return new Map(Object.entries(model.weights));
}

export function softmax3(z: readonly [number, number, number]): [number, number, number] {
  const m = Math.max(z[0], z[1], z[2]);
  const a = Math.exp(z[0] - m);
  const b = Math.exp(z[1] - m);
  const c = Math.exp(z[2] - m);
  const s = a + b + c;
  return [a / s, b / s, c / s];
}

export function predict(weights: WeightTable, features: ReadonlyMap<string, number>): Prediction {
  const z: [number, number, number] = [0, 0, 0];
  for (const [key, v] of features) {
    const w = weights.get(key);
    if (w === undefined) continue;
    z[0] += w[0] * v;
    z[1] += w[1] * v;
    z[2] += w[2] * v;
  }
  const probs = softmax3(z);
  return { probs, score: probs[2] - probs[0], margin: z[2] - z[0] };
}

export function classOf(probs: readonly [number, number, number]): SentimentClass {
  if (probs[2] >= probs[0] && probs[2] >= probs[1]) return 'positive';
  if (probs[0] >= probs[1]) return 'negative';
  return 'neutral';
}

export interface ScoredText {
  /**
   * In [-1, 1]: P(positive) - P(negative), placed so the label it earns (label.ts: neutral
   * inside ±0.15) is the model's most probable class.
   */
  readonly score: number;
  /** Positive-minus-negative log-odds. */
  readonly raw: number;
  /** P(negative), P(neutral), P(positive). */
  readonly probs: readonly [number, number, number];
}

/** Neutral band edge in label.ts; a polar class must land at or beyond it. */
const BAND = 0.15;

export function labelledScore(probs: readonly [number, number, number], diff: number): number {
  const cls = classOf(probs);
  if (cls === 'neutral') return Math.max(-BAND + 0.0001, Math.min(BAND - 0.0001, diff));
  const strength = Math.max(BAND, Math.abs(diff));
  return cls === 'positive' ? strength : -strength;
}

