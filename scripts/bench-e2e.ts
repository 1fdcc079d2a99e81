// End-to-end benchmark: parse, analyse, store, match and queue (outbox) articles against 1k, 100k
// and 1M watchlist rules; latency from an article's arrival to its send on the console platform;
// peak RSS. Each rule count runs in its own process so its peak RSS is its own.
// Usage: npm run bench:e2e [-- --rules 1000,100000,1000000 --articles 3000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createDefaultAnalyzer } from '../src/analyzer.ts';
import { createDispatcher } from '../src/app/dispatcher.ts';
import { createIngest } from '../src/app/ingest.ts';
import { createConsolePlatform } from '../src/chat/console/console-platform.ts';
import type { RawArticle } from '../src/core/types.ts';
import { loadTickerUniverse } from '../src/data/load.ts';
import { silentLogger } from '../src/log.ts';
import { createSqliteArticleStore } from '../src/storage/article-store.ts';
import { closeDatabase, openDatabase, type Db } from '../src/storage/db.ts';
import { createSqliteOutbox } from '../src/storage/outbox-store.ts';
import { createSqliteWatchlistStore } from '../src/storage/watchlist-store.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

// A seeded generator so every run sees the same rules and articles.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const VERBS_UP = [
  'beats estimates and raises guidance',
  'shares jump on record revenue',
  'wins a large cloud contract',
  'is upgraded to buy',
];
const VERBS_DOWN = [
  'misses estimates and cuts guidance',
  'shares plunge after a profit warning',
  'faces a fraud investigation',
  'is downgraded to sell',
];
const FILLER =
  'The company said demand was steady across its main markets. Analysts expect the next quarter to show similar trends. ' +
  'Management will discuss the results on a call with investors. The stock has traded in a narrow range this year. ';

/** Articles naming one to three of the 2,000 largest companies, with a headline verb that sets the tone. */
function makeArticles(count: number, seed: number): RawArticle[] {
  const universe = loadTickerUniverse();
  const top = universe.search('', 2000);
  const random = rng(seed);
  const pick = () => top[Math.floor(random() * top.length)] as { symbol: string; name: string };
  const out: RawArticle[] = [];
  for (let i = 0; i < count; i++) {
    const a = pick();
    const others = Array.from({ length: Math.floor(random() * 3) }, pick);
    const up = random() < 0.5;
    const verb = (up ? VERBS_UP : VERBS_DOWN)[Math.floor(random() * 4)] as string;
    out.push({
      origin: `bench-${i}`,
      sourceName: 'bench',
      format: 'text',
      title: `${a.name} (NYSE: ${a.symbol}) ${verb}`,
      body: `${a.name} ${verb}, the company said on Tuesday. ${others.map((o) => `Peers such as ${o.name} ($${o.symbol}) were also watched.`).join(' ')} ${FILLER.repeat(1 + Math.floor(random() * 4))}Article ${i}.`,
      url: `https://bench.test/${seed}/${i}`,
    });
  }
  return out;
}

/** How the rules are spread over tickers. */
type Spread = 'uniform' | 'tail';

/**
 * Rules in channels of 20 rules each. Most carry a threshold (above 0.6 / below -0.6), as desks do,
 * so a story alerts a share of the channels watching its ticker rather than all of them.
 * - uniform: every rule on a random ticker of the whole universe, so the rules (and alerts) per story
 *   grow with the total: the load of a busy deployment.
 * - tail: the first 1,000 rules on the tickers the stories name, the rest on tickers they never name,
 *   so the alerts per story stay the same and only the total grows: what matching itself costs.
 */
function insertRules(db: Db, count: number, seed: number, spread: Spread): void {
  const all = [...loadTickerUniverse().search('', 100_000)].map((t) => t.symbol);
  const hot = all.slice(0, 2000);
  const cold = all.slice(2000);
  const random = rng(seed);
  const insert = db.$client.prepare(
    'INSERT OR IGNORE INTO watch_rules (platform, workspace, channel, symbol, above, below, min_relevance, paused, created_at) VALUES (?, ?, ?, ?, ?, ?, 0.3, 0, ?)',
  );
  const now = Date.now();
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) {
      const kind = random();
      const symbols = spread === 'uniform' ? all : i < 1000 ? hot : cold;
      insert.run(
        'console',
        `ws-${Math.floor(i / 2000)}`,
        `ch-${Math.floor(i / 20)}`,
        symbols[Math.floor(random() * symbols.length)],
        kind < 0.45 ? 0.6 : null,
        kind >= 0.45 && kind < 0.9 ? -0.6 : null,
        now,
      );
    }
  })();
}

const nullStream = () => new Writable({ write: (_c, _e, cb) => cb() });

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function worker(rules: number, articleCount: number, spread: Spread): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tickerbell-bench-'));
  try {
    const db = openDatabase(join(dir, 'bench.db'));
    const t0 = performance.now();
    insertRules(db, rules, 7, spread);
    const insertMs = performance.now() - t0;
    const analyzer = createDefaultAnalyzer();
    const articles = createSqliteArticleStore(db);
    const watchlists = createSqliteWatchlistStore(db);
    const outbox = createSqliteOutbox(db);
    const ingest = createIngest({ analyzer, articles, clock: () => new Date(), log: silentLogger });
    const batch = makeArticles(articleCount, 11);

    // Throughput: the whole pipeline up to the outbox, one article at a time as sources deliver them.
    const start = performance.now();
    let queued = 0;
    for (const a of batch) queued += (await ingest.ingest([a])).alertsQueued;
    const seconds = (performance.now() - start) / 1000;
    const lookups = (await watchlists.forSymbols(['AAPL'])).length;

    // Latency: arrival -> sent on the console platform, for fresh articles one by one.
    const platform = createConsolePlatform({
      input: process.stdin,
      output: nullStream(),
      log: silentLogger,
      interactive: false,
    });
    const dispatcher = createDispatcher({
      outbox,
      watchlists,
      platforms: new Map([['console', platform]]),
      clock: () => new Date(),
      log: silentLogger,
    });
    await dispatcher.dispatchDue(); // drain the throughput run's alerts first
    const latencies: number[] = [];
    for (const a of makeArticles(300, 23)) {
      const arrived = performance.now();
      const r = await ingest.ingest([a]);
      if (r.alertsQueued === 0) continue;
      await dispatcher.dispatchDue();
      latencies.push(performance.now() - arrived);
    }
    latencies.sort((x, y) => x - y);
    closeDatabase(db);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      JSON.stringify({
        spread,
        rules,
        articles: articleCount,
        perSecond: articleCount / seconds,
        alertsPerArticle: queued / articleCount,
        rulesForAAPL: lookups,
        insertRulesMs: insertMs,
        latencyMedianMs: percentile(latencies, 50),
        latencyP99Ms: percentile(latencies, 99),
        latencySamples: latencies.length,
        peakRssMb: rss,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface WorkerResult {
  spread: Spread;
  rules: number;
  articles: number;
  perSecond: number;
  alertsPerArticle: number;
  rulesForAAPL: number;
  insertRulesMs: number;
  latencyMedianMs: number;
  latencyP99Ms: number;
  latencySamples: number;
  peakRssMb: number;
}

function main(): void {
  const ruleCounts = arg('--rules', '1000,100000,1000000').split(',').map(Number);
  const articleCount = Number(arg('--articles', '3000'));
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `end to end (parse, analyse, store, match, outbox), ${articleCount} articles, one process per rule count:`,
  );
  const self = fileURLToPath(import.meta.url);
  for (const spread of ['tail', 'uniform'] as const) {
    console.log(
      spread === 'tail'
        ? '\nrules beyond the first 1,000 on tickers the stories never name (matching cost alone):'
        : '\nrules spread over every ticker (alerts per story grow with the rules):',
    );
    console.log('rules      articles/s  alerts/article  rules on AAPL  p50 arrival->sent  p99 arrival->sent  peak RSS');
    for (const rules of ruleCounts) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', self, '--worker', String(rules), String(articleCount), spread],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (child.status !== 0) {
        console.error(child.stderr);
        process.exitCode = 1;
        return;
      }
      const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as WorkerResult;
      console.log(
        `${String(r.rules).padEnd(10)} ${r.perSecond.toFixed(0).padStart(10)}  ${r.alertsPerArticle.toFixed(2).padStart(14)}  ${String(r.rulesForAAPL).padStart(13)}  ${`${r.latencyMedianMs.toFixed(2)} ms`.padStart(17)}  ${`${r.latencyP99Ms.toFixed(2)} ms`.padStart(17)}  ${r.peakRssMb.toFixed(0).padStart(5)} MB`,
      );
    }
  }
}

if (process.argv[2] === '--worker') {
  await worker(Number(process.argv[3]), Number(process.argv[4]), process.argv[5] === 'uniform' ? 'uniform' : 'tail');
} else {
  main();
}
