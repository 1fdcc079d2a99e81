// Fingerprints of what the analysis says about every text the repo holds, so a change meant only to
// make it faster (or to reshape its code) can show it changed nothing. Usage:
//   npm run check:analysis-identity [-- --save before.json]      print (and keep) the fingerprints
//   npm run check:analysis-identity -- --against before.json      exit 1 when any differs
// Three fingerprints: the analyses (score, label, tickers with relevance and sentiment, summary) of
// the labelled sentences, ticker headlines, seeds, fixtures and 5 KB articles; the sentence scorer's
// exact probabilities on every labelled text and company's clauses; and the explanations
// (`--explain`) of the team's own sentences and headlines.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createDefaultAnalyzer } from '../src/analyzer.ts';
import { findNameSpans } from '../src/core/sentiment/entity-text.ts';
import { createTextScorer } from '../src/core/sentiment/scorer.ts';
import { loadLexicons, loadSentimentModel } from '../src/data/load.ts';
import { defaultDataDir, repoRoot } from './lib/data-dir.ts';
import { readOwnSentences } from './lib/own-data.ts';
import { seedArticles, type SeedArticle } from './lib/seed-articles.ts';
import { readSentfin, readTwitter } from './lib/sentiment-data.ts';

type Article = SeedArticle;

/** Each seed's title over all the seeds' bodies run together (as bench.ts --long, uncut). */
function longArticles(seeds: readonly Article[]): Article[] {
  return seeds.map((a, i) => ({
    title: a.title,
    body: seeds.map((_, k) => (seeds[(i + k) % seeds.length] as Article).body).join('\n\n'),
  }));
}

const own = readOwnSentences();
const headlines = readFileSync(`${repoRoot}labelled/own/ticker-headlines.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { title: string; body?: string });
const sample = JSON.parse(readFileSync(`${repoRoot}test/fixtures/sentiment-sample.json`, 'utf8')) as Record<
  'sentfin' | 'twitter',
  Array<{ full: string }>
>;
const sentfin = readSentfin(`${defaultDataDir}/sentiment/sentfin/SEntFiN.csv`);
const tweets = ['sent_train.csv', 'sent_valid.csv'].flatMap((f) =>
  readTwitter(`${defaultDataDir}/sentiment/twitter-financial-news-sentiment/${f}`),
);
const seeds = seedArticles();

const articles: Article[] = [
  ...own.map((s) => ({ title: s.text, body: '' })),
  ...headlines.map((h) => ({ title: h.title, body: h.body ?? '' })),
  ...[...sample.sentfin, ...sample.twitter].map((x) => ({ title: x.full, body: '' })),
  ...sentfin.map((h) => ({ title: h.title, body: '' })),
  ...tweets.map((t) => ({ title: t.full, body: '' })),
  ...seeds,
  ...longArticles(seeds),
];

const analyzer = createDefaultAnalyzer();
const scorer = createTextScorer({ model: loadSentimentModel(), lexicons: loadLexicons() });

const analyses = createHash('sha256');
for (const a of articles) {
  const r = analyzer.analyze(a);
  analyses.update(JSON.stringify({ sentiment: r.sentiment, tickers: r.tickers, summary: r.summary }));
}

// Full precision: the probabilities of each text and of each labelled company's clauses.
const scores = createHash('sha256');
const entityTexts = [
  ...own.map((s) => ({ text: s.text, names: [s.entity] })),
  ...sentfin.map((h) => ({ text: h.title, names: h.entities.map((e) => e.name) })),
];
for (const { text, names } of entityTexts) {
  const mentions = names.flatMap((name) => findNameSpans(text, name).map((span) => ({ key: name, span })));
  const r = scorer.sentence(text, mentions);
  scores.update(JSON.stringify([r.scored.probs, [...r.entities].map(([k, v]) => [k, v.probs])]));
}
for (const t of tweets) scores.update(JSON.stringify(scorer(t.full).probs));

const explanations = createHash('sha256');
for (const a of [
  ...own.map((s) => ({ title: s.text, body: '' })),
  ...headlines.map((h) => ({ title: h.title, body: h.body ?? '' })),
  ...seeds,
]) {
  const r = analyzer.analyze(a);
  explanations.update(JSON.stringify({ evidence: r.evidence, tickers: r.tickerEvidence }));
}

const result = {
  texts: articles.length,
  analyses: analyses.digest('hex').slice(0, 16),
  scores: scores.digest('hex').slice(0, 16),
  explanations: explanations.digest('hex').slice(0, 16),
};
console.log(JSON.stringify(result, null, 2));

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const save = flag('--save');
if (save !== undefined) writeFileSync(save, `${JSON.stringify(result, null, 2)}\n`);
const against = flag('--against');
if (against !== undefined) {
  const before = JSON.parse(readFileSync(against, 'utf8')) as Record<string, unknown>;
  const differ = Object.entries(result).filter(([k, v]) => before[k] !== v);
  for (const [k, v] of differ) console.error(`${k}: ${String(before[k])} before, ${String(v)} now`);
  if (differ.length > 0) process.exit(1);
  console.log(`identical to ${against}`);
}
