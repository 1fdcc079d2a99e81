import Sentiment from 'sentiment';
import { describe, expect, it } from 'vitest';
import { shippedAnalyzer, shippedScorer } from './helpers.ts';

const texts = [
  'Tesla misses estimates; shares plunge',
  'Apple beats on revenue, raises dividend',
  'Markets were quiet ahead of the Fed decision',
  'Infosys beats estimates, Wipro misses',
];

describe('determinism', () => {
  it('gives the same score to the same text whatever was scored before', () => {
    const fresh = texts.map((t) => shippedScorer()(t));
    const shared = shippedScorer();
    for (let round = 0; round < 3; round++) {
      const order = round === 1 ? [...texts].reverse() : texts;
      for (const t of order) expect(shared(t)).toEqual(fresh[texts.indexOf(t)]);
    }
  });

  it('is not moved by the sentiment package mutating its shared table through `extras`', () => {
    const before = texts.map((t) => shippedScorer()(t).score);
    // In sentiment v5, extras are merged into one table shared by every instance.
    new Sentiment().analyze('plunge misses', { extras: { plunge: 5, misses: 5, beats: -5 } });
    expect(texts.map((t) => shippedScorer()(t).score)).toEqual(before);
  });

  it('analyzes an article the same way twice', () => {
    const analyzer = shippedAnalyzer();
    const input = { title: 'Infosys beats estimates, Wipro misses', body: 'Shares of Infosys rose 3%.' };
    expect(analyzer.analyze(input)).toEqual(shippedAnalyzer().analyze(input));
  });
});
