// Scores text with the trained finance model (model.ts) over the features in features.ts.
// Pure: the model and lexicons arrive as parameters (loaded by src/data/load.ts), and nothing
// is kept between calls, so a text scores the same whatever was scored before it.
//
// Scoring (the hot path: every sentence of every article) runs the compiled model; explaining
// (`score --explain`) builds the named features and reads off what moved the score.
import { compileModel, type CompiledScorer } from './compiled.ts';
import { entityViews, sortedMentions, type KeyedSpan } from './entity-text.ts';
import { describeFeature, extractFeatures, featuresOf, type Lexicons, type TextFeatures } from './features.ts';
import { weightTable, type ScoredText, type SentimentModel, type WeightTable } from './model.ts';

export { labelledScore, type ScoredText } from './model.ts';

/** A term (or rule) that moved a score, for `score --explain` and alert reasons. */
export interface SentimentEvidence {
  readonly term: string;
  /** How far it moved the positive-minus-negative log-odds. */
  readonly weight: number;
  /** The rule that produced it: negation, phrase, lexicon, a finance rule name, or null for a plain word. */
  readonly rule: string | null;
}

export interface SentenceScores<K> {
  readonly scored: ScoredText;
  /** Per mentioned key: the score of the clauses about it (its names masked). */
  readonly entities: Map<K, ScoredText>;
}

export interface EntityExplanation {
  /** The clauses the key's score was read from, names masked. */
  readonly text: string;
  readonly evidence: SentimentEvidence[];
}

export interface TextScorer {
  /** A whole text read as one unit. */
  (text: string): ScoredText;
  /** The terms and rules that moved the text's score, strongest first. */
  explain(text: string): SentimentEvidence[];
  /** A sentence and the clauses about each key mentioned in it, from one reading. */
  sentence<K>(sentence: string, mentions: ReadonlyArray<KeyedSpan<K>>): SentenceScores<K>;
  /** Per key mentioned in the sentence: what moved the score of the clauses about it. */
  explainEntities<K>(sentence: string, mentions: ReadonlyArray<KeyedSpan<K>>): Map<K, EntityExplanation>;
}

export interface ScorerDeps {
  readonly model: SentimentModel;
  readonly lexicons: Lexicons;
  /** The model already compiled (from the build's precomputed tables); else compiled here. */
  readonly compiled?: CompiledScorer;
}

/** Contributions smaller than this are noise in an explanation. */
const EVIDENCE_MIN = 0.15;
const EVIDENCE_MAX = 8;

export function createTextScorer(deps: ScorerDeps): TextScorer {
  // The named weights serve explanations only, which most runs never ask for: built on first use.
  let named: WeightTable | undefined;
  const { lexicons } = deps;
  const predict = deps.compiled ?? compileModel(deps.model, lexicons);
  const score = (text: string): ScoredText => predict.text(text);
  const evidenceOf = ({ values, lexiconHits, polarHits }: TextFeatures): SentimentEvidence[] => {
    const evidence: SentimentEvidence[] = [];
    const weights = (named ??= weightTable(deps.model));
    const margin = (key: string, v: number): number => {
      const w = weights.get(key);
      return w === undefined ? 0 : v * (w[2] - w[0]);
    };
    // A rule's or frame's evidence is its own weight plus its share of the polarity feature it fed.
    const polar = new Set<string>();
    for (const hit of polarHits) {
      polar.add(hit.key).add(hit.shared);
      const c = margin(hit.key, hit.value) + margin(hit.shared, hit.sharedValue);
      if (Math.abs(c) >= EVIDENCE_MIN) evidence.push({ ...describeFeature(hit.key), weight: round(c) });
    }
    for (const [key, v] of values) {
      if (key === 'bias' || key.startsWith('x:') || polar.has(key)) continue;
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
  const explain = (text: string): SentimentEvidence[] => evidenceOf(extractFeatures(text, lexicons));
  const sentence = <K>(text: string, mentions: ReadonlyArray<KeyedSpan<K>>): SentenceScores<K> => {
    const entities = new Map<K, ScoredText>();
    const whole = predict.sentence(text, mentions.length === 0 ? null : sortedMentions(mentions), entities);
    return { scored: whole, entities };
  };
  const explainEntities = <K>(text: string, mentions: ReadonlyArray<KeyedSpan<K>>): Map<K, EntityExplanation> => {
    const out = new Map<K, EntityExplanation>();
    for (const [key, view] of entityViews(text, mentions)) {
      out.set(key, {
        text: view.text.trim(),
        evidence: evidenceOf(featuresOf(view.tokens, view.text, lexicons, view.name)),
      });
    }
    return out;
  };
  return Object.assign(score, { explain, sentence, explainEntities });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
