// Measures sentiment and ticker finding on the held-out test splits and writes EVAL.md.
// Usage: npm run eval -- [data-dir] [--no-write]   (default labelled/; split rule in
// scripts/lib/sentiment-data.ts). Prints the table; writes EVAL.md unless --no-write.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createAnalyzer } from '../src/core/analyze.ts';
import { createTextScorer } from '../src/core/sentiment/scorer.ts';
import { createTickerFinder } from '../src/core/tickers/find.ts';
import { loadLexicons, loadSentimentModel, loadTickerUniverse } from '../src/data/load.ts';
import { dataDirFromArgs, repoRoot } from './lib/data-dir.ts';
import {
  baselineClassifiers,
  evaluateClassifier,
  evaluateEntities,
  tickerbellClassifiers,
  type Classify,
  type Metrics,
} from './lib/evaluate.ts';
import { loadOwnSplits } from './lib/own-data.ts';
import { loadSplits, ownExamples, type Example } from './lib/sentiment-data.ts';
import { trainModel } from './lib/training.ts';
import { MENTION_ONLY_CAP } from '../src/core/tickers/relevance.ts';
import { findWith, tickerEvalSection } from './lib/ticker-eval.ts';

const args = process.argv.slice(2);
const splits = loadSplits(dataDirFromArgs(args));
const lexicons = loadLexicons();
const scorer = createTextScorer({ model: loadSentimentModel(), lexicons });
const universe = loadTickerUniverse();
const finder = createTickerFinder(universe);
const analyzer = createAnalyzer({ universe, finder, scorer });

const classifiers = { ...baselineClassifiers(), ...tickerbellClassifiers(scorer) };
const f = (x: number): string => x.toFixed(3);
const rows: string[] = [];
const sets = [
  { name: 'SEntFiN test (per entity)', examples: splits.sentfinTest },
  { name: 'Twitter financial news valid', examples: splits.twitterTest },
];
const results: Record<string, Record<string, Metrics>> = {};
for (const [name, classify] of Object.entries(classifiers)) {
  results[name] = {};
  const cells = sets.map((s) => {
    const m = evaluateClassifier(s.examples, classify);
    (results[name] as Record<string, Metrics>)[s.name] = m;
    return `${f(m.accuracy)} | ${f(m.macroF1)}`;
  });
  rows.push(`| ${name} | ${cells.join(' | ')} |`);
}
const trainFit = evaluateClassifier(
  splits.train,
  tickerbellClassifiers(scorer)['tickerbell, clauses about the entity'] as never,
);
// An entity is "listed" when the universe holds its name as a company name or alias, or it is a symbol.
const listedNames = new Set(
  [...universe.namePhrases.keys(), ...universe.contextPhrases.keys()].map((p) => p.toLowerCase()),
);
const entities = evaluateEntities(
  splits.sentfinTestHeadlines,
  analyzer,
  (title) =>
    finder.find([title]).flatMap((h) => h.mentions.map((m) => ({ symbol: h.symbol, start: m.start, end: m.end }))),
  (name) =>
    listedNames.has(name.toLowerCase()) || (/^[A-Z]{2,5}$/.test(name) && universe.canonical(name) !== undefined),
);
const tickerSection = tickerEvalSection(repoRoot, dataDirFromArgs(args), findWith(analyzer), MENTION_ONLY_CAP);

// Transfer: the shipped training procedure fitted without one source (its train and dev), then scored
// on that source's test split: how the model reads news whose writers and labellers it never saw.
const own = loadOwnSplits();
const ownTrain = ownExamples(own.train);
const ownTest = ownExamples(own.test);
const shippedData = [...splits.train, ...splits.dev, ...ownTrain];
const perEntity = (s: typeof scorer): Classify =>
  tickerbellClassifiers(s)['tickerbell, clauses about the entity'] as Classify;
const fitted = (keep: (e: Example) => boolean, what: string): Classify =>
  perEntity(createTextScorer({ model: trainModel(shippedData.filter(keep), lexicons, what), lexicons }));
const shippedEntity = perEntity(scorer);
const cell = (examples: readonly Example[], c: Classify): string => {
  const m = evaluateClassifier(examples, c);
  return `${f(m.accuracy)} | ${f(m.macroF1)}`;
};
const transfer = [
  { set: 'SEntFiN test (per entity)', examples: splits.sentfinTest, source: 'sentfin', rest: 'Twitter' },
  { set: 'Twitter financial news valid', examples: splits.twitterTest, source: 'twitter', rest: 'SEntFiN' },
  { set: `own sentences test (${ownTest.length})`, examples: ownTest, source: 'own', rest: 'SEntFiN + Twitter' },
].flatMap((t) => [
  `| ${t.set} | ${t.rest}${t.source === 'own' ? '' : ' + own train'} (never saw this source) | ${cell(
    t.examples,
    fitted((e) => e.source !== t.source, `without ${t.source}`),
  )} |`,
  ...(t.source === 'own'
    ? []
    : [
        `| ${t.set} | ${t.rest} only | ${cell(
          t.examples,
          fitted((e) => e.source !== t.source && e.source !== 'own', `${t.rest} only`),
        )} |`,
      ]),
  `| ${t.set} | all three (shipped) | ${cell(t.examples, shippedEntity)} |`,
]);
const transferTable = [
  '| test set | trained on (train + dev; own: its train split) | accuracy | macro-F1 |',
  '|---|---|---|---|',
  ...transfer,
].join('\n');
const byStyle = [...new Set(own.test.map((s) => s.style))].sort().map((style) => {
  const at = ownTest.filter((_, i) => own.test[i]?.style === style);
  return `| ${style} | ${at.length} | ${cell(at, shippedEntity)} |`;
});
const styleTable = ['| style | sentences | accuracy | macro-F1 |', '|---|---|---|---|', ...byStyle].join('\n');

const table = [
  `| scorer | SEntFiN acc | SEntFiN macro-F1 | Twitter acc | Twitter macro-F1 |`,
  `|---|---|---|---|---|`,
  ...rows,
].join('\n');
const body = `# Sentiment and ticker evaluation

Written by \`npm run eval\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}).
Do not edit by hand; re-run the script.

## Data and split

- SEntFiN 1.0 (MIT; 10,753 headlines with entity-level labels). A headline is in the **test** split when
  \`fnv1a32(title) % 10 < 2\`, in **dev** when it is 2, else in **train**. Scored **per entity**: ${splits.sentfinTest.length} test entities
  from ${splits.sentfinTestHeadlines.length} headlines.
- Twitter financial news sentiment (MIT): \`sent_train.csv\` is training data (dev slice by the same hash rule);
  \`sent_valid.csv\` is the test split (${splits.twitterTest.length} tweets). Labels: 0 bearish, 1 bullish, 2 neutral.
- \`npm run train\` reads only train and dev (settings chosen on dev, final fit on train + dev). Nothing is tuned on test.
- Baselines read the whole headline or tweet (they have no notion of an entity). The tickerbell rows show the same model
  reading the whole text and reading only the clauses about the labelled entity (the way the analyzer scores each ticker).
- Classes come from the product's labels: bearish or somewhat-bearish = negative, neutral = neutral,
  somewhat-bullish or bullish = positive (score = P(positive) - P(negative), neutral band ±0.15).

## Sentiment (accuracy | macro-F1)

${table}

## Transfer (accuracy | macro-F1 on news from a source the model was not trained on)

The same training procedure as \`npm run train\`, fitted here without one source's examples, then scored on that source's
test split per entity, as the analyzer reads a ticker. These rows say how the model reads news whose writers and labellers
it never saw; the shipped model learns from all three (SEntFiN and Twitter train + dev, the own sentences' train split).

${transferTable}

The own sentences (\`labelled/own/\`, written by the team under \`docs/labelling.md\`): a sentence is in the test split when
\`fnv1a32(group) % 10 < 3\`; every sentence about one company shares a group. Only the train split is trained on. The
shipped model on the test split, by style:

${styleTable}

Fit on the training data itself (per-entity clauses, train split): accuracy ${f(trainFit.accuracy)}; the gap to the test
rows above is the overfitting to watch.

## Ticker finding on SEntFiN test headlines

The universe is US-listed (SEC list) and SEntFiN is mostly Indian companies, indexes and sectors, so recall here is low by
construction; precision says how often a ticker found in a headline is one of its labelled entities. "Listed" entities are
the labelled ones whose name the universe holds (a company name, an alias, or a symbol), so their recall is what the
finder could have found; an Indian company whose initials happen to be a US symbol counts as listed, so this recall is a
lower bound too.

| labelled entities | tickers found | precision | recall | listed entities | recall on listed | sentiment accuracy on found entities |
|---|---|---|---|---|---|---|
| ${entities.labelled} | ${entities.found} | ${f(entities.precision)} | ${f(entities.recall)} | ${entities.listed} | ${f(entities.listedRecall)} | ${f(entities.sentimentAccuracy)} (n=${entities.sentimentN}) |

${tickerSection}`;
console.log(table);
console.log(transferTable);
console.log(styleTable);
console.log(`train fit ${f(trainFit.accuracy)}`);
console.log(JSON.stringify(entities));
console.log(tickerSection);
if (!args.includes('--no-write')) {
  writeFileSync(`${repoRoot}EVAL.md`, body);
  console.log('wrote EVAL.md');
}
