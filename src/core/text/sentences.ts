// Sentence splitting good enough for news prose: full stops, question and exclamation marks,
// and line breaks, without breaking on decimals ("2.5%"), initials ("J.P. Morgan") or
// common abbreviations ("Inc.", "U.S."). Each sentence is a string of its own (flat.ts), not a view
// into the text, as the scanners that read it run fastest on those.
import { flat } from './flat.ts';

const ABBREVIATIONS = new Set([
  'inc',
  'corp',
  'co',
  'ltd',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'vs',
  'no',
  'u.s',
  'u.k',
  'e.g',
  'i.e',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'est',
  'p.m',
  'a.m',
]);

const isWordOrDot = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46;

const BREAK_RE = /[.!?]+["”’')\]]*\s+(?=["“‘'([]?[A-Z0-9$])/g;

/** The sentences of `text`, after `first` when given (the analyser's title: cheaper than an unshift). */
export function splitSentences(text: string, first?: string): string[] {
  const out: string[] = first === undefined ? [] : [first];
  // (A headline's empty body, or a body of one line, needs no split.)
  if (text.length === 0) return out;
  const re = BREAK_RE;
  for (const line of text.includes('\n') ? text.split(/\n+/) : [text]) {
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    let start = 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(trimmed)) !== null) {
      // The run of letters and dots ending where the match starts (what /([A-Za-z.]+)$/ finds
      // in the text since the last break), scanned backwards instead of by a regex tried at
      // every position of that text.
      let from = m.index;
      while (from > start && isWordOrDot(trimmed.charCodeAt(from - 1))) from--;
      const lastWord = trimmed.slice(from, m.index).toLowerCase();
      if (ABBREVIATIONS.has(lastWord) || /^[a-z]$/.test(lastWord) || /\.[a-z]$/.test(lastWord)) continue;
      const end = m.index + m[0].trimEnd().length;
      out.push(flat(trimmed.slice(start, end).trim()));
      start = m.index + m[0].length;
    }
    const rest = trimmed.slice(start).trim();
    if (rest.length > 0) out.push(flat(rest));
  }
  return out;
}
