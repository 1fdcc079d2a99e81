// The fast paths (compiled scorer, hand-written scanners) must agree with the plain
// definitions they replace, or `score --explain` would explain a different score than the
// one stored, and tickers would be found differently from what the docs describe.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/core/sentiment/features.ts';
import { predict, weightTable } from '../../src/core/sentiment/model.ts';
import { labelledScore } from '../../src/core/sentiment/scorer.ts';
import { createNameWords, scanNameWords } from '../../src/core/text/name-words.ts';
import { clauseSpans, clausesByOwner, clausesForMentions } from '../../src/core/text/clauses.ts';
import { splitSentences } from '../../src/core/text/sentences.ts';
import { createWordTable, hashOf } from '../../src/core/text/word-table.ts';
import { createTickerFinder, isBareSymbolAt } from '../../src/core/tickers/find.ts';
import { featureTokens } from '../../src/core/text/tokens.ts';
import { loadLexicons, loadSentimentModel, loadTickerUniverse } from '../../src/data/load.ts';
import { shippedScorer } from './helpers.ts';

const sample = JSON.parse(readFileSync(new URL('../fixtures/sentiment-sample.json', import.meta.url), 'utf8')) as {
  sentfin: Array<{ text: string; full: string }>;
  twitter: Array<{ full: string }>;
};

const tricky = [
  'Nvidia beats estimates but cuts guidance; shares fall 4.5%',
  'Despite weak sales, profit rose and the company didn’t cut its dividend',
  '$AAPL $brk.b and $TSLA.X up 3% https://t.co/abc?estimates=beat',
  "Analyst’s view: stock isn't cheap, won't rally - record high likely",
  'Loss widens; the firm may consider a buyback, not a sale',
  '_ent_ rises 2 percent; _ent_ ahead of street forecasts',
  'Upgraded to buy — shares jumped 12 per cent. Downgrades followed, cut to sell',
  'x’estimates beat? _num_ %, $a.view lower 5pc',
  // Rule words in links, before and after them, and running into them.
  'Tops estimateshttps://t.co/x https://ex.com/cuts-guidance?to=hold raises https://t.co/outlook',
  'Shares https://ex.com/cuts-guidance today',
  'Beat http://a.b/estimates\tcut https://t.co/_guidance_ dividend; loss https://x.y/widens',
];

describe('compiled scorer', () => {
  const scorer = shippedScorer();
  const weights = weightTable(loadSentimentModel());
  const lexicons = loadLexicons();
  const texts = [...tricky, ...sample.sentfin.flatMap((e) => [e.text, e.full]), ...sample.twitter.map((e) => e.full)];

  it('gives every text the score the named features give it', () => {
    for (const text of texts) {
      const p = predict(weights, extractFeatures(text, lexicons).values);
      const fast = scorer(text);
      expect(fast.score, text).toBeCloseTo(labelledScore(p.probs, p.score), 9);
      expect(fast.raw, text).toBeCloseTo(p.margin, 9);
    }
  });

  it('explains with the rules that fired', () => {
    expect(scorer.explain('Nvidia beats estimates but cuts guidance').map((e) => e.rule)).toEqual(expect.arrayContaining(['beat-estimates', 'cut-guidance']));
  });
});

describe('scanners', () => {
  it('tokenise as the token pattern reads the folded text', () => {
    const re = /_[a-z]+_|[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%;:!?,.]| - /g;
    for (const text of tricky) {
      const folded = text
        .toLowerCase()
        .replace(/https?:\/\/\S+/g, ' ')
        .replace(/[’‘]/g, "'")
        .replace(/\$[a-z][a-z.]{0,6}\b/g, ' _tkr_ ');
      const expected = [...folded.matchAll(re)].map(([t]) =>
        /^\d/.test(t) ? '_num_' : t === ' - ' ? '-' : t.endsWith("n't") ? 'not' : t.endsWith("'s") ? t.slice(0, -2) : t,
      );
      expect(featureTokens(text), text).toEqual(expected);
    }
  });

  it('find name words as the word pattern does, across scripts and surrogate pairs', () => {
    const re = /[\p{L}\p{N}&][\p{L}\p{N}&.-]*[\p{L}\p{N}&]|[\p{L}\p{N}&]/gu;
    const out = createNameWords();
    for (const text of ['J.P. Morgan, AT&T and Coca-Cola.', 'Nestlé (NESN.SW) — Ünilever 9988.HK.', 'x 𝐀𝐁 y-- .z. 😀 Ω-', ...tricky]) {
      scanNameWords(text, out);
      const spans = Array.from({ length: out.count }, (_, i) => text.slice(out.start[i], out.end[i]));
      expect(spans, text).toEqual([...text.matchAll(re)].map(([w]) => w));
    }
  });
});

/** Sentence splitting as first written, with the abbreviation check as a regex. */
function splitByRegex(text: string): string[] {
  const abbreviations = new Set(
    'inc corp co ltd mr mrs ms dr st jr sr vs no u.s u.k e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec approx est p.m a.m'.split(' '),
  );
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    let start = 0;
    const re = /[.!?]+["”’')\]]*\s+(?=["“‘'([]?[A-Z0-9$])/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(trimmed)) !== null) {
      const lastWord = (/([A-Za-z.]+)$/.exec(trimmed.slice(start, m.index))?.[1] ?? '').toLowerCase();
      if (abbreviations.has(lastWord) || /^[a-z]$/.test(lastWord) || /\.[a-z]$/.test(lastWord)) continue;
      out.push(trimmed.slice(start, m.index + m[0].trimEnd().length).trim());
      start = m.index + m[0].length;
    }
    const rest = trimmed.slice(start).trim();
    if (rest.length > 0) out.push(rest);
  }
  return out;
}

describe('sentence splitting', () => {
  it('splits as the regex definition does, abbreviations and initials included', () => {
    const texts = [
      'Shares of Apple Inc. rose 2%. J.P. Morgan said so. The U.S. economy grew! Mr. Smith left? Yes. A. B. C. Done.',
      'Sales rose 2.5% vs. last year. Price target cut to $40. "It is over." (Reuters) Then 2024 came.',
      'Listed on ab.co. Then it rose. x.Y ends. e.g. This one. Gains of 3.2 p.m. Trading. Oct. 5 was quiet. Cut 9%! 10 fell.',
      ...tricky,
      ...sample.sentfin.map((e) => e.full),
      ...sample.twitter.map((e) => e.full),
    ];
    for (const text of texts) expect(splitSentences(text), text).toEqual(splitByRegex(text));
  });
});

describe('word table', () => {
  it('finds every word it holds, at any offset in a text, and nothing else', () => {
    const list = ['a', 'ab', 'abc', 'beat', 'estimates', 'Apple', 'apple', "n't", '_ent_', 'Ünilever', 'x'.repeat(40)];
    const table = createWordTable([...list, 'ab']);
    expect(table.words).toEqual(list);
    list.forEach((w, id) => {
      expect(table.id(w), w).toBe(id);
      const text = `(${w}) `;
      expect(table.idAt(hashOf(text, 1, 1 + w.length), text, 1, 1 + w.length), w).toBe(id);
    });
    for (const w of ['', 'b', 'abcd', 'Beat', 'estimate', 'x'.repeat(39), 'apples']) expect(table.id(w), w).toBe(-1);
  });
});

describe('ticker finder', () => {
  it('checks a bare symbol in place as BARE_SYMBOL_RE reads the word', () => {
    const re = /^[A-Z]{3,5}(?:[.-][A-Z])?$/;
    const words = ['ABC', 'ABCDE', 'ABCDEF', 'AB', 'BRK.B', 'BRK-B', 'BRK-BB', 'BRK.', 'Abc', 'ABc', 'A1C', 'ABC-1', 'ÉAB', 'ABCD.E', 'ABC.D.E', 'TSLA'];
    for (const w of words) expect(isBareSymbolAt(`(${w})`, 1, w.length + 1), w).toBe(re.test(w));
  });

  it('finds every company name the universe lists, wherever its first word may fall in the filter', () => {
    // The first-word bit filter skips the table probe for words no name starts with; a name it
    // wrongly skipped would go unfound here.
    const universe = loadTickerUniverse();
    const finder = createTickerFinder(universe);
    const missed: string[] = [];
    for (const [phrase, symbol] of [...universe.namePhrases, ...universe.contextPhrases]) {
      const found = finder.find([`Shares of ${phrase} rose after earnings beat estimates.`]).map((h) => h.symbol);
      if (!found.includes(symbol)) missed.push(phrase);
    }
    expect(missed).toEqual([]);
  });
});

describe('clauses', () => {
  it('give one company every clause, as the ownership rules do', () => {
    const texts = [
      'Infosys, Wipro up 2%; Nifty flat',
      'Apple beats estimates, but cuts guidance - shares fall',
      ', ; Apple :  ',
      'Shares of Apple rose while Apple Music grew, Apple said',
      ...tricky,
      ...sample.sentfin.map((e) => e.full),
      ...sample.twitter.map((e) => e.full),
    ];
    let checked = 0;
    for (const text of texts) {
      const spans = [...text.matchAll(/\b[A-Z][a-z]+\b/g)].map((m) => ({ key: 'K', span: { start: m.index, end: m.index + m[0].length } }));
      for (const mentions of [spans.slice(0, 1), spans.slice(-1), spans]) {
        if (mentions.length === 0) continue;
        expect(clausesForMentions(text, mentions), text).toEqual(clausesByOwner(text, clauseSpans(text), mentions));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
