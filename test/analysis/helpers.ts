import { createAnalyzer, type Analyzer } from '../../src/core/analyze.ts';
import { createTextScorer, type TextScorer } from '../../src/core/sentiment/scorer.ts';
import { createTickerFinder, type TickerFinder } from '../../src/core/tickers/find.ts';
import { loadLexicons, loadSentimentModel, loadTickerUniverse } from '../../src/data/load.ts';

export function shippedScorer(): TextScorer {
  return createTextScorer({ model: loadSentimentModel(), lexicons: loadLexicons() });
}

export function shippedFinder(): TickerFinder {
  return createTickerFinder(loadTickerUniverse());
}

export function shippedAnalyzer(): Analyzer {
  const universe = loadTickerUniverse();
  return createAnalyzer({ universe, finder: createTickerFinder(universe), scorer: shippedScorer() });
}

export function symbolsIn(finder: TickerFinder, text: string): string[] {
  return finder
    .find([text])
    .map((h) => h.symbol)
    .sort();
}
