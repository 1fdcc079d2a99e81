// How much a story is about a company, rather than mentioning it: title, lead and mention
// count raise it; being quoted as a source ("analysts at Goldman Sachs said") or named in a
// list of rivals lowers it.
import type { Mention, TickerHits } from './find.ts';

export type MentionRole = 'subject' | 'source' | 'peer';

const SOURCE_BEFORE_RE =
  /(?:according to|said|says|cited by|data from|report(?:ed)? by|survey by|note from|estimates from|per|analysts? (?:at|from)|strategists? (?:at|from)|economists? (?:at|from)|research from|told)\s+(?:the\s+)?$/i;
const SOURCE_AFTER_RE =
  /^(?:'s)?\s*(?:analysts?|strategists?|economists?|research(?:ers)?|said|says|wrote|estimates?|data|told|noted|reported|in a (?:note|report))\b/i;
const PEER_BEFORE_RE = /(?:rivals?|peers?|competitors?|such as|including|like|compared with|versus|vs\.?|along with|alongside|as well as)\s*(?:[\w$&.'-]+\s*,\s*){0,6}(?:and\s+)?$/i;

/** What one mention does in its sentence, given the other company mentions in it. */
export function roleOf(mention: Mention, sentence: string, companiesInSentence: number): MentionRole {
  const before = sentence.slice(Math.max(0, mention.start - 60), mention.start);
  const after = sentence.slice(mention.end, mention.end + 40);
  if (SOURCE_BEFORE_RE.test(before) || SOURCE_AFTER_RE.test(after)) return 'source';
  if (PEER_BEFORE_RE.test(before)) return 'peer';
  // A name in a comma list of three or more companies is one of a crowd.
  if (companiesInSentence >= 3 && (/,\s*(?:and\s+)?$/.test(before) || /^\s*(?:,|and\b)/.test(after))) return 'peer';
  return 'subject';
}

export interface RelevanceInput {
  readonly hits: TickerHits;
  readonly roles: readonly MentionRole[];
  readonly maxMentions: number;
  /** Index of the first body sentence (sentences before it are the title). */
  readonly bodyStart: number;
  readonly leadSentences: number;
}

/** Stories that only mention a company stay below this. */
export const MENTION_ONLY_CAP = 0.3;

export function relevanceOf(input: RelevanceInput): number {
  const { hits, roles, maxMentions, bodyStart, leadSentences } = input;
  const subject = hits.mentions.filter((_, i) => roles[i] === 'subject');
  const inTitle = subject.some((m) => m.sentence < bodyStart);
  const inLead = subject.some((m) => m.sentence >= bodyStart && m.sentence < bodyStart + leadSentences);
  const share = Math.min(1, subject.length / Math.max(3, maxMentions));
  const explicit = hits.kinds.has('cashtag') || hits.kinds.has('exchange') ? 0.1 : 0;
  let r = (inTitle ? 0.45 : 0) + (inLead ? 0.2 : 0) + 0.35 * share + explicit;
  if (subject.length === 0) r = Math.min(MENTION_ONLY_CAP, 0.1 + 0.05 * hits.mentions.length);
  return Math.round(Math.min(1, r) * 100) / 100;
}
