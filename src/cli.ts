// bin entry: parses argv and calls into the app. `tickerbell help` lists the commands.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createIngest, type AnalyzedArticle } from './app/ingest.ts';
import type { Logger, SourceFailure } from './app/ports.ts';
import { loadConfig, type Config } from './config.ts';
import { createLogger, silentLogger } from './log.ts';
import { installProcessGuard } from './process-guard.ts';
import { safeError } from './redact.ts';
import { createDefaultAnalyzer } from './analyzer.ts';
import type { RunningBot } from './main.ts';
import { createFileSource } from './sources/file-source.ts';
import { parseArticleFile } from './sources/parse-file.ts';
import { readSources } from './sources/feed/read-sources.ts';
import { createSqliteArticleStore } from './storage/article-store.ts';
import { closeDatabase, openDatabase } from './storage/db.ts';
import type { RawArticle } from './core/types.ts';

const USAGE = `Usage:
  tickerbell start [--once]              run the bot (--once: answer commands piped on stdin, ingest and deliver once, exit)
  tickerbell score [--explain] [FILE...] analyse article files (or stdin as one article) and print one JSON line each
  tickerbell score --jsonl [--explain]   stdin lines {"id","title"?,"text"} -> stdout lines {"id","sentiment","tickers","summary"}
  tickerbell ingest [--dry-run] SOURCE...  read files/directories or RSS/Atom feed URLs, store new articles and queue their alerts
                                         (--dry-run: print the analysed articles as JSON lines, store nothing)
  tickerbell help`;

class UsageError extends Error {}

function parseFlags(args: readonly string[], allowed: readonly string[]): { flags: Set<string>; rest: string[] } {
  const flags = new Set<string>();
  const rest: string[] = [];
  for (const a of args) {
    if (a === '--') continue;
    if (a.startsWith('--')) {
      if (!allowed.includes(a)) throw new UsageError(`unknown option ${a}`);
      flags.add(a);
    } else rest.push(a);
  }
  return { flags, rest };
}

/** The deployment's secrets, for exact redaction wherever they might appear. */
function configSecrets(config: Config): string[] {
  return [config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.discord?.token].filter((s): s is string => s !== undefined);
}

function configOrExit(env: NodeJS.ProcessEnv): Config {
  const result = loadConfig(env);
  if (!result.ok) {
    process.stderr.write(`tickerbell: bad configuration:\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`);
    process.exit(2);
  }
  return result.config;
}

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

function scoreJson(id: string, a: AnalyzedArticle, explain: boolean, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    ...extra,
    sentiment: a.analysis.sentiment,
    tickers: a.analysis.tickers.map((t) => ({ symbol: t.symbol, name: t.name, relevance: t.relevance, sentiment: t.sentiment })),
    summary: a.analysis.summary,
    ...(explain ? { explain: { evidence: a.analysis.evidence, tickers: a.analysis.tickerEvidence ?? [] } } : {}),
  });
}

async function scoreCommand(args: readonly string[], log: Logger): Promise<number> {
  const { flags, rest } = parseFlags(args, ['--jsonl', '--explain']);
  const explain = flags.has('--explain');
  const ingest = createIngest({
    analyzer: createDefaultAnalyzer(),
    articles: { record: () => { throw new Error('score stores nothing'); }, has: () => false, storiesForTicker: () => [], count: () => 0 },
    clock: () => new Date(),
    log,
  });
  if (flags.has('--jsonl')) {
    if (rest.length > 0) throw new UsageError('--jsonl reads stdin; give no files');
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of rl) {
      lineNo += 1;
      if (line.trim() === '') continue;
      let id: unknown = null;
      try {
        const obj = JSON.parse(line) as Record<string, unknown>;
        id = obj['id'] ?? null;
        const text = obj['text'];
        const title = obj['title'];
        if (typeof text !== 'string') throw new Error('"text" must be a string');
        if (title !== undefined && typeof title !== 'string') throw new Error('"title" must be a string');
        const raw: RawArticle = { origin: `stdin:${lineNo}`, sourceName: 'stdin', format: 'text', title, body: text };
        const a = ingest.analyzeOnly(raw);
        if ('message' in a) throw new Error(a.message);
        await writeLine(process.stdout, scoreJson(typeof id === 'string' || typeof id === 'number' ? String(id) : String(lineNo), a, explain));
      } catch (error) {
        await writeLine(process.stdout, JSON.stringify({ id, line: lineNo, error: (error as Error).message }));
      }
    }
    return 0;
  }
  const raws: RawArticle[] = [];
  const failures: SourceFailure[] = [];
  if (rest.length === 0) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    // An article file piped in reads as the file would: front matter gives the title, HTML is converted.
    const asFile = /^(?:\uFEFF)?---\r?\n/.test(text) ? 'stdin.md' : /^\s*<(?:!doctype html|html)\b/i.test(text) ? 'stdin.html' : null;
    const parsed = asFile === null ? null : parseArticleFile(asFile, text, 'stdin');
    if (parsed !== null && parsed.articles.length > 0) raws.push(...parsed.articles.map((a) => ({ ...a, origin: 'stdin' })));
    else raws.push({ origin: 'stdin', sourceName: 'stdin', format: 'text', body: text });
  } else {
    for (const path of rest) {
      const batch = await createFileSource({ path }).read();
      raws.push(...batch.articles);
      failures.push(...batch.failures);
    }
  }
  for (const raw of raws) {
    const a = ingest.analyzeOnly(raw);
    if ('message' in a) failures.push(a);
    else await writeLine(process.stdout, scoreJson(raw.origin, a, explain, { title: a.article.title }));
  }
  for (const f of failures) process.stderr.write(`tickerbell: ${f.origin}: ${f.message}\n`);
  return failures.length > 0 && raws.length === 0 ? 1 : 0;
}

async function ingestCommand(args: readonly string[], config: Config, log: Logger): Promise<number> {
  const { flags, rest } = parseFlags(args, ['--dry-run']);
  if (rest.length === 0) throw new UsageError('ingest needs at least one file, directory or feed URL');
  // Feed URLs go through the same guarded fetch as the bot's poller.
  const { articles: raws, failures } = await readSources(rest, { allowPrivate: config.allowPrivateFeeds });
  if (flags.has('--dry-run')) {
    const db = openDatabase(':memory:');
    const ingest = createIngest({ analyzer: createDefaultAnalyzer(), articles: createSqliteArticleStore(db), clock: () => new Date(), log });
    for (const raw of raws) {
      const a = ingest.analyzeOnly(raw);
      if ('message' in a) {
        failures.push(a);
        continue;
      }
      await writeLine(
        process.stdout,
        scoreJson(raw.origin, a, false, {
          title: a.article.title,
          url: a.article.url,
          publishedAt: a.article.publishedAt?.toISOString() ?? null,
          source: a.article.sourceName,
          contentHash: a.article.contentHash,
        }),
      );
    }
    closeDatabase(db);
  } else {
    // Loaded only when needed: main.ts brings in the chat SDKs, which `score` never uses.
    const { createCore } = await import('./main.ts');
    const core = createCore(config, log, () => new Date());
    try {
      // An operator's one-off ingest is for the whole deployment, like TICKERBELL_SOURCES: its feed
      // URLs are not a workspace's feeds, so their stories are marked open to every workspace.
      const report = core.ingest.ingest(raws.map((r) => (/^https?:\/\//i.test(r.origin) ? { ...r, origin: `ingest:${r.origin}` } : r)));
      failures.push(...report.failures);
      process.stdout.write(
        `read ${report.seen} article(s): ${report.stored} new, ${report.duplicates} already stored, ${report.alertsQueued} alert(s) queued for delivery\n`,
      );
    } finally {
      core.close();
    }
  }
  for (const f of failures) process.stderr.write(`tickerbell: ${f.origin}: ${f.message}\n`);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'start': {
        const { flags } = parseFlags(args, ['--once']);
        const config = configOrExit(process.env);
        const log = createLogger(config.logLevel, undefined, { secrets: configSecrets(config) });
        // Handlers go in before start-up, so a signal during it still ends in a clean stop.
        let bot: RunningBot | null = null;
        let stopAsked = false;
        const shutdown = (signal: string): void => {
          log.info({ signal }, 'bot.stopping');
          stopAsked = true;
          if (bot !== null) void bot.stop();
        };
        process.once('SIGINT', () => shutdown('SIGINT'));
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        installProcessGuard({ log, shutdown });
        const { startBot } = await import('./main.ts');
        try {
          bot = await startBot(config, log, { once: flags.has('--once'), stdin: process.stdin, stdout: process.stdout });
        } catch (error) {
          // Through the logger, never rethrown: Node would print the error whole, request headers and tokens included.
          log.error({ err: error }, 'bot.start_failed');
          return 1;
        }
        if (stopAsked) void bot.stop();
        await bot.stopped;
        return process.exitCode === 1 ? 1 : 0;
      }
      case 'score': {
        const config = loadConfig(process.env);
        return await scoreCommand(args, config.ok ? createLogger(config.config.logLevel === 'info' ? 'warn' : config.config.logLevel) : silentLogger);
      }
      case 'ingest': {
        const config = configOrExit(process.env);
        return await ingestCommand(args, config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
      }
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tickerbell: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Never Node's own print of the error: an HTTP client's error carries its request, tokens included.
  process.stderr.write(`tickerbell: ${JSON.stringify(safeError(error))}\n`);
  process.exitCode = 1;
}
