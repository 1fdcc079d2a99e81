// `tickerbell ingest`: read files, directories and feed URLs into the database (or just print them).
import { createDefaultAnalyzer } from '../analyzer.ts';
import { createAnalyzeOnly } from '../app/ingest.ts';
import type { Logger } from '../app/ports/runtime.ts';
import { createLogger } from '../log.ts';
import { readSources } from '../sources/feed/read-sources.ts';
import { configOrExit, parseFlags, UsageError, writeLine } from './common.ts';
import { scoreJson } from './score-json.ts';

/** 1440 -> "24h", 90 -> "90m", 10080 -> "7d": as the variable is usually written. */
const formatMinutes = (m: number): string =>
  m % 1440 === 0 && m > 1440 ? `${m / 1440}d` : m % 60 === 0 ? `${m / 60}h` : `${m}m`;

export async function ingestCommand(args: readonly string[]): Promise<number> {
  const { flags, rest } = parseFlags(args, ['--dry-run']);
  const config = await configOrExit(process.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // Every failure is printed once below as "tickerbell: FILE: reason"; the pipeline's own log line for
  // it would say the same thing twice.
  const log: Logger = {
    debug: (o, m) => logger.debug(o, m),
    info: (o, m) => logger.info(o, m),
    warn: (o, m) => {
      if (m !== 'source.failed') logger.warn(o, m);
    },
    error: (o, m) => logger.error(o, m),
  };
  if (rest.length === 0) throw new UsageError('ingest needs at least one file, directory or feed URL');
  // Feed URLs go through the same guarded fetch as the bot's poller.
  const { articles: raws, failures } = await readSources(rest, { allowPrivate: config.allowPrivateFeeds });
  if (flags.has('--dry-run')) {
    const analyze = createAnalyzeOnly({ analyzer: createDefaultAnalyzer(), log });
    for (const raw of raws) {
      const a = analyze(raw);
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
  } else {
    const { composeApp } = await import('../compose.ts');
    // No chat platform: the alerts wait in the outbox for the bot.
    const app = await composeApp(config, { log, platforms: new Map() });
    try {
      // An operator's one-off ingest is for the whole deployment, like TICKERBELL_SOURCES: its feed
      // URLs are not a workspace's feeds, so their stories are marked open to every workspace.
      const report = await app.ingest.ingest(
        raws.map((r) => (/^https?:\/\//i.test(r.origin) ? { ...r, origin: `ingest:${r.origin}` } : r)),
      );
      failures.push(...report.failures);
      const failed = failures.length > 0 ? `; ${failures.length} failed (below)` : '';
      const old =
        report.tooOld > 0
          ? ` (${report.tooOld} not alerted: published more than ${formatMinutes((config.maxStoryAgeMs ?? 0) / 60_000)} before they were seen, TICKERBELL_MAX_STORY_AGE)`
          : '';
      process.stdout.write(
        `read ${report.seen} article(s): ${report.stored} new${old}, ${report.duplicates} already stored, ${report.alertsQueued} alert(s) queued for delivery${failed}\n`,
      );
    } finally {
      await app.close();
    }
  }
  for (const f of failures) process.stderr.write(`tickerbell: ${f.origin}: ${f.message}\n`);
  return 0;
}
