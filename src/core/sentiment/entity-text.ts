// The text a company's sentiment is read from: the clauses about it, with every company
// name replaced by one placeholder, so the model judges what happened, not who it happened to.
import { clausesForMentions, type Span } from '../text/clauses.ts';
import { ENTITY_TOKEN } from '../text/tokens.ts';

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

/** key -> masked clause text, for every key mentioned in the sentence. */
export function entityTexts<K>(sentence: string, mentions: ReadonlyArray<KeyedSpan<K>>): Map<K, string> {
  const masked = new Map<K, string>();
  if (mentions.length === 0) return masked;
  // Mask first, keeping each mention's span in the masked text, then split into clauses.
  const sorted = [...mentions].sort((a, b) => a.span.start - b.span.start);
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
    out += ENTITY_TOKEN;
    moved.push({ key: m.key, span: { start, end: out.length } });
    out += ' ';
    at = m.span.end;
  }
  out += sentence.slice(at);
  for (const [k, text] of clausesForMentions(out, moved)) masked.set(k, text);
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
