// Loads the data shipped in this folder: the ticker universe (built by `npm run
// tickers:refresh`), the sentiment model (built by `npm run train`) and the lexicons it reads.
// What a start derives from them (the universe's index, the finder's name tables, the model's compiled
// tables) is read from the build's precomputed files when they match the data (precomputed.ts), else
// derived here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTables, scorerFromTables, type CompiledScorer, type CompiledTables } from '../core/sentiment/compiled.ts';
import type { Lexicons } from '../core/sentiment/features.ts';
import type { SentimentModel } from '../core/sentiment/model.ts';
import type { ScorerDeps } from '../core/sentiment/scorer.ts';
import { createTickerFinder, indexNames, type NameIndex, type TickerFinder } from '../core/tickers/find.ts';
import {
  indexTickers,
  universeFromIndex,
  type TickerIndex,
  type TickerRow,
  type TickerUniverse,
} from '../core/tickers/universe.ts';
import { DATA_DIR } from '../paths.ts';
import { readPrecomputed, writePrecomputed } from './precomputed.ts';

const require = createRequire(import.meta.url);

/** Read from src/data wherever the code runs (sources or the bundle in dist/). */
const readData = (file: string): unknown => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));

/**
 * Where the build stores precomputed data: beside the bundle's modules (dist/startup-data), written
 * by the same build, so it always matches the code reading it. Run from the sources (tsx, tests),
 * this is src/data/startup-data, which nothing writes: everything is derived.
 */
export const STARTUP_DATA_DIR = fileURLToPath(new URL('./startup-data/', import.meta.url));

const UNIVERSE_INPUTS = ['tickers.json', 'ticker-aliases.json', 'listings.json'].map((f) => join(DATA_DIR, f));
const MODEL_INPUTS = [
  join(DATA_DIR, 'sentiment-model.json'),
  join(DATA_DIR, 'finance-lexicon.json'),
  require.resolve('sentiment/languages/en/labels.json'),
  require.resolve('sentiment/languages/en/negators.json'),
  require.resolve('afinn-165-financialmarketnews'),
];
const universeFile = (dir: string): string => join(dir, 'ticker-index.bin');
const modelFile = (dir: string): string => join(dir, 'model-tables.bin');
const namesFile = (dir: string): string => join(dir, 'finder-names.bin');

function buildTickerIndex(): TickerIndex {
  const rows = readData('tickers.json') as TickerRow[];
  const aliases = readData('ticker-aliases.json') as Record<string, string[]>;
  const listings = readData('listings.json') as { listings: Record<string, string> };
  return indexTickers(rows, aliases, { listings: listings.listings });
}

/** The ticker index stored in `dir`, if it was derived from the data as it is now. */
export function precomputedTickerIndex(dir: string): TickerIndex | null {
  return readPrecomputed(universeFile(dir), UNIVERSE_INPUTS) as TickerIndex | null;
}

/** The universe from the precomputed index in `dir` when it matches the data, else derived (dir null: always). */
export function readTickerUniverse(dir: string | null = STARTUP_DATA_DIR): TickerUniverse {
  return universeFromIndex((dir === null ? null : precomputedTickerIndex(dir)) ?? buildTickerIndex());
}

/** The finder's name tables stored in `dir`, if they were derived from the data as it is now. */
export function precomputedNameIndex(dir: string): NameIndex | null {
  return readPrecomputed(namesFile(dir), UNIVERSE_INPUTS) as NameIndex | null;
}

/** A finder over the shipped universe, its name tables from `dir` when they match the data, else derived (dir null: always). */
export function readTickerFinder(dir: string | null = STARTUP_DATA_DIR): TickerFinder {
  const universe = dir === STARTUP_DATA_DIR ? loadTickerUniverse() : readTickerUniverse(dir);
  return createTickerFinder(universe, (dir === null ? null : precomputedNameIndex(dir)) ?? indexNames(universe));
}

let cached: TickerUniverse | null = null;

export function loadTickerUniverse(): TickerUniverse {
  cached ??= readTickerUniverse();
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

/** The compiled model tables stored in `dir`, if they were derived from the data as it is now. */
export function precomputedModelTables(dir: string): CompiledTables | null {
  return readPrecomputed(modelFile(dir), MODEL_INPUTS) as CompiledTables | null;
}

/**
 * What createTextScorer needs, with the compiled tables from `dir` when they match the data (dir
 * null: always compiled here). The model and lexicons are then read only if an explanation asks.
 */
export function readScorerDeps(dir: string | null = STARTUP_DATA_DIR): ScorerDeps {
  const stored = dir === null ? null : precomputedModelTables(dir);
  if (stored === null) return { model: loadSentimentModel(), lexicons: loadLexicons() };
  const compiled: CompiledScorer = scorerFromTables(stored);
  return {
    compiled,
    get model() {
      return loadSentimentModel();
    },
    lexicons: {
      get afinn() {
        return loadLexicons().afinn;
      },
      get finance() {
        return loadLexicons().finance;
      },
      get negators() {
        return loadLexicons().negators;
      },
    },
  };
}

/** Derives the universe's index, the finder's name tables and the model's tables from the data and stores them in `dir` (the build runs this). */
export function writeStartupData(dir: string): void {
  const index = buildTickerIndex();
  writePrecomputed(universeFile(dir), UNIVERSE_INPUTS, index);
  writePrecomputed(namesFile(dir), UNIVERSE_INPUTS, indexNames(universeFromIndex(index)));
  writePrecomputed(modelFile(dir), MODEL_INPUTS, compileTables(loadSentimentModel(), loadLexicons()));
}
