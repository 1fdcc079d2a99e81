// Throughput of the analysis, measured against the bare `sentiment` package on the same texts
// in the same run. Usage: npm run bench:analysis [-- --seconds 2] [--rounds 3] [--warmup 3] [--parts] [--long]
// --parts adds the analysis's two largest parts timed alone (sentence scoring, ticker finding).
// --long times 5 KB articles (the seed articles' bodies run together) instead of the usual mix.
//
// Each section runs in a process of its own (this script with --section), so no section shares a
// heap, a garbage collector or warm caches with another: measured in one process, sections
// interleaved every few milliseconds, the bare package was charged for the analysis's garbage and
// cache misses, which flattered the ratio (docs/performance.md). The processes run one after another,
// every section once per round, over several rounds, so a load change on a shared machine reaches
// every section alike; time is CPU time (user + system), which scheduling on a busy machine does not
// inflate. A section's figure is its median over the rounds; the range is printed too.
//
// The sections run this script bundled by esbuild as dist/ is (the code users run), not through tsx,
// and time only after a warm-up long enough for the analysis to reach its steady speed: the JIT
// takes about 2.5 s of CPU to optimise its large functions, and a shorter warm-up times that instead
// (docs/performance.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import Sentiment from 'sentiment';
import { createDefaultAnalyzer } from '../src/analyzer.ts';
import { createTextScorer } from '../src/core/sentiment/scorer.ts';
import { flat } from '../src/core/text/flat.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import { createTickerFinder } from '../src/core/tickers/find.ts';
import { loadLexicons, loadSentimentModel, loadTickerUniverse } from '../src/data/load.ts';
import { repoRoot } from './lib/data-dir.ts';
import { seedArticles } from './lib/seed-articles.ts';

interface Article {
  readonly title: string;
  readonly body: string;
}

const LONG = process.argv.includes('--long');
const LONG_CHARS = 5000;

/** 5 KB articles: each seed article's title over its body followed by the other seeds' bodies, cut at the sentence that passes 5,000 characters. */
function longArticles(seeds: readonly Article[]): Article[] {
  return seeds.map((a, i) => {
    let body = '';
    for (let k = 0; body.length < LONG_CHARS; k++) body += `${(seeds[(i + k) % seeds.length] as Article).body}\n\n`;
    const cut = body.indexOf('. ', LONG_CHARS);
    return { title: a.title, body: cut < 0 ? body : body.slice(0, cut + 1) };
  });
}

function loadArticles(): Article[] {
  const out = seedArticles();
  if (LONG) return longArticles(out);
  // Headline-sized items too, as feeds deliver many of those.
  const sample = JSON.parse(readFileSync(`${repoRoot}test/fixtures/sentiment-sample.json`, 'utf8')) as {
    twitter: Array<{ full: string }>;
  };
  for (const t of sample.twitter) out.push({ title: t.full, body: '' });
  return out;
}

const BARE = 'bare sentiment package (title + body)';
const FULL = 'tickerbell full analysis';
const EXPLAINED = 'tickerbell analysis + explanations';
const SENTENCES = 'part: scoring the sentences only';
const TICKERS = 'part: finding tickers only';

/** The work of one section: processes every article once. Built only in the section's own process. */
function sectionRun(name: string, articles: readonly Article[]): () => void {
  if (name === BARE) {
    const bare = new Sentiment();
    return () => articles.forEach((a) => bare.analyze(`${a.title}\n${a.body}`));
  }
  if (name === FULL || name === EXPLAINED) {
    const analyzer = createDefaultAnalyzer();
    if (name === FULL) return () => articles.forEach((a) => analyzer.analyze(a));
    // What `score --explain` costs on top: the evidence is built only when read.
    return () =>
      articles.forEach((a) => {
        const r = analyzer.analyze(a);
        if (r.evidence.length < 0 || (r.tickerEvidence?.length ?? 0) < 0) throw new Error('unreachable');
      });
  }
  // The sentences as the analysis reads them (title first, flat as it makes it), split once here so
  // only the part is timed.
  const sentences = articles.map((a) => {
    const s = splitSentences(a.body);
    if (a.title.trim().length > 0) s.unshift(flat(a.title.trim()));
    return s;
  });
  if (name === SENTENCES) {
    const scorer = createTextScorer({ model: loadSentimentModel(), lexicons: loadLexicons() });
    return () => sentences.forEach((list) => list.forEach((s) => scorer(s)));
  }
  if (name === TICKERS) {
    const finder = createTickerFinder(loadTickerUniverse());
    return () => sentences.forEach((list) => finder.find(list));
  }
  throw new Error(`unknown section: ${name}`);
}

function cpuSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** In a section's own process: warm up for `warmup` CPU seconds, then articles per CPU second over `seconds`. */
function runSection(name: string, seconds: number, warmup: number): void {
  const articles = loadArticles();
  const run = sectionRun(name, articles);
  const warm = process.cpuUsage();
  let warmPasses = 0;
  while (cpuSince(warm) < warmup) {
    run();
    warmPasses++;
  }
  // What the warm-up itself ran at: the speed of a process that has analysed few articles yet.
  const cold = (warmPasses * articles.length) / cpuSince(warm);
  const before = process.cpuUsage();
  let passes = 0;
  while (cpuSince(before) < seconds) {
    run();
    passes++;
  }
  console.log(JSON.stringify({ rate: (passes * articles.length) / cpuSince(before), cold }));
}

const arg = (flag: string, fallback: number): number => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * This script bundled as scripts/build.mjs bundles the product (esbuild, ESM, Node 20), packages left
 * external (the analysis imports none; the bare package is plain JavaScript either way). Written under
 * dist/, two levels down, so the bundle finds the repo's files as the sources do.
 */
async function bundleSelf(self: string): Promise<string> {
  const dir = `${repoRoot}dist/bench`;
  mkdirSync(dir, { recursive: true });
  const outfile = `${dir}/bench.mjs`;
  await build({
    entryPoints: [self],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

async function main(): Promise<void> {
  const seconds = arg('--seconds', 2);
  const rounds = arg('--rounds', 3);
  const warmup = arg('--warmup', 3);
  const names = [BARE, FULL, EXPLAINED, ...(process.argv.includes('--parts') ? [SENTENCES, TICKERS] : [])];
  const articles = loadArticles();
  const chars = articles.reduce((n, a) => n + a.title.length + a.body.length, 0);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
  console.log(
    `texts: ${LONG ? `${articles.length} articles of about 5 KB` : `${articles.length} articles (5 seed articles + ${articles.length - 5} headlines)`}, ${chars} characters; ` +
      `each section in its own process (bundled), ${seconds}s of CPU time after ${warmup}s of warm-up, ${rounds} rounds`,
  );
  const bundle = await bundleSelf(fileURLToPath(import.meta.url));
  const rates = new Map<string, number[]>(names.map((n) => [n, []]));
  const colds = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const child = spawnSync(
        process.execPath,
        [
          bundle,
          '--section',
          name,
          '--seconds',
          String(seconds),
          '--warmup',
          String(warmup),
          ...(LONG ? ['--long'] : []),
        ],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`section "${name}" failed: ${child.stderr}`);
      const { rate, cold } = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
        rate: number;
        cold: number;
      };
      rates.get(name)?.push(rate);
      colds.get(name)?.push(cold);
    }
  }
  for (const [name, list] of rates) {
    const lo = Math.min(...list).toFixed(0);
    const hi = Math.max(...list).toFixed(0);
    console.log(`${name.padEnd(42)} ${median(list).toFixed(0).padStart(8)} articles/s  (${lo}-${hi})`);
  }
  const ratios = (rates.get(FULL) ?? []).map((f, i) => f / (rates.get(BARE)?.[i] ?? Number.NaN));
  const full = median(rates.get(FULL) ?? []) / median(rates.get(BARE) ?? []);
  const cold = median(colds.get(FULL) ?? []) / median(colds.get(BARE) ?? []);
  console.log(
    `during the warm-up: bare ${median(colds.get(BARE) ?? []).toFixed(0)} articles/s, full ${median(colds.get(FULL) ?? []).toFixed(0)} (${cold.toFixed(2)}x)`,
  );
  console.log(
    `full analysis / bare package: ${full.toFixed(2)}x (per round ${ratios.map((x) => x.toFixed(2)).join(', ')}; target >= 0.5x)`,
  );
}

const sectionArg = process.argv.indexOf('--section');
if (sectionArg >= 0) runSection(process.argv[sectionArg + 1] ?? '', arg('--seconds', 2), arg('--warmup', 3));
else await main();
