// Splits a sentence into clauses so each company gets the words about it: in
// "Infosys beats estimates, Wipro misses" Infosys owns the first clause and Wipro the second.

export interface Span {
  readonly start: number;
  readonly end: number;
}

// Commas, semicolons, dashes and contrast words separate clauses; "and" alone does not,
// because "Nifty and Sensex rise" is one clause about two indexes.
export const CLAUSE_BREAK_RE = /\s*(?:;|:\s|,|\s[-–—]\s|\s(?:but|while|whereas|however|although|though|even as|as|vs\.?|versus)\s)\s*/gi;

/** The clauses as CLAUSE_BREAK_RE splits them (the definition clauseSpans is checked against). */
export function clauseSpansByRegex(sentence: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of sentence.matchAll(CLAUSE_BREAK_RE)) {
    const end = m.index;
    if (end > start) spans.push({ start, end });
    start = end + m[0].length;
  }
  if (start < sentence.length) spans.push({ start, end: sentence.length });
  return spans;
}

/** What \s matches. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// The contrast words of CLAUSE_BREAK_RE, in its order ("vs." before "vs", as `vs\.?` tries).
const BREAK_WORDS = ['but', 'while', 'whereas', 'however', 'although', 'though', 'even as', 'as', 'vs.', 'vs', 'versus'];

/** Length of `;`, `:\s` or `,` at i, or 0. */
function punctuationBreakAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 59 || c === 44) return 1;
  return c === 58 && i + 1 < s.length && isSpace(s.charCodeAt(i + 1)) ? 2 : 0;
}

/** Length of `\s[-–—]\s` or `\s<contrast word>\s` at i (s[i] is a space), or 0. */
function spacedBreakAt(s: string, i: number): number {
  const n = s.length;
  const d = s.charCodeAt(i + 1);
  if ((d === 45 || d === 0x2013 || d === 0x2014) && i + 2 < n && isSpace(s.charCodeAt(i + 2))) return 3;
  for (const w of BREAK_WORDS) {
    const end = i + 1 + w.length;
    if (end >= n || !isSpace(s.charCodeAt(end))) continue;
    let k = 0;
    for (; k < w.length; k++) {
      const want = w.charCodeAt(k);
      const c = s.charCodeAt(i + 1 + k);
      // Case-insensitive for ASCII letters only, as a non-unicode /i regex reads them.
      if (c !== want && !(want >= 97 && want <= 122 && c === want - 32)) break;
    }
    if (k === w.length) return w.length + 2;
  }
  return 0;
}

/**
 * The clauses of a sentence: what CLAUSE_BREAK_RE leaves between its matches, found by a
 * hand-written scan (a regex tried at every position costs more than the rest of the work).
 */
export function clauseSpans(sentence: string): Span[] {
  const spans: Span[] = [];
  const n = sentence.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    let from = i;
    let to = -1;
    if (isSpace(sentence.charCodeAt(i))) {
      // A match starting in a run of spaces takes the whole run, or all of it but the last
      // space when that space opens a spaced break.
      let e = i + 1;
      while (e < n && isSpace(sentence.charCodeAt(e))) e++;
      const p = e < n ? punctuationBreakAt(sentence, e) : 0;
      if (p > 0) to = e + p;
      else {
        const q = spacedBreakAt(sentence, e - 1);
        if (q > 0) to = e - 1 + q;
        else {
          i = e;
          continue;
        }
      }
    } else {
      const p = punctuationBreakAt(sentence, i);
      if (p === 0) {
        i++;
        continue;
      }
      from = i;
      to = i + p;
    }
    while (to < n && isSpace(sentence.charCodeAt(to))) to++;
    if (from > start) spans.push({ start, end: from });
    start = to;
    i = to;
  }
  if (start < n) spans.push({ start, end: n });
  return spans;
}

/** Whether the text has a run of three ASCII letters (what /[A-Za-z]{3,}/ finds). */
function hasContentWord(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) {
      if (++run === 3) return true;
    } else run = 0;
  }
  return false;
}

/**
 * For each mention key, the text of the clauses about it. A clause with no mention belongs
 * to the mention before it (or after it, at the start); a clause that is little more than the
 * names in it is read together with the next clause ("Nifty, Sensex up 2%").
 */
export function clausesForMentions<K>(sentence: string, mentions: ReadonlyArray<{ key: K; span: Span }>): Map<K, string> {
  const result = new Map<K, string>();
  if (mentions.length === 0) return result;
  const spans = clauseSpans(sentence);
  const owners: Array<Set<K>> = spans.map(() => new Set<K>());
  for (const { key, span } of mentions) {
    const i = spans.findIndex((s) => span.start < s.end && span.end > s.start);
    owners[i === -1 ? 0 : i]?.add(key);
  }
  // Few-word clauses of names lend their owners to the next clause with content.
  for (let i = 0; i < spans.length - 1; i++) {
    const s = spans[i] as Span;
    const own = owners[i] as Set<K>;
    if (own.size === 0) continue;
    let rest = sentence.slice(s.start, s.end);
    for (const { key, span } of mentions) if (own.has(key)) rest = rest.replace(sentence.slice(span.start, span.end), ' ');
    if (hasContentWord(rest)) continue;
    for (const k of own) owners[i + 1]?.add(k);
  }
  let last: Set<K> | null = null;
  const firstOwned = owners.find((o) => o.size > 0) ?? new Set<K>();
  const texts = new Map<K, string[]>();
  spans.forEach((s, i) => {
    const own = owners[i] as Set<K>;
    const who = own.size > 0 ? own : (last ?? firstOwned);
    if (own.size > 0) last = own;
    for (const k of who) {
      const list = texts.get(k) ?? [];
      list.push(sentence.slice(s.start, s.end));
      texts.set(k, list);
    }
  });
  for (const [k, list] of texts) result.set(k, list.join(' ; '));
  return result;
}
