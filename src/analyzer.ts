// The default analyser: pure core logic over the data shipped in src/data. Kept apart from main.ts so
// the CLI's `score` loads no chat SDKs or database.
import { createAnalyzer, type Analyzer } from './core/analyze.ts';
import { createTextScorer } from './core/sentiment/scorer.ts';
import { createTickerFinder } from './core/tickers/find.ts';
import type { TickerUniverse } from './core/tickers/universe.ts';
import { loadTickerUniverse, readScorerDeps, readTickerFinder } from './data/load.ts';

/** Over the shipped universe (its finder's tables precomputed by the build), or over `universe`. */
export function createDefaultAnalyzer(universe?: TickerUniverse): Analyzer {
  return createAnalyzer({
    universe: universe ?? loadTickerUniverse(),
    finder: universe === undefined ? readTickerFinder() : createTickerFinder(universe),
    scorer: createTextScorer(readScorerDeps()),
  });
}
