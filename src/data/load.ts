// Loads the data shipped in this folder: the ticker universe (built by `npm run
// tickers:refresh`), the sentiment model (built by `npm run train`) and the lexicons it reads.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Lexicons } from '../core/sentiment/features.ts';
import type { SentimentModel } from '../core/sentiment/model.ts';
import { createTickerUniverse, type TickerRow, type TickerUniverse } from '../core/tickers/universe.ts';
import { DATA_DIR } from '../paths.ts';

const require = createRequire(import.meta.url);

/** Read from src/data wherever the code runs (sources or the bundle in dist/). */
const readData = (file: string): unknown => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));

let cached: TickerUniverse | null = null;

export function loadTickerUniverse(): TickerUniverse {
  if (cached === null) {
    const rows = readData('tickers.json') as TickerRow[];
    const aliases = readData('ticker-aliases.json') as Record<string, string[]>;
    const listings = readData('listings.json') as { listings: Record<string, string> };
    cached = createTickerUniverse(rows, aliases, { listings: listings.listings });
  }
  return cached;
}

/**
 * The same universe, built on first use: a start that finds nothing new and reads no command never
 * pays for it (the tables and derived names cost more than the rest of start-up's own work).
 */
export function deferredTickerUniverse(): TickerUniverse {
  return {
    get size() {
      return loadTickerUniverse().size;
    },
    get namePhrases() {
      return loadTickerUniverse().namePhrases;
    },
    get contextPhrases() {
      return loadTickerUniverse().contextPhrases;
    },
    get strictPhrases() {
      return loadTickerUniverse().strictPhrases;
    },
    canonical: (symbol) => loadTickerUniverse().canonical(symbol),
    get: (symbol) => loadTickerUniverse().get(symbol),
    search: (query, limit) => loadTickerUniverse().search(query, limit),
    family: (symbol) => loadTickerUniverse().family(symbol),
  };
}

let lexicons: Lexicons | null = null;

/**
 * AFINN-165 from the `sentiment` package is the base; the finance table holds only the words
 * where afinn-165-financialmarketnews or our overlay (finance-lexicon.json) disagree with it.
 * The tables are read, never handed to Sentiment#analyze's `extras`, which in sentiment v5
 * mutates a shared table and would make scores depend on call order.
 */
export function loadLexicons(): Lexicons {
  if (lexicons === null) {
    const afinn = require('sentiment/languages/en/labels.json') as Record<string, number>;
    const negators = require('sentiment/languages/en/negators.json') as Record<string, number>;
    const { afinn165FinancialMarketNews: market } = require('afinn-165-financialmarketnews') as {
      afinn165FinancialMarketNews: Record<string, number>;
    };
    const overlay = (readData('finance-lexicon.json') as { words: Record<string, number> }).words;
    const finance = new Map<string, number>();
    for (const [word, v] of Object.entries(market)) if (afinn[word] !== v && !word.includes(' ')) finance.set(word, v);
    for (const [word, v] of Object.entries(overlay)) finance.set(word, v);
    const negatorSet = new Set(Object.keys(negators).filter((w) => !w.includes("'")));
    for (const w of ['not', 'no', 'never', 'without', 'nor', 'neither', 'hardly', 'cannot', 'fails', 'failed']) negatorSet.add(w);
    lexicons = { afinn: new Map(Object.entries(afinn)), finance, negators: negatorSet };
  }
  return lexicons;
}

let model: SentimentModel | null = null;

export function loadSentimentModel(): SentimentModel {
  model ??= readData('sentiment-model.json') as SentimentModel;
  return model;
}
