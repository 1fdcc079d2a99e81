// The build stores the ticker index and the compiled model tables (src/data/precomputed.ts) so a start
// reads them instead of deriving them. Read back, they must analyse exactly as derived ones do; and a
// missing, damaged or out-of-date file must fall back to deriving, never to wrong tables.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../src/core/analyze.ts';
import { createTextScorer } from '../../src/core/sentiment/scorer.ts';
import {
  precomputedModelTables,
  precomputedNameIndex,
  precomputedTickerIndex,
  readScorerDeps,
  readTickerFinder,
  readTickerUniverse,
  writeStartupData,
} from '../../src/data/load.ts';
import { readPrecomputed, writePrecomputed } from '../../src/data/precomputed.ts';
import { tempDir } from '../helpers.ts';
import { REPO } from '../run-cli.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const stored = join(tmp.dir, 'startup-data');
writeStartupData(stored);

function analyzerFrom(dir: string | null): Analyzer {
  return createAnalyzer({
    universe: readTickerUniverse(dir),
    finder: readTickerFinder(dir),
    scorer: createTextScorer(readScorerDeps(dir)),
  });
}

const seeds = readdirSync(join(REPO, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(REPO, 'seeds', f), 'utf8'));
const articles = [
  ...seeds.map((text) => ({ title: text.split('\n')[0] ?? '', body: text })),
  { title: 'Alibaba (BABA) beats estimates', body: 'Alibaba shares rose 5% after earnings beat, but Tencent fell.' },
  { title: '$TSLA misses', body: "Tesla didn't meet delivery targets; Ford and GM gained. Apple shares were flat." },
];

describe('precomputed start-up data', () => {
  const derived = analyzerFrom(null);
  const read = analyzerFrom(stored);

  it('is read back when it matches the data', () => {
    expect(precomputedTickerIndex(stored)).not.toBeNull();
    expect(precomputedNameIndex(stored)).not.toBeNull();
    expect(precomputedModelTables(stored)).not.toBeNull();
    expect(readScorerDeps(stored).compiled).toBeDefined();
  });

  it('analyses every seed article exactly as tables derived at start do, explanations included', () => {
    expect(articles.length).toBeGreaterThanOrEqual(5);
    for (const a of articles) {
      // The analysis carries its evidence, which reads the model and lexicons lazily when tables were stored.
      expect(read.analyze(a)).toEqual(derived.analyze(a));
    }
    // The seeds name companies, so the comparison covers tickers and their scores, not only empty lists.
    expect(read.analyze(articles[0] as (typeof articles)[0]).tickers.map((t) => t.symbol)).toContain('BABA');
  });

  it('looks symbols and names up as the derived universe does', () => {
    const a = readTickerUniverse(stored);
    const b = readTickerUniverse(null);
    expect(a.size).toBe(b.size);
    expect([...a.namePhrases]).toEqual([...b.namePhrases]);
    expect([...a.contextPhrases]).toEqual([...b.contextPhrases]);
    expect([...a.strictPhrases]).toEqual([...b.strictPhrases]);
    for (const s of ['brk.b', '$baba', '9988.HK', 'GOOG', 'nope'])
      expect([a.canonical(s), a.get(s), a.family(a.canonical(s) ?? s)]).toEqual([
        b.canonical(s),
        b.get(s),
        b.family(b.canonical(s) ?? s),
      ]);
    expect(a.search('alpha', 5)).toEqual(b.search('alpha', 5));
  });

  it("the build's own files are current (a start from dist/ reads them)", () => {
    const built = join(REPO, 'dist', 'startup-data');
    expect(precomputedTickerIndex(built)).not.toBeNull();
    expect(precomputedNameIndex(built)).not.toBeNull();
    expect(precomputedModelTables(built)).not.toBeNull();
  });
});

describe('a precomputed file that cannot be trusted', () => {
  it('reads as null when missing, damaged, cut short or made from other inputs', () => {
    const input = join(tmp.dir, 'input.json');
    writeFileSync(input, '{"a":1}');
    const file = join(tmp.dir, 'value.bin');
    writePrecomputed(file, [input], { n: new Int32Array([1, 2, 3]), m: new Map([['x', 1]]) });
    expect(readPrecomputed(file, [input])).toEqual({ n: new Int32Array([1, 2, 3]), m: new Map([['x', 1]]) });

    expect(readPrecomputed(join(tmp.dir, 'absent.bin'), [input])).toBeNull();
    expect(readPrecomputed(file, [join(tmp.dir, 'absent.json')])).toBeNull();
    writeFileSync(input, '{"a":2}');
    expect(readPrecomputed(file, [input])).toBeNull();
    writeFileSync(input, '{"a":1}');
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length >> 1));
    expect(readPrecomputed(file, [input])).toBeNull();
    writeFileSync(file, 'not a precomputed file');
    expect(readPrecomputed(file, [input])).toBeNull();
  });

  it('makes the start derive the data instead, with the same results', () => {
    const damaged = join(tmp.dir, 'damaged');
    writeStartupData(damaged);
    for (const f of readdirSync(damaged))
      writeFileSync(join(damaged, f), readFileSync(join(damaged, f)).subarray(0, 99));
    expect(precomputedTickerIndex(damaged)).toBeNull();
    expect(precomputedNameIndex(damaged)).toBeNull();
    expect(readScorerDeps(damaged).compiled).toBeUndefined();
    const fallback = analyzerFrom(damaged);
    const derived = analyzerFrom(null);
    for (const a of articles.slice(0, 3)) expect(fallback.analyze(a)).toEqual(derived.analyze(a));
  });
});
