// The one-definition contract: every feature the trainer emits (featurizeAll, what `npm run train`
// learns from) is scored by the fast path exactly as its weight times its value. Checked one family
// of features at a time (words, negated words, pairs, sides, near words, the company's name word,
// lexicon sums, phrase rules, finance frames): a model holding weights for that family's features
// only, compiled, must give every labelled sentence the margin the trainer's feature vector dotted
// with those weights gives. A feature the trainer emits and the compiled scorer does not read
// scores zero on the fast path and fails here, whatever the shipped model's weights are.
import { describe, expect, it } from 'vitest';
import { featureFamily } from '../../src/core/sentiment/features.ts';
import { predict, weightTable, type SentimentModel } from '../../src/core/sentiment/model.ts';
import { createTextScorer } from '../../src/core/sentiment/scorer.ts';
import { loadLexicons } from '../../src/data/load.ts';
import { readOwnSentences } from '../../scripts/lib/own-data.ts';
import { ownExamples, type Example } from '../../scripts/lib/sentiment-data.ts';
import { featurizeAll } from '../../scripts/lib/training.ts';

const lexicons = loadLexicons();
const examples: Example[] = ownExamples(readOwnSentences());
const features = featurizeAll(examples, lexicons);

/** A fixed weight in [-1, 1) per key and class, so no family's weights are all alike. */
function weightOf(key: string, k: number): number {
  let h = 0x811c9dc5 ^ k;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 2000) / 1000 - 1;
}

const byFamily = new Map<string, Set<string>>();
for (const f of features) {
  for (const key of f.keys()) {
    if (key === 'bias') continue;
    const family = featureFamily(key);
    let set = byFamily.get(family);
    if (set === undefined) byFamily.set(family, (set = new Set()));
    set.add(key);
  }
}

describe('every feature the trainer emits is scored by the compiled scorer', () => {
  it('finds every family in the labelled sentences', () => {
    expect([...byFamily.keys()].sort()).toEqual([
      'frame',
      'lexicon',
      'name',
      'near',
      'negated',
      'pair',
      'rule',
      'side',
      'word',
    ]);
  });

  it.each([...byFamily.keys()].sort())(
    '%s features alone: the fast path gives each sentence the trainer vector dotted with the weights',
    (family) => {
      const keys = byFamily.get(family) ?? new Set<string>();
      const weights: Record<string, readonly [number, number, number]> = { bias: [0.1, 0.2, -0.1] };
      for (const key of keys) weights[key] = [weightOf(key, 0), weightOf(key, 1), weightOf(key, 2)];
      const model: SentimentModel = { version: 1, trainedOn: `contract test: ${family}`, weights };
      const scorer = createTextScorer({ model, lexicons });
      const table = weightTable(model);
      let moved = 0;
      examples.forEach((e, i) => {
        const named = predict(table, features[i] as Map<string, number>);
        const fast =
          e.mentions === undefined ? scorer(e.text) : scorer.sentence(e.full, e.mentions).entities.get(e.entity ?? '');
        expect(fast?.raw, `${family}: ${e.full} / ${e.entity ?? ''}`).toBeCloseTo(named.margin, 9);
        if (Math.abs(named.margin - 0.2) > 1e-9) moved++;
      });
      // The family fired somewhere: the check above compared something besides the bias.
      expect(moved).toBeGreaterThan(0);
    },
  );
});
