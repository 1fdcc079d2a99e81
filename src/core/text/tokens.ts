// Tokens for sentiment features: lowercase words, numbers folded to one token, tickers and
// links folded away, and punctuation kept only where it ends a negation scope or a clause.
//
// The tokens are, exactly, the matches of
//   /_[a-z]+_|[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%;:!?,.]| - /g
// over the lowercased text with links removed, curly apostrophes straightened and cashtags
// folded, then numbers, "n't" and "'s" folded. A hand-written scan gives the same tokens
// several times faster than matchAll, and this runs on every sentence of every article.

/** Punctuation tokens that end a negation scope and stop bigrams. */
export const BREAK_TOKENS: ReadonlySet<string> = new Set([',', ';', ':', '!', '?', '.', '-']);

export const NUMBER_TOKEN = '_num_';
export const TICKER_TOKEN = '_tkr_';
export const ENTITY_TOKEN = '_ent_';
/** Another company named beside the one being judged (same length as ENTITY_TOKEN). */
export const OTHER_TOKEN = '_oth_';

const LINK_RE = /https?:\/\/\S+/g;
const CURLY_RE = /[’‘]/g;
const CASHTAG_RE = /\$[a-z][a-z.]{0,6}\b/g;

/** The text the tokens are read from: lowercased text with links, curly apostrophes and cashtags folded. */
export function foldFeatureText(lower: string): string {
  let out = lower;
  if (out.includes('://')) out = out.replace(LINK_RE, ' ');
  if (out.includes('’') || out.includes('‘')) out = out.replace(CURLY_RE, "'");
  if (out.includes('$')) out = out.replace(CASHTAG_RE, ` ${TICKER_TOKEN} `);
  return out;
}

/** The links foldLinks removes from lowercased text, in order. */
export function linksIn(lower: string): string[] {
  return lower.match(LINK_RE) ?? [];
}

/** Folds only the links out of lowercased text (scanners that fold the rest themselves). */
export function foldLinks(lower: string): string {
  return lower.includes('://') ? lower.replace(LINK_RE, ' ') : lower;
}

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * Where the cashtag starting at the "$" at `at` ends, or -1: the match of
 * /\$[a-z][a-z.]{0,6}\b/ there, so a scanner can fold it without a regex pass.
 */
export function cashtagEnd(s: string, at: number): number {
  const first = s.charCodeAt(at + 1);
  if (!(first >= 97 && first <= 122)) return -1;
  let end = at + 2;
  while (end < at + 8) {
    const c = s.charCodeAt(end);
    if (!((c >= 97 && c <= 122) || c === 46)) break;
    end++;
  }
  // Back off until a word boundary, as the regex would.
  for (; end >= at + 2; end--) if (isWordChar(s.charCodeAt(end - 1)) !== isWordChar(s.charCodeAt(end))) return end;
  return -1;
}

const isLetter = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const UNDERSCORE = 95;
const APOSTROPHE = 39;

// Single-character punctuation tokens, by char code.
const PUNCT: readonly string[] = [];
for (const p of '%;:!?,.') (PUNCT as string[])[p.charCodeAt(0)] = p;

/**
 * Scans foldFeatureText(lowercased text). `onWordParts`, when given, receives both halves of every word
 * written with an apostrophe ("analyst's" -> "analyst", "s"), before folding.
 */
export function scanTokens(lower: string, onWordParts?: (a: string, b: string) => void): string[] {
  const out: string[] = [];
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < n && isLetter(lower.charCodeAt(j))) j++;
      if (j + 1 < n && lower.charCodeAt(j) === APOSTROPHE && isLetter(lower.charCodeAt(j + 1))) {
        let k = j + 2;
        while (k < n && isLetter(lower.charCodeAt(k))) k++;
        const word = lower.slice(i, k);
        if (onWordParts !== undefined) onWordParts(lower.slice(i, j), lower.slice(j + 1, k));
        // "doesn't", "won't", "can't": the negation is what carries meaning.
        if (word.endsWith("n't")) out.push('not');
        else if (word.endsWith("'s")) out.push(word.slice(0, -2));
        else out.push(word);
        i = k;
      } else {
        out.push(lower.slice(i, j));
        i = j;
      }
    } else if (isDigit(c)) {
      let j = i + 1;
      for (;;) {
        while (j < n && isDigit(lower.charCodeAt(j))) j++;
        const d = lower.charCodeAt(j);
        if ((d === 46 || d === 44) && j + 1 < n && isDigit(lower.charCodeAt(j + 1))) j += 2;
        else break;
      }
      out.push(NUMBER_TOKEN);
      i = j;
    } else if (c === UNDERSCORE) {
      let j = i + 1;
      while (j < n && isLetter(lower.charCodeAt(j))) j++;
      if (j > i + 1 && j < n && lower.charCodeAt(j) === UNDERSCORE) {
        out.push(lower.slice(i, j + 1));
        i = j + 1;
      } else i++;
    } else if (c === 32 && lower.charCodeAt(i + 1) === 45 && lower.charCodeAt(i + 2) === 32) {
      out.push('-');
      i += 3;
    } else {
      const p = c < 128 ? PUNCT[c] : undefined;
      if (p !== undefined) out.push(p);
      i++;
    }
  }
  return out;
}

export function featureTokens(text: string): string[] {
  return scanTokens(foldFeatureText(text.toLowerCase()));
}
