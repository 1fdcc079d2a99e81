// Tokens for sentiment features, read once per sentence: words (lowercased), numbers folded to
// one token, cashtags folded to one token, links skipped, and punctuation kept only where it ends
// a negation scope or a clause. Each token keeps its span in the text, so the clauses about a
// company can be cut from the sentence's own tokens instead of being scanned again, and the word
// table can be probed in place without cutting out a string.
//
// The tokens are, exactly, the matches of
//   /_[a-z]+_|[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%;:!?,.]| - |\$[a-z][a-z.]{0,6}\b/g
// over the text with A-Z read as a-z (no other character changes case), curly apostrophes read
// as straight ones and links (https?://\S+) read as spaces, then "n't" read as "not", "'s" dropped,
// numbers read as _num_ and cashtags as _tkr_.
import { isAsciiLetter, isSpace, isWordChar } from './chars.ts';
import { HASH_SEED, hashStep } from './word-table.ts';

/** Punctuation tokens that end a negation scope and stop bigrams. */
export const BREAK_TOKENS: ReadonlySet<string> = new Set([',', ';', ':', '!', '?', '.', '-']);

export const NUMBER_TOKEN = '_num_';
export const TICKER_TOKEN = '_tkr_';
export const ENTITY_TOKEN = '_ent_';
/** Another company named beside the one being judged (same length as ENTITY_TOKEN). */
export const OTHER_TOKEN = '_oth_';

// What a token is; its string follows from its kind and its span.
/** A run of letters. */
export const WORD = 1;
/** A word ending in "n't": reads "not". */
export const NOT = 2;
/** A word ending in "'s": reads as the part before the apostrophe. */
export const POSSESSIVE = 3;
/** Any other word with an apostrophe ("o'neil"). */
export const APOSTROPHE = 4;
export const NUMBER = 5;
/** `_letters_`, as written in labelled data and in masked clauses. */
export const PLACEHOLDER = 6;
/** `$aapl`: reads _tkr_. */
export const CASHTAG = 7;
/** One of % ; : ! ? , . */
export const PUNCT = 8;
/** " - " between words. */
export const DASH = 9;

/** A sentence's tokens, in typed arrays reused from call to call. */
export interface TokenSpans {
  /** How many tokens the last scan found. */
  n: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** FNV-1a over the lowercased letters of the word (Word, Possessive: the part before the apostrophe; Placeholder: all of it). */
  hash: Int32Array;
  /** Where the apostrophe is (Not, Possessive, Apostrophe). */
  mid: Int32Array;
  /** Token ids, when the scan was given a table (TokenIds). */
  id: Int32Array;
  /** Whether the text had a link (its words are not tokens, but phrase rules read them). */
  links: boolean;
  /** Where the links are: start, end, start, end ... */
  readonly linkRanges: number[];
  /** Whether a token other than a plain word, number or mark was read: a cashtag, "n't" or another apostrophe word. */
  rare: boolean;
  /** Whether a `_letters_` placeholder was read. */
  placeholder: boolean;
  /** Whether the text (links too) holds U+0130 or U+212A, the two characters that lowercase to ASCII. */
  exotic: boolean;
}

export function createTokenSpans(capacity = 64): TokenSpans {
  return {
    n: 0,
    kind: new Uint8Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    hash: new Int32Array(capacity),
    mid: new Int32Array(capacity),
    id: new Int32Array(capacity),
    links: false,
    linkRanges: [],
    rare: false,
    placeholder: false,
    exotic: false,
  };
}

function grow(t: TokenSpans): void {
  const size = t.kind.length * 2;
  const copy = <A extends Uint8Array | Int32Array>(a: A, make: (n: number) => A): A => {
    const b = make(size);
    b.set(a);
    return b;
  };
  t.kind = copy(t.kind, (n) => new Uint8Array(n));
  t.start = copy(t.start, (n) => new Int32Array(n));
  t.end = copy(t.end, (n) => new Int32Array(n));
  t.hash = copy(t.hash, (n) => new Int32Array(n));
  t.mid = copy(t.mid, (n) => new Int32Array(n));
  t.id = copy(t.id, (n) => new Int32Array(n));
}

/** Whether text[at, at + word.length) is `word` (lowercase ASCII) with A-Z read as a-z. */
function isAsciiWordAt(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(at + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * The text with every link's characters read as spaces (same length, so spans still fit the
 * text); each link's [start, end) is appended to `out.linkRanges`. The links are, exactly, the
 * matches of /https?:\/\/\S+/gi, found from each "://" (a regex replace with a callback cost
 * more than the scan of the text after it).
 */
function blankLinks(text: string, out: TokenSpans): string {
  const n = text.length;
  const pieces: string[] = [];
  let kept = 0;
  let from = 0;
  for (let p = text.indexOf('://'); p !== -1; p = text.indexOf('://', from)) {
    // "https" before the colon, else "http" (the match starts at the leftmost of them).
    const start =
      p >= 5 && isAsciiWordAt(text, p - 5, 'https') ? p - 5 : p >= 4 && isAsciiWordAt(text, p - 4, 'http') ? p - 4 : -1;
    let end = p + 3;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    if (start === -1 || end === p + 3) {
      from = p + 1;
      continue;
    }
    out.linkRanges.push(start, end);
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x130 || c === 0x212a) out.exotic = true;
    }
    pieces.push(text.slice(kept, start), ' '.repeat(end - start));
    kept = end;
    from = end;
  }
  if (pieces.length === 0) return text;
  pieces.push(text.slice(kept));
  // Joined, the pieces make a sequential string (flat.ts).
  return pieces.join('');
}

/** A-Z read as a-z; every other code unit as it is. */
const low = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Where the cashtag starting at the "$" at `at` ends, or -1: the match of
 * /\$[a-z][a-z.]{0,6}\b/ (letters of either case) there.
 */
function cashtagEnd(s: string, at: number): number {
  if (!isAsciiLetter(s.charCodeAt(at + 1))) return -1;
  let end = at + 2;
  while (end < at + 8) {
    const c = s.charCodeAt(end);
    if (!(isAsciiLetter(c) || c === 46)) break;
    end++;
  }
  // Back off until a word boundary, as the regex would.
  for (; end >= at + 2; end--) if (isWordChar(s.charCodeAt(end - 1)) !== isWordChar(s.charCodeAt(end))) return end;
  return -1;
}

// Character classes of ASCII code units, so the scan decides what starts at a position with one load.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const UNDERSCORE = 4;
const DOLLAR = 5;
const PUNCT_CHAR = 6;
const CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER;
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[32] = SPACE;
CLASS[95] = UNDERSCORE;
CLASS[36] = DOLLAR;
for (const p of '%;:!?,.') CLASS[p.charCodeAt(0)] = PUNCT_CHAR;

/**
 * How a scan names tokens by id as it goes (the compiled scorer's word table), so no second pass
 * over the tokens is needed. Ids are stored in TokenSpans.id; a word not in the table is -1.
 */
export interface TokenIds {
  /** The id of text[start, end) read with A-Z as a-z, whose hash (as the scan takes it) is `hash`. */
  word(hash: number, text: string, start: number, end: number): number;
  /** word() for a run of letters, given also its packed head and tail (word-table.ts, idOfLetters). */
  letters(hash: number, head: number, tail: number, text: string, start: number, end: number): number;
  /** Ids of the punctuation tokens, by char code. */
  readonly punct: Int32Array;
  readonly number: number;
  readonly dash: number;
  readonly cashtag: number;
  readonly not: number;
}

function store(
  out: TokenSpans,
  count: number,
  kind: number,
  start: number,
  end: number,
  hash: number,
  mid: number,
  id: number,
): void {
  if (count === out.kind.length) grow(out);
  out.kind[count] = kind;
  out.start[count] = start;
  out.end[count] = end;
  out.hash[count] = hash;
  out.mid[count] = mid;
  out.id[count] = id;
}

/**
 * Scans `text` into `out` (reusing its arrays) and returns it. With `ids`, each token's id is
 * looked up as it is read; an "Apostrophe" word's id is left -1 (the caller looks those up).
 */
export function scanTokens(text: string, out: TokenSpans = createTokenSpans(), ids?: TokenIds): TokenSpans {
  // (Setting an array's length costs a call even when it is already 0.)
  if (out.linkRanges.length > 0) out.linkRanges.length = 0;
  out.exotic = false;
  const s = text.includes('://') ? blankLinks(text, out) : text;
  out.links = out.linkRanges.length > 0;
  out.rare = false;
  out.placeholder = false;
  const n = s.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const cls = c < 128 ? (CLASS[c] as number) : OTHER;
    if (cls === SPACE) {
      // " - " between words; any other space separates tokens.
      if (i + 2 < n && s.charCodeAt(i + 1) === 45 && s.charCodeAt(i + 2) === 32) {
        store(out, count++, DASH, i + 1, i + 2, 0, 0, ids === undefined ? -1 : ids.dash);
        i += 3;
      } else i++;
      continue;
    }
    if (cls === OTHER) {
      if (c === 0x130 || c === 0x212a) out.exotic = true;
      i++;
      continue;
    }
    const start = i;
    if (cls === LETTER) {
      let h = Math.imul(HASH_SEED ^ (c | 32), 0x01000193);
      // The first six letters packed (word-table.ts lettersHead), then the last six (lettersTail): two
      // loops, so no letter past the sixth pays a test for it.
      let tail = (c | 32) - 96;
      let j = i + 1;
      // The code unit that ended the word (0 at the end of the text).
      let q = 0;
      const six = Math.min(n, i + 6);
      while (j < six) {
        // A-Z and a-z are the code units whose c | 32 falls in a-z: one compare, and the hash takes c | 32.
        const r = s.charCodeAt(j);
        const d = r | 32;
        if ((d - 97) >>> 0 >= 26) {
          q = r;
          break;
        }
        h = Math.imul(h ^ d, 0x01000193);
        tail = (tail << 5) | (d - 96);
        j++;
      }
      const head = tail;
      if (j === i + 6) {
        while (j < n) {
          const r = s.charCodeAt(j);
          const d = r | 32;
          if ((d - 97) >>> 0 >= 26) {
            q = r;
            break;
          }
          h = Math.imul(h ^ d, 0x01000193);
          // Letters shifted past 32 bits drop out, so the mask below leaves the last six.
          tail = (tail << 5) | (d - 96);
          j++;
        }
        tail &= 0x3fffffff;
      }
      if ((q === 39 || q === 0x2019 || q === 0x2018) && isAsciiLetter(s.charCodeAt(j + 1))) {
        let k = j + 2;
        while (k < n && isAsciiLetter(s.charCodeAt(k))) k++;
        const one = k === j + 2;
        const second = s.charCodeAt(j + 1) | 32;
        const kind =
          one && second === 116 && (s.charCodeAt(j - 1) | 32) === 110
            ? NOT
            : one && second === 115
              ? POSSESSIVE
              : APOSTROPHE;
        const id =
          ids === undefined || kind === APOSTROPHE
            ? -1
            : kind === NOT
              ? ids.not
              : ids.letters(h, head, tail, s, start, j);
        store(out, count++, kind, start, k, h, j, id);
        if (kind !== POSSESSIVE) out.rare = true;
        i = k;
      } else {
        store(out, count++, WORD, start, j, h, 0, ids === undefined ? -1 : ids.letters(h, head, tail, s, start, j));
        i = j;
      }
    } else if (cls === DIGIT) {
      let j = i + 1;
      for (;;) {
        while (j < n && isDigit(s.charCodeAt(j))) j++;
        const d = j < n ? s.charCodeAt(j) : 0;
        if ((d === 46 || d === 44) && j + 1 < n && isDigit(s.charCodeAt(j + 1))) j += 2;
        else break;
      }
      store(out, count++, NUMBER, start, j, 0, 0, ids === undefined ? -1 : ids.number);
      i = j;
    } else if (cls === PUNCT_CHAR) {
      store(out, count++, PUNCT, start, i + 1, 0, 0, ids === undefined ? -1 : (ids.punct[c] as number));
      i++;
    } else if (cls === UNDERSCORE) {
      let h = hashStep(HASH_SEED, 95);
      let j = i + 1;
      while (j < n && isAsciiLetter(s.charCodeAt(j))) h = hashStep(h, s.charCodeAt(j++) | 32);
      if (j > i + 1 && j < n && s.charCodeAt(j) === 95) {
        h = hashStep(h, 95);
        store(out, count++, PLACEHOLDER, start, j + 1, h, 0, ids === undefined ? -1 : ids.word(h, s, start, j + 1));
        out.placeholder = true;
        i = j + 1;
      } else i++;
    } else {
      const end = cashtagEnd(s, i);
      if (end === -1) i++;
      else {
        store(out, count++, CASHTAG, start, end, 0, 0, ids === undefined ? -1 : ids.cashtag);
        out.rare = true;
        i = end;
      }
    }
  }
  out.n = count;
  return out;
}

function lowerSlice(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(low(text.charCodeAt(i)));
  return out;
}

/** The string token k reads as (the feature vocabulary's spelling). */
export function tokenString(text: string, t: TokenSpans, k: number): string {
  const start = t.start[k] as number;
  const end = t.end[k] as number;
  switch (t.kind[k]) {
    case WORD:
    case PLACEHOLDER:
      return lowerSlice(text, start, end);
    case NOT:
      return 'not';
    case POSSESSIVE:
      return lowerSlice(text, start, t.mid[k] as number);
    case APOSTROPHE:
      return `${lowerSlice(text, start, t.mid[k] as number)}'${lowerSlice(text, (t.mid[k] as number) + 1, end)}`;
    case NUMBER:
      return NUMBER_TOKEN;
    case CASHTAG:
      return TICKER_TOKEN;
    case DASH:
      return '-';
    default:
      return text.charAt(start);
  }
}

/** Every token of a text as a string, in order. */
export function featureTokens(text: string): string[] {
  const t = scanTokens(text);
  return Array.from({ length: t.n }, (_, k) => tokenString(text, t, k));
}
