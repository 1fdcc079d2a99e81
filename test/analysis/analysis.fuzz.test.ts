// The analyser under random text: the tokenizer, clause splitter and compiled scorer read every
// character by hand, so odd input (unicode, links, placeholders, separators back to back, names
// inside words) is where an index slip would show.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityViews, type KeyedSpan } from '../../src/core/sentiment/entity-text.ts';
import { featuresOf } from '../../src/core/sentiment/features.ts';
import { labelledScore, predict, weightTable } from '../../src/core/sentiment/model.ts';
import { loadLexicons, loadSentimentModel } from '../../src/data/load.ts';
import { shippedAnalyzer, shippedScorer } from './helpers.ts';

const RUNS = { numRuns: 300, seed: 20261201 };
const analyzer = shippedAnalyzer();
const scorer = shippedScorer();
const weights = weightTable(loadSentimentModel());
const lexicons = loadLexicons();

// Pieces news is made of, and pieces that are not, so the fuzzer reaches the scanners' branches.
const piece = fc.oneof(
  fc.constantFrom(
    'Apple',
    'Intel',
    'Microsoft',
    'Alibaba',
    '$AAPL',
    '$brk.b',
    'NYSE: BABA',
    'HKEX: 9988',
    '9988.HK',
    'BRK.B',
    'Coca-Cola',
    'AT&T',
  ),
  fc.constantFrom(
    'beats',
    'misses',
    'estimates',
    'but',
    'even as',
    'vs.',
    'while',
    'however',
    'not',
    "didn't",
    "Apple's",
    '_ent_',
    '_oth_',
    'up',
    '5%',
    '2,185',
  ),
  fc.constantFrom(
    ',',
    ';',
    ': ',
    ' - ',
    ' – ',
    '—',
    '.',
    '!',
    '?',
    '"',
    '’',
    'https://t.co/x?estimates=beat',
    '\n',
    '\t',
    '  ',
  ),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 24 }).map((ps) => ps.join(' '));

function inRange(x: number, lo: number, hi: number): boolean {
  return Number.isFinite(x) && x >= lo && x <= hi;
}

describe('analyser under random input', () => {
  it('never throws, and every score, relevance and explanation is in range', () => {
    fc.assert(
      fc.property(text, text, (title, body) => {
        const a = analyzer.analyze({ title, body });
        expect(inRange(a.sentiment.score, -1, 1)).toBe(true);
        for (const t of a.tickers) {
          expect(inRange(t.sentiment.score, -1, 1)).toBe(true);
          expect(inRange(t.relevance, 0, 1)).toBe(true);
          expect(t.mentions).toBeGreaterThan(0);
        }
        for (const e of a.tickerEvidence ?? [])
          for (const x of e.evidence) expect(Number.isFinite(x.weight)).toBe(true);
        for (const x of a.evidence) expect(Number.isFinite(x.weight)).toBe(true);
      }),
      RUNS,
    );
  });

  it("scores each company's clauses as their named features do, whatever the mentions", () => {
    const mentionsIn = (
      s: string,
      starts: readonly number[],
      lengths: readonly number[],
      keys: readonly number[],
    ): Array<KeyedSpan<string>> =>
      starts.map((at, i) => {
        const start = s.length === 0 ? 0 : at % s.length;
        return {
          key: `K${(keys[i] ?? 0) % 3}`,
          span: { start, end: Math.min(s.length, start + 1 + ((lengths[i] ?? 0) % 12)) },
        };
      });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (s, starts, lengths, keys) => {
          const mentions = mentionsIn(s, starts, lengths, keys);
          const fast = scorer.sentence(s, mentions);
          const views = entityViews(s, mentions);
          expect([...fast.entities.keys()].sort()).toEqual([...views.keys()].sort());
          for (const [key, view] of views) {
            const p = predict(weights, featuresOf(view.tokens, view.text, lexicons, view.name).values);
            expect(fast.entities.get(key)?.raw).toBeCloseTo(p.margin, 9);
            expect(fast.entities.get(key)?.score).toBeCloseTo(labelledScore(p.probs, p.score), 9);
          }
        },
      ),
      RUNS,
    );
  });
});
