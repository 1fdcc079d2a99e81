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
   * In [-1, 1], P(positive) - P(negative) wherever its label (label.ts) is already the model's most
   * probable class; where it is not, moved into that class's bucket continuously (labelledScore).
   */
  readonly score: number;
  /** Positive-minus-negative log-odds. */
  readonly raw: number;
  /** P(negative), P(neutral), P(positive). */
  readonly probs: readonly [number, number, number];
}

/** The neutral band's edge in label.ts. */
const BAND = 0.15;
/** Below this, a neutral prediction's score is P(positive) - P(negative) itself. */
const NEUTRAL_EXACT = 0.1;
/** At or above this, a polar prediction's score is P(positive) - P(negative) itself. */
const POLAR_EXACT = 0.2;

/**
 * The score for class probabilities `probs` and diff = P(positive) - P(negative): diff itself
 * wherever its label (label.ts) is the most probable class, and otherwise moved into that class's
 * bucket continuously and in order, so no two different predictions share a score:
 * - neutral most probable: |diff| < 0.5 there; [0, 0.1) stays, [0.1, 0.5) maps linearly onto [0.1, 0.15);
 * - a polar class most probable: [0.2, 1] stays, [0, 0.2) maps linearly onto [0.15, 0.2).
 */
export function labelledScore(probs: readonly [number, number, number], diff: number): number {
  const cls = classOf(probs);
  const d = Math.abs(diff);
  if (cls === 'neutral') {
    const s =
      d < NEUTRAL_EXACT ? d : NEUTRAL_EXACT + ((d - NEUTRAL_EXACT) / (0.5 - NEUTRAL_EXACT)) * (BAND - NEUTRAL_EXACT);
    return diff < 0 ? -s : s;
  }
  const s = d >= POLAR_EXACT ? d : BAND + (d / POLAR_EXACT) * (POLAR_EXACT - BAND);
  return cls === 'positive' ? s : -s;
}
