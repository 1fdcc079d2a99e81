// The fast paths (compiled scorer, hand-written scanners) must agree with the plain
// definitions they replace, or `score --explain` would explain a different score than the
// one stored, and tickers would be found differently from what the docs describe.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entityViews, type KeyedSpan } from '../../src/core/sentiment/entity-text.ts';
import { extractFeatures, featuresOf } from '../../src/core/sentiment/features.ts';
import { predict, weightTable } from '../../src/core/sentiment/model.ts';
import { FINANCE_FRAMES, detectFrames } from '../../src/core/sentiment/frames.ts';
import { PHRASE_RULES } from '../../src/core/sentiment/rules.ts';
import { labelledScore } from '../../src/core/sentiment/scorer.ts';
import { createNameWords, scanNameWords } from '../../src/core/text/name-words.ts';
import { clauseRanges, nameToken } from '../../src/core/text/clauses.ts';
import { splitSentences } from '../../src/core/text/sentences.ts';
import { createWordTable, hashOf, lettersHead, lettersTail } from '../../src/core/text/word-table.ts';
import {
  FOOTER_RE,
  createTickerFinder,
  isBareSymbolAt,
  isTitleCase,
  mayBeFooter,
} from '../../src/core/tickers/find.ts';
import { PEER_BEFORE_RE, SOURCE_BEFORE_RE, mayPeerBefore, maySourceBefore } from '../../src/core/tickers/relevance.ts';
import { POSSESSIVE, WORD, featureTokens, scanTokens } from '../../src/core/text/tokens.ts';
import { loadLexicons, loadSentimentModel, loadTickerUniverse } from '../../src/data/load.ts';
import { shippedScorer } from './helpers.ts';

const sample = JSON.parse(readFileSync(new URL('../fixtures/sentiment-sample.json', import.meta.url), 'utf8')) as {
  sentfin: Array<{ text: string; full: string; mentions?: Array<KeyedSpan<string>> }>;
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
  // Clause separators: spaced dashes, "even as", "vs.", separators that share whitespace.
  'Apple rose 3% – Intel fell, but as AMD gained even as Nvidia slid vs. Arm, - Qualcomm ; : Micron',
  'Tesla, Ford and GM: sales up 2,5% while Rivian falls - though Lucid vs Nikola but, however Fisker',
  "Apple's shares rose but Microsoft's didn't; Google’s parent, Alphabet, said it won't",
];

/**
 * A fixed pseudo-random walk (the same cases every run): next(n) is in [0, n). It reads the
 * generator's high bits, as its low bits repeat with a short period.
 */
function walk(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
}

/** Capitalised words as company mentions, one key per distinct word. */
function capitalMentions(text: string): Array<KeyedSpan<string>> {
  return [...text.matchAll(/\b[A-Z][A-Za-z]+\b/g)].map((m) => ({
    key: m[0],
    span: { start: m.index, end: m.index + m[0].length },
  }));
}

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

  it('gives each company the score the named features of its clauses give it', () => {
    let checked = 0;
    const cases: Array<[string, Array<KeyedSpan<string>>]> = [
      ...sample.sentfin.flatMap((e): Array<[string, Array<KeyedSpan<string>>]> =>
        e.mentions === undefined ? [] : [[e.full, e.mentions]],
      ),
      ...[...tricky, ...sample.twitter.map((e) => e.full)].map((t): [string, Array<KeyedSpan<string>>] => [
        t,
        capitalMentions(t),
      ]),
    ];
    for (const [text, mentions] of cases) {
      if (mentions.length === 0) continue;
      const fast = scorer.sentence(text, mentions);
      const views = entityViews(text, mentions);
      expect([...fast.entities.keys()], text).toEqual([...views.keys()]);
      for (const [key, view] of views) {
        const p = predict(weights, featuresOf(view.tokens, view.text, lexicons, view.name).values);
        expect(fast.entities.get(key)?.score, `${text} / ${key}`).toBeCloseTo(labelledScore(p.probs, p.score), 9);
        expect(fast.entities.get(key)?.raw, `${text} / ${key}`).toBeCloseTo(p.margin, 9);
        checked++;
      }
      expect(fast.scored.raw, text).toBeCloseTo(scorer(text).raw, 12);
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('runs a phrase rule whenever its pattern matches: the trigger words never hide a match', () => {
    // Every rule's own examples, in sentences and in company clauses, with rule words in links too.
    const texts = [
      ...tricky,
      'shares fell 12 per cent; Apple up 4.5pc',
      'Apple hits a 52-week high, Intel a multi-year low',
      'Nvidia tops street views',
    ];
    for (const text of texts) {
      const p = predict(weights, extractFeatures(text, lexicons).values);
      expect(scorer(text).raw, text).toBeCloseTo(p.margin, 9);
    }
    expect(PHRASE_RULES.every((r) => r.triggers.length > 0)).toBe(true);
  });

  it('starts each rule at its first lead word and still scores generated rule texts as the named features do', () => {
    const words = [
      ...new Set(PHRASE_RULES.flatMap((r) => [...r.triggers, ...(r.also ?? []), ...(r.leads ?? [])])),
      'than',
      'to',
      'of',
      'net',
      'Apple',
      'Intel',
      '5%',
      '12 per cent',
      '3.5pc',
      'record',
      'but',
      ',',
      ';',
      'not',
      "didn't",
      "o'neil",
      '$up',
      'https://t.co/beats',
      'İ',
      '\u212a',
      'Up',
      'BEATS',
      'but to consider',
      'cut to sell',
    ];
    const next = walk(3);
    let fired = 0;
    for (let t = 0; t < 1500; t++) {
      let text = '';
      for (let k = 3 + next(10); k >= 0; k--)
        text += `${words[next(words.length)] as string}${next(6) === 0 ? '' : ' '}`;
      const lower = text.toLowerCase();
      if (PHRASE_RULES.some((r) => r.pattern.test(lower))) fired++;
      const p = predict(weights, extractFeatures(text, lexicons).values);
      expect(scorer(text).raw, text).toBeCloseTo(p.margin, 9);
      const mentions = capitalMentions(text);
      if (mentions.length === 0) continue;
      const fast = scorer.sentence(text, mentions);
      for (const [key, view] of entityViews(text, mentions)) {
        const q = predict(weights, featuresOf(view.tokens, view.text, lexicons, view.name).values);
        expect(fast.entities.get(key)?.raw, `${text} / ${key}`).toBeCloseTo(q.margin, 9);
      }
    }
    expect(fired).toBeGreaterThan(500);
  });

  it('starts each finance frame at its first lead word and still scores generated frame texts as the named features do', () => {
    const words = [
      ...new Set(
        FINANCE_FRAMES.flatMap((f) => [...f.triggers, ...(f.also ?? []), ...(f.leads ?? []), ...(f.leadsBefore ?? [])]),
      ),
      'Q3',
      '_ent_',
      'pre-tax',
      'write-downs',
      '3.5',
      'EUR 13.1 mn',
      'from',
      'to',
      'compared with',
      'Apple',
      'Intel',
      ',',
      ';',
      'not',
      "didn't",
      "o'neil",
      '$sales',
      'https://t.co/profit-rose',
      'İ',
      '\u212a',
      'Profit',
      'ROSE',
      'but',
      'despite',
    ];
    // Words are kept apart: a frame's trigger words are whole words, and "dilut\\w+" reads a word run
    // into the next ("dilutingoutlook") as one the token masks do not name.
    const gaps = [' ', ' ', ' ', '-', ', ', '; '];
    const next = walk(5);
    let fired = 0;
    for (let t = 0; t < 1500; t++) {
      let text = '';
      for (let k = 3 + next(10); k >= 0; k--)
        text += `${words[next(words.length)] as string}${gaps[next(gaps.length)] as string}`;
      if (detectFrames(text.toLowerCase()).length > 0) fired++;
      const p = predict(weights, extractFeatures(text, lexicons).values);
      expect(scorer(text).raw, text).toBeCloseTo(p.margin, 9);
      const mentions = capitalMentions(text);
      if (mentions.length === 0) continue;
      const fast = scorer.sentence(text, mentions);
      for (const [key, view] of entityViews(text, mentions)) {
        const q = predict(weights, featuresOf(view.tokens, view.text, lexicons, view.name).values);
        expect(fast.entities.get(key)?.raw, `${text} / ${key}`).toBeCloseTo(q.margin, 9);
      }
    }
    expect(fired).toBeGreaterThan(500);
  });

  it('lists, for each rule with leads, a word every match starts with', () => {
    const words = [
      ...new Set(PHRASE_RULES.flatMap((r) => [...r.triggers, ...(r.also ?? []), ...(r.leads ?? [])])),
      'than',
      'to',
      'of',
      'net',
      '5%',
      '12 per cent',
      'all-time',
      'x',
      ',',
      ';',
      'to consider',
      'ahead of',
      'short of',
      'raises to buy',
    ];
    const next = walk(9);
    let matches = 0;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      for (let k = 2 + next(8); k >= 0; k--)
        text += `${words[next(words.length)] as string}${next(8) === 0 ? '-' : ' '}`;
      for (const rule of PHRASE_RULES) {
        if (rule.leads === undefined) continue;
        for (const m of text.matchAll(new RegExp(rule.pattern.source, 'g'))) {
          matches++;
          const word = /^[a-z]+/.exec(text.slice(m.index))?.[0] ?? '';
          expect(rule.leads, `${rule.name}: ${text}`).toContain(word);
          expect(m.index === 0 || !/\w/.test(text.charAt(m.index - 1)), `${rule.name}: ${text}`).toBe(true);
        }
      }
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it('explains with the rules that fired', () => {
    expect(scorer.explain('Nvidia beats estimates but cuts guidance').map((e) => e.rule)).toEqual(
      expect.arrayContaining(['beat-estimates', 'cut-guidance']),
    );
  });
});

describe('scanners', () => {
  it("find a company's name word as the plain definition does: the last word its first mention overlaps", () => {
    const next = walk(7);
    const parts = [
      'Tata',
      'Motors',
      "Reliance's",
      '$BABA',
      '3M',
      'co.',
      ' ',
      '  ',
      ', ',
      ' - ',
      'x',
      "isn't",
      'O’Neil',
      '%',
      '_ent_',
    ];
    for (let c = 0; c < 3000; c++) {
      let text = '';
      for (let w = 0, n = 1 + next(12); w < n; w++) text += parts[next(parts.length)] as string;
      const t = scanTokens(text);
      const spans = Array.from({ length: 1 + next(3) }, () => {
        const start = next(text.length + 1);
        return { start, end: Math.min(text.length, start + next(12)) };
      }).sort((a, b) => a.start - b.start);
      const mentions = spans.map((span, i) => ({ key: i % 2, span }));
      for (const key of [0, 1]) {
        const first = mentions.find((m) => m.key === key)?.span;
        let plain = -1;
        for (let k = 0; k < t.n && first !== undefined; k++) {
          const overlaps = (t.end[k] as number) > first.start && (t.start[k] as number) < first.end;
          if (overlaps && (t.kind[k] === WORD || t.kind[k] === POSSESSIVE)) plain = k;
        }
        expect(nameToken(t, mentions, key), `${JSON.stringify(text)} ${JSON.stringify(mentions)}`).toBe(plain);
      }
    }
  });

  it('tokenise as the token pattern reads the folded text, each token at its place in the text', () => {
    const re = /_[a-z]+_|[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%;:!?,.]| - |\$[a-z][a-z.]{0,6}\b/g;
    for (const text of [...tricky, ...sample.twitter.map((e) => e.full), 'İstanbul KELVIN Kraft ÀB 5,000.5x']) {
      const folded = text
        .replace(/[A-Z]/g, (c) => c.toLowerCase())
        .replace(/https?:\/\/\S+/gi, (m) => ' '.repeat(m.length))
        .replace(/[’‘]/g, "'");
      const matches = [...folded.matchAll(re)];
      const expected = matches.map(([t]) =>
        /^\d/.test(t)
          ? '_num_'
          : t.startsWith('$')
            ? '_tkr_'
            : t === ' - '
              ? '-'
              : t.endsWith("n't")
                ? 'not'
                : t.endsWith("'s")
                  ? t.slice(0, -2)
                  : t,
      );
      expect(featureTokens(text), text).toEqual(expected);
      const spans = scanTokens(text);
      expect(
        Array.from({ length: spans.n }, (_, k) => [spans.start[k], spans.end[k]]),
        text,
      ).toEqual(matches.map((m) => (m[0] === ' - ' ? [m.index + 1, m.index + 2] : [m.index, m.index + m[0].length])));
    }
  });

  it('find links as the link pattern does on generated texts, and read them as spaces', () => {
    const link = /https?:\/\/\S+/gi;
    const token = /_[a-z]+_|[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%;:!?,.]| - |\$[a-z][a-z.]{0,6}\b/g;
    const pieces = [
      'http',
      'https',
      'HTTPS',
      'hTtP',
      'x',
      '://',
      ':/',
      '/',
      ' ',
      '\u00a0',
      '\n',
      'a.b',
      'İ',
      'K',
      'ſ',
      "'s",
      '-',
      ' - ',
      '$ab',
      '5',
    ];
    const next = walk(17);
    for (let t = 0; t < 5000; t++) {
      let text = '';
      const length = 1 + next(12);
      for (let k = 0; k < length; k++) text += pieces[next(pieces.length)];
      const spans = scanTokens(text);
      const links = [...text.matchAll(link)];
      expect(spans.linkRanges, text).toEqual(links.flatMap((m) => [m.index, m.index + m[0].length]));
      expect(spans.links, text).toBe(links.length > 0);
      expect(spans.exotic, text).toBe(/[\u0130\u212a]/.test(text));
      const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(link, (m) => ' '.repeat(m.length));
      expect(
        Array.from({ length: spans.n }, (_, k) => spans.start[k]),
        text,
      ).toEqual([...folded.matchAll(token)].map((m) => (m[0] === ' - ' ? m.index + 1 : m.index)));
    }
  });

  it('find name words as the word pattern does, across scripts and surrogate pairs', () => {
    const re = /[\p{L}\p{N}&][\p{L}\p{N}&.-]*[\p{L}\p{N}&]|[\p{L}\p{N}&]/gu;
    const out = createNameWords();
    for (const text of [
      'J.P. Morgan, AT&T and Coca-Cola.',
      'Nestlé (NESN.SW) — Ünilever 9988.HK.',
      'x 𝐀𝐁 y-- .z. 😀 Ω-',
      ...tricky,
    ]) {
      scanNameWords(text, out);
      const spans = Array.from({ length: out.count }, (_, i) => text.slice(out.start[i], out.end[i]));
      expect(spans, text).toEqual([...text.matchAll(re)].map(([w]) => w));
      // Each word's hash is taken as it is scanned; it must be the word's own.
      for (let i = 0; i < out.count; i++) expect(out.hash[i], spans[i]).toBe(hashOf(text, out.start[i], out.end[i]));
    }
  });

  it('find name words as the word pattern does on generated texts: spans, hashes and dots', () => {
    const re = /[\p{L}\p{N}&][\p{L}\p{N}&.-]*[\p{L}\p{N}&]|[\p{L}\p{N}&]/gu;
    const pieces = [
      'a',
      'B',
      'z',
      '7',
      '&',
      '.',
      '-',
      '..',
      '.-',
      ' ',
      ', ',
      'é',
      'Ω',
      '𝐀',
      '😀',
      '—',
      '(',
      "'",
      'HK',
      'J.P.',
      '9988.HK',
      'Co-',
      '\n',
    ];
    const next = walk(13);
    const out = createNameWords();
    for (let t = 0; t < 5000; t++) {
      let text = '';
      const length = 1 + next(14);
      for (let k = 0; k < length; k++) text += pieces[next(pieces.length)];
      scanNameWords(text, out);
      const expected = [...text.matchAll(re)];
      expect(out.count, text).toBe(expected.length);
      expected.forEach((m, i) => {
        expect([out.start[i], out.end[i]], text).toEqual([m.index, m.index + m[0].length]);
        expect(out.hash[i], text).toBe(hashOf(m[0]));
        expect(out.dotted[i], text).toBe(m[0].includes('.') ? 1 : 0);
      });
    }
  });
});

/** Sentence splitting as first written, with the abbreviation check as a regex. */
function splitByRegex(text: string): string[] {
  const abbreviations = new Set(
    'inc corp co ltd mr mrs ms dr st jr sr vs no u.s u.k e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec approx est p.m a.m'.split(
      ' ',
    ),
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

  it('splits generated texts as the regex definition does', () => {
    const pieces = [
      'Inc',
      'inc',
      'U.S',
      'e.g',
      'x',
      'A',
      'J.P',
      'Then',
      'the',
      '2.5',
      '$40',
      'Oct',
      '.',
      '.',
      '!',
      '?',
      '...',
      '"',
      '”',
      '’',
      "'",
      ')',
      ']',
      '(',
      '“',
      '‘',
      '[',
      ' ',
      ' ',
      '\n',
      '\n\n',
      '\t',
      '\u00a0',
      '\u2028',
      '\r',
    ];
    const next = walk(5);
    for (let t = 0; t < 5000; t++) {
      let text = '';
      for (let k = 2 + next(14); k >= 0; k--) text += pieces[next(pieces.length)];
      expect(splitSentences(text), JSON.stringify(text)).toEqual(splitByRegex(text));
    }
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
    // Read with A-Z as a-z: "BEAT" and "Beat" find "beat".
    for (const w of ['BEAT', 'Beat', 'beat'])
      expect(table.idAtLower(hashOf('beat'), `(${w})`, 1, 5), w).toBe(list.indexOf('beat'));
    expect(table.idAtLower(hashOf('apple'), 'APPLE', 0, 5)).toBe(list.indexOf('apple'));
  });

  it('finds runs of letters by hash, length and packed head and tail, and compares the middle of long words', () => {
    const list = [
      'a',
      'up',
      'beat',
      'shares',
      'sharesx',
      'estimates',
      'expectations',
      'underperformed',
      'underperforming',
      'x'.repeat(40),
      '_ent_',
    ];
    const table = createWordTable(list);
    const look = (text: string): number => {
      const lower = text.toLowerCase();
      return table.idOfLetters(
        hashOf(lower),
        lettersHead(text, 0, text.length),
        lettersTail(text, 0, text.length),
        text,
        0,
        text.length,
      );
    };
    list.forEach((w, id) => {
      if (/^[a-z]+$/.test(w))
        for (const v of [w, w.toUpperCase(), w[0]?.toUpperCase() + w.slice(1)]) expect(look(v), v).toBe(id);
    });
    // Same head, tail and length, a different middle: a different word.
    for (const w of [
      'underperfXrmed',
      'underperformeed',
      'x'.repeat(20) + 'y' + 'x'.repeat(19),
      'shar',
      'sharesxx',
      'estimatez',
    ])
      expect(look(w), w).toBe(-1);
    // The scan packs as lettersHead and lettersTail do: every word of a text is found where it is.
    const text = 'Shares UP; underperformed the ESTIMATES, a beat';
    const t = scanTokens(text, undefined, {
      word: table.idAtLower,
      letters: table.idOfLetters,
      punct: new Int32Array(128).fill(-1),
      number: -1,
      dash: -1,
      cashtag: -1,
      not: -1,
    });
    const found = Array.from({ length: t.n }, (_, k) => t.id[k] as number)
      .filter((id) => id >= 0)
      .map((id) => list[id]);
    expect(found).toEqual(['shares', 'up', 'underperformed', 'estimates', 'a', 'beat']);
  });
});

describe('ticker finder', () => {
  it('checks a bare symbol in place as BARE_SYMBOL_RE reads the word', () => {
    const re = /^[A-Z]{3,5}(?:[.-][A-Z])?$/;
    const words = [
      'ABC',
      'ABCDE',
      'ABCDEF',
      'AB',
      'BRK.B',
      'BRK-B',
      'BRK-BB',
      'BRK.',
      'Abc',
      'ABc',
      'A1C',
      'ABC-1',
      'ÉAB',
      'ABCD.E',
      'ABC.D.E',
      'TSLA',
    ];
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

  it('tries the footer pattern on every sentence it could match', () => {
    const pieces = [
      'Share',
      'share',
      'SHARE',
      'post',
      'Tweet',
      'pin',
      'send',
      'E-mail',
      'email',
      'Follow',
      'like',
      'find',
      'JOIN',
      'us',
      'this article',
      'story',
      'on',
      'to',
      'via',
      'with',
      'Facebook',
      'x',
      'LinkedIn',
      'é',
      '&',
      '.',
      '-',
      '_',
      're',
      ' ',
      '  ',
      '\t',
    ];
    const next = walk(11);
    const words = createNameWords();
    let matched = 0;
    for (let t = 0; t < 20000; t++) {
      // Footer-shaped runs (lead, maybe "this article", preposition, platform), each part at
      // times swapped for another piece or glued to its neighbour.
      const shape = [
        ['Share', 'post', 'Tweet', 'email', 'Follow', 'like', 'JOIN', 'send'],
        ['', 'this article', 'us'],
        ['on', 'to', 'via', 'with'],
        ['Facebook', 'x', 'LinkedIn', 'us'],
      ];
      let text = next(2) === 0 ? '' : `${pieces[next(pieces.length)]}${pieces[next(pieces.length)]}`;
      for (const options of shape) {
        const part =
          next(4) === 0 ? (pieces[next(pieces.length)] as string) : (options[next(options.length)] as string);
        text += part + (next(5) === 0 ? '' : ' ');
      }
      scanNameWords(text, words);
      if (!FOOTER_RE.test(text)) continue;
      matched++;
      expect(mayBeFooter(text, words), JSON.stringify(text)).toBe(true);
    }
    // The texts must hold footers for the check to mean anything.
    expect(matched).toBeGreaterThan(200);
  });
});

/** Clause spans as first written: the text between matches of the separator pattern. */
function clauseSpansByRegex(text: string): Array<[number, number]> {
  const re =
    /\s*(?:;|:\s|,(?!\d)|\s[-–—]\s|\s(?:but|while|whereas|however|although|though|even as|as|vs\.?|versus)\s)\s*/gi;
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > start) spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

describe('clauses', () => {
  it('split a sentence where the separator pattern does, reading tokens', () => {
    const words = [
      'Apple',
      'rose',
      'but',
      'as',
      'even',
      'vs',
      'vs.',
      'versus',
      'while',
      ',',
      ';',
      ':',
      '-',
      '–',
      '—',
      'and',
      '2,5',
      'x',
    ];
    const gaps = [' ', '  ', '', '\t', ' \n '];
    // A fixed pseudo-random walk over words and gaps, so the cases are the same every run.
    const next = walk(7);
    const texts = [...tricky, ...sample.sentfin.map((e) => e.full), ...sample.twitter.map((e) => e.full)];
    for (let i = 0; i < 2000; i++) {
      let t = '';
      for (let w = 0; w < 3 + next(8); w++)
        t += (words[next(words.length)] as string) + (gaps[next(gaps.length)] as string);
      texts.push(t.trim());
    }
    for (const text of texts) {
      const tokens = scanTokens(text);
      const byRegex = clauseSpansByRegex(text)
        .map(([a, b]) => {
          const inside = [];
          for (let k = 0; k < tokens.n; k++)
            if ((tokens.start[k] as number) >= a && (tokens.end[k] as number) <= b) inside.push(k);
          return inside;
        })
        .filter((c) => c.length > 0)
        .map((c) => [c[0], (c[c.length - 1] as number) + 1]);
      expect(
        clauseRanges(text, tokens).map(({ a, b }) => [a, b]),
        text,
      ).toEqual(byRegex);
    }
  });
});

describe('title case', () => {
  it('counts as the word pattern does', () => {
    const byRegex = (s: string): boolean => {
      const long = (s.match(/[A-Za-z][a-z]+/g) ?? []).filter((x) => x.length > 3);
      return long.length >= 2 && long.filter((x) => /^[A-Z]/.test(x)).length / long.length > 0.6;
    };
    for (const s of [
      ...tricky,
      ...sample.sentfin.map((e) => e.full),
      'Apple Unveils New iPhone Models',
      'ABCdef Ghij Klmn',
      'Apple shares rise',
    ]) {
      expect(isTitleCase(s), s).toBe(byRegex(s));
    }
  });
});

describe('mention roles', () => {
  it('try the end-anchored source and peer patterns whenever they could match', () => {
    const pieces = [
      'according to',
      'said',
      'unsaid',
      'says',
      'the',
      'The',
      'cited by',
      'per',
      'paper',
      'analysts at',
      'rivals',
      'such as',
      'unlike',
      'vs.',
      'vs',
      'and',
      'band',
      ',',
      'Apple',
      '$X',
      "o'neil",
      'told',
    ];
    const gaps = [' ', '', '  ', ', ', '\t'];
    const next = walk(11);
    let matched = 0;
    for (let i = 0; i < 5000; i++) {
      let before = '';
      for (let w = 0; w < 1 + next(5); w++)
        before += (pieces[next(pieces.length)] as string) + (gaps[next(gaps.length)] as string);
      if (SOURCE_BEFORE_RE.test(before)) {
        matched++;
        expect(maySourceBefore(before), before).toBe(true);
      }
      if (PEER_BEFORE_RE.test(before)) {
        matched++;
        expect(mayPeerBefore(before), before).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(500);
  });
});
