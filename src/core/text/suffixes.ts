// "Does this word end with one of these words?", asked of a span of a text in place (no lowercased
// copy): the pre-checks in front of end-anchored or word-led patterns (the finder's footer
// pattern, the mention roles' source and peer patterns) ask it of every word they look at.
import { isWordChar } from './chars.ts';

/** Lowercase ASCII words grouped by their last letter, end to end in one string. */
export interface SuffixTable {
  readonly chars: string;
  /** Where each word starts in `chars`, and its length, in last-letter order. */
  readonly at: Int32Array;
  readonly length: Int32Array;
  /** Per last letter's code c: the words ending with it are [byLast[c], byLast[c + 1]). */
  readonly byLast: Int32Array;
}

export function suffixTable(words: readonly string[]): SuffixTable {
  for (const w of words) if (!/^[a-z]+$/.test(w)) throw new Error(`suffix words are lowercase a-z: ${w}`);
  const sorted = [...words].sort((a, b) => a.charCodeAt(a.length - 1) - b.charCodeAt(b.length - 1));
  const at = new Int32Array(sorted.length);
  const length = new Int32Array(sorted.length);
  const byLast = new Int32Array(129);
  let offset = 0;
  sorted.forEach((w, i) => {
    at[i] = offset;
    length[i] = w.length;
    offset += w.length;
  });
  for (let c = 0, i = 0; c <= 128; c++) {
    while (i < sorted.length && (sorted[i] as string).charCodeAt((sorted[i] as string).length - 1) < c) i++;
    byLast[c] = i;
  }
  return { chars: sorted.join(''), at, length, byLast };
}

/**
 * Whether s[start, end), read with A-Z as a-z, ends with one of the table's words; with `boundary`,
 * only where the word starts at a regex \b (no word character right before it).
 */
export function endsWithSuffix(s: string, start: number, end: number, table: SuffixTable, boundary: boolean): boolean {
  if (start >= end) return false;
  const last = s.charCodeAt(end - 1) | 32;
  if (last >= 128) return false;
  const { chars, at, length, byLast } = table;
  for (let w = byLast[last] as number; w < (byLast[last + 1] as number); w++) {
    const n = length[w] as number;
    const from = end - n;
    if (from < start || (boundary && from > 0 && isWordChar(s.charCodeAt(from - 1)))) continue;
    const a = at[w] as number;
    let k = 0;
    while (k < n && (s.charCodeAt(from + k) | 32) === chars.charCodeAt(a + k)) k++;
    if (k === n) return true;
  }
  return false;
}
