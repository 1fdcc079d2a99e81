// How much a story is about a company, rather than mentioning it: title, lead and mention
// count raise it; being quoted as a source ("analysts at Goldman Sachs said", "JPMorgan
// downgrades Intel") or named in a list of rivals lowers it. The rules are in docs/tickers.md.
import { isAsciiLetter, isSpace } from '../text/chars.ts';
import { endsWithSuffix, suffixTable, type SuffixTable } from '../text/suffixes.ts';
import type { MatchedMention } from '../types.ts';
import type { Mention, TickerHits } from './find.ts';

export type MentionRole = MatchedMention['role'];

export const SOURCE_BEFORE_RE =
  /(?:according to|said|says|cited by|data from|report(?:ed)? by|survey by|note from|estimates from|per|analysts? (?:at|from)|strategists? (?:at|from)|economists? (?:at|from)|research from|told)\s+(?:the\s+)?$/i;
// "said Goldman" attributes a quote; "said Boeing faces delays" reports news about Boeing.
const SPEECH_BEFORE_RE = /(?:said|says|told)\s+(?:the\s+)?$/i;
// What follows a company named as the speaker at the end of a quote.
const QUOTE_TAIL_RE =
  /^(?:'s)?\s*(?:$|[,.;:!?)"\u201d]|analysts?\b|strategists?\b|economists?\b|in a\b|on (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|chief\b|ceo\b|spokes\w*|executives?\b)/i;
// "Intel was downgraded to underweight at JPMorgan": the bank that made the call.
const RATED_AT_RE =
  /\b(?:upgraded?|downgraded?|rated|rating|initiated|coverage|price target)\b[^.;]{0,40}\b(?:at|by|from)\s+(?:the\s+)?$/i;
// "Chipotle cut to neutral at Citi", "Equinor target cut by UBS": a call, when a broker makes it.
const CALLED_AT_RE =
  /\b(?:cut|raised|lowered|trimmed|lifted|boosted|reiterated|started|resumed|target)\b[^.;]{0,30}\b(?:at|by)\s+(?:the\s+)?$/i;
// The desk of a bank, said after its name: a source even with no other company in the sentence.
const SOURCE_AFTER_RE =
  /^(?:'s)?\s*(?:(?:global\s+)?research\b|analysts?\b|strategists?\b|economists?\b|researchers\b|in a (?:note|report)\b)/i;
// The company speaking, or giving figures: a source when the news is about another company.
const SPEAKS_AFTER_RE = /^(?:'s)?\s*(?:wrote|estimates?|data)\b/i;
// "Morgan Stanley says Tesla beats", "Evercore ISI says Salesforce's...": the company speaking about
// another company named next (the name of the firm's desk may sit between).
const SAYS_ABOUT_RE =
  /^(?:\s+(?:ISI|JMP|DBRS|Capital|Markets|Securities|Global|Research|Ratings|Investment|Equity))*\s+(?:says|said|sees|expects|thinks|believes|warns|predicts|estimates)\s+(?:that\s+)?$/i;
// What a broker, rating agency or data provider does to someone else's stock ("downgrades Intel").
const CALL_VERB_RE =
  /^(?:\s+(?:ISI|JMP|DBRS|Capital|Markets|Securities|Global|Research|Ratings|Investment|Equity))*\s+(?:to add|turns|opens|adds|removes|prefers|places|confirms|keeps|upgrades?|downgrades?|upgraded|downgraded|initiates?|initiated|reiterates?|reiterated|rates|rated|resumes|starts|assigns|affirms|affirmed|cuts?|raises?|raised|lowers?|lowered|lifts?|boosts?|trims?|says|said|sees|expects|estimates|forecasts|predicts|warns|analysts?|strategists?)\b/i;
// "Presents at the RBC Capital Markets Midstream Conference", "Goldman's Conviction List": a
// broker's event or list, named while another company is the news.
const BROKER_EVENT_AFTER_RE =
  /^(?:'s)?(?:\s+(?:[A-Z][\w&.-]*|\d{4}))*\s+(?:Conference|Summit|Forum|Symposium|Conviction List)\b/;
// "Uber, Lyft can raise prices - Barclays": the firm a headline is credited to, after a closing dash.
const CREDIT_BEFORE_RE = /\s[-\u2013\u2014]\s+$/;
const CREDIT_AFTER_RE = /^\s*(?:$|https?:|[.(|])/;
// "JPMorgan constructive on Kraft Heinz", "Nomura points to bookings weakness at Carnival": a firm's
// view of the company named next, with no verb of its own doing.
const VIEW_BETWEEN_RE =
  /^\s+(?:[a-z-]+\s+){0,4}?(?:constructive|bullish|bearish|cautious|positive|negative|upbeat|optimistic|pessimistic|skeptical|sceptical|expectations|boost|weakness|strength|sidelines)\b[^.;]{0,30}?\b(?:on|to|at|for|about)\s+$/;
export const PEER_BEFORE_RE =
  /\b(?:rivals?|peers?|competitors?|such as|including|like|compared with|versus|vs\.?|along with|alongside|as well as|than(?:\s+(?:at|those\s+at))?|lead\s+over|compete\s+with|competition\s+from|share\s+from|ground\s+to|trails?|those\s+at)\s*(?:[\w$&.'+-]+(?:\s+[\w$&.'+-]+){0,2}\s*(?:,\s*(?:and\s+)?|and\s+|&\s*))*$/i;
// Joins the names of a list: "Citigroup, JPMorgan and Wells Fargo".
const LIST_JOIN_RE = /^\s*(?:,|,?\s*and|&)\s*$/;
// Before a list or name that is the subject of its sentence (or of a clause after ";" or ":"):
// nothing, or "Shares of", "The".
const SENTENCE_START_RE = /(?:^|[;:]\s)[\s"'\u201c([-]*(?:(?:shares|stocks) (?:of|in)\s+|the\s+)?$/i;
// "Goldman Sachs: Boeing's deliveries...", "UBS: Trade Desk faces...": the firm the headline quotes.
const HEADLINE_SOURCE_AFTER_RE = /^\s*:/;
// "..., BofA says." / "..., UBS analysts warn": the speaker closing the sentence.
const CLOSING_SPEAKER_RE =
  /^\s+(?:(?:analysts?|strategists?)\s+)?(?:says|said|warns|warned|writes|wrote|notes|noted|argues|argued)\s*[.!?"\u201d]?\s*$/i;

/**
 * Brokers, banks' research desks, rating agencies, exchanges and data providers: when one of
 * them acts on another company in the sentence ("JPMorgan downgrades Intel"), it is the source.
 */
export const SOURCE_KIND: ReadonlySet<string> = new Set(
  (
    'GS MS JPM C BAC WFC UBS DB BCS HSBC JEF RJF PIPR EVR SF LAZ MC OPY RY TD BMO CM BNS MFG NMR MUFG SMFG ING SAN AB KEY TFC ' +
    'SCHW MCO SPGI MORN FDS MSCI ICE NDAQ CME CBOE TRI NWSA VRSK EFX TRU IT'
  ).split(' '),
);

// The words SOURCE_BEFORE_RE and PEER_BEFORE_RE can end with (the patterns have no \b before them,
// so "unsaid" ends in "said"): a text whose last run of letters ends in none of these cannot
// match, which spares trying those end-anchored patterns at every position of it.
const SOURCE_LAST_WORDS = suffixTable(['to', 'said', 'says', 'by', 'from', 'per', 'at', 'told']);
const PEER_LAST_WORDS = suffixTable([
  'rival',
  'rivals',
  'peer',
  'peers',
  'competitor',
  'competitors',
  'as',
  'including',
  'like',
  'with',
  'versus',
  'vs',
  'alongside',
  'and',
  'than',
  'at',
  'over',
  'from',
  'to',
  'trail',
  'trails',
]);
// "Alphabet-backed Waymo": the backer is named in passing.
const BACKER_AFTER_RE = /^-(?:backed|owned|controlled|funded|supported|led|run|operated|affiliated|linked)\b/i;
// In a story whose title names another company: "Pinterest falls in sympathy", "Hasbro has said it
// is doing the same", "Merck and Pfizer report next week".
const PEER_AFTER_RE =
  /^[^.;]{0,60}?\b(?:in sympathy|also|too|as well|the same|similar(?:ly)?|likewise|report next week)\b/i;
// "Pinterest falls in sympathy": a peer wherever the sentence names the company it follows.
const SYMPATHY_AFTER_RE = /^[^.;]{0,40}?\bin sympathy\b/i;
// "Unlike Netflix, Disney...": the company set against the subject (no list follows "unlike").
const UNLIKE_BEFORE_RE = /\bunlike\s+(?:the\s+)?$/i;
const THE = suffixTable(['the']);

const isSpaceAt = (s: string, i: number): boolean => isSpace(s.charCodeAt(i));

/** Where the run of ASCII letters that ends at `end` starts (`end` when s[0, end) ends otherwise). */
function letterRunStart(s: string, end: number): number {
  let i = end;
  while (i > 0 && isAsciiLetter(s.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether the letters s[start, end) end with one of the words (read with A-Z as a-z). */
const endsWithAny = (s: string, start: number, end: number, words: SuffixTable): boolean =>
  endsWithSuffix(s, start, end, words, false);

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
  if (c === 44 || c === 38) return true;
  if (c === 46) return end >= 3 && before.slice(end - 3, end - 1).toLowerCase() === 'vs';
  return endsWithAny(before, letterRunStart(before, end), end, PEER_LAST_WORDS);
}

/** One company mention in a sentence: which company, and where. */
export interface SentenceMention {
  readonly key: string;
  readonly span: { readonly start: number; readonly end: number };
}

/** Whether a company mention starts its sentence, or a clause after ";" or ":" ("Nike said on Tuesday…"). */
export function startsSentence(sentence: string, start: number): boolean {
  if (start === 0) return true;
  // Only the few characters before the mention can matter: "; Shares of " is the longest lead.
  const from = Math.max(0, start - 16);
  const before = sentence.slice(from, start);
  return (
    (from === 0 || /[;:]/.test(before)) &&
    SENTENCE_START_RE.test(from === 0 ? before : sentence.slice(Math.max(0, start - 18), start))
  );
}

/**
 * What each mention does in its sentence (same order as `mentions`), given every company
 * mention in it: the source of a call or a quote, a peer named for comparison, or a subject.
 */
export function sentenceRoles(
  sentence: string,
  mentions: readonly SentenceMention[],
  earlierKeys?: ReadonlySet<string>,
): MentionRole[] {
  // The mentions in text order (most sentences name one company, already in order).
  const sorted = mentions.length < 2 ? mentions : [...mentions].sort((a, b) => a.span.start - b.span.start);
  const roleOf = new Map<SentenceMention, MentionRole>();
  for (let k = 0; k < sorted.length; k++) {
    const { key, span } = sorted[k] as SentenceMention;
    const before = sentence.slice(Math.max(0, span.start - 60), span.start);
    const after = sentence.slice(span.end, span.end + 40);
    const next = sorted[k + 1];
    let role: MentionRole = 'subject';
    if (maySourceBefore(before) && (SOURCE_BEFORE_RE.test(before) || RATED_AT_RE.test(before))) {
      // "said Goldman." names the speaker; "said Boeing faces delays" names the news's subject.
      if (!SPEECH_BEFORE_RE.test(before) || QUOTE_TAIL_RE.test(after)) role = 'source';
    }
    const others = mentions.some((m) => m.key !== key);
    // A company alone in its sentence, closing it as the speaker ("..., Google says") is its subject.
    const closing =
      sentence.length - span.end < 40 && CLOSING_SPEAKER_RE.test(after) && (others || SOURCE_KIND.has(key));
    if (role === 'subject' && (SOURCE_AFTER_RE.test(after) || closing || (others && SPEAKS_AFTER_RE.test(after))))
      role = 'source';
    if (
      role === 'subject' &&
      next !== undefined &&
      next.key !== key &&
      SAYS_ABOUT_RE.test(sentence.slice(span.end, next.span.start))
    )
      role = 'source';
    // A broker, agency or data provider making a call, with another company in the sentence.
    if (role === 'subject' && others && SOURCE_KIND.has(key)) {
      if (
        CALL_VERB_RE.test(after) ||
        (k === 0 && HEADLINE_SOURCE_AFTER_RE.test(after)) ||
        (maySourceBefore(before) && CALLED_AT_RE.test(before)) ||
        BROKER_EVENT_AFTER_RE.test(after) ||
        (CREDIT_BEFORE_RE.test(before) && CREDIT_AFTER_RE.test(after)) ||
        (next !== undefined && next.key !== key && VIEW_BETWEEN_RE.test(sentence.slice(span.end, next.span.start)))
      )
        role = 'source';
    }
    if (role === 'subject' && mayPeerBefore(before) && (PEER_BEFORE_RE.test(before) || UNLIKE_BEFORE_RE.test(before)))
      role = 'peer';
    if (role === 'subject' && others && SYMPATHY_AFTER_RE.test(after)) role = 'peer';
    if (role === 'subject' && others && BACKER_AFTER_RE.test(after)) role = 'peer';
    if (
      role === 'subject' &&
      earlierKeys !== undefined &&
      earlierKeys.size > 0 &&
      !earlierKeys.has(key) &&
      PEER_AFTER_RE.test(sentence.slice(span.end))
    )
      role = 'peer';
    roleOf.set(sorted[k] as SentenceMention, role);
  }
  // A list of three or more companies is a crowd, unless it is what the sentence is about
  // ("Citigroup, JPMorgan and Wells Fargo beat estimates").
  for (let k = 0; k + 2 < sorted.length;) {
    let last = k;
    while (
      last + 1 < sorted.length &&
      joinedInList(sentence, sorted[last] as SentenceMention, sorted[last + 1] as SentenceMention)
    )
      last++;
    const names = new Set<string>();
    for (let j = k; j <= last; j++) names.add((sorted[j] as SentenceMention).key);
    // (A list holding every company of the sentence is what it is about: "options activity in GM, T and C".)
    const outside = sorted.some((m, j) => (j < k || j > last) && !names.has(m.key));
    if (names.size >= 3 && outside && !startsSentence(sentence, (sorted[k] as SentenceMention).span.start)) {
      for (let j = k; j <= last; j++)
        if (roleOf.get(sorted[j] as SentenceMention) === 'subject') roleOf.set(sorted[j] as SentenceMention, 'peer');
    }
    k = last + 1;
  }
  return mentions.map((m) => roleOf.get(m) ?? 'subject');
}

/** Whether a comma, "and" or "&" (and nothing else) joins two mentions, in text order. */
function joinedInList(sentence: string, a: SentenceMention, b: SentenceMention): boolean {
  return a.span.end <= b.span.start && LIST_JOIN_RE.test(sentence.slice(a.span.end, b.span.start));
}

/**
 * A company the title quotes only as the source ("Sanofi cut at JPMorgan") stays the source when
 * the body goes on to quote it ("JPMorgan said the French drugmaker..."): its roles, so adjusted.
 */
export function keepTitleSource(roles: MentionRole[], mentions: readonly Mention[], bodyStart: number): MentionRole[] {
  let source = false;
  for (let k = 0; k < mentions.length && (mentions[k] as Mention).sentence < bodyStart; k++) {
    if (roles[k] !== 'source') return roles;
    source = true;
  }
  return source ? roles.map((r) => (r === 'subject' ? 'source' : r)) : roles;
}

export interface RelevanceInput {
  readonly hits: TickerHits;
  readonly roles: readonly MentionRole[];
  readonly maxMentions: number;
  /** Index of the first body sentence (sentences before it are the title). */
  readonly bodyStart: number;
  readonly leadSentences: number;
  /** Whether some subject mention starts its sentence: such a company is never a passing mention. */
  readonly leadsASentence?: boolean;
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
  if (subject.length === 0) r = Math.min(MENTION_ONLY_CAP - 0.01, 0.1 + 0.05 * hits.mentions.length);
  else if (input.leadsASentence === true) r = Math.max(r, MENTION_ONLY_CAP);
  return Math.round(Math.min(1, r) * 100) / 100;
}
