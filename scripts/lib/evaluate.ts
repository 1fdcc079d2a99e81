// The evaluation harness's logic, shared by `npm run eval` (full test splits) and the CI test
// (a fixed sample in test/fixtures): scorers under comparison, accuracy and macro-F1, and
// entity finding measured against SEntFiN's labelled entities.
import { createRequire } from 'node:module';
import Sentiment from 'sentiment';
import type { Analyzer } from '../../src/core/analyze.ts';
import { labelFor } from '../../src/core/sentiment/label.ts';
import { findNameSpans } from '../../src/core/sentiment/entity-text.ts';
import { CLASSES, type SentimentClass } from '../../src/core/sentiment/model.ts';
import type { TextScorer } from '../../src/core/sentiment/scorer.ts';
import type { Example, Headline } from './sentiment-data.ts';

const require = createRequire(import.meta.url);

export type Classify = (example: Example) => SentimentClass;

function sign(x: number, dead = 0): SentimentClass {
  return x > dead ? 'positive' : x < -dead ? 'negative' : 'neutral';
}

/** The product's own reading of a score: the label users see, folded to three classes. */
export function classFromScore(score: number): SentimentClass {
  const label = labelFor(score);
  return label === 'neutral' ? 'neutral' : label.endsWith('bullish') ? 'positive' : 'negative';
}

export function baselineClassifiers(): Record<string, Classify> {
  const bare = new Sentiment();
  const vader = (
    require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } }
  ).SentimentIntensityAnalyzer;
  const wink = require('wink-sentiment') as (t: string) => { score: number };
  return {
    'always neutral': () => 'neutral',
    'sentiment (AFINN-165), whole text': (e) => sign(bare.analyze(e.full).score),
    'vader-sentiment, whole text': (e) => sign(vader.polarity_scores(e.full).compound, 0.05),
    'wink-sentiment, whole text': (e) => sign(wink(e.full).score),
  };
}

export function tickerbellClassifiers(scorer: TextScorer): Record<string, Classify> {
  return {
    'tickerbell, whole text': (e) => classFromScore(scorer(e.full).score),
    // As the analyzer reads a ticker: the sentence's clauses about it, from one reading of the sentence.
    'tickerbell, clauses about the entity': (e) =>
      classFromScore(
        (e.mentions === undefined
          ? scorer(e.text)
          : (scorer.sentence(e.full, e.mentions).entities.get(e.entity ?? '') ?? scorer(e.full))
        ).score,
      ),
  };
}

export interface Metrics {
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
}

export function metrics(gold: readonly SentimentClass[], predicted: readonly SentimentClass[]): Metrics {
  let right = 0;
  const f1s: number[] = [];
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) right++;
  for (const c of CLASSES) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === c && gold[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    f1s.push(p + r === 0 ? 0 : (2 * p * r) / (p + r));
  }
  return {
    n: gold.length,
    accuracy: gold.length === 0 ? 0 : right / gold.length,
    macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length,
  };
}

export function evaluateClassifier(examples: readonly Example[], classify: Classify): Metrics {
  return metrics(
    examples.map((e) => e.label),
    examples.map(classify),
  );
}

export interface EntityMetrics {
  readonly labelled: number;
  readonly found: number;
  readonly precision: number;
  readonly recall: number;
  /** Labelled entities whose name the ticker universe holds (a US-listed company under that name). */
  readonly listed: number;
  /** Recall over those: of the entities we could find, how many we did. */
  readonly listedRecall: number;
  /** Per-entity sentiment accuracy over the labelled entities that were found. */
  readonly sentimentAccuracy: number;
  readonly sentimentN: number;
}

/**
 * Runs the full analyzer on each headline. A found ticker is correct when one of its mentions
 * overlaps a labelled entity's name; its sentiment is then compared with that entity's label.
 */
export function evaluateEntities(
  headlines: readonly Headline[],
  analyzer: Analyzer,
  finderMentions: (title: string) => Array<{ symbol: string; start: number; end: number }>,
  isListed: (name: string) => boolean = () => false,
): EntityMetrics {
  let labelled = 0;
  let listed = 0;
  let listedRecalled = 0;
  let found = 0;
  let foundRight = 0;
  let recalled = 0;
  let sentN = 0;
  let sentRight = 0;
  for (const h of headlines) {
    const analysis = analyzer.analyze({ title: h.title, body: '' });
    const mentions = finderMentions(h.title);
    const spans = h.entities.map((e) => ({ e, spans: findNameSpans(h.title, e.name) }));
    labelled += h.entities.length;
    const symbols = [...new Set(mentions.map((m) => m.symbol))];
    found += symbols.length;
    const matchedEntities = new Set<string>();
    for (const symbol of symbols) {
      const own = mentions.filter((m) => m.symbol === symbol);
      const hit = spans.find(({ spans: ss }) => ss.some((s) => own.some((m) => m.start < s.end && m.end > s.start)));
      if (hit === undefined) continue;
      foundRight++;
      if (matchedEntities.has(hit.e.name)) continue;
      matchedEntities.add(hit.e.name);
      const t = analysis.tickers.find((x) => x.symbol === symbol);
      if (t !== undefined) {
        sentN++;
        if (classFromScore(t.sentiment.score) === hit.e.label) sentRight++;
      }
    }
    recalled += matchedEntities.size;
    for (const e of h.entities) {
      if (!isListed(e.name)) continue;
      listed++;
      if (matchedEntities.has(e.name)) listedRecalled++;
    }
  }
  return {
    labelled,
    found,
    precision: found === 0 ? 0 : foundRight / found,
    recall: labelled === 0 ? 0 : recalled / labelled,
    listed,
    listedRecall: listed === 0 ? 0 : listedRecalled / listed,
    sentimentAccuracy: sentN === 0 ? 0 : sentRight / sentN,
    sentimentN: sentN,
  };
}
