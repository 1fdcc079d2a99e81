// The text a company's sentiment is read from: the clauses about it, with every company
// name replaced by one placeholder, so the model judges what happened, not who it happened to.
import { clausesForMentions, type Span } from '../text/clauses.ts';
import { ENTITY_TOKEN, OTHER_TOKEN } from '../text/tokens.ts';

export interface KeyedSpan<K> {
  readonly key: K;
  readonly span: Span;
}

export function maskSpans(sentence: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += `${sentence.slice(at, s.start)} ${ENTITY_TOKEN} `;
    at = s.end;
  }
  return out + sentence.slice(at);
}

/**
 * key -> masked clause text, for every key mentioned in the sentence. The key's own mentions
 * read as ENTITY_TOKEN and every other company's as OTHER_TOKEN, so "rupee falls against the
 * dollar" reads "_oth_ falls against _ent_" for the dollar: the model can tell the company it is
 * judging from the ones beside it.
 */
export function entityTexts<K>(sentence: string, mentions: ReadonlyArray<KeyedSpan<K>>): Map<K, string> {
  const masked = new Map<K, string>();
  if (mentions.length === 0) return masked;
  const sorted = [...mentions].sort((a, b) => a.span.start - b.span.start);
  const first = (sorted[0] as KeyedSpan<K>).key;
  const single = sorted.every((m) => m.key === first);
  // Both placeholders have the same length, so every key's masked text has the same spans.
  const targets = single ? [first] : [...new Set(sorted.map((m) => m.key))];
  for (const target of targets) {
    let out = '';
    let at = 0;
    const moved: Array<KeyedSpan<K>> = [];
    for (const m of sorted) {
      if (m.span.start < at) {
        const prev = moved[moved.length - 1];
        if (prev !== undefined) moved.push({ key: m.key, span: prev.span });
        continue;
      }
      out += `${sentence.slice(at, m.span.start)} `;
      const start = out.length;
      out += m.key === target ? ENTITY_TOKEN : OTHER_TOKEN;
      moved.push({ key: m.key, span: { start, end: out.length } });
      out += ' ';
      at = m.span.end;
    }
    out += sentence.slice(at);
    const text = clausesForMentions(out, moved).get(target);
    if (text !== undefined) masked.set(target, text);
  }
  return masked;
}

/** Where a name occurs in a sentence (case-insensitive, whole words), for labelled data. */
export function findNameSpans(sentence: string, name: string): Span[] {
  const spans: Span[] = [];
  if (name.length === 0) return spans;
  const lower = sentence.toLowerCase();
  const needle = name.toLowerCase();
  let from = 0;
  for (;;) {
    const i = lower.indexOf(needle, from);
    if (i === -1) break;
    const before = i === 0 ? ' ' : lower[i - 1] ?? ' ';
    const after = lower[i + needle.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) spans.push({ start: i, end: i + needle.length });
    from = i + needle.length;
  }
  return spans;
}
