// Words as company names are written: runs of letters, digits and "&", with "." and "-"
// allowed inside ("J.P.", "Coca-Cola", "9988.HK"). Exactly the matches of
//   /[\p{L}\p{N}&][\p{L}\p{N}&.-]*[\p{L}\p{N}&]|[\p{L}\p{N}&]/gu
// found by a hand-written scan that records spans instead of cutting out a string per
// word: the ticker finder reads every word of every article.
import { HASH_SEED, hashStep } from './word-table.ts';

const NAME_CHAR_RE = /^[\p{L}\p{N}&]$/u;

const ASCII_NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_NAME_CHAR[c] = NAME_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 0;
// Outside ASCII the answer is looked up once per code unit and remembered (1 yes, 2 no).
const bmpNameChar = new Uint8Array(65536);

/** How many code units the name character at i takes (1, or 2 for a surrogate pair), or 0. */
function nameCharAt(s: string, i: number, n: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_NAME_CHAR[c] as number;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return NAME_CHAR_RE.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  let known = bmpNameChar[c] as number;
  if (known === 0) {
    known = NAME_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
    bmpNameChar[c] = known;
  }
  return known === 1 ? 1 : 0;
}

/** The words of one text: spans, whether they hold a ".", and each word's hashOf (word-table.ts). */
export interface NameWords {
  count: number;
  start: Int32Array;
  end: Int32Array;
  dotted: Uint8Array;
  hash: Int32Array;
}

export function createNameWords(): NameWords {
  return {
    count: 0,
    start: new Int32Array(64),
    end: new Int32Array(64),
    dotted: new Uint8Array(64),
    hash: new Int32Array(64),
  };
}

/** Fills `out` with the words of `s` (reusing its arrays). */
export function scanNameWords(s: string, out: NameWords): void {
  const step = hashStep;
  const SEED = HASH_SEED;
  const n = s.length;
  let count = 0;
  let i = 0;
  const ascii = ASCII_NAME_CHAR;
  while (i < n) {
    const c0 = s.charCodeAt(i);
    // ASCII read in line; the rest (rare in English news) through nameCharAt.
    const w0 = c0 < 128 ? (ascii[c0] as number) : nameCharAt(s, i, n);
    if (w0 === 0) {
      i++;
      continue;
    }
    const start = i;
    // The word's hash as hashOf takes it.
    let h = step(SEED, c0);
    if (w0 === 2) h = step(h, s.charCodeAt(i + 1));
    i += w0;
    let dotted = 0;
    for (;;) {
      // A run of ASCII name characters, the common case, with one test per character.
      let c = 0;
      while (i < n) {
        c = s.charCodeAt(i);
        if (c >= 128 || ascii[c] === 0) break;
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      }
      if (i === n) break;
      if (c >= 128) {
        const w = nameCharAt(s, i, n);
        if (w === 0) break;
        h = step(h, c);
        if (w === 2) h = step(h, s.charCodeAt(i + 1));
        i += w;
        continue;
      }
      // "." and "-" belong to the word only with a name character after them.
      if (c !== 46 && c !== 45) break;
      let j = i;
      let hj = h;
      let dot = 0;
      while (j < n) {
        c = s.charCodeAt(j);
        if (c !== 46 && c !== 45) break;
        if (c === 46) dot = 1;
        hj = step(hj, c);
        j++;
      }
      if (j === n || (c < 128 ? (ascii[c] as number) : nameCharAt(s, j, n)) === 0) break;
      h = hj;
      i = j;
      dotted |= dot;
    }
    if (count === out.start.length) grow(out);
    out.start[count] = start;
    out.end[count] = i;
    out.dotted[count] = dotted;
    out.hash[count] = h;
    count++;
  }
  out.count = count;
}

function grow(out: NameWords): void {
  const size = out.start.length * 2;
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  const dotted = new Uint8Array(size);
  const hash = new Int32Array(size);
  start.set(out.start);
  end.set(out.end);
  dotted.set(out.dotted);
  hash.set(out.hash);
  out.start = start;
  out.end = end;
  out.dotted = dotted;
  out.hash = hash;
}
