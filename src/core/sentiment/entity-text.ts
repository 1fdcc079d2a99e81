// The text a company's sentiment is read from: the clauses about it, with its own mentions read
// as _ent_ and every other company's as _oth_, so the model judges what happened, not who it
// happened to, and can tell the company it judges from the ones beside it ("rupee falls against
// the dollar" reads "_oth_ falls against _ent_" for the dollar).
import { SEMI, nameToken, refIsOwn, refsText, visitClauses, type KeyedSpan, type Span } from '../text/clauses.ts';
import { ENTITY_TOKEN, OTHER_TOKEN, scanTokens, tokenString, type TokenSpans } from '../text/tokens.ts';

export type { KeyedSpan, Span };

/** Mentions in text order (the clause rules read them so). */
export function sortedMentions<K>(mentions: ReadonlyArray<KeyedSpan<K>>): ReadonlyArray<KeyedSpan<K>> {
  for (let i = 1; i < mentions.length; i++) {
    if ((mentions[i] as KeyedSpan<K>).span.start < (mentions[i - 1] as KeyedSpan<K>).span.start) {
      return [...mentions].sort((a, b) => a.span.start - b.span.start);
    }
  }
  return mentions;
}

/** A company's clauses as feature tokens and as the text phrase rules read. */
export interface EntityView {
  readonly tokens: string[];
  readonly text: string;
  /** Its name word (features.ts, NAME_PREFIX): the last word of its first mention, as a feature token; null when that mention has none. */
  readonly name: string | null;
}

/** The feature tokens of a company's clauses, refs[0, n). */
export function refTokens(sentence: string, t: TokenSpans, refs: Int32Array, n: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < n; r++) {
    const ref = refs[r] as number;
    out.push(
      ref >= 0 ? tokenString(sentence, t, ref) : ref === SEMI ? ';' : refIsOwn(ref) ? ENTITY_TOKEN : OTHER_TOKEN,
    );
  }
  return out;
}

/** key -> the clauses about it, as tokens and text, for every key mentioned in the sentence. */
export function entityViews<K>(sentence: string, mentions: ReadonlyArray<KeyedSpan<K>>): Map<K, EntityView> {
  const t = scanTokens(sentence);
  const sorted = sortedMentions(mentions);
  const views = new Map<K, EntityView>();
  visitClauses(sentence, t, sorted, (key, refs, n) => {
    const k = nameToken(t, sorted, key);
    views.set(key, {
      tokens: refTokens(sentence, t, refs, n),
      text: refsText(sentence, t, refs, n, sorted),
      name: k >= 0 ? tokenString(sentence, t, k) : null,
    });
  });
  return views;
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
    const before = i === 0 ? ' ' : (lower[i - 1] ?? ' ');
    const after = lower[i + needle.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) spans.push({ start: i, end: i + needle.length });
    from = i + needle.length;
  }
  return spans;
}
