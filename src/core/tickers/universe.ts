// The set of tickers tickerbell knows, with the company names it looks for in text.

export interface TickerInfo {
  readonly symbol: string;
  /** Display name, e.g. "Alibaba Group Holding Ltd". */
  readonly name: string;
  /** Position in the SEC list (largest companies first); lower is better known. */
  readonly rank: number;
}

/** [symbol, SEC title, cik?] as shipped in src/data/tickers.json. */
export type TickerRow = readonly [string, string, ...unknown[]];

export interface TickerUniverse {
  readonly size: number;
  /** The canonical symbol for what a user typed ("brk.b" -> "BRK-B"), or undefined. */
  canonical(symbol: string): string | undefined;
  get(symbol: string): TickerInfo | undefined;
  /** Company-name phrases (case-sensitive, as written in news) to the symbol they mean. */
  readonly namePhrases: ReadonlyMap<string, string>;
  /**
   * Names that are also ordinary words ("Apple", "Target", "Meta"): they count only where the
   * text around them reads like market news. Written with a leading "?" in ticker-aliases.json.
   */
  readonly contextPhrases: ReadonlyMap<string, string>;
  /**
   * The one-word names of lesser-known companies (outside the best-known listings), a subset of
   * contextPhrases: they count only with a market word right beside them ("Funko shares", "Zumiez
   * Inc.", "Culp reports", "shares of Funko") or the company named plainly elsewhere in the story.
   */
  readonly strictPhrases: ReadonlySet<string>;
  /** Prefix/name search for autocomplete, best known first. */
  search(query: string, limit: number): TickerInfo[];
  /**
   * Every listed symbol of the issuer (same SEC CIK) of a canonical symbol, best known first:
   * ["GOOGL", "GOOG"] for either. A symbol with no sibling (or not listed) is its own family.
   */
  family(symbol: string): readonly string[];
}

const LEGAL_SUFFIX =
  /[\s,]+(inc|incorporated|corp|corporation|co|company|companies|ltd|limited|plc|llc|lp|l\.p|sa|s\.a|nv|n\.v|ag|se|asa|oyj|holdings?|group|trust|the|\/[a-z]{2}\/?|de|class [a-z]|adr|ads)\.?$/i;

/**
 * Name words that are ordinary English, month names or first names ("Nov 27", "Tim Cook"): a
 * name made only of these is not matched on its own.
 */
const COMMON_WORDS: ReadonlySet<string> = new Set(
  (
    'target apple meta block visa oracle shell gap ball align arch best booking carrier chase ' +
    'compass crown dollar general energy equity first global match national new progressive ' +
    'public real safe service southern square state strategy summit trade united universal ' +
    'american international financial capital bank banks market markets data power life group ' +
    'realty insight unity snap sea amplify fortune genuine gold ares blue brown cloud core ' +
    'digital diamond eagle elastic federal fidelity five frontier future home intuitive key liberty ' +
    'live main mobile north note open partners peak pioneer premier prime regional republic ' +
    'royal select silver smart solar sterling sun total trust urban vital western world zoom ' +
    'ai it on all now one two three china hong kong us usa bullish bearish post ' +
    'news nov jan feb mar apr jun jul aug sep sept oct dec mon tue wed thu fri sat ' +
    'tim graham kirby cullen crane pool toast icon nova nice noble viking flex waters dover lear grab spire enact ' +
    // Index names: "the Nasdaq", "the Dow" are indexes; the companies are "Nasdaq Inc", "Dow Inc".
    'nasdaq dow'
  ).split(/\s+/),
);

/**
 * Ordinary words that name a company never alone, not even beside a market word: dates, first
 * names, the indexes, a newspaper's "Post", "News".
 */
const NEVER_ALONE: ReadonlySet<string> = new Set(
  (
    'nov jan feb mar apr jun jul aug sep sept oct dec mon tue wed thu fri sat tim graham kirby cullen ' +
    'nasdaq dow news post on bullish bearish ai it all now one two three us usa china hong kong new general first'
  ).split(' '),
);

/**
 * First words of names that news uses for places, people and things more than for the company
 * ("Delta" the river, "Jones" of the Dow Jones): not matched alone, though the whole name is.
 */
const COMMON_FIRST_WORDS: ReadonlySet<string> = new Set(
  (
    'u.s. trump atlas quest cooper myers hess japan americas american german investors illinois middle east west ' +
    'south texas johnson charles morgan delta rocket chime alliance galaxy london paris tokyo america jones bancorp benchmark loop white house hawaiian ' +
    'establishment extreme flowers genesis progress relay surgery spectrum sonic tango maze stoke beacon albany nomad digi alpha dave'
  ).split(/\s+/),
);

/**
 * Last words of a name that say what a company does rather than which it is: news drops them
 * ("Royal Caribbean Cruises" is "Royal Caribbean", "Hilton Worldwide" is "Hilton").
 */
const GENERIC_TAIL: ReadonlySet<string> = new Set(
  (
    'financial therapeutics technologies technology energy international pharmaceuticals pharmaceutical pharma industries ' +
    'resources services solutions systems health healthcare global biosciences brands entertainment foods enterprises ' +
    'medical sciences management digital communications infrastructure products ai biopharma networks laboratories labs ' +
    'resorts materials worldwide software automotive media electronics aerospace airlines air lines cruises industrial ' +
    'logistics biotechnology dynamics lifesciences platforms motor motors beverage beverages interactive innovation ' +
    'instruments quantum power wireless hotels restaurants stores semiconductor semiconductors electric holding partners ' +
    'corp inc'
  ).split(/\s+/),
);

const FUND_RE = /\b(?:fund|trust|etf|income|portfolio|municipal|opportunities)\b/i;

/** Small words a title keeps in lower case ("Royal Bank of Canada"). */
const SMALL_WORDS_RE = /(?<=\s)(Of|And|The|For|De|Du|La)(?=\s)/g;

function titleCase(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s
    .toLowerCase()
    .replace(/(?<![\w'\u2019])([a-z])/g, (m) => m.toUpperCase())
    .replace(/\bMc([a-z])/g, (_, c: string) => `Mc${c.toUpperCase()}`)
    .replace(SMALL_WORDS_RE, (w) => w.toLowerCase());
}

/** The shorter names news gives a company by dropping generic last words, longest first. */
export function brandForms(short: string): string[] {
  const words = short.split(' ');
  const out: string[] = [];
  // "Takeda Pharma" of Takeda Pharmaceutical (last, as callers read the first form as the plain brand).
  const pharma = words.length > 1 && /^Pharmaceuticals?$/.test(words[words.length - 1] ?? '');
  const stem = words.slice(0, -1).join(' ');
  while (words.length > 1 && GENERIC_TAIL.has((words[words.length - 1] as string).toLowerCase())) {
    words.pop();
    out.push(words.join(' ').replace(/[\s,&-]+$/, ''));
  }
  if (pharma) out.push(`${stem} Pharma`);
  return out;
}

/** The legal word that follows the short name in the SEC title ("SOUTHERN CO" -> "Co"), title-cased. */
function legalWordAfter(title: string, short: string): string | undefined {
  const rest = titleCase(title.replace(/\s+/g, ' ').trim()).slice(short.length);
  const m = /^[\s,]+(Inc|Corp|Co|Company|Corporation|Ltd|Plc|Holdings?|Group|Companies)\b/i.exec(rest);
  const w = m?.[1];
  return w === undefined ? undefined : `${(w[0] as string).toUpperCase()}${w.slice(1).toLowerCase()}`;
}

/** The SEC name without legal suffixes and state tags, as written ("MCDONALDS CORP" stays upper case). */
function strippedName(title: string): string {
  let name = title.replace(/\s+/g, ' ').trim();
  // "Corp /DE/", "Inc/De", "Ltd/Cn", "/NEW": a slash starts a filing tag, never part of the name.
  const slash = name.indexOf('/');
  if (slash >= 3) name = name.slice(0, slash);
  for (let i = 0; i < 4; i++) {
    const next = name
      .replace(LEGAL_SUFFIX, '')
      .replace(/[\s&,-]+$/, '')
      .trim();
    if (next === name || next.length === 0) break;
    name = next;
  }
  return name.replace(/[,.]+$/, '');
}

/** "ALIBABA GROUP HOLDING LTD" -> "Alibaba"; "Meta Platforms, Inc." -> "Meta Platforms". */
export function shortName(title: string): string {
  return titleCase(strippedName(title));
}

/**
 * How news also writes a name whose SEC form is all capitals: "ICICI BANK LTD" is "ICICI Bank" as
 * often as "Icici Bank", so a short first word of a longer name is also kept in capitals.
 */
export function acronymVariant(title: string): string | undefined {
  const raw = strippedName(title);
  if (raw !== raw.toUpperCase()) return undefined;
  const words = titleCase(raw).split(' ');
  const first = words[0] ?? '';
  if (words.length < 2 || first.length < 2 || first.length > 5 || !/^[A-Za-z]+$/.test(first)) return undefined;
  return [first.toUpperCase(), ...words.slice(1)].join(' ');
}

/** Whether trimming, uppercasing and dropping a leading "$" leave `symbol` as it is: A-Z, 0-9, "." and "-" only. */
function isPlainSymbol(symbol: string): boolean {
  for (let i = 0; i < symbol.length; i++) {
    const c = symbol.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45)) return false;
  }
  return symbol.length > 0;
}

export function normalizeSymbolText(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/^\$/, '').replace(/[./]/g, '-');
}

export interface UniverseOptions {
  /** How many of the best-known companies get their derived short name matched in text. */
  readonly derivedNameLimit?: number;
  /** Listings outside the US as news writes them ("9988.HK") -> the US symbol of the same company. */
  readonly listings?: Readonly<Record<string, string>>;
}

/** How many of the best-known companies are also found by the first word of their name alone. */
const FIRST_WORD_LIMIT = 2000;

/** "9988.HK", "7203.T", "SHEL.L": a symbol with a non-US exchange suffix. */
export const FOREIGN_LISTING_RE =
  /^(?:\d{3,6}|[A-Z]{1,5})\.(?:HK|T|TW|KS|KQ|SS|SZ|L|TO|V|DE|F|PA|AS|SW|MI|MC|AX|NS|BO|SI)$/;

export function createTickerUniverse(
  rows: readonly TickerRow[],
  aliases: Readonly<Record<string, readonly string[]>>,
  options: UniverseOptions = {},
): TickerUniverse {
  return universeFromIndex(indexTickers(rows, aliases, options));
}

/**
 * What the universe looks symbols and names up in, derived from the rows and aliases: maps, sets
 * and plain records, no functions, so a build can store it (src/data/precomputed.ts) and a start
 * read it back instead of deriving the names again.
 */
export function indexTickers(
  rows: readonly TickerRow[],
  aliases: Readonly<Record<string, readonly string[]>>,
  options: UniverseOptions = {},
) {
  const derivedNameLimit = options.derivedNameLimit ?? 2500;
  const bySymbol = new Map<string, TickerInfo>();
  // The SEC's own spelling, for the phrases derived from it below.
  const secName = new Map<string, string>();
  // One array per issuer, shared by its symbols (rows come best known first, so the array is too).
  const families = new Map<string, string[]>();
  const byCik = new Map<unknown, string[]>();
  rows.forEach((row, rank) => {
    const symbol = row[0].toUpperCase();
    if (bySymbol.has(symbol)) return;
    bySymbol.set(symbol, { symbol, name: titleCase(row[1]), rank });
    secName.set(symbol, row[1]);
    const cik = row[2];
    if (typeof cik !== 'number' && typeof cik !== 'string') return;
    const members = byCik.get(cik) ?? [];
    if (members.length === 0) byCik.set(cik, members);
    members.push(symbol);
    families.set(symbol, members);
  });

  const namePhrases = new Map<string, string>();
  const contextPhrases = new Map<string, string>();
  const strictPhrases = new Set<string>();
  // Each issuer's short name, made once (several passes below read it).
  const shortOf = new Map<string, string>();
  const shortNameOf = (info: TickerInfo): string => {
    let short = shortOf.get(info.symbol);
    if (short === undefined) {
      short = shortName(secName.get(info.symbol) ?? info.name);
      shortOf.set(info.symbol, short);
    }
    return short;
  };
  const addPhrase = (phrase: string, symbol: string): void => {
    if (phrase.length < 2 || namePhrases.has(phrase) || contextPhrases.has(phrase)) return;
    namePhrases.set(phrase, symbol);
  };
  // Curated aliases first: they win over derived names. A curated name is never another
  // company's first word ("Tencent" is not Tencent Music), even when its own ticker is not listed.
  const curated = new Set(
    Object.values(aliases).flatMap((list) => list.map((p) => (p.startsWith('?') ? p.slice(1) : p))),
  );
  for (const [symbol, list] of Object.entries(aliases)) {
    if (!bySymbol.has(symbol)) continue;
    for (const phrase of list) {
      if (phrase.startsWith('?')) {
        if (!namePhrases.has(phrase.slice(1))) contextPhrases.set(phrase.slice(1), symbol);
      } else addPhrase(phrase, symbol);
    }
  }
  // News names a company by the first word of its name ("Hilton", "Gilead", "Chipotle") when that
  // word is its own: used by no other company's name, and not an ordinary word. Such a word counts
  // next to market words only, like "?Apple".
  const shortNames = new Map<string, string>();
  const firstWordUse = new Map<string, number>();
  for (const info of bySymbol.values()) {
    if (info.rank >= derivedNameLimit) continue;
    const short = shortNameOf(info);
    shortNames.set(info.symbol, short);
    const first = short.split(' ')[0] ?? '';
    firstWordUse.set(first, (firstWordUse.get(first) ?? 0) + 1);
  }
  const addContext = (phrase: string, symbol: string): void => {
    if (!namePhrases.has(phrase) && !contextPhrases.has(phrase)) contextPhrases.set(phrase, symbol);
  };
  const common = (word: string): boolean => COMMON_WORDS.has(word) || COMMON_FIRST_WORDS.has(word);
  /** The forms news writes a name the SEC gives in capitals: "Williams-Sonoma", "Kohl's", "Papa John's". */
  const addCapitalsForms = (name: string, symbol: string, sure: boolean): void => {
    const ws = name.split(' ');
    if (ws.length === 2) addPhrase(name.replace(' ', '-'), symbol);
    const at = ws.findIndex((w) => /^[A-Z][a-z]{3,}s$/.test(w));
    if (at < 0) return;
    const possessive = [...ws.slice(0, at), `${(ws[at] as string).slice(0, -1)}'s`, ...ws.slice(at + 1)].join(' ');
    if (ws.length > 1 && sure) addPhrase(possessive, symbol);
    else addContext(possessive, symbol);
  };
  const upperOf = new Map<string, boolean>();
  for (const [symbol, short] of shortNames) {
    const raw = secName.get(symbol) ?? short;
    const stripped = strippedName(raw);
    const upper = stripped === stripped.toUpperCase();
    upperOf.set(symbol, upper);
    const words = short.toLowerCase().split(/\s+/);
    const allCommon = words.every((w) => COMMON_WORDS.has(w));
    // A name that is one ordinary word is the company with its legal word ("Southern Co", "Booking
    // Holdings", "HP Inc").
    const legal = words.length === 1 || allCommon ? legalWordAfter(raw, short) : undefined;
    if (legal !== undefined) {
      const name = upper && stripped.length <= 4 && /^[A-Z&]+$/.test(stripped) ? stripped : short;
      addPhrase(`${name} ${legal}`, symbol);
      if (legal === 'Co') addPhrase(`${name} Company`, symbol);
      if (legal === 'Corp') addPhrase(`${name} Corporation`, symbol);
    }
    // "US BANCORP" is "U.S. Bancorp".
    if (/^US /.test(stripped)) addPhrase(`U.S. ${short.slice(3)}`, symbol);
    if (short.length < 3 || (words.length === 1 && common(words[0] as string))) {
      // A best-known company whose name is one ordinary word ("Toast", "Progressive", "Dover") is
      // still called so: only with a market word right beside it ("Toast shares", "Dover reports").
      const w = words[0] as string;
      if (
        words.length === 1 &&
        short.length >= 3 &&
        COMMON_WORDS.has(w) &&
        !NEVER_ALONE.has(w) &&
        /^[A-Z][a-z]+$/.test(short) &&
        (bySymbol.get(symbol)?.rank ?? derivedNameLimit) < FIRST_WORD_LIMIT &&
        !curated.has(short) &&
        !namePhrases.has(short) &&
        !contextPhrases.has(short)
      ) {
        contextPhrases.set(short, symbol);
        strictPhrases.add(short);
      }
      continue;
    }
    // A name of ordinary words ("Dollar General") counts beside market words only.
    if (allCommon) {
      if (words.length > 1) addContext(short, symbol);
      continue;
    }
    addPhrase(short, symbol);
    // Title Case headlines capitalise the small words too ("Royal Bank Of Canada").
    addPhrase(
      short.replace(/ (of|and|the|for|de|du|la)(?= )/g, (w) => ` ${(w[1] as string).toUpperCase()}${w.slice(2)}`),
      symbol,
    );
    const acronym = acronymVariant(raw);
    if (acronym !== undefined) addPhrase(acronym, symbol);
    // "PG&E": a short name in capitals with a sign in it is written so.
    if (upper && words.length === 1 && stripped.length <= 5 && /[&\d]/.test(stripped)) addPhrase(stripped, symbol);
    if (upper) addCapitalsForms(short, symbol, true);
    // The SEC drops apostrophes in any case: "Papa Johns International" is "Papa John's".
    else if (
      words.length === 2 &&
      /^[A-Z][a-z]{3,}s$/.test(short.split(' ')[1] ?? '') &&
      !GENERIC_TAIL.has(words[1] as string)
    )
      addPhrase(`${short.slice(0, -1)}'s`, symbol);
    const first = short.split(' ')[0] ?? '';
    const known = (bySymbol.get(symbol)?.rank ?? derivedNameLimit) < FIRST_WORD_LIMIT;
    // A fund is never called by its sponsor's name ("Guggenheim" is the broker, not its fund).
    if (
      known &&
      words.length > 1 &&
      !FUND_RE.test(raw) &&
      first.length >= 4 &&
      /^[A-Z][a-z]/.test(first) &&
      firstWordUse.get(first) === 1 &&
      !common(first.toLowerCase()) &&
      !curated.has(first)
    ) {
      addContext(first, symbol);
    }
  }
  // A word in many companies' names ("Advanced", "Applied", "Pacific") names none of them alone.
  const wordUse = new Map<string, number>();
  for (const info of bySymbol.values()) {
    // One issuer's lines (BWAY and its OTC line BRSYF) are one company using the word.
    if ((families.get(info.symbol)?.[0] ?? info.symbol) !== info.symbol) continue;
    for (const w of new Set(shortNameOf(info).toLowerCase().split(' '))) wordUse.set(w, (wordUse.get(w) ?? 0) + 1);
  }
  // The names without their generic last words, after every full name (which wins), best known
  // first: a name of several words is sure; a single word left by dropping one generic word
  // ("Hilton", "Cheniere") counts beside market words only.
  for (const [symbol, short] of shortNames) {
    const forms = brandForms(short);
    forms.forEach((brand, k) => {
      const ws = brand.toLowerCase().split(' ');
      if (brand.length < 3 || ws.every((w) => COMMON_WORDS.has(w)) || curated.has(brand)) return;
      if (ws.length > 1) addPhrase(brand, symbol);
      else if (
        k === 0 &&
        brand.length >= 4 &&
        /^[A-Z]/.test(brand) &&
        brand !== brand.toUpperCase() &&
        (wordUse.get(ws[0] as string) ?? 0) <= 2 &&
        !common(ws[0] as string)
      ) {
        addContext(brand, symbol);
      }
      if (upperOf.get(symbol) === true) addCapitalsForms(brand, symbol, ws.length > 1);
    });
  }

  // The lesser-known listings (the rest of the SEC list), after every name above (which wins): news
  // names them as the SEC does, without legal suffixes ("Titan Machinery", "Aquestive
  // Therapeutics") or by their one distinctive word ("Funko", "Zumiez", "Aquestive"). A name of
  // several words is sure unless its words are all ordinary; a single word, in no other company's
  // name and no ordinary word, needs a market word right beside it. A secondary line of an issuer
  // (a preferred share, an OTC line) leaves the names to its family's best-known symbol.
  for (const info of bySymbol.values()) {
    if (info.rank < derivedNameLimit || (families.get(info.symbol)?.[0] ?? info.symbol) !== info.symbol) continue;
    const raw = secName.get(info.symbol) ?? info.name;
    const short = shortNameOf(info);
    // A name starting otherwise than with a capital ("abrdn", "908 Devices") would have the finder
    // look up every word starting with its first character, for a few rare names.
    if (!/^[A-Z]/.test(short)) continue;
    const fund = FUND_RE.test(raw);
    let single = false;
    for (const name of fund ? [short] : [short, ...brandForms(short)]) {
      const ws = name.toLowerCase().split(' ');
      if (name.length < 3 || ws.every((w) => COMMON_WORDS.has(w)) || curated.has(name)) continue;
      if (ws.length > 1) {
        addPhrase(name, info.symbol);
        // "DESTINATION XL GROUP" is "Destination XL": a short word of a name in capitals stays so.
        const stripped = strippedName(raw);
        if (stripped === stripped.toUpperCase())
          addPhrase(
            name.replace(/(?<=^| )([A-Z][a-z]{1,2})(?= |$)/g, (w) =>
              /^(?:Of|And|The|For|De|Du|La)$/.test(w) ? w : w.toUpperCase(),
            ),
            info.symbol,
          );
        // The SEC drops apostrophes: "Papa Johns" is "Papa John's".
        const last = name.split(' ')[1] ?? '';
        if (ws.length === 2 && /^[A-Z][a-z]{3,}s$/.test(last) && !GENERIC_TAIL.has(ws[1] as string))
          addPhrase(`${name.slice(0, -1)}'s`, info.symbol);
        continue;
      }
      // Only the first one-word form ("Corbus" of Corbus Pharmaceuticals), never a later one.
      if (single) continue;
      single = true;
      const w = ws[0] as string;
      if (
        name.length >= 4 &&
        /^[A-Z]/.test(name) &&
        name !== name.toUpperCase() &&
        (wordUse.get(w) ?? 0) <= 1 &&
        !common(w) &&
        !namePhrases.has(name) &&
        !contextPhrases.has(name)
      ) {
        contextPhrases.set(name, info.symbol);
        strictPhrases.add(name);
      }
    }
  }

  // Last, the first two words of a longer name, when the first is its own ("Ituran Location" of
  // Ituran Location & Control, "Sunstone Hotel" of Sunstone Hotel Investors); never a fund's.
  for (const info of bySymbol.values()) {
    if ((families.get(info.symbol)?.[0] ?? info.symbol) !== info.symbol) continue;
    const raw = secName.get(info.symbol) ?? info.name;
    if (FUND_RE.test(raw)) continue;
    const ws = shortNameOf(info).split(' ');
    const first = ws[0] ?? '';
    const second = ws[1] ?? '';
    if (
      ws.length < 3 ||
      !/^[A-Z][a-z]{2,}$/.test(first) ||
      !/^[A-Z][A-Za-z]+$/.test(second) ||
      common(first.toLowerCase()) ||
      (wordUse.get(first.toLowerCase()) ?? 0) > 1
    )
      continue;
    addPhrase(`${first} ${second}`, info.symbol);
  }

  const listings = new Map<string, string>();
  for (const [foreign, us] of Object.entries(options.listings ?? {}))
    if (bySymbol.has(us)) listings.set(foreign.toUpperCase(), us);
  return { bySymbol, listings, families, namePhrases, contextPhrases, strictPhrases };
}

export type TickerIndex = ReturnType<typeof indexTickers>;

/** The universe over an index indexTickers built, now or in a build. */
export function universeFromIndex(index: TickerIndex): TickerUniverse {
  const { bySymbol, listings, families, namePhrases, contextPhrases, strictPhrases } = index;

  const canonical = (symbol: string): string | undefined => {
    // Most callers pass a symbol as listed (the finder, stored rows): no normalising needed.
    if (bySymbol.has(symbol)) return symbol;
    // The finder's other words ("NASA", "9988.HK") are already what the normalising below makes
    // of them, but for "." read as "-": settled without its copies.
    if (isPlainSymbol(symbol)) {
      const listed = listings.get(symbol);
      if (listed !== undefined) return listed;
      if (!symbol.includes('.')) return undefined;
      const dashed = symbol.replaceAll('.', '-');
      return bySymbol.has(dashed) ? dashed : undefined;
    }
    const plain = symbol.trim().toUpperCase().replace(/^\$/, '');
    if (bySymbol.has(plain)) return plain;
    const listed = listings.get(plain);
    if (listed !== undefined) return listed;
    const dashed = normalizeSymbolText(plain);
    return bySymbol.has(dashed) ? dashed : undefined;
  };

  const ordered = [...bySymbol.values()].sort((a, b) => a.rank - b.rank);

  return {
    size: bySymbol.size,
    canonical,
    get: (symbol) => {
      const c = canonical(symbol);
      return c === undefined ? undefined : bySymbol.get(c);
    },
    namePhrases,
    contextPhrases,
    strictPhrases,
    family(symbol) {
      return families.get(symbol) ?? [symbol];
    },
    search(query, limit) {
      const q = query.trim().toUpperCase();
      if (q.length === 0) return ordered.slice(0, limit);
      const exact = bySymbol.get(normalizeSymbolText(q));
      const out: TickerInfo[] = exact ? [exact] : [];
      for (const info of ordered) {
        if (out.length >= limit) break;
        if (info === exact) continue;
        if (info.symbol.startsWith(q) || info.name.toUpperCase().includes(q)) out.push(info);
      }
      return out;
    },
  };
}
