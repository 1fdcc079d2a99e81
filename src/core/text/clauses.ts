// Splits a sentence into clauses so each company gets the words about it: in
// "Infosys beats estimates, Wipro misses" Infosys owns the first clause and Wipro the second.
// Works on the sentence's tokens (tokens.ts), so a company's clauses are a list of the
// sentence's own tokens, with every company mention read as one placeholder: scoring them
// needs no second scan of the text.
import { isSpace } from './chars.ts';
import { DASH, ENTITY_TOKEN, OTHER_TOKEN, POSSESSIVE, PUNCT, WORD, type TokenSpans } from './tokens.ts';
import { hashOf } from './word-table.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface KeyedSpan<K> {
  readonly key: K;
  readonly span: Span;
}

// A company's clauses are references into the sentence: a token index (>= 0), SEMI (two clauses
// that were not next to each other), or a mention (see mentionRef) read as the judged company
// (_ent_) or as another one (_oth_).
export const SEMI = -1;
/** The ref of mention `index` (in the order given), judged (own) or another company's. */
const mentionRef = (index: number, own: boolean): number => -2 - 2 * index - (own ? 0 : 1);
/** For a ref < SEMI: which mention, and whether it is the judged company's. */
const refMention = (ref: number): number => (-ref - 2) >> 1;
export const refIsOwn = (ref: number): boolean => ((-ref - 2) & 1) === 0;

const BREAK_WORDS = ['but', 'while', 'whereas', 'however', 'although', 'though', 'as', 'vs', 'versus', 'even'];

/** Whether token k is the word `word` (any case). */
function isWord(text: string, t: TokenSpans, k: number, word: string): boolean {
  const start = t.start[k] as number;
  if (t.kind[k] !== WORD || (t.end[k] as number) - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(start + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/** Hashes (as tokens.ts takes them) of the words that can start a separator: most words are none. */
const BREAK_HASHES: ReadonlySet<number> = new Set(BREAK_WORDS.map((w) => hashOf(w)));

const allSpace = (text: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
};

/**
 * Where the last dash separator in the gap text between two tokens ends (a hyphen, en or em dash
 * with whitespace on each side, each dash using only whitespace the separator before it left
 * untaken), or -1 when the gap holds none.
 */
function gapDashes(text: string, from: number, to: number, taken: number): number {
  let last = -1;
  let took = taken;
  for (let i = from + 1; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x2013 || c === 0x2014 || c === 45) && isSpace(text.charCodeAt(i + 1)) && spacedAt(text, i, took)) {
      took = i + 1;
      last = took;
    }
  }
  return last;
}

/**
 * How many tokens each token starting a separator spans (0: not a separator), and before which
 * tokens a dash in the gap splits two clauses with no token between them. Separators are what the
 * clause pattern /\s*(?:;|:\s|,(?!\d)|\s[-–—]\s|\s(?:but|while|whereas|however|although|though|even as|as|vs\.?|versus)\s)\s*\/gi
 * names; as there, a separator that needs whitespace before it cannot use the whitespace the one
 * before it took. Tokens inside a company mention are never separators.
 */
function separators(text: string, t: TokenSpans, covered: Uint8Array): { width: Uint8Array; gapBreak: Uint8Array } {
  const n = t.n;
  const width = new Uint8Array(n);
  const gapBreak = new Uint8Array(n);
  // Where the last separator ended, while only whitespace has followed it (-1: none).
  let taken = -1;
  for (let k = 0; k < n; k++) {
    const start = t.start[k] as number;
    // (A dash before the first token splits nothing, but takes the whitespace after it.)
    if (k === 0 || (covered[k] === 0 && covered[k - 1] === 0)) {
      const d = gapDashes(text, k > 0 ? (t.end[k - 1] as number) : -1, start, taken);
      if (d >= 0) {
        if (k > 0) gapBreak[k] = 1;
        taken = d;
      }
    }
    const w = separatorWidth(text, t, k, covered, taken);
    if (w > 0) {
      width[k] = w;
      k += w - 1;
      taken = t.end[k] as number;
    } else taken = -1;
  }
  return { width, gapBreak };
}

/** Whether whitespace right before `at` is there and was not taken by the separator that ended at `taken`. */
function spacedAt(text: string, at: number, taken: number): boolean {
  return at > 0 && isSpace(text.charCodeAt(at - 1)) && !(taken >= 0 && allSpace(text, taken, at));
}

/** How many tokens the separator starting at token k spans (0: none there). */
function separatorWidth(text: string, t: TokenSpans, k: number, covered: Uint8Array, taken: number): number {
  const n = t.n;
  if (covered[k] === 1) return 0;
  const start = t.start[k] as number;
  const end = t.end[k] as number;
  const after = text.charCodeAt(end);
  const kind = t.kind[k];
  if (kind === PUNCT) {
    const c = text.charCodeAt(start);
    return c === 59 || (c === 58 && isSpace(after)) || (c === 44 && !(after >= 48 && after <= 57)) ? 1 : 0;
  }
  if (kind === DASH) return spacedAt(text, start, taken) ? 1 : 0;
  if (kind !== WORD || !BREAK_HASHES.has(t.hash[k] as number) || !spacedAt(text, start, taken)) return 0;
  const next = k + 1 < n && covered[k + 1] === 0 ? k + 1 : -1;
  if (isWord(text, t, k, 'even')) {
    return next >= 0 &&
      isWord(text, t, next, 'as') &&
      after === 32 &&
      (t.start[next] as number) === end + 1 &&
      isSpace(text.charCodeAt(t.end[next] as number))
      ? 2
      : 0;
  }
  if (isWord(text, t, k, 'vs') && after === 46)
    return next >= 0 && (t.start[next] as number) === end && isSpace(text.charCodeAt(end + 1)) ? 2 : 0;
  if (!isSpace(after)) return 0;
  for (const word of BREAK_WORDS) if (word !== 'even' && isWord(text, t, k, word)) return 1;
  return 0;
}

interface Clause {
  /** Token range [a, b). */
  readonly a: number;
  readonly b: number;
}

/** The clauses of the sentence, as token ranges, in order. */
export function clauseRanges(text: string, t: TokenSpans, covered: Uint8Array = new Uint8Array(t.n)): Clause[] {
  const { width, gapBreak } = separators(text, t, covered);
  const clauses: Clause[] = [];
  let a = 0;
  for (let k = 0; k < t.n; k++) {
    const w = width[k] as number;
    if (gapBreak[k] === 1 && k > a) {
      clauses.push({ a, b: k });
      a = k;
    }
    if (w > 0) {
      if (k > a) clauses.push({ a, b: k });
      k += w - 1;
      a = k + 1;
    }
  }
  if (a < t.n) clauses.push({ a, b: t.n });
  return clauses;
}

function hasLetterRun3(text: string, start: number, end: number): boolean {
  let run = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (++run >= 3) return true;
    } else run = 0;
  }
  return false;
}

/**
 * The token that names `key`: the last word (or possessive) among the tokens its first mention
 * covers, in the same overlap sense as the clauses place mentions ("motors" in "Tata Motors",
 * "reliance" in "Reliance's"); -1 when that mention covers no word (a cashtag, a number).
 * `mentions` sorted by start.
 */
export function nameToken<K>(t: TokenSpans, mentions: ReadonlyArray<KeyedSpan<K>>, key: K): number {
  let span: Span | null = null;
  for (let i = 0; i < mentions.length && span === null; i++)
    if ((mentions[i] as KeyedSpan<K>).key === key) span = (mentions[i] as KeyedSpan<K>).span;
  if (span === null) return -1;
  // The first token ending after the mention starts (tokens are in text order and do not overlap).
  let lo = 0;
  let hi = t.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.end[mid] as number) > span.start) hi = mid;
    else lo = mid + 1;
  }
  let found = -1;
  for (let k = lo; k < t.n && (t.start[k] as number) < span.end; k++) {
    const kind = t.kind[k];
    if (kind === WORD || kind === POSSESSIVE) found = k;
  }
  return found;
}

/** Receives one key's clauses: refs[0, n), valid only during the call. */
export type ClauseVisitor<K> = (key: K, refs: Int32Array, n: number) => void;

// Scratch reused from call to call (a call runs to completion before the next starts).
let scratchRefs = new Int32Array(256);
let scratchFirst = new Int32Array(16);
let scratchLast = new Int32Array(16);
let scratchCovered = new Uint8Array(256);
let scratchCoveredBy = new Int32Array(256);

function push(at: number, ref: number): number {
  if (at === scratchRefs.length) {
    const bigger = new Int32Array(2 * at);
    bigger.set(scratchRefs);
    scratchRefs = bigger;
  }
  scratchRefs[at] = ref;
  return at + 1;
}

/**
 * Places each mention on the tokens it covers, [first, last), in scratch. A mention overlapping
 * the one before it shares that one's place and is not placed itself (it reads as the earlier
 * mention's placeholder). Returns whether every mention is of the same key.
 */
function placeMentions<K>(t: TokenSpans, mentions: ReadonlyArray<KeyedSpan<K>>): boolean {
  const n = t.n;
  const m = mentions.length;
  if (scratchFirst.length < m) {
    scratchFirst = new Int32Array(2 * m);
    scratchLast = new Int32Array(2 * m);
  }
  if (scratchCovered.length < n) {
    scratchCovered = new Uint8Array(2 * n);
    scratchCoveredBy = new Int32Array(2 * n);
  }
  scratchCovered.fill(0, 0, n);
  scratchCoveredBy.fill(-1, 0, n);
  const key0 = (mentions[0] as KeyedSpan<K>).key;
  let single = true;
  let prevEnd = -1;
  let prevPlaced = -1;
  let k = 0;
  for (let i = 0; i < m; i++) {
    const { key, span } = mentions[i] as KeyedSpan<K>;
    if (key !== key0) single = false;
    if (span.start < prevEnd && prevPlaced >= 0) {
      scratchFirst[i] = scratchFirst[prevPlaced] as number;
      scratchLast[i] = -1;
      continue;
    }
    while (k < n && (t.end[k] as number) <= span.start) k++;
    let q = k;
    while (q < n && (t.start[q] as number) < span.end) q++;
    scratchFirst[i] = k;
    scratchLast[i] = q;
    for (let j = k; j < q; j++) {
      scratchCovered[j] = 1;
      scratchCoveredBy[j] = i;
    }
    prevEnd = span.end;
    prevPlaced = i;
  }
  return single;
}

/** Appends tokens [a, b) to the refs at `at`, each placed mention read as one placeholder. */
function pushTokens<K>(
  at: number,
  a: number,
  b: number,
  n: number,
  mentions: ReadonlyArray<KeyedSpan<K>>,
  key: K,
  zeroWidth: boolean,
): number {
  let out = at;
  for (let j = a; j < b; j++) {
    // Mentions covering no token sit before the token after them.
    if (zeroWidth) {
      for (let i = 0; i < mentions.length; i++) {
        if (scratchFirst[i] === j && scratchLast[i] === j)
          out = push(out, mentionRef(i, (mentions[i] as KeyedSpan<K>).key === key));
      }
    }
    const by = scratchCoveredBy[j] as number;
    if (by < 0) out = push(out, j);
    else if (scratchFirst[by] === j) out = push(out, mentionRef(by, (mentions[by] as KeyedSpan<K>).key === key));
  }
  if (zeroWidth && b === n) {
    for (let i = 0; i < mentions.length; i++) {
      if (scratchFirst[i] === n && scratchLast[i] === n)
        out = push(out, mentionRef(i, (mentions[i] as KeyedSpan<K>).key === key));
    }
  }
  return out;
}

/** A separator that may end a sentence: ";" or "," (or ": " before trailing whitespace). */
function mayEndWithSeparator(text: string, t: TokenSpans): boolean {
  const last = t.n - 1;
  if (t.kind[last] !== PUNCT || scratchCovered[last] === 1) return false;
  const c = text.charCodeAt(t.start[last] as number);
  return c === 59 || c === 44 || c === 58;
}

/**
 * Each mention key's clauses, as refs, handed to `visit` in the order the keys first own a
 * clause. A clause with no mention belongs to the mention before it (or after it, at the start);
 * a clause that is little more than the names in it is read together with the next clause
 * ("Nifty, Sensex up 2%"). Clauses next to each other keep the separator between them ("beats
 * estimates but cuts guidance" stays a contrast); clauses with another company's clause between
 * them are joined by SEMI. `mentions` must be sorted by start.
 */
export function visitClauses<K>(
  text: string,
  t: TokenSpans,
  mentions: ReadonlyArray<KeyedSpan<K>>,
  visit: ClauseVisitor<K>,
): void {
  const n = t.n;
  if (mentions.length === 0 || n === 0) return;
  const single = placeMentions(t, mentions);
  let zeroWidth = false;
  for (let i = 0; i < mentions.length; i++) if (scratchFirst[i] === scratchLast[i]) zeroWidth = true;
  if (single && !mayEndWithSeparator(text, t)) {
    // One company (the usual case): every clause is its own or inherited, each next to the last,
    // so it reads the sentence from the first clause to the last.
    const from = clauseStart(text, t);
    if (from === n) return;
    const key = (mentions[0] as KeyedSpan<K>).key;
    const count = pushTokens(0, from, n, n, mentions, key, zeroWidth);
    visit(key, scratchRefs, count);
    return;
  }
  const covered = scratchCovered.subarray(0, n);
  const clauses = clauseRanges(text, t, covered);
  if (clauses.length === 0) return;
  const clauseOf = (token: number): number => {
    for (let c = 0; c < clauses.length; c++) if (token < (clauses[c] as Clause).b) return c;
    return clauses.length - 1;
  };
  const owners: Array<Set<K>> = clauses.map(() => new Set<K>());
  for (let i = 0; i < mentions.length; i++)
    (owners[clauseOf(scratchFirst[i] as number)] as Set<K>).add((mentions[i] as KeyedSpan<K>).key);
  // Few-word clauses of names lend their owners to the next clause with content.
  for (let c = 0; c < clauses.length - 1; c++) {
    const own = owners[c] as Set<K>;
    if (own.size === 0) continue;
    const { a, b } = clauses[c] as Clause;
    let content = false;
    // Every mention inside the clause is an owner's, so only the tokens outside mentions count.
    for (let j = a; j < b && !content; j++)
      if (scratchCoveredBy[j] === -1) content = hasLetterRun3(text, t.start[j] as number, t.end[j] as number);
    if (!content) for (const key of own) (owners[c + 1] as Set<K>).add(key);
  }
  // Which clauses each key reads, in the order keys first read one.
  const reads = new Map<K, number[]>();
  const firstOwned = owners.find((o) => o.size > 0) ?? new Set<K>();
  let lastOwners: Set<K> | null = null;
  for (let c = 0; c < clauses.length; c++) {
    const own = owners[c] as Set<K>;
    const who = own.size > 0 ? own : (lastOwners ?? firstOwned);
    if (own.size > 0) lastOwners = own;
    for (const key of who) {
      const list = reads.get(key);
      if (list === undefined) reads.set(key, [c]);
      else list.push(c);
    }
  }
  for (const [key, list] of reads) {
    let at = 0;
    let prev = -2;
    for (const c of list) {
      const { a, b } = clauses[c] as Clause;
      if (prev === c - 1) for (let j = (clauses[prev] as Clause).b; j < a; j++) at = push(at, j);
      else if (prev >= 0) at = push(at, SEMI);
      at = pushTokens(at, a, b, n, mentions, key, zeroWidth);
      prev = c;
    }
    visit(key, scratchRefs, at);
  }
}

/** Where the first clause starts: the first token past any separators at the start of the sentence. */
function clauseStart(text: string, t: TokenSpans): number {
  let k = 0;
  let taken = -1;
  while (k < t.n) {
    // A dash in the gap before the token takes the whitespace after it, as in separators().
    const d = gapDashes(text, k > 0 ? (t.end[k - 1] as number) : -1, t.start[k] as number, taken);
    if (d >= 0) taken = d;
    const w = separatorWidth(text, t, k, scratchCovered, taken);
    if (w === 0) break;
    k += w;
    taken = t.end[k - 1] as number;
  }
  return k;
}

/**
 * The text of a company's clauses: the sentence's own text between the tokens, each mention read
 * as " _ent_ " or " _oth_ " and SEMI as " ; ". Phrase rules read this (they match text, not tokens).
 * With `starts`, starts[r] is set to where ref r's token starts in the text built (refs >= 0).
 */
export function refsText<K>(
  text: string,
  t: TokenSpans,
  refs: Int32Array,
  n: number,
  mentions: ReadonlyArray<KeyedSpan<K>>,
  starts?: Int32Array,
): string {
  // Runs of the sentence's own text are cut once each and joined at the end (into one sequential
  // string, which the rules' regexes read without first copying a rope flat).
  const pieces: string[] = [];
  let built = 0;
  let runFrom = -1;
  let runTo = -1;
  let at = -1;
  for (let r = 0; r < n; r++) {
    const ref = refs[r] as number;
    // The sentence text [from, to) to append: the gap before this ref, then the token itself.
    let from: number;
    let to: number;
    let placeholder: string | null = null;
    if (ref >= 0) {
      const start = t.start[ref] as number;
      to = t.end[ref] as number;
      from = at >= 0 && at <= start ? at : start;
      // Where the token starts in the text built, when asked.
      if (starts !== undefined) starts[r] = built + start - from;
      at = to;
    } else if (ref === SEMI) {
      from = to = -1;
      placeholder = ' ; ';
      at = -1;
    } else {
      const span = (mentions[refMention(ref)] as KeyedSpan<K>).span;
      if (at >= 0 && at <= span.start) {
        from = at;
        to = span.start;
      } else from = to = -1;
      placeholder = refIsOwn(ref) ? ` ${ENTITY_TOKEN} ` : ` ${OTHER_TOKEN} `;
      at = span.end;
    }
    if (from >= 0 && to > from) {
      if (from === runTo) runTo = to;
      else {
        if (runFrom >= 0) pieces.push(text.slice(runFrom, runTo));
        runFrom = from;
        runTo = to;
      }
      built += to - from;
    }
    if (placeholder !== null) {
      if (runFrom >= 0) pieces.push(text.slice(runFrom, runTo));
      runFrom = runTo = -1;
      pieces.push(placeholder);
      built += placeholder.length;
    }
  }
  if (runFrom >= 0) pieces.push(text.slice(runFrom, runTo));
  return pieces.join('');
}
