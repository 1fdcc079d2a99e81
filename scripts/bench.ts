// Throughput of the analysis, measured against the bare `sentiment` package on the same texts
// in the same run. Usage: npm run bench [-- --seconds 2]
// Sections are a list so end-to-end measurements (ingest with many rules, latency, RSS) can be
// added beside these without touching the rest.
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import Sentiment from 'sentiment';
import { normalizeArticle } from '../src/core/normalize.ts';
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

function measure(section: Section, articles: readonly Article[], seconds: number): number {
  section.run(articles); // warm up
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    section.run(articles);
    done += articles.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return done / elapsed;
}

const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg >= 0 ? Number(process.argv[secondsArg + 1]) : 2;
const articles = loadArticles();
const analyzer = createDefaultAnalyzer();
const bare = new Sentiment();

const sections: Section[] = [
  { name: 'bare sentiment package (title + body)', run: (as) => as.forEach((a) => bare.analyze(`${a.title}\n${a.body}`)) },
  { name: 'tickerbell full analysis', run: (as) => as.forEach((a) => analyzer.analyze(a)) },
];

const chars = articles.reduce((n, a) => n + a.title.length + a.body.length, 0);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
console.log(`texts: ${articles.length} articles (5 seed articles + ${articles.length - 5} headlines), ${chars} characters; ${seconds}s per section`);
const rates = new Map<string, number>();
for (const s of sections) {
  const rate = measure(s, articles, seconds);
  rates.set(s.name, rate);
  console.log(`${s.name.padEnd(42)} ${rate.toFixed(0).padStart(8)} articles/s`);
}
const base = rates.get('bare sentiment package (title + body)') ?? 1;
const full = rates.get('tickerbell full analysis') ?? 0;
console.log(`full analysis / bare package: ${(full / base).toFixed(2)}x (target >= 0.5x)`);
