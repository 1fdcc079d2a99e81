import type { TickerUniverse } from './universe.ts';

export type MentionKind = 'cashtag' | 'exchange' | 'name' | 'symbol';

/** Where one company is mentioned in a document split into sentences. */
export interface TickerHits {
  readonly symbol: string;
  /** Indexes into the sentence list, ascending, one per mention. */
  readonly sentences: number[];
  readonly kinds: Set<MentionKind>;
}

// Uppercase words that are tickers but far more often something else.
const BARE_SYMBOL_STOPLIST: ReadonlySet<string> = new Set(
  (
    'A I AI IT ON ALL NOW ONE TWO ARE CAN FOR SEE BIG NEW OUT ANY HAS WAS YOU CEO CFO COO CTO USA US UK EU GDP ' +
    'IPO ETF EPS PE ROI ROIC AND THE NOT BUT LOW HIGH GPU CPU API SEC FED FDA DOJ FTC NYSE NASDAQ AMEX OTC ESG ' +
    'TV PC EV EVS AR VR ML LLM Q1 Q2 Q3 Q4 FY YOY QOQ TTM ATH CAGR LLC INC LTD PLC CO CORP GAAP EBIT EBITDA ' +
    'USD EUR CNY HKD JPY GBP AM PM OK HR PR IR RE UP DD OR SO GO BE BY AT AS AN IF IN IS OF TO MY WE HE ' +
    'VS MAG MAGA GOP EST PST UTC NEWS CASH LOVE FUN TECH REAL SAFE BEST GOOD HUGE MOST LIVE OPEN CARE PLAY ' +
    'BOX AIR CAR MAN KEY LIFE TRUE WELL FAST NICE RUN PAY SUN BIRD WIN'
  ).split(/\s+/),
);

const EXCHANGE_RE =
  /\b(?:NYSE(?:\s+American|\s*Arca)?|NASDAQ|Nasdaq|AMEX|NYSEARCA|OTC(?:QX|QB)?|BATS|Cboe)\s*:\s*\$?([A-Z]{1,5}(?:[.-][A-Z]{1,2})?)\b/g;
const CASHTAG_RE = /(?<![\w$])\$([A-Za-z]{1,6}(?:[.-][A-Za-z]{1,2})?)\b/g;
const WORD_RE = /[\p{L}\p{N}&][\p{L}\p{N}&.-]*[\p{L}\p{N}&]|[\p{L}\p{N}&]/gu;

export function words(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

export interface TickerFinder {
  find(sentences: readonly string[]): TickerHits[];
}

export function createTickerFinder(universe: TickerUniverse): TickerFinder {
  // First word of each name phrase -> phrases starting with it, longest first.
  const phrasesByFirst = new Map<string, Array<{ words: string[]; symbol: string }>>();
  for (const [phrase, symbol] of universe.namePhrases) {
    const w = words(phrase);
    const first = w[0];
    if (first === undefined) continue;
    const list = phrasesByFirst.get(first) ?? [];
    list.push({ words: w, symbol });
    list.sort((a, b) => b.words.length - a.words.length);
    phrasesByFirst.set(first, list);
  }

  return {
    find(sentences) {
      const hits = new Map<string, TickerHits>();
      const add = (symbol: string, index: number, kind: MentionKind): void => {
        let h = hits.get(symbol);
        if (h === undefined) {
          h = { symbol, sentences: [], kinds: new Set() };
          hits.set(symbol, h);
        }
        h.sentences.push(index);
        h.kinds.add(kind);
      };

      sentences.forEach((sentence, index) => {
        const claimed = new Set<string>();
        for (const m of sentence.matchAll(CASHTAG_RE)) {
          const symbol = universe.canonical(m[1] ?? '');
          if (symbol !== undefined) {
            add(symbol, index, 'cashtag');
            claimed.add(symbol);
          }
        }
        for (const m of sentence.matchAll(EXCHANGE_RE)) {
          const symbol = universe.canonical(m[1] ?? '');
          if (symbol !== undefined && !claimed.has(symbol)) {
            add(symbol, index, 'exchange');
            claimed.add(symbol);
          }
        }
        const w = words(sentence);
        const shouting = sentence === sentence.toUpperCase();
        for (let i = 0; i < w.length; i++) {
          const token = w[i] as string;
          const candidates = phrasesByFirst.get(token);
          let matched = false;
          if (candidates !== undefined) {
            for (const c of candidates) {
              if (c.words.every((cw, k) => w[i + k] === cw)) {
                add(c.symbol, index, 'name');
                i += c.words.length - 1;
                matched = true;
                break;
              }
            }
          }
          if (matched || shouting || token.length < 3 || token !== token.toUpperCase()) continue;
          if (BARE_SYMBOL_STOPLIST.has(token) || !/^[A-Z]{3,5}$/.test(token)) continue;
          const symbol = universe.canonical(token);
          // A bare symbol counts once per sentence and never doubles a cashtag in the same sentence.
          if (symbol !== undefined && !claimed.has(symbol)) {
            add(symbol, index, 'symbol');
            claimed.add(symbol);
          }
        }
      });
      return [...hits.values()];
    },
  };
}
