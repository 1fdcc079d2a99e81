// Splits a sentence into clauses so each company gets the words about it: in
// "Infosys beats estimates, Wipro misses" Infosys owns the first clause and Wipro the second.

export interface Span {
  readonly start: number;
  readonly end: number;
}

// Commas, semicolons, dashes and contrast words separate clauses; "and" alone does not,
// because "Nifty and Sensex rise" is one clause about two indexes. A comma before a digit is a
// thousands separator ("Rs 2,185 crore"), not a break.
const CLAUSE_BREAK_RE = /\s*(?:;|:\s|,(?!\d)|\s[-–—]\s|\s(?:but|while|whereas|however|although|though|even as|as|vs\.?|versus)\s)\s*/gi;

export function clauseSpans(sentence: string): Span[] {
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

function contentWords(text: string): number {
  return (text.match(/[A-Za-z]{3,}/g) ?? []).length;
}

/**
 * For each mention key, the text of the clauses about it. A clause with no mention belongs
 * to the mention before it (or after it, at the start); a clause that is little more than the
 * names in it is read together with the next clause ("Nifty, Sensex up 2%"). A key that owns the
 * whole sentence gets the whole sentence back.
 */
export function clausesForMentions<K>(sentence: string, mentions: ReadonlyArray<{ key: K; span: Span }>): Map<K, string> {
  const result = new Map<K, string>();
  if (mentions.length === 0) return result;
  const spans = clauseSpans(sentence);
  // One company (the usual case): every clause is about it, each next to the last, so it reads
  // the sentence from the first clause to the last, as clausesByOwner finds too.
  const only = mentions[0]?.key as K;
  if (mentions.every((m) => m.key === only)) {
    const first = spans[0];
    const last = spans[spans.length - 1];
    if (first !== undefined && last !== undefined) result.set(only, sentence.slice(first.start, last.end));
    return result;
  }
  return clausesByOwner(sentence, spans, mentions);
}

/** clausesForMentions for any mentions: which clauses each key owns, lends and inherits. */
export function clausesByOwner<K>(sentence: string, spans: readonly Span[], mentions: ReadonlyArray<{ key: K; span: Span }>): Map<K, string> {
  const result = new Map<K, string>();
  if (mentions.length === 0) return result;
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
    if (contentWords(rest) >= 1) continue;
    for (const k of own) owners[i + 1]?.add(k);
  }
  let last: Set<K> | null = null;
  const firstOwned = owners.find((o) => o.size > 0) ?? new Set<K>();
  // Clauses next to each other keep the words between them ("beats estimates but cuts guidance"
  // stays a contrast); clauses with another company's clause between them are joined with " ; ".
  const lastClause = new Map<K, number>();
  spans.forEach((s, i) => {
    const own = owners[i] as Set<K>;
    const who = own.size > 0 ? own : (last ?? firstOwned);
    if (own.size > 0) last = own;
    const piece = sentence.slice(s.start, s.end);
    for (const k of who) {
      const prev = result.get(k);
      if (prev === undefined) result.set(k, piece);
      else result.set(k, prev + (lastClause.get(k) === i - 1 ? sentence.slice((spans[i - 1] as Span).end, s.start) : ' ; ') + piece);
      lastClause.set(k, i);
    }
  });
  return result;
}
