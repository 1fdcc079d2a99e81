import { FOREIGN_LISTING_RE, type TickerUniverse } from './universe.ts';

export type MentionKind = 'cashtag' | 'exchange' | 'name' | 'symbol';

/** One place a company is named: sentence index and character span inside that sentence. */
export interface Mention {
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
  readonly kind: MentionKind;
  /** The text as written ("Alibaba", "$BABA", "9988.HK"). */
  readonly text: string;
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
    'FII FIIS DII SIP NAV CRORE LAKH NPA PSU ADR ADS SPAC CEOS AGM EGM YTD MOU JV'
  ).split(/\s+/),
);

const EXCHANGE_RE =
  /\b(?:NYSE(?:\s+American|\s*Arca)?|NASDAQ|Nasdaq|AMEX|NYSEARCA|OTC(?:QX|QB)?|BATS|Cboe)\s*:\s*\$?([A-Z]{1,5}(?:[.-][A-Z]{1,2})?)\b/g;
const HK_EXCHANGE_RE = /\b(?:HKEX|SEHK|HKSE)\s*:\s*(\d{1,5})\b/g;
const CASHTAG_RE = /(?<![\w$])\$([A-Za-z]{1,6}(?:[.-][A-Za-z]{1,2})?)\b/g;
const WORD_RE = /[\p{L}\p{N}&][\p{L}\p{N}&.-]*[\p{L}\p{N}&]|[\p{L}\p{N}&]/gu;
const BARE_SYMBOL_RE = /^[A-Z]{3,5}(?:[.-][A-Z])?$/;
// "Share to Facebook", "Follow us on X": page furniture, not news about the platform's owner.
const FOOTER_RE =
  /\b(?:share|post|tweet|pin|send|email)\s+(?:this\s+(?:article|story|post|page)\s+)?(?:on|to|via|with)\s+(?:facebook|twitter|x|linkedin|whatsapp|reddit|email|pinterest|telegram)\b|\b(?:follow|like|find|join)\s+us\s+on\b/i;
// Words that make "Apple" or "Target" read as the company rather than the fruit or the verb.
const MARKET_CUE_RE =
  /\b(?:shares?|stocks?|inc|corp|earnings|revenues?|quarter(?:ly)?|investors?|analysts?|ceo|chief executive|nasdaq|nyse|market (?:cap|value)|valuation|iphones?|ipad|sales|profits?|results|guidance|dividends?|buybacks?|billion|retailer|stores|tech giant|antitrust|regulators?|platforms?|users|advertis\w*|outlook|forecast)\b/i;

function isTitleCase(sentence: string): boolean {
  const w = sentence.match(/[A-Za-z][a-z]+/g) ?? [];
  const long = w.filter((x) => x.length > 3);
  return long.length >= 2 && long.filter((x) => /^[A-Z]/.test(x)).length / long.length > 0.6;
}

const ADJACENT_CUE_RE = /^(?:'s)?\s+(?:shares?|stocks?|inc|corp|earnings|revenues?|sales|profits?|q[1-4]|ceo|results|guidance|valuation)\b/i;

export function words(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

export interface TickerFinder {
  find(sentences: readonly string[]): TickerHits[];
}

interface Phrase {
  readonly words: string[];
  readonly symbol: string;
  readonly needsContext: boolean;
}

export function createTickerFinder(universe: TickerUniverse): TickerFinder {
  // First word of each name phrase -> phrases starting with it, longest first.
  const phrasesByFirst = new Map<string, Phrase[]>();
  const index = (phrase: string, symbol: string, needsContext: boolean): void => {
    const w = words(phrase);
    const first = w[0];
    if (first === undefined) return;
    const list = phrasesByFirst.get(first) ?? [];
    list.push({ words: w, symbol, needsContext });
    list.sort((a, b) => b.words.length - a.words.length);
    phrasesByFirst.set(first, list);
  };
  for (const [phrase, symbol] of universe.namePhrases) index(phrase, symbol, false);
  for (const [phrase, symbol] of universe.contextPhrases) index(phrase, symbol, true);

  return {
    find(sentences) {
      const hits = new Map<string, TickerHits>();
      const add = (symbol: string, m: Mention): void => {
        let h = hits.get(symbol);
        if (h === undefined) {
          h = { symbol, sentences: [], kinds: new Set(), mentions: [] };
          hits.set(symbol, h);
        }
        h.sentences.push(m.sentence);
        h.kinds.add(m.kind);
        h.mentions.push(m);
      };
      const doubtful: Array<{ symbol: string; mention: Mention }> = [];

      sentences.forEach((sentence, si) => {
        if (sentence.length < 200 && FOOTER_RE.test(sentence)) return;
        const claimed = new Set<string>();
        const taken: Array<[number, number]> = [];
        const mention = (start: number, text: string, kind: MentionKind): Mention => ({ sentence: si, start, end: start + text.length, kind, text });
        for (const m of sentence.matchAll(CASHTAG_RE)) {
          const symbol = universe.canonical(m[1] ?? '');
          if (symbol === undefined) continue;
          add(symbol, mention(m.index, m[0], 'cashtag'));
          claimed.add(symbol);
          taken.push([m.index, m.index + m[0].length]);
        }
        const explicit = (symbol: string | undefined, at: number, text: string): void => {
          if (symbol === undefined || claimed.has(symbol)) return;
          add(symbol, mention(at, text, 'exchange'));
          claimed.add(symbol);
          taken.push([at, at + text.length]);
        };
        for (const m of sentence.matchAll(EXCHANGE_RE)) explicit(universe.canonical(m[1] ?? ''), m.index, m[0]);
        for (const m of sentence.matchAll(HK_EXCHANGE_RE)) {
          const code = `${(m[1] ?? '').padStart(4, '0')}.HK`;
          explicit(universe.canonical(code) ?? code, m.index, m[0]);
        }

        const shouting = sentence === sentence.toUpperCase();
        const found = [...sentence.matchAll(WORD_RE)];
        const w = found.map((m) => m[0]);
        const inTaken = (at: number): boolean => taken.some(([a, b]) => at >= a && at < b);
        for (let i = 0; i < w.length; i++) {
          const token = w[i] as string;
          const at = found[i]?.index ?? 0;
          if (inTaken(at)) continue;
          const candidates = phrasesByFirst.get(token);
          let matched = false;
          if (candidates !== undefined) {
            for (const c of candidates) {
              if (!c.words.every((cw, k) => w[i + k] === cw)) continue;
              const last = found[i + c.words.length - 1];
              const end = (last?.index ?? at) + (last?.[0].length ?? 0);
              const m = mention(at, sentence.slice(at, end), 'name');
              if (c.needsContext) doubtful.push({ symbol: c.symbol, mention: m });
              else add(c.symbol, m);
              i += c.words.length - 1;
              matched = true;
              break;
            }
          }
          if (matched) continue;
          if (FOREIGN_LISTING_RE.test(token)) {
            // A listing we cannot map to a US line is still reported, as written.
            explicit(universe.canonical(token) ?? token, at, token);
            continue;
          }
          if (shouting || !BARE_SYMBOL_RE.test(token) || BARE_SYMBOL_STOPLIST.has(token)) continue;
          const symbol = universe.canonical(token);
          // A bare symbol counts once per sentence and never doubles a cashtag in the same sentence.
          if (symbol !== undefined && !claimed.has(symbol)) {
            add(symbol, mention(at, token, 'symbol'));
            claimed.add(symbol);
          }
        }
      });

      for (const { symbol, mention } of doubtful) {
        const sentence = sentences[mention.sentence] ?? '';
        // In a Title Case Heading every word is capitalised, so a capital proves nothing.
        const cued = isTitleCase(sentence) ? ADJACENT_CUE_RE.test(sentence.slice(mention.end)) : MARKET_CUE_RE.test(sentence);
        if (hits.has(symbol) || cued) add(symbol, mention);
      }
      for (const h of hits.values()) {
        h.mentions.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
        h.sentences.sort((a, b) => a - b);
      }
      return [...hits.values()];
    },
  };
}
