// Scores text with the trained finance model (model.ts) over the features in features.ts.
// Pure: the model and lexicons arrive as parameters (loaded by src/data/load.ts), and nothing
// is kept between calls, so a text scores the same whatever was scored before it.
//
// Scoring (the hot path: every sentence of every article) runs the compiled model; explaining
// (`score --explain`) builds the named features and reads off what moved the score.
import { compileModel } from './compiled.ts';
import { describeFeature, extractFeatures, type Lexicons } from './features.ts';
import { classOf, weightTable, type SentimentModel } from './model.ts';

/** A term (or rule) that moved a score, for `score --explain` and alert reasons. */
export interface SentimentEvidence {
  readonly term: string;
  /** How far it moved the positive-minus-negative log-odds. */
  readonly weight: number;
  /** The rule that produced it: negation, phrase, lexicon, a finance rule name, or null for a plain word. */
  readonly rule: string | null;
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

export interface TextScorer {
  (text: string): ScoredText;
  /** The terms and rules that moved the text's score, strongest first. */
  explain(text: string): SentimentEvidence[];
}

export interface ScorerDeps {
  readonly model: SentimentModel;
  readonly lexicons: Lexicons;
}

/** Contributions smaller than this are noise in an explanation. */
const EVIDENCE_MIN = 0.15;
const EVIDENCE_MAX = 8;

export function createTextScorer(deps: ScorerDeps): TextScorer {
  const weights = weightTable(deps.model);
  const { lexicons } = deps;
  const predict = compileModel(deps.model, lexicons);
  const score = (text: string): ScoredText => {
    const p = predict(text);
    return { score: labelledScore(p.probs, p.score), raw: p.margin, probs: p.probs };
  };
  const explain = (text: string): SentimentEvidence[] => {
    const { values, lexiconHits } = extractFeatures(text, lexicons);
    const evidence: SentimentEvidence[] = [];
    for (const [key, v] of values) {
      if (key === 'bias' || key.startsWith('x:')) continue;
      const w = weights.get(key);
      if (w === undefined) continue;
      const c = v * (w[2] - w[0]);
      if (Math.abs(c) < EVIDENCE_MIN) continue;
      evidence.push({ ...describeFeature(key), weight: round(c) });
    }
    // Lexicon sums are shared out to the words that fed them.
    for (const hit of lexiconHits) {
      const w = weights.get(hit.feature);
      if (w === undefined) continue;
      const c = hit.value * (w[2] - w[0]);
      if (Math.abs(c) >= EVIDENCE_MIN) evidence.push({ term: hit.term, weight: round(c), rule: 'lexicon' });
    }
    evidence.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.term.localeCompare(b.term));
    return evidence.slice(0, EVIDENCE_MAX);
  };
  return Object.assign(score, { explain });
}

/** Neutral band edge in label.ts; a polar class must land at or beyond it. */
const BAND = 0.15;
// A local copy: run through tsx, an imported binding is read through an accessor on every call.
const classOfProbs = classOf;

export function labelledScore(probs: readonly [number, number, number], diff: number): number {
  const cls = classOfProbs(probs);
  if (cls === 'neutral') return Math.max(-BAND + 0.0001, Math.min(BAND - 0.0001, diff));
  const strength = Math.max(BAND, Math.abs(diff));
  return cls === 'positive' ? strength : -strength;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
