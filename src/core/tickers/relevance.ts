// How much a story is about a company, rather than mentioning it: title, lead and mention
// count raise it; being quoted as a source ("analysts at Goldman Sachs said") or named in a
// list of rivals lowers it.
import { isAsciiLetter, isSpace } from '../text/chars.ts';
import { endsWithSuffix, suffixTable, type SuffixTable } from '../text/suffixes.ts';
import type { Mention, TickerHits } from './find.ts';

export type MentionRole = 'subject' | 'source' | 'peer';

export const SOURCE_BEFORE_RE =
  /(?:according to|said|says|cited by|data from|report(?:ed)? by|survey by|note from|estimates from|per|analysts? (?:at|from)|strategists? (?:at|from)|economists? (?:at|from)|research from|told)\s+(?:the\s+)?$/i;
const SOURCE_AFTER_RE =
  /^(?:'s)?\s*(?:analysts?|strategists?|economists?|research(?:ers)?|said|says|wrote|estimates?|data|told|noted|reported|in a (?:note|report))\b/i;
export const PEER_BEFORE_RE = /(?:rivals?|peers?|competitors?|such as|including|like|compared with|versus|vs\.?|along with|alongside|as well as)\s*(?:[\w$&.'-]+\s*,\s*){0,6}(?:and\s+)?$/i;

// The words SOURCE_BEFORE_RE and PEER_BEFORE_RE can end with (the patterns have no \b before them,
// so "unsaid" ends in "said"): a text whose last run of letters ends in none of these cannot
// match, which spares trying those end-anchored patterns at every position of it.
const SOURCE_LAST_WORDS = suffixTable(['to', 'said', 'says', 'by', 'from', 'per', 'at', 'told']);
const PEER_LAST_WORDS = suffixTable([
  'rival', 'rivals', 'peer', 'peers', 'competitor', 'competitors', 'as', 'including', 'like', 'with', 'versus', 'vs', 'alongside', 'and',
]);
const THE = suffixTable(['the']);

const isSpaceAt = (s: string, i: number): boolean => isSpace(s.charCodeAt(i));

/** Where the run of ASCII letters that ends at `end` starts (`end` when s[0, end) ends otherwise). */
function letterRunStart(s: string, end: number): number {
  let i = end;
  while (i > 0 && isAsciiLetter(s.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether the letters s[start, end) end with one of the words (read with A-Z as a-z). */
const endsWithAny = (s: string, start: number, end: number, words: SuffixTable): boolean => endsWithSuffix(s, start, end, words, false);

/** Whether SOURCE_BEFORE_RE can match `before`: it ends in whitespace after a source word (and an optional "the"). */
export function maySourceBefore(before: string): boolean {
  let end = before.length;
  if (end === 0 || !isSpaceAt(before, end - 1)) return false;
  while (end > 0 && isSpaceAt(before, end - 1)) end--;
  const start = letterRunStart(before, end);
  if (end - start === 3 && endsWithAny(before, start, end, THE) && start > 0 && isSpaceAt(before, start - 1)) {
    let at = start;
    while (at > 0 && isSpaceAt(before, at - 1)) at--;
    if (endsWithAny(before, letterRunStart(before, at), at, SOURCE_LAST_WORDS)) return true;
  }
  return endsWithAny(before, start, end, SOURCE_LAST_WORDS);
}

/** Whether PEER_BEFORE_RE can match `before`: it ends (but for whitespace) in a comma, "vs." or a cue word. */
export function mayPeerBefore(before: string): boolean {
  let end = before.length;
  while (end > 0 && isSpaceAt(before, end - 1)) end--;
  if (end === 0) return false;
  const c = before.charCodeAt(end - 1);
  if (c === 44) return true;
  if (c === 46) return end >= 3 && before.slice(end - 3, end - 1).toLowerCase() === 'vs';
  return endsWithAny(before, letterRunStart(before, end), end, PEER_LAST_WORDS);
}

/** What one mention does in its sentence, given the other company mentions in it. */
export function roleOf(mention: Mention, sentence: string, companiesInSentence: number): MentionRole {
  const before = sentence.slice(Math.max(0, mention.start - 60), mention.start);
  const after = sentence.slice(mention.end, mention.end + 40);
  if ((maySourceBefore(before) && SOURCE_BEFORE_RE.test(before)) || SOURCE_AFTER_RE.test(after)) return 'source';
  if (mayPeerBefore(before) && PEER_BEFORE_RE.test(before)) return 'peer';
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
