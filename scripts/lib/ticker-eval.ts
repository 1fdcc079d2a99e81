// The ticker-finding yardstick: labelled stories in, precision and recall out. Pure functions
// (parsing, splitting, scoring); scripts/eval-tickers.ts and scripts/eval.ts do the reading and
// run the analyser. The labelling rules are in docs/labelling-tickers.md.
//
// Split rule: a story is in the held-out test split when fnv1a32(group) % 10 < 3, else train.
// Variants of one story share a group, so they never straddle the split.
import { readFileSync } from 'node:fs';
import type { Analyzer } from '../../src/core/analyze.ts';
import { shortName, type TickerRow } from '../../src/core/tickers/universe.ts';
import { fnv1a32, parseCsv, twitterTrainPart } from './sentiment-data.ts';

export const ROLES = ['subject', 'peer', 'source', 'other'] as const;
export type Role = (typeof ROLES)[number];

export interface LabelledTicker {
  readonly symbol: string;
  readonly role: Role;
}

export interface TickerCase {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  readonly body?: string;
  readonly tickers: readonly LabelledTicker[];
  readonly style: string;
}

export type Split = 'train' | 'test';

export function splitOf(group: string): Split {
  return fnv1a32(group) % 10 < 3 ? 'test' : 'train';
}

/** Parses the JSON-lines file; a bad line throws with its line number, so no case is dropped silently. */
export function parseTickerCases(text: string, where = 'ticker cases'): TickerCase[] {
  const out: TickerCase[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line.length === 0) continue;
    const at = `${where}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error(`${at}: not JSON (${(e as Error).message})`);
    }
    out.push(checkCase(v, at));
  }
  return out;
}

function checkCase(v: unknown, at: string): TickerCase {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${at}: not an object`);
  const o = v as Record<string, unknown>;
  const str = (k: string): string => {
    const s = o[k];
    if (typeof s !== 'string' || s.trim().length === 0) throw new Error(`${at}: "${k}" must be a non-empty string`);
    return s;
  };
  const known = new Set(['id', 'group', 'title', 'body', 'tickers', 'style']);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new Error(`${at}: unknown field "${k}"`);
  if (!Array.isArray(o.tickers)) throw new Error(`${at}: "tickers" must be an array`);
  const tickers = o.tickers.map((t: unknown, j): LabelledTicker => {
    const r = t as Record<string, unknown> | null;
    if (
      typeof r !== 'object' ||
      r === null ||
      typeof r.symbol !== 'string' ||
      !(ROLES as readonly unknown[]).includes(r.role)
    ) {
      throw new Error(`${at}: tickers[${j}] must be {"symbol": "...", "role": "${ROLES.join('|')}"}`);
    }
    return { symbol: r.symbol, role: r.role as Role };
  });
  const body = o.body === undefined ? undefined : str('body');
  const base = { id: str('id'), group: str('group'), title: str('title'), tickers, style: str('style') };
  return body === undefined ? base : { ...base, body };
}

/** Tickers of one issuer (same SEC CIK) are one company: GOOG and GOOGL, BRK-A and BRK-B. */
export interface Families {
  /** The family key of a symbol, or undefined when the symbol is not in the list. */
  familyOf(symbol: string): string | undefined;
  /** Every symbol of the family, primary listing first. */
  members(symbol: string): readonly string[];
}

export function familiesFrom(rows: readonly TickerRow[]): Families {
  const key = new Map<string, string>();
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const cik = row[2];
    const k = typeof cik === 'number' || typeof cik === 'string' ? `cik:${cik}` : `sym:${row[0]}`;
    key.set(row[0], k);
    const list = byKey.get(k);
    if (list === undefined) byKey.set(k, [row[0]]);
    else list.push(row[0]);
  }
  return {
    familyOf: (s) => key.get(s),
    members: (s) => byKey.get(key.get(s) ?? '') ?? [],
  };
}

/** A ticker the analyser found, with the relevance it gave. */
export interface Found {
  readonly symbol: string;
  readonly relevance: number;
}

export interface CaseScore {
  /** Found companies (one per family). */
  readonly found: number;
  /** Found companies that are labelled, in any role. */
  readonly foundLabelled: number;
  readonly subjects: number;
  readonly subjectsFound: number;
  readonly subjectsAtFloor: number;
  /** Labelled sources and peers (that are not also subjects). */
  readonly sidelines: number;
  /** Of those, the ones given relevance at or above the floor. */
  readonly sidelinesAtFloor: number;
  /** Subjects not found, or found below the floor (with the relevance given). */
  readonly missed: ReadonlyArray<{ symbol: string; relevance: number | null }>;
  /** Found companies that are not labelled. */
  readonly falseFinds: readonly Found[];
  /** Sources and peers at or above the floor. */
  readonly sidelinesPromoted: ReadonlyArray<{ symbol: string; role: Role; relevance: number }>;
}

/**
 * Scores one story. Symbols are compared by family; a symbol the list does not hold counts as its
 * own family. Relevance per family is the highest any of its tickers got.
 */
export function scoreCase(
  labels: readonly LabelledTicker[],
  found: readonly Found[],
  families: Families,
  floor: number,
): CaseScore {
  const fam = (s: string): string => families.familyOf(s) ?? `sym:${s}`;
  const best = new Map<string, Found>();
  for (const f of found) {
    const k = fam(f.symbol);
    const prev = best.get(k);
    if (prev === undefined || f.relevance > prev.relevance) best.set(k, f);
  }
  // A company labelled twice (subject in one sentence, peer in another) counts once, by its strongest role.
  const rank: Record<Role, number> = { subject: 0, source: 1, peer: 2, other: 3 };
  const labelled = new Map<string, LabelledTicker>();
  for (const l of labels) {
    const k = fam(l.symbol);
    const prev = labelled.get(k);
    if (prev === undefined || rank[l.role] < rank[prev.role]) labelled.set(k, l);
  }
  let foundLabelled = 0;
  const falseFinds: Found[] = [];
  for (const [k, f] of best) {
    if (labelled.has(k)) foundLabelled++;
    else falseFinds.push(f);
  }
  let subjects = 0;
  let subjectsFound = 0;
  let subjectsAtFloor = 0;
  let sidelines = 0;
  let sidelinesAtFloor = 0;
  const missed: Array<{ symbol: string; relevance: number | null }> = [];
  const sidelinesPromoted: Array<{ symbol: string; role: Role; relevance: number }> = [];
  for (const [k, l] of labelled) {
    const f = best.get(k);
    if (l.role === 'subject') {
      subjects++;
      if (f !== undefined) subjectsFound++;
      if (f !== undefined && f.relevance >= floor) subjectsAtFloor++;
      else missed.push({ symbol: l.symbol, relevance: f?.relevance ?? null });
    } else if (l.role === 'source' || l.role === 'peer') {
      sidelines++;
      if (f !== undefined && f.relevance >= floor) {
        sidelinesAtFloor++;
        sidelinesPromoted.push({ symbol: f.symbol, role: l.role, relevance: f.relevance });
      }
    }
  }
  return {
    found: best.size,
    foundLabelled,
    subjects,
    subjectsFound,
    subjectsAtFloor,
    sidelines,
    sidelinesAtFloor,
    missed,
    falseFinds,
    sidelinesPromoted,
  };
}

export interface TickerMetrics {
  readonly stories: number;
  readonly found: number;
  readonly subjects: number;
  readonly sidelines: number;
  /** Found companies that are labelled (any role) / found companies. */
  readonly precision: number;
  /** Labelled subjects found at any relevance / labelled subjects. */
  readonly recall: number;
  /** Labelled subjects found with relevance >= the floor / labelled subjects. */
  readonly recallAtFloor: number;
  /** Labelled sources and peers given relevance >= the floor / labelled sources and peers. */
  readonly sidelinesAtFloorRate: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);

export function summarize(scores: readonly CaseScore[]): TickerMetrics {
  const sum = (f: (s: CaseScore) => number): number => scores.reduce((a, s) => a + f(s), 0);
  const found = sum((s) => s.found);
  const subjects = sum((s) => s.subjects);
  const sidelines = sum((s) => s.sidelines);
  return {
    stories: scores.length,
    found,
    subjects,
    sidelines,
    precision: ratio(
      sum((s) => s.foundLabelled),
      found,
    ),
    recall: ratio(
      sum((s) => s.subjectsFound),
      subjects,
    ),
    recallAtFloor: ratio(
      sum((s) => s.subjectsAtFloor),
      subjects,
    ),
    sidelinesAtFloorRate: ratio(
      sum((s) => s.sidelinesAtFloor),
      sidelines,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Twitter cashtag recovery: tweets that name a company by cashtag and in words. The cashtags (and
// the bare symbol) are taken out; the finder must recover the company from its name.

/** Words too common in company names (or in English) to say which company a tweet names. */
const NOT_DISTINCTIVE = new Set(
  (
    'the and of for inc corp co ltd plc group holdings holding company corporation international global ' +
    'new one first american national united general capital financial bank bancorp trust fund income ' +
    'energy health technologies technology systems resources partners industries services solutions ' +
    'brands pharmaceuticals pharma therapeutics biosciences bio medical realty properties reit ' +
    'communications networks software semiconductor motors airlines entertainment acquisition ' +
    'china us usa america north south east west world media data digital power oil gas gold ' +
    'stock stocks shares market markets price target buy sell hold says said report reports'
  ).split(/\s+/),
);

/** A name word appearing in this many company names or more says little about which company. */
const COMMON_NAME_WORD = 20;

export interface NameWords {
  /** The distinctive words of a symbol's company names (SEC title, aliases, every family member), lower case. */
  wordsOf(symbol: string): ReadonlySet<string>;
}

const wordsIn = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^a-z0-9&]+/)
    .filter((w) => w.length >= 3);

export function nameWordsFrom(
  rows: readonly TickerRow[],
  aliases: Readonly<Record<string, readonly string[]>>,
  families: Families,
): NameWords {
  const namesByFamily = new Map<string, Set<string>>();
  const add = (symbol: string, name: string): void => {
    const k = families.familyOf(symbol) ?? `sym:${symbol}`;
    let set = namesByFamily.get(k);
    if (set === undefined) namesByFamily.set(k, (set = new Set()));
    set.add(name);
  };
  for (const row of rows) add(row[0], shortName(row[1]));
  for (const [symbol, list] of Object.entries(aliases)) for (const a of list) add(symbol, a.replace(/^\?/, ''));
  // How many companies use each word: "Canada" or "Pacific" names many.
  const freq = new Map<string, number>();
  for (const names of namesByFamily.values()) {
    for (const w of new Set([...names].flatMap(wordsIn))) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const cache = new Map<string, Set<string>>();
  return {
    wordsOf(symbol) {
      const k = families.familyOf(symbol) ?? `sym:${symbol}`;
      let words = cache.get(k);
      if (words === undefined) {
        // A word that is also the symbol ("Dell") still counts: stripSymbols took out the symbol as written (DELL).
        words = new Set(
          [...(namesByFamily.get(k) ?? [])]
            .flatMap(wordsIn)
            .filter((w) => !NOT_DISTINCTIVE.has(w) && (freq.get(w) ?? 0) < COMMON_NAME_WORD),
        );
        cache.set(k, words);
      }
      return words;
    },
  };
}

const CASHTAG_RE = /\$([A-Za-z]{1,6}(?:[.-][A-Za-z]{1,2})?)\b/g;

/** The tweet with its cashtags, "(NYSE: X)"-style symbol notes and bare symbols taken out. */
export function stripSymbols(text: string, symbols: readonly string[]): string {
  const esc = (sym: string): string => sym.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  // "(NYSE: X)", "($X)" for any symbol; "(X)" only for the tweet's own cashtags, so "(FDA)" stays.
  const notes = [
    '(?:NYSE|NASDAQ|Nasdaq|NYSEAMERICAN|NYSEArca|AMEX|OTC|OTCQX|OTCQB|TSX|CSE|LSE)\\s*:\\s*\\$?[A-Z]{1,6}(?:[.-][A-Z]{1,2})?',
    '\\$[A-Za-z]{1,6}(?:[.-][A-Za-z]{1,2})?',
    ...symbols.map(esc),
  ];
  let s = text.replace(new RegExp(`\\((?:${notes.join('|')})\\)`, 'g'), ' ');
  s = s.replace(/^(?:\s*(?:\$[A-Za-z]{1,6}(?:[.-][A-Za-z]{1,2})?\b[\s,/]*)+)(?:[-:–—|]\s*)?/, '');
  s = s.replace(CASHTAG_RE, ' ');
  for (const sym of symbols) s = s.replace(new RegExp(`(?<![A-Za-z0-9])#?${esc(sym)}(?![A-Za-z0-9])`, 'g'), ' ');
  return s
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.:;!?])/g, '$1')
    .trim();
}

export interface TweetCaseOptions {
  readonly idPrefix: string;
  readonly families: Families;
  readonly names: NameWords;
}

/**
 * Tweets to recovery cases. A cashtag is kept as a labelled subject when its symbol is in the list
 * and the stripped tweet still holds a distinctive word of its company's name; a tweet with no
 * such cashtag is left out. Other companies a tweet names carry no label, so precision here is a
 * lower bound.
 */
export function tweetCases(texts: readonly string[], opts: TweetCaseOptions): TickerCase[] {
  const out: TickerCase[] = [];
  texts.forEach((text, i) => {
    const tags = [
      ...new Set([...text.matchAll(CASHTAG_RE)].map((m) => (m[1] as string).toUpperCase().replace('.', '-'))),
    ];
    if (tags.length === 0) return;
    const stripped = stripSymbols(text, tags);
    const words = new Set(wordsIn(stripped));
    const kept = tags.filter(
      (t) => opts.families.familyOf(t) !== undefined && [...opts.names.wordsOf(t)].some((w) => words.has(w)),
    );
    if (kept.length === 0 || stripped.length === 0) return;
    const id = `${opts.idPrefix}-${String(i + 1).padStart(5, '0')}`;
    out.push({
      id,
      group: id,
      title: stripped,
      tickers: kept.map((symbol) => ({ symbol, role: 'subject' })),
      style: 'tweet',
    });
  });
  return out;
}

/** The tweet texts of a Twitter financial news CSV (column "text"). */
export function tweetTexts(csv: string): string[] {
  const rows = parseCsv(csv);
  const header = rows.shift() ?? [];
  const ti = header.indexOf('text');
  return rows.map((r) => r[ti] ?? '').filter((t) => t.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Reading the sets and running the analyser over them.

export const OWN_HEADLINES_PATH = 'labelled/own/ticker-headlines.jsonl';
/** Written by someone who never saw the finder; never tuned on, so it has no train split (docs/labelling-tickers-blind.md). */
export const BLIND_HEADLINES_PATH = 'labelled/own/ticker-headlines-blind.jsonl';
const TWITTER_DIR = 'sentiment/twitter-financial-news-sentiment';

export interface TickerSet {
  readonly name: string;
  readonly train: readonly TickerCase[];
  readonly test: readonly TickerCase[];
}

export interface TickerData {
  readonly rows: readonly TickerRow[];
  readonly aliases: Readonly<Record<string, readonly string[]>>;
}

/** The shipped ticker list and aliases (the labels' symbols must be in the list). */
export function readTickerData(root: string): TickerData {
  return {
    rows: JSON.parse(readFileSync(`${root}src/data/tickers.json`, 'utf8')) as TickerRow[],
    aliases: JSON.parse(readFileSync(`${root}src/data/ticker-aliases.json`, 'utf8')) as Record<string, string[]>,
  };
}

export function readOwnHeadlines(root: string): TickerSet {
  const cases = parseTickerCases(readFileSync(`${root}${OWN_HEADLINES_PATH}`, 'utf8'), OWN_HEADLINES_PATH);
  return {
    name: 'own headlines',
    train: cases.filter((c) => splitOf(c.group) === 'train'),
    test: cases.filter((c) => splitOf(c.group) === 'test'),
  };
}

/** The blind set: every story is test. */
export function readBlindHeadlines(root: string): TickerSet {
  return {
    name: 'blind headlines',
    train: [],
    test: parseTickerCases(readFileSync(`${root}${BLIND_HEADLINES_PATH}`, 'utf8'), BLIND_HEADLINES_PATH),
  };
}

/** sent_train.csv's train part (its dev slice left out, as in the sentiment eval) is train; sent_valid.csv is test. */
export function readTwitterRecovery(dataDir: string, data: TickerData): TickerSet {
  const families = familiesFrom(data.rows);
  const names = nameWordsFrom(data.rows, data.aliases, families);
  const trainTexts = tweetTexts(readFileSync(`${dataDir}/${TWITTER_DIR}/sent_train.csv`, 'utf8')).filter(
    (t) => twitterTrainPart(t) === 'train',
  );
  const testTexts = tweetTexts(readFileSync(`${dataDir}/${TWITTER_DIR}/sent_valid.csv`, 'utf8'));
  return {
    name: 'Twitter cashtag recovery',
    train: tweetCases(trainTexts, { idPrefix: 'tw-train', families, names }),
    test: tweetCases(testTexts, { idPrefix: 'tw-valid', families, names }),
  };
}

/** What the analyser makes of a story: every ticker it found, with its relevance. */
export type FindTickers = (c: TickerCase) => Found[];

export const findWith =
  (analyzer: Analyzer): FindTickers =>
  (c) =>
    analyzer
      .analyze({ title: c.title, body: c.body ?? '' })
      .tickers.map((t) => ({ symbol: t.symbol, relevance: t.relevance }));

export function scoreCases(
  cases: readonly TickerCase[],
  find: FindTickers,
  families: Families,
  floor: number,
): CaseScore[] {
  return cases.map((c) => scoreCase(c.tickers, find(c), families, floor));
}

const fmt = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

export interface TickerTableRow {
  readonly set: string;
  readonly split: Split;
  readonly metrics: TickerMetrics;
}

/** A markdown table of the figures (the Twitter set has no labels for sources or peers). */
export function tickerTable(rows: readonly TickerTableRow[]): string {
  return [
    '| set | split | stories | labelled subjects | companies found | precision | recall | recall at the alert floor | sources/peers at the floor |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ set, split, metrics: m }) =>
        `| ${set} | ${split} | ${m.stories} | ${m.subjects} | ${m.found} | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.recallAtFloor)} | ${fmt(m.sidelinesAtFloorRate)}${m.sidelines > 0 ? ` (of ${m.sidelines})` : ''} |`,
    ),
  ].join('\n');
}

export interface SetScores {
  readonly set: TickerSet;
  readonly split: Split;
  readonly scores: readonly CaseScore[];
}

/** Every set's train and test split, scored. */
export function measureTickerSets(
  sets: readonly TickerSet[],
  find: FindTickers,
  families: Families,
  floor: number,
): SetScores[] {
  return sets.flatMap((set) =>
    (['train', 'test'] as const)
      .filter((split) => set[split].length > 0)
      .map((split) => ({ set, split, scores: scoreCases(set[split], find, families, floor) })),
  );
}

export const tableRows = (measured: readonly SetScores[]): TickerTableRow[] =>
  measured.map((m) => ({ set: m.set.name, split: m.split, metrics: summarize(m.scores) }));

/** The EVAL.md section: both sets, both splits (test is the figure to quote; train shows the gap). */
export function tickerEvalSection(root: string, dataDir: string, find: FindTickers, floor: number): string {
  const data = readTickerData(root);
  const sets = [readOwnHeadlines(root), readBlindHeadlines(root), readTwitterRecovery(dataDir, data)];
  return `## Ticker finding: which companies a story is about

Labelled stories (rules in docs/labelling-tickers.md): the team's own headlines (\`${OWN_HEADLINES_PATH}\`, test split
\`fnv1a32(group) % 10 < 3\`), the blind headlines (\`${BLIND_HEADLINES_PATH}\`, written apart from the finder and never tuned
on: all test), and Twitter cashtag recovery (tweets from the Twitter financial news set that name a company
by cashtag and in words, with the cashtags taken out; train = sent_train.csv's train part, test = sent_valid.csv).
Companies are compared by SEC CIK family (GOOG counts for GOOGL). The alert floor is relevance >= ${floor}. Precision:
found companies that are labelled (any role); recall: labelled subjects found; recall at the floor: labelled subjects found
with relevance >= ${floor}; sources/peers at the floor: labelled sources and peers wrongly given relevance >= ${floor}. On Twitter,
precision is a lower bound (only cashtagged companies are labelled). \`npm run eval:tickers -- --errors\` lists train errors.

${tickerTable(tableRows(measureTickerSets(sets, find, familiesFrom(data.rows), floor)))}
`;
}
