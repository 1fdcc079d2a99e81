// Throughput of the analysis, measured against the bare `sentiment` package on the same texts
// in the same run. Usage: npm run bench [-- --seconds 2] [--parts]
// --parts adds the analysis's two largest parts timed alone (sentence scoring, ticker finding).
// Sections are a list so end-to-end measurements (ingest with many rules, latency, RSS) can be
// added beside these without touching the rest.
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import Sentiment from 'sentiment';
import { normalizeArticle } from '../src/core/normalize.ts';
import { createTextScorer } from '../src/core/sentiment/scorer.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import { createTickerFinder } from '../src/core/tickers/find.ts';
import { loadLexicons, loadSentimentModel, loadTickerUniverse } from '../src/data/load.ts';
import { createDefaultAnalyzer } from '../src/main.ts';
import { parseArticleFile } from '../src/sources/parse-file.ts';
import { repoRoot } from './lib/data-dir.ts';

interface Article {
  readonly title: string;
  readonly body: string;
}

interface Section {
  readonly name: string;
  /** Processes every article once. */
  readonly run: (articles: readonly Article[]) => void;
}

function loadArticles(): Article[] {
  const out: Article[] = [];
  for (const f of readdirSync(`${repoRoot}seeds`).filter((x) => x.endsWith('.txt')).sort()) {
    for (const raw of parseArticleFile(f, readFileSync(`${repoRoot}seeds/${f}`, 'utf8'), 'seeds').articles) {
      const n = normalizeArticle(raw);
      if (n.ok) out.push({ title: n.value.article.title, body: n.value.article.body });
    }
  }
  // Headline-sized items too, as feeds deliver many of those.
  const sample = JSON.parse(readFileSync(`${repoRoot}test/fixtures/sentiment-sample.json`, 'utf8')) as { twitter: Array<{ full: string }> };
  for (const t of sample.twitter) out.push({ title: t.full, body: '' });
  return out;
}

/**
 * Articles per second of each section, measured in alternating rounds over the same span of
 * time, so a load change on a shared machine hits every section alike rather than whichever
 * happened to run last. Time is the process's CPU time (user + system), which a busy
 * machine's scheduling does not inflate.
 */
function measure(sections: readonly Section[], articles: readonly Article[], seconds: number): number[] {
  for (const s of sections) for (let i = 0; i < 20; i++) s.run(articles); // warm up
  const cpu = sections.map(() => 0);
  const done = sections.map(() => 0);
  const start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) / 1e9 < seconds * sections.length) {
    sections.forEach((s, i) => {
      const before = process.cpuUsage();
      for (let r = 0; r < 5; r++) s.run(articles);
      const used = process.cpuUsage(before);
      cpu[i] = (cpu[i] as number) + (used.user + used.system) / 1e6;
      done[i] = (done[i] as number) + 5 * articles.length;
    });
  }
  return sections.map((_, i) => (done[i] as number) / (cpu[i] as number));
}

const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg >= 0 ? Number(process.argv[secondsArg + 1]) : 2;
const articles = loadArticles();
const analyzer = createDefaultAnalyzer();
const bare = new Sentiment();

const sections: Section[] = [
  { name: 'bare sentiment package (title + body)', run: (as) => as.forEach((a) => bare.analyze(`${a.title}\n${a.body}`)) },
  { name: 'tickerbell full analysis', run: (as) => as.forEach((a) => analyzer.analyze(a)) },
  // What `score --explain` costs on top: the evidence is built only when read.
  {
    name: 'tickerbell analysis + explanations',
    run: (as) =>
      as.forEach((a) => {
        const r = analyzer.analyze(a);
        if (r.evidence.length < 0 || (r.tickerEvidence?.length ?? 0) < 0) throw new Error('unreachable');
      }),
  },
];

if (process.argv.includes('--parts')) {
  // The sentences as the analysis reads them (title first), split once here so only the part is timed.
  const sentencesOf = new Map(
    articles.map((a) => {
      const s = splitSentences(a.body);
      if (a.title.trim().length > 0) s.unshift(a.title.trim());
      return [a, s] as const;
    }),
  );
  const scorer = createTextScorer({ model: loadSentimentModel(), lexicons: loadLexicons() });
  const finder = createTickerFinder(loadTickerUniverse());
  sections.push(
    { name: 'part: scoring the sentences only', run: (as) => as.forEach((a) => sentencesOf.get(a)?.forEach((s) => scorer(s))) },
    { name: 'part: finding tickers only', run: (as) => as.forEach((a) => finder.find(sentencesOf.get(a) ?? [])) },
  );
}

const chars = articles.reduce((n, a) => n + a.title.length + a.body.length, 0);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
console.log(`texts: ${articles.length} articles (5 seed articles + ${articles.length - 5} headlines), ${chars} characters; ${seconds}s per section, sections alternating, CPU time`);
const measured = measure(sections, articles, seconds);
const rates = new Map<string, number>();
sections.forEach((s, i) => {
  const rate = measured[i] as number;
  rates.set(s.name, rate);
  console.log(`${s.name.padEnd(42)} ${rate.toFixed(0).padStart(8)} articles/s`);
});
const base = rates.get('bare sentiment package (title + body)') ?? 1;
const full = rates.get('tickerbell full analysis') ?? 0;
console.log(`full analysis / bare package: ${(full / base).toFixed(2)}x (target >= 0.5x)`);
