import { isAsciiLetter, isSpace } from '../text/chars.ts';
import { createNameWords, scanNameWords, type NameWords } from '../text/name-words.ts';
import { endsWithSuffix, suffixTable } from '../text/suffixes.ts';
import { createWordTable, HASH_SEED, hashOf, hashStep, wordTableData, wordTableFrom } from '../text/word-table.ts';
import { FOREIGN_LISTING_RE, type TickerUniverse } from './universe.ts';

export type MentionKind = 'cashtag' | 'exchange' | 'name' | 'symbol';

/** The rule that found a mention, as `score --explain` shows it. */
export type FoundBy =
  | 'cashtag'
  | 'exchange prefix'
  | 'Reuters code'
  | 'Bloomberg code'
  | 'foreign listing'
  | 'company name'
  | 'name beside market words'
  | 'lesser-known name beside a market word'
  | 'upper-case symbol'
  | 'short symbol before a market word'
  | 'short symbol in a list of companies'
  | 'short symbol beside a company named';

/** One place a company is named: sentence index and character span inside that sentence. */
export interface Mention {
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
  readonly kind: MentionKind;
  /** The text as written ("Alibaba", "$BABA", "9988.HK"). */
  readonly text: string;
  readonly foundBy: FoundBy;
}

/** Where one company is mentioned in a document split into sentences. */
export interface TickerHits {
  readonly symbol: string;
  /** Indexes into the sentence list, ascending, one per mention. */
  readonly sentences: number[];
  readonly kinds: Set<MentionKind>;
  readonly mentions: Mention[];
}

// Uppercase words that are tickers but far more often something else.
const BARE_SYMBOL_STOPLIST: ReadonlySet<string> = new Set(
  (
    'A I AI IT ON ALL NOW ONE TWO ARE CAN FOR SEE BIG NEW OUT ANY HAS WAS YOU CEO CFO COO CTO USA US UK EU GDP ' +
    'IPO ETF EPS PE ROI ROIC AND THE NOT BUT LOW HIGH GPU CPU API SEC FED FDA DOJ FTC NYSE NASDAQ AMEX OTC ESG ' +
    'TV PC EV EVS AR VR ML LLM Q1 Q2 Q3 Q4 FY YOY QOQ TTM ATH CAGR LLC INC LTD PLC CO CORP GAAP EBIT EBITDA ' +
    'USD EUR CNY HKD JPY GBP AM PM OK HR PR IR RE UP DD OR SO GO BE BY AT AS AN IF IN IS OF TO MY WE HE ' +
    'VS MAG MAGA GOP EST PST UTC NEWS CASH LOVE FUN TECH REAL SAFE BEST GOOD HUGE MOST LIVE OPEN CARE PLAY ' +
    'BOX AIR CAR MAN KEY LIFE TRUE WELL FAST NICE RUN PAY SUN BIRD WIN RBI IMF WHO NATO OPEC BSE NSE HKEX ' +
    'FII FIIS DII SIP NAV CRORE LAKH NPA PSU ADR ADS SPAC CEOS AGM EGM YTD MOU JV ' +
    // Economics and market-plumbing abbreviations that are also listed symbols.
    'PMI CPI WPI GST STT OFS FPI FDI IDR CAG CSR LNG LPG III QIP FPO MTN RBA SAT ' +
    // Oil benchmarks, and two-letter words that are symbols but mostly something else (a news
    // agency, a newspaper, an attorney general, a state, a unit, a market segment).
    'WTI AP FT AG MD DC TX AZ MI NC SD CD EM HY VC GP MB KW OZ NA HI IP IQ ET LI CMA'
  ).split(/\s+/),
);

const EXCHANGE_RE =
  /\b(?:NYSE(?:\s+American|\s*Arca)?|NASDAQ|Nasdaq|AMEX|NYSEARCA|OTC(?:QX|QB)?|BATS|Cboe)\s*:\s*\$?([A-Z]{1,5}(?:[.-][A-Z]{1,2})?)\b/g;
// One of these is in every match of EXCHANGE_RE or HK_EXCHANGE_RE: a cheap test before them.
// The words EXCHANGE_RE and HK_EXCHANGE_RE can end with right before their colon.
const EXCHANGE_LAST_WORDS: ReadonlySet<string> = new Set([
  'NYSE',
  'American',
  'Arca',
  'NYSEArca',
  'NASDAQ',
  'Nasdaq',
  'AMEX',
  'NYSEARCA',
  'OTC',
  'OTCQX',
  'OTCQB',
  'BATS',
  'Cboe',
  'HKEX',
  'SEHK',
  'HKSE',
]);

/** Whether some colon in the sentence follows (after whitespace) a word an exchange prefix ends with. */
function namesExchange(sentence: string): boolean {
  for (let colon = sentence.indexOf(':'); colon !== -1; colon = sentence.indexOf(':', colon + 1)) {
    let end = colon;
    while (end > 0 && isSpace(sentence.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > 0 && isAsciiLetter(sentence.charCodeAt(start - 1))) start--;
    // Every such word starts with a capital ("https" before a link's colon does not).
    const c = sentence.charCodeAt(start);
    if (end - start >= 3 && c >= 65 && c <= 90 && EXCHANGE_LAST_WORDS.has(sentence.slice(start, end))) return true;
  }
  return false;
}
const HK_EXCHANGE_RE = /\b(?:HKEX|SEHK|HKSE)\s*:\s*(\d{1,5})\b/g;
const CASHTAG_RE = /(?<![\w$])\$([A-Za-z]{1,6}(?:[.-][A-Za-z]{1,2})?)\b/g;
const WORD_RE = /[\p{L}\p{N}&][\p{L}\p{N}&.-]*[\p{L}\p{N}&]|[\p{L}\p{N}&]/gu;
const BARE_SYMBOL_RE = /^[A-Z]{3,5}(?:[.-][A-Z])?$/;
// A Reuters instrument code between angle brackets: "<JNJ.N>", "<AMZN.O>", "<BRKa.N>" (class in lower case).
const REUTERS_US_RE = /^([A-Z]{1,5})([a-z])?\.(?:N|O|OQ|A|K|P)$/;
// What makes a one- or two-letter upper-case word a company ("GM shares", "GM misses"): the word
// after it, read in lower case.
const SHORT_SYMBOL_CUES: ReadonlySet<string> = new Set(
  (
    'shares stock stocks beats beat misses missed tops topped reports reported posts posted raises raised cuts lowers lowered ' +
    'says said earnings profit profits revenue revenues sales results guidance outlook forecast ceo shareholders investors ' +
    'rallies rallied rose fell jumps jumped slides slid falls gains gained drops dropped sinks sank soars soared surges surged ' +
    'plunges plunged tumbles tumbled climbs climbed recalls recalled plans agrees warns expects sees upgrades downgrades initiates ' +
    'lead leads led higher lower up down gain rise rises fall'
  ).split(' '),
);
// Listed symbols that are words too ("PM" after a time, "SO"): found before these words, or beside other symbols.
const WORD_SYMBOLS: ReadonlySet<string> = new Set(['PM', 'SO']);
const STRONG_CUES: ReadonlySet<string> = new Set([
  'shares',
  'stock',
  'beats',
  'misses',
  'tops',
  'earnings',
  'reports',
  'posts',
  'results',
  'profit',
  'revenue',
]);
// "Share to Facebook", "Follow us on X": page furniture, not news about the platform's owner.
export const FOOTER_RE =
  /\b(?:share|post|tweet|pin|send|email)\s+(?:this\s+(?:article|story|post|page)\s+)?(?:on|to|via|with)\s+(?:facebook|twitter|x|linkedin|whatsapp|reddit|email|pinterest|telegram)\b|\b(?:follow|like|find|join)\s+us\s+on\b/i;
// FOOTER_RE can match only where a word (as name-words.ts reads words) ends with one of the words
// it starts with, at a word boundary; that is tested first, as the regex costs far more. The
// words, by their last letter: most words end with none of these letters, or with no such word.
const FOOTER_LEADS = suffixTable(['share', 'post', 'tweet', 'pin', 'send', 'email', 'follow', 'like', 'find', 'join']);

/** Whether FOOTER_RE may match: some word of the sentence ends with a footer's first word, after a \b. */
export function mayBeFooter(s: string, words: NameWords): boolean {
  const { count, start, end } = words;
  for (let i = 0; i < count; i++)
    if (endsWithSuffix(s, start[i] as number, end[i] as number, FOOTER_LEADS, true)) return true;
  return false;
}

// Words that make "Apple" or "Target" read as the company rather than the fruit or the verb.
const MARKET_CUE_RE =
  /\b(?:shares?|stocks?|inc|corp|earnings|revenues?|quarter(?:ly)?|investors?|analysts?|ceo|chief executive|nasdaq|nyse|market (?:cap|value)|valuation|iphones?|ipad|sales|profits?|results|guidance|dividends?|buybacks?|billion|retailer|stores|tech giant|antitrust|regulators?|platforms?|users|advertis\w*|outlook|forecast|estimates?|(?:up|down)grade[sd]?|price target|lawsuits?|settle(?:s|d|ment)?|sues|sued|fine[sd]?|acquisition|acquires?|merger|recalls?|layoffs?|bank|lender|credit cards?|deals?|stake|approval|shipments|airlines?|flights|insurer|premiums|upside|downside|(?:at|to) (?:buy|hold|sell|neutral|overweight|underweight|outperform|underperform|equal[- ]weight|market perform))\b/i;

/**
 * Whether most words of more than three letters start with a capital: of the matches of
 * /[A-Za-z][a-z]+/g longer than 3, at least two, and over 60% capitalised. Counted in place.
 */
export function isTitleCase(sentence: string): boolean {
  let long = 0;
  let capital = 0;
  const n = sentence.length;
  let i = 0;
  while (i < n) {
    const c = sentence.charCodeAt(i);
    const next = sentence.charCodeAt(i + 1);
    if (((c | 32) - 97) >>> 0 < 26 && next >= 97 && next <= 122) {
      let j = i + 2;
      while (j < n) {
        const d = sentence.charCodeAt(j);
        if (d < 97 || d > 122) break;
        j++;
      }
      if (j - i > 3) {
        long++;
        if (c <= 90) capital++;
      }
      i = j;
    } else i++;
  }
  return long >= 2 && capital / long > 0.6;
}

// A lower-case word of five letters or more that a Title Case headline would capitalise: a sentence
// with one is prose, however many names it holds ("Nexstar to buy Tegna for $6.2 billion").
const PROSE_WORD_RE =
  /(?<![\p{L}\p{N}'\u2019.-])(?!(?:after|about|above|among|below|under|until|versus|within|without|through)\b)[a-z]{5,}\b/u;

const ADJACENT_CUE_RE =
  /^(?:'s)?\s+(?:shares?|stocks?|inc|corp|earnings|revenues?|sales|profits?|q[1-4]|ceo|results|guidance|valuation)\b/i;
// What a company does in a headline, right after its name ("Oracle signs", "Hilton cuts", "Apple to
// pay"): makes a name that is also a word ("Oracle", "Apple") the company, in prose.
const ACTS_AFTER_RE =
  /^\s+(?:to\s+(?:buy|sell|pay|cut|acquire|merge|raise|spin|list|invest|build|close|exit|open|hire|settle|launch)|signs|names|agrees|completes|closes|explores|unveils|launches|wins|faces|sells|buys|hires|sues|plans|beats|misses|tops|reports|posts|raises|cuts|lifts|lowers|trims|warns|expects|jumps|falls|rises|slides|sinks|soars|surges|drops|gains|rallies|tumbles|plunges|climbs|settles|invests|partners|files|said|says|led|had|courts|begins|expands|starts|opens|extends|delays|halts|resumes|suspends|announces)\b/;
// What makes a lesser-known company's one-word name the company ("Funko shares", "Zumiez Inc.",
// "Culp reports", "Euroseas EPS beats", "Dana Presents At", "Brainsway beats"): the words right after it.
const LESSER_CUE_AFTER_RE =
  /^(?:(?:'s|\u2019s)?\s+|,\s+(?=inc|ltd|llc|plc|corp))(?:eps|nii|ltd|plc|llc|co\b|s\.a\.|n\.v\.|ag\b|holdings|group|declares|presents|investor presentation|goes ex-dividend|reports|prices|names|appoints|receives|secures|enters|amends|confirms|makes|bids|offers|issues|slashes|increases|boosts|beats|misses|tops|shares|stock|q[1-4]|fy|earnings|revenues?|results|guidance|sales|net|ceo|cfo|inc|corp|at (?:buy|hold|sell|neutral|overweight|underweight|outperform|underperform|equal[- ]weight|market perform))\b/i;
// ... or the words right before it ("shares of Funko", "a stake in Zumiez").
const LESSER_CUE_BEFORE_RE = /\b(?:shares|stock|stake|shareholders|investors|holders)\s+(?:of|in)\s+$/i;

/** Whether a lesser-known name has a market word right beside it, or opens a heading before a colon ("Enphase: Promising Growth"). */
function besideMarketWord(sentence: string, m: Mention): boolean {
  if (m.start === 0 && sentence.charCodeAt(m.end) === 58) return true;
  const after = sentence.slice(m.end, m.end + 40);
  if (LESSER_CUE_AFTER_RE.test(after) || ACTS_AFTER_RE.test(after)) return true;
  return m.start > 0 && LESSER_CUE_BEFORE_RE.test(sentence.slice(Math.max(0, m.start - 30), m.start));
}

// "Alphabet-backed Waymo", "SoftBank-owned Arm": the name before the hyphen is a company.
const BACKER_WORDS = [
  'backed',
  'owned',
  'controlled',
  'funded',
  'supported',
  'led',
  'run',
  'operated',
  'affiliated',
  'linked',
];
const BACKER_TAILS: ReadonlySet<string> = new Set(BACKER_WORDS);
const BACKER_LAST = suffixTable(BACKER_WORDS);

const LIST_JOIN_RE = /^\s*(?:,|,?\s*and|&|or)\s*$/;
// A name followed by one of these is a place or a thing: "the Amazon rainforest", "a Block trade".
const NOT_COMPANY_AFTER_RE = /^\s+(?:rainforest|river|basin|jungle|trades?|States|Kingdom|Nations|Arab Emirates)\b/i;

/** Whether the word before `at` (across one space) is letters and digits with a digit: "737 MAX", "Galaxy S24 ULTRA" are models. */
function afterNumberWord(sentence: string, at: number): boolean {
  let i = at - 1;
  if (i < 0 || !isSpace(sentence.charCodeAt(i))) return false;
  let digit = false;
  for (i--; i >= 0 && !isSpace(sentence.charCodeAt(i)); i--) {
    const c = sentence.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (!isAsciiLetter(c)) return false;
  }
  return digit;
}

// How many of the best-known listings have a two-letter symbol read as the object of a sentence naming another company.
const OBJECT_SYMBOL_RANK = 300;
// Words that may follow such an object: the clause goes on ("outperforming GM as EV losses shrink").
const AFTER_OBJECT: ReadonlySet<string> = new Set(
  'as in and on after with by for to at while but amid since than or'.split(' '),
);

/**
 * Whether a two-letter symbol sits as the object of prose: a lower-case word before it, and after
 * it the end of the sentence, a punctuation mark or a joining word ("Ford outperforming GM as...",
 * not "treatment for MS patients").
 */
function readsAsObject(sentence: string, at: number, end: number): boolean {
  const i = at - 1;
  if (i < 1 || !isSpace(sentence.charCodeAt(i))) return false;
  const before = sentence.charCodeAt(i - 1);
  if (before < 97 || before > 122) return false;
  let j = end;
  while (j < sentence.length && isSpace(sentence.charCodeAt(j))) j++;
  if (j === sentence.length) return true;
  const c = sentence.charCodeAt(j);
  if (!isAsciiLetter(c)) return j === end && c !== 39 && c !== 0x2019 && c !== 45 && c !== 38;
  return AFTER_OBJECT.has(nextWordLower(sentence, end));
}

/** Whether the word before `at` (across one space) is an upper-case common word: "ON THE MOVE" is a heading. */
function afterShoutedWord(sentence: string, at: number): boolean {
  let i = at - 1;
  if (i < 1 || !isSpace(sentence.charCodeAt(i))) return false;
  const end = i;
  while (i > 0 && isUpperAt(sentence, i - 1)) i--;
  return end - i >= 2 && BARE_SYMBOL_STOPLIST.has(sentence.slice(i, end));
}

/** The word after `end` (past "'s" and spaces), lower-cased, or "" at the end of the text. */
function nextWordLower(sentence: string, end: number): string {
  let i = end;
  if (sentence.startsWith("'s", i) || sentence.startsWith('\u2019s', i)) return "'s";
  while (i < sentence.length && isSpace(sentence.charCodeAt(i))) i++;
  let j = i;
  while (j < sentence.length && isAsciiLetter(sentence.charCodeAt(j))) j++;
  return sentence.slice(i, j).toLowerCase();
}

/** log2 of the first-word filter's bits (2^17 bits: 16 KiB). */
const FIRST_FILTER_BITS = 17;

const isUpperAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 65 && c <= 90;
};

/** BARE_SYMBOL_RE.test(s.slice(start, end)), read in place. */
export function isBareSymbolAt(s: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isUpperAt(s, i)) i++;
  const run = i - start;
  if (run < 3 || run > 5) return false;
  if (i === end) return true;
  const c = s.charCodeAt(i);
  return end === i + 2 && (c === 46 || c === 45) && isUpperAt(s, i + 1);
}

/** Whether a hyphen stands where a backer tail ("-backed", "-owned", "-led", "-controlled") would start, before `end`. */
function hyphenBeforeTail(s: string, start: number, end: number): boolean {
  for (let k = 4; k <= 11 && end - k > start; k++) if (s.charCodeAt(end - k) === 45) return k !== 5 && k !== 8;
  return false;
}

function inTextOrder(mentions: readonly Mention[]): boolean {
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1] as Mention;
    const b = mentions[i] as Mention;
    if (b.sentence < a.sentence || (b.sentence === a.sentence && b.start < a.start)) return false;
  }
  return true;
}

export function words(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

/** A short upper-case symbol waiting for a list to join: `word` when it is also a word (PM, SO), `cued` when a market word follows. */
interface Listed {
  readonly symbol: string;
  readonly mention: Mention;
  readonly word?: boolean;
  readonly cued?: boolean;
  /** A best-known company's two-letter symbol as the object of prose ("sees Ford outperforming GM as..."). */
  readonly object?: boolean;
}

export interface TickerFinder {
  find(sentences: readonly string[]): TickerHits[];
}

interface Phrase {
  /** Word ids (in the finder's word table), in order. */
  readonly ids: Int32Array;
  readonly symbol: string;
  readonly needsContext: boolean;
  /** A lesser-known company's one-word name: counts only with a market word right beside it. */
  readonly strict: boolean;
}

/** Whether no character of the text changes when uppercased ("BREAKING: ..."). */
function isShouting(sentence: string): boolean {
  // Any a-z settles it without building the uppercased copy.
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
  }
  return sentence === sentence.toUpperCase();
}

/**
 * The finder's name tables for a universe: typed arrays and plain records, no functions, so a build
 * can store them (src/data/precomputed.ts) instead of every start deriving them again.
 */
export function indexNames(universe: TickerUniverse) {
  // Every word of every name phrase gets an id; phrases are found by comparing ids.
  const entries: Array<{ w: string[]; symbol: string; needsContext: boolean; strict: boolean }> = [];
  for (const [phrase, symbol] of universe.namePhrases)
    entries.push({ w: words(phrase), symbol, needsContext: false, strict: false });
  for (const [phrase, symbol] of universe.contextPhrases)
    entries.push({ w: words(phrase), symbol, needsContext: true, strict: universe.strictPhrases.has(phrase) });
  const wordTable = wordTableData(entries.flatMap((e) => e.w));
  const table = wordTableFrom(wordTable);
  // First word id -> phrases starting with it, longest first (ties in the order indexed).
  const byFirst: Phrase[][] = table.words.map(() => []);
  for (const e of entries) {
    const first = e.w[0];
    if (first === undefined) continue;
    const list = byFirst[table.id(first)] as Phrase[];
    list.push({
      ids: Int32Array.from(e.w.map((x) => table.id(x))),
      symbol: e.symbol,
      needsContext: e.needsContext,
      strict: e.strict,
    });
    list.sort((a, b) => b.ids.length - a.ids.length);
  }
  // The first code units name phrases start with: words starting otherwise are not looked up.
  const startsPhrase = new Uint8Array(65536);
  for (const e of entries) if (e.w[0] !== undefined) startsPhrase[e.w[0].charCodeAt(0)] = 1;
  // One bit per hashed first word (16 KiB, stays in cache): most words of a text start no name
  // phrase, and the bit says so without a probe into the word table.
  const firstBits = new Int32Array(1 << (FIRST_FILTER_BITS - 5));
  for (const e of entries) {
    if (e.w[0] === undefined) continue;
    const bit = hashOf(e.w[0]) >>> (32 - FIRST_FILTER_BITS);
    firstBits[bit >>> 5] = (firstBits[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return { wordTable, byFirst, startsPhrase, firstBits };
}

export type NameIndex = ReturnType<typeof indexNames>;

/** A finder over the universe, with its name tables from indexNames (built now, or read back from a build). */
export function createTickerFinder(universe: TickerUniverse, index: NameIndex = indexNames(universe)): TickerFinder {
  const { byFirst, startsPhrase, firstBits } = index;
  const table = wordTableFrom(index.wordTable);
  const scratch = createNameWords();
  // Local copies: run through tsx, an imported binding is read through an accessor on every use.
  const scanWords = scanNameWords;
  const foreignListingRe = FOREIGN_LISTING_RE;
  /** A number no other sentence of any call gets: what marks state as the current sentence's. */
  let sentenceMark = 0;
  /** Word ids of the current sentence, looked up when first needed: valid where idMarks holds the sentence's mark (no clearing per sentence). */
  let ids = new Int32Array(64);
  let idMarks = new Float64Array(64);
  let backerIds = new Int32Array(64);
  let backerMarks = new Float64Array(64);
  // The SEC writes many names in capitals ("SEACHANGE INTL", "AECOM"), which the universe can only
  // title-case ("Seachange", "Aecom"); news writes "SeaChange", "AECOM". A word with a capital
  // past its first letter that is no name as written is looked up again with those lowered, among
  // the name words in Title Case.
  const foldIds: number[] = [];
  const foldTable = createWordTable(
    table.words
      .filter((w, id) => {
        if (!/^[A-Z][a-z0-9&.-]+$/.test(w) || !/[a-z]/.test(w)) return false;
        foldIds.push(id);
        return true;
      })
      .map((w) => w.toLowerCase()),
  );
  /** The Title Case name word that word i is with its later capitals lowered ("SeaChange", "AECOM"), or -1. */
  const foldedIdOf = (sentence: string, i: number): number => {
    const a = scratch.start[i] as number;
    const b = scratch.end[i] as number;
    let interior = false;
    for (let k = a + 1; k < b; k++) {
      const c = sentence.charCodeAt(k);
      if (c >= 65 && c <= 90) {
        interior = true;
        break;
      }
    }
    if (!interior) return -1;
    let h = HASH_SEED;
    for (let k = a; k < b; k++) {
      const c = sentence.charCodeAt(k);
      h = hashStep(h, c >= 65 && c <= 90 ? c + 32 : c);
    }
    const f = foldTable.idAtLower(h, sentence, a, b);
    return f < 0 ? -1 : (foldIds[f] as number);
  };
  const idOf = (sentence: string, i: number): number => {
    let id = ids[i] as number;
    if (idMarks[i] !== sentenceMark) {
      idMarks[i] = sentenceMark;
      const a = scratch.start[i] as number;
      const b = scratch.end[i] as number;
      id = table.idAt(scratch.hash[i] as number, sentence, a, b);

      ids[i] = id;
    }
    return id;
  };
  /** The id of word i's part before a backer tail ("Alphabet" of "Alphabet-backed"), or -1; remembered per sentence like idOf. */
  const backerIdOf = (sentence: string, i: number): number => {
    if (backerMarks[i] === sentenceMark) return backerIds[i] as number;
    backerMarks[i] = sentenceMark;
    backerIds[i] = -1;
    const a = scratch.start[i] as number;
    const b = scratch.end[i] as number;
    if (scratch.dotted[i] === 1 || !endsWithSuffix(sentence, a, b, BACKER_LAST, true)) return -1;
    const dash = sentence.lastIndexOf('-', b - 1);
    if (dash <= a || !BACKER_TAILS.has(sentence.slice(dash + 1, b).toLowerCase())) return -1;
    const id = table.idAt(hashOf(sentence, a, dash), sentence, a, dash);
    backerIds[i] = id;
    return id;
  };
  // Per-call state lives here, reset by each call (find runs to completion before the next
  // starts), so the helpers below are made once per finder rather than once per article.
  let hits = new Map<string, TickerHits>();
  const doubtful: Array<{ symbol: string; mention: Mention; strict?: boolean }> = [];
  // A sentence's finds wait until it is known not to be page furniture ("Share to Facebook"),
  // which is tested only for sentences that name a company.
  const pending: Array<{ symbol: string; mention: Mention }> = [];
  const pendingDoubtful: Array<{ symbol: string; mention: Mention; strict?: boolean }> = [];
  // Short upper-case symbols with no cue word after them: they count if they sit in a list with
  // a company found in the same sentence ("Ford, GM and Stellantis").
  const listed: Listed[] = [];
  // Symbol -> the last sentence that named it explicitly (a cashtag, an exchange prefix, a bare
  // symbol), by its sentenceMark: kept rather than cleared per sentence, as clearing a Map
  // allocates (and emptied when it grows large).
  const claimedIn = new Map<string, number>();
  const taken: Array<[number, number]> = [];
  // One issuer's tickers (GOOGL, GOOG) are one company found: its hits sit under the family's
  // first symbol and are named by the symbol found first.
  const familyKey = (symbol: string): string => universe.family(symbol)[0] ?? symbol;
  const commit = (symbol: string, m: Mention): void => {
    const key = familyKey(symbol);
    let h = hits.get(key);
    if (h === undefined) {
      h = { symbol, sentences: [], kinds: new Set(), mentions: [] };
      hits.set(key, h);
    }
    h.sentences.push(m.sentence);
    h.kinds.add(m.kind);
    h.mentions.push(m);
  };
  const add = (symbol: string, mention: Mention): void => {
    pending.push({ symbol, mention });
  };
  const mention = (sentence: number, start: number, text: string, kind: MentionKind, foundBy: FoundBy): Mention => ({
    sentence,
    start,
    end: start + text.length,
    kind,
    text,
    foundBy,
  });
  const explicit = (si: number, symbol: string | undefined, at: number, text: string, foundBy: FoundBy): void => {
    if (symbol === undefined || claimedIn.get(symbol) === sentenceMark) return;
    add(symbol, mention(si, at, text, 'exchange', foundBy));
    claimedIn.set(symbol, sentenceMark);
    taken.push([at, at + text.length]);
  };
  const inTaken = (at: number): boolean => {
    for (const [a, b] of taken) if (at >= a && at < b) return true;
    return false;
  };
  // One- and two-letter listed symbols that are not common words, by their letters (A = 1 ... Z =
  // 26; a second letter adds 27 times its own): most short upper-case words ("A", "I", "US") are
  // settled here without cutting out the word.
  const shortListed = new Uint8Array(27 * 27);
  const shortIndex = (s: string, at: number, end: number): number =>
    s.charCodeAt(at) - 64 + (end - at === 2 ? 27 * (s.charCodeAt(at + 1) - 64) : 0);
  for (let a = 0; a < 26; a++) {
    for (let b = -1; b < 26; b++) {
      const text = String.fromCharCode(65 + a) + (b < 0 ? '' : String.fromCharCode(65 + b));
      if (universe.get(text)?.symbol !== text) continue;
      if (!BARE_SYMBOL_STOPLIST.has(text)) shortListed[shortIndex(text, 0, text.length)] = 1;
      else if (WORD_SYMBOLS.has(text)) shortListed[shortIndex(text, 0, text.length)] = 2;
    }
  }
  /** A one- or two-letter upper-case word: a company only with a cue ("GM shares", "F US Equity") or in a list. */
  const shortSymbol = (si: number, sentence: string, at: number, end: number): void => {
    const kind = shortListed[shortIndex(sentence, at, end)];
    if (kind === 0) return;
    const token = sentence.slice(at, end);
    const symbol = token;
    if (claimedIn.get(symbol) === sentenceMark) return;
    if (kind === 2) {
      // "PM beats", "SO, DUK and NEE": a symbol that is also a word ("3 PM") only with a strong cue or beside other symbols.
      if (
        afterNumberWord(sentence, at) ||
        (at > 0 && sentence.charCodeAt(at - 1) >= 48 && sentence.charCodeAt(at - 1) <= 57)
      )
        return;
      if (STRONG_CUES.has(nextWordLower(sentence, end))) {
        add(symbol, mention(si, at, token, 'symbol', 'short symbol before a market word'));
        claimedIn.set(symbol, sentenceMark);
      } else
        listed.push({
          symbol,
          mention: mention(si, at, token, 'symbol', 'short symbol in a list of companies'),
          word: true,
        });
      return;
    }
    if (sentence.startsWith(' US Equity', end)) {
      explicit(si, symbol, at, `${token} US Equity`, 'Bloomberg code');
      return;
    }
    const next = nextWordLower(sentence, end);
    // A single letter counts only in a list with other companies ("TSLA, NVDA and F") or before a
    // market word in a sentence that names companies by symbol ("T cuts prices as rivals VZ and TMUS...").
    if (end - at === 1 || (next !== "'s" && !SHORT_SYMBOL_CUES.has(next))) {
      listed.push({
        symbol,
        mention: mention(si, at, token, 'symbol', 'short symbol in a list of companies'),
        cued: SHORT_SYMBOL_CUES.has(next),
        object:
          end - at === 2 &&
          (universe.get(symbol)?.rank ?? OBJECT_SYMBOL_RANK) < OBJECT_SYMBOL_RANK &&
          readsAsObject(sentence, at, end),
      });
      return;
    }
    add(symbol, mention(si, at, token, 'symbol', 'short symbol before a market word'));
    claimedIn.set(symbol, sentenceMark);
  };
  /** Moves a listed short symbol to the sentence's finds when a comma, "and", "&" or "or" joins it to one. */
  const takeListed = (sentence: string): void => {
    const joined = (a: number, b: number): boolean => a <= b && LIST_JOIN_RE.test(sentence.slice(a, b));
    const take = (c: Listed): void => {
      pending.push(c);
      claimedIn.set(c.symbol, sentenceMark);
    };
    // Runs of short symbols joined in a list: "MS and GS lead bank stocks higher", "GM, F lead
    // automakers lower" (followed by a market word), "options activity in GM, T and C" (three or more).
    for (let from = 0, k = 1; k <= listed.length; k++) {
      if (k < listed.length && joined((listed[k - 1] as Listed).mention.end, (listed[k] as Listed).mention.start))
        continue;
      const last = listed[k - 1] as Listed;
      let twoLetters = false;
      for (let j = from; j < k; j++)
        if ((listed[j] as Listed).mention.text.length === 2 && (listed[j] as Listed).word !== true) twoLetters = true;
      if (
        k - from > 1 &&
        twoLetters &&
        (k - from >= 3 || SHORT_SYMBOL_CUES.has(nextWordLower(sentence, last.mention.end)))
      ) {
        for (let j = from; j < k; j++) if ((listed[j] as Listed).word !== true) take(listed[j] as Listed);
      }
      from = k;
    }
    const bySymbol = pending.some((p) => p.mention.kind !== 'name');
    for (let round = 0; round < 2; round++) {
      for (const c of listed) {
        if (claimedIn.get(c.symbol) === sentenceMark) continue;
        const { start, end } = c.mention;
        // A symbol that is also a word joins symbols only, never a name ("Ford and SO").
        if (
          pending.some(
            (p) =>
              (c.word !== true || p.mention.kind !== 'name') &&
              (joined(p.mention.end, start) || joined(end, p.mention.start)),
          )
        )
          take(c);
        else if (c.cued === true && bySymbol) take(c);
        else if (c.object === true && pending.some((p) => p.mention.kind === 'name'))
          take({ ...c, mention: { ...c.mention, foundBy: 'short symbol beside a company named' } });
      }
    }
  };

  /** Whether a comma, "and", "&" or "or" joins the mention to a company found in its sentence ("Delta, United and American Airlines"). */
  const listedWithCompany = (m: Mention, sentence: string): boolean => {
    for (const h of hits.values()) {
      for (const o of h.mentions) {
        if (o.sentence !== m.sentence) continue;
        const from = o.start >= m.end ? m.end : o.end;
        const to = o.start >= m.end ? o.start : m.start;
        if (from <= to && to - from <= 6 && LIST_JOIN_RE.test(sentence.slice(from, to))) return true;
      }
    }
    return false;
  };

  return {
    find(sentences) {
      hits = new Map<string, TickerHits>();
      if (doubtful.length > 0) doubtful.length = 0;
      if (pending.length > 0) pending.length = 0;
      if (pendingDoubtful.length > 0) pendingDoubtful.length = 0;
      if (listed.length > 0) listed.length = 0;

      for (let si = 0; si < sentences.length; si++) {
        const sentence = sentences[si] as string;
        sentenceMark++;
        if (claimedIn.size > 4096) claimedIn.clear();
        // (Setting an array's length costs a call even when it is already 0.)
        if (taken.length > 0) taken.length = 0;
        if (sentence.includes('$')) {
          // exec rather than matchAll, which copies the regex on every call.
          const re = CASHTAG_RE;
          re.lastIndex = 0;
          for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
            const symbol = universe.canonical(m[1] ?? '');
            if (symbol === undefined) continue;
            add(symbol, mention(si, m.index, m[0], 'cashtag', 'cashtag'));
            claimedIn.set(symbol, sentenceMark);
            taken.push([m.index, m.index + m[0].length]);
          }
        }
        if (namesExchange(sentence)) {
          for (const m of sentence.matchAll(EXCHANGE_RE))
            explicit(si, universe.canonical(m[1] ?? ''), m.index, m[0], 'exchange prefix');
          for (const m of sentence.matchAll(HK_EXCHANGE_RE)) {
            const code = `${(m[1] ?? '').padStart(4, '0')}.HK`;
            explicit(si, universe.canonical(code) ?? code, m.index, m[0], 'exchange prefix');
          }
        }

        const shouting = isShouting(sentence);
        scanWords(sentence, scratch);
        const { count, start, end, dotted, hash } = scratch;
        if (ids.length < count) {
          ids = new Int32Array(2 * count);
          idMarks = new Float64Array(2 * count);
          backerIds = new Int32Array(2 * count);
          backerMarks = new Float64Array(2 * count);
        }
        const anyTaken = taken.length > 0;
        for (let i = 0; i < count; i++) {
          const at = start[i] as number;
          if (anyTaken && inTaken(at)) continue;
          const first = sentence.charCodeAt(at);
          // The word's id when it may start a phrase (without a table probe when the filter says it starts none).
          let id = -1;
          if (startsPhrase[first] === 1) {
            const bit = (hash[i] as number) >>> (32 - FIRST_FILTER_BITS);
            if (((firstBits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0) id = idOf(sentence, i);
            // "SeaChange", "AECOM": the filter and the table hold names as written only.
            if (id < 0 && first <= 90 && !shouting && (end[i] as number) - at >= 4 && dotted[i] === 0)
              id = foldedIdOf(sentence, i);
          }
          // "Alphabet-backed Waymo": the company before a backer tail (3 to 10 letters after a hyphen).
          let backer = false;
          if (
            id < 0 &&
            first >= 65 &&
            first <= 90 &&
            dotted[i] === 0 &&
            (end[i] as number) - at >= 6 &&
            hyphenBeforeTail(sentence, at, end[i] as number)
          ) {
            id = backerIdOf(sentence, i);
            backer = id >= 0;
          }
          if (id >= 0) {
            let matched: Phrase | undefined;
            let cut = -1;
            // The next word's id and its part before a backer tail, read once for all the phrases.
            let next = -2;
            let nextBacker = -2;
            for (const c of byFirst[id] as Phrase[]) {
              const n = c.ids.length;
              if (i + n > count || (backer && n > 1)) continue;
              if (n > 1) {
                if (next === -2) next = idOf(sentence, i + 1);
                if (c.ids[1] !== next) {
                  if (n !== 2) continue;
                  if (nextBacker === -2) nextBacker = backerIdOf(sentence, i + 1);
                  if (nextBacker !== c.ids[1]) continue;
                  matched = c;
                  cut = sentence.lastIndexOf('-', end[i + 1]);
                  break;
                }
              }
              let k = n > 1 ? 2 : 1;
              while (k < n && idOf(sentence, i + k) === c.ids[k]) k++;
              if (k === n) {
                matched = c;
                break;
              }
              // "Goldman Sachs-backed": the name's last word before a backer tail.
              if (k === n - 1 && backerIdOf(sentence, i + k) === c.ids[k]) {
                matched = c;
                cut = sentence.lastIndexOf('-', end[i + k]);
                break;
              }
            }
            if (matched !== undefined) {
              const last = i + matched.ids.length - 1;
              let nameEnd = end[last] as number;
              // "GE US Equity" is the symbol, though "GE" is also a name.
              if (last === i && nameEnd - at <= 5 && sentence.startsWith(' US Equity', nameEnd)) {
                const token = sentence.slice(at, nameEnd);
                if (token === token.toUpperCase()) {
                  explicit(si, universe.canonical(token), at, `${token} US Equity`, 'Bloomberg code');
                  continue;
                }
              }
              if (backer) cut = sentence.lastIndexOf('-', nameEnd);
              if (cut > at) nameEnd = cut;
              if (NOT_COMPANY_AFTER_RE.test(sentence.slice(nameEnd, nameEnd + 12))) {
                i = last;
                continue;
              }
              const m = mention(
                si,
                at,
                sentence.slice(at, nameEnd),
                'name',
                matched.strict
                  ? 'lesser-known name beside a market word'
                  : matched.needsContext
                    ? 'name beside market words'
                    : 'company name',
              );
              if (matched.strict) pendingDoubtful.push({ symbol: matched.symbol, mention: m, strict: true });
              else if (matched.needsContext) pendingDoubtful.push({ symbol: matched.symbol, mention: m });
              else add(matched.symbol, m);
              i = last;
              continue;
            }
          }
          const len = (end[i] as number) - at;
          const upper = first >= 65 && first <= 90;
          if (dotted[i] === 0 && upper && len <= 2 && !shouting) {
            if (len === 1 || isUpperAt(sentence, at + 1)) shortSymbol(si, sentence, at, end[i] as number);
            continue;
          }
          // Only a dotted word can be a listing, and only 3 to 7 capitals a bare symbol.
          if (dotted[i] === 0 && (shouting || !upper || len < 3 || len > 7)) continue;
          // Most capitalised words are no bare symbol: say so without cutting out the word.
          if (dotted[i] === 0 && !isBareSymbolAt(sentence, at, end[i] as number)) continue;
          const token = sentence.slice(at, end[i]);
          if (
            dotted[i] === 1 &&
            at > 0 &&
            sentence.charCodeAt(at - 1) === 60 &&
            sentence.charCodeAt(end[i] as number) === 62
          ) {
            const code = REUTERS_US_RE.exec(token);
            // A foreign code ("<TSCO.L>") is the listing the name before it has abroad: a US line
            // of the same company when one is known, else nothing of its own.
            if (code === null && foreignListingRe.test(token)) {
              const us = universe.canonical(token);
              if (us !== undefined && us !== token) explicit(si, us, at - 1, `<${token}>`, 'Reuters code');
              continue;
            }
            if (code !== null) {
              const cls = code[2];
              explicit(
                si,
                universe.canonical(
                  cls === undefined ? (code[1] as string) : `${code[1] as string}-${cls.toUpperCase()}`,
                ),
                at - 1,
                `<${token}>`,
                'Reuters code',
              );
              continue;
            }
          }
          if (dotted[i] === 1 && foreignListingRe.test(token)) {
            // A listing we cannot map to a US line is still reported, as written.
            explicit(si, universe.canonical(token) ?? token, at, token, 'foreign listing');
            continue;
          }
          // (An undotted word got here through isBareSymbolAt, which is the pattern's test.)
          if (shouting || (dotted[i] === 1 && !BARE_SYMBOL_RE.test(token)) || BARE_SYMBOL_STOPLIST.has(token)) continue;
          if (afterNumberWord(sentence, at) || afterShoutedWord(sentence, at)) continue;
          const symbol = universe.canonical(token);
          // A bare symbol counts once per sentence and never doubles a cashtag in the same sentence.
          if (symbol !== undefined && claimedIn.get(symbol) !== sentenceMark) {
            add(symbol, mention(si, at, token, 'symbol', 'upper-case symbol'));
            claimedIn.set(symbol, sentenceMark);
          }
        }
        if (listed.length > 0) {
          takeListed(sentence);
          listed.length = 0;
        }
        if (pending.length > 0 || pendingDoubtful.length > 0) {
          if (sentence.length >= 200 || !mayBeFooter(sentence, scratch) || !FOOTER_RE.test(sentence)) {
            for (const p of pending) commit(p.symbol, p.mention);
            doubtful.push(...pendingDoubtful);
          }
          pending.length = 0;
          pendingDoubtful.length = 0;
        }
      }

      // Per sentence: -1 not yet read, 0 prose without a market word, 1 prose with one, 2 Title Case.
      let cueOf = -1;
      let cueSentence = -1;
      for (const { symbol, mention, strict } of doubtful) {
        if (hits.has(familyKey(symbol))) {
          commit(symbol, mention);
          continue;
        }
        const sentence = sentences[mention.sentence] ?? '';
        const beside = besideMarketWord(sentence, mention);
        if (beside || strict === true) {
          // ("Arvinas, Pfizer report...": a list joins it to a company found.)
          if (beside || (!isTitleCase(sentence) && listedWithCompany(mention, sentence))) commit(symbol, mention);
          continue;
        }
        if (cueSentence !== mention.sentence) {
          cueSentence = mention.sentence;
          // In a Title Case Heading every word is capitalised, so a capital proves nothing.
          cueOf = isTitleCase(sentence) && !PROSE_WORD_RE.test(sentence) ? 2 : MARKET_CUE_RE.test(sentence) ? 1 : 0;
        }
        if (cueOf === 1 || (cueOf === 2 && ADJACENT_CUE_RE.test(sentence.slice(mention.end)))) commit(symbol, mention);
        else if (
          (cueOf === 0 && ACTS_AFTER_RE.test(sentence.slice(mention.end, mention.end + 30))) ||
          listedWithCompany(mention, sentence)
        )
          commit(symbol, mention);
      }
      for (const h of hits.values()) {
        // Mentions arrive in text order but for the doubtful ones committed last.
        if (!inTextOrder(h.mentions)) {
          h.mentions.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
          h.sentences.sort((a, b) => a - b);
        }
      }
      return [...hits.values()];
    },
  };
}
