// Composition root: builds the whole app from configuration plus explicit overrides (clock, log,
// platforms, feed fetch, analyser...). The bot (main.ts), the CLI and the tests all build it here,
// so they run one wiring. Everything is wired before this returns; starting is main.ts's business.
import type { Readable, Writable } from 'node:stream';
import { createDefaultAnalyzer } from './analyzer.ts';
import { createDigestRunner } from './app/digest-runner.ts';
import { createDispatcher, type Dispatcher } from './app/dispatcher.ts';
import { createFeedCommands } from './app/feed-commands.ts';
import { createFeedPoller, type FeedPoller } from './app/feed-poller.ts';
import { createCommandHandler } from './app/handle-command.ts';
import { createIngest, type Ingest } from './app/ingest.ts';
import type { ReportChart } from './app/ports/chart.ts';
import type { ChatPlatform, CommandHandler, NoticePoster } from './app/ports/chat.ts';
import { FeedError, type FeedStore, type FetchFeed } from './app/ports/feeds.ts';
import type { Clock, Logger } from './app/ports/runtime.ts';
import type { ArticleStore, DigestStore, FlowOutbox, QuietHoursStore, WatchlistStore } from './app/ports/storage.ts';
import { createRunner, type Runner } from './app/runner.ts';
import { createDigestAndQuietCommands } from './app/digest-and-quiet-commands.ts';
import { createConsolePlatform, type ConsolePlatform } from './chat/console/console-platform.ts';
import type { Config } from './config.ts';
import type { Analyzer } from './core/analyze.ts';
import type { TickerUniverse } from './core/tickers/universe.ts';
import { deferredTickerUniverse } from './data/load.ts';
import { silentLogger } from './log.ts';
import type { Operator } from './observability/operator.ts';
import { createReportChartRenderer } from './chart/report-chart.ts';
import { createDigestScheduler, type CronFactory, type DigestScheduler } from './cron/digest-jobs.ts';
import { createFileSource } from './sources/file-source.ts';
import { createFeedFetcher } from './sources/feed/fetch-feed.ts';
import { pollSpreadMs } from './sources/feed/poll-window.ts';
import { createHttpClient } from './sources/http/http-client.ts';
import type { Db } from './storage/db.ts';
import { openStores } from './storage/open-stores.ts';

/** The terminal the console platform talks to, when it is the platform. */
export interface ConsoleIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  /** Show a prompt (a long run with a terminal on stdin). */
  readonly interactive: boolean;
  readonly onInterrupt?: () => void;
  readonly logNotice?: string;
}

/** What a caller replaces; everything else is built from the configuration. */
export interface AppOverrides {
  readonly log?: Logger;
  readonly clock?: Clock;
  /** Default: the bundled model, built on the first new article. */
  readonly analyzer?: Analyzer;
  /** Default: HTTP through the SSRF guard. */
  readonly fetchFeed?: FetchFeed;
  /** Default: Slack and Discord as configured, or else the console. An empty map: no platform (a CLI command). */
  readonly platforms?: ReadonlyMap<string, ChatPlatform>;
  /** Default: process.stdin and stdout, no prompt. */
  readonly console?: ConsoleIo;
  /** Default: the PNG renderer; null: summaries without a picture. */
  readonly chart?: ReportChart | null;
  /** How the dispatcher waits between paced posts (tests move a clock instead). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly cron?: CronFactory;
}

export interface AppStores {
  readonly articles: ArticleStore;
  readonly watchlists: WatchlistStore;
  readonly outbox: FlowOutbox;
  readonly feeds: FeedStore;
  readonly digests: DigestStore;
  readonly quietHours: QuietHoursStore;
}

export interface App {
  /** The SQLite database; null on PostgreSQL (TICKERBELL_DATABASE_URL). */
  readonly db: Db | null;
  readonly universe: TickerUniverse;
  readonly stores: AppStores;
  readonly ingest: Ingest;
  readonly handleCommand: CommandHandler;
  readonly feedPoller: FeedPoller;
  readonly dispatcher: Dispatcher;
  readonly runner: Runner;
  readonly digestJobs: DigestScheduler;
  /** Built, not started. */
  readonly platforms: ReadonlyMap<string, ChatPlatform>;
  /** The console platform when it is among them (its input may be waited for). */
  readonly console: ConsolePlatform | null;
  /** Metrics and /healthz, with TICKERBELL_METRICS_PORT only. */
  readonly operator: Operator | null;
  /** Builds the analyser now rather than on the first new article. */
  warmUp(): void;
  close(): Promise<void>;
}

/** Slack and Discord as configured; each SDK is loaded only when it is configured. */
async function configuredPlatforms(
  config: Config,
  log: Logger,
  clock: Clock,
  universe: TickerUniverse,
): Promise<Map<string, ChatPlatform>> {
  const platforms = new Map<string, ChatPlatform>();
  if (config.slack !== null) {
    const { createSlackConnection } = await import('./chat/slack/slack-app.ts');
    const { createSlackPlatform } = await import('./chat/slack/slack-platform.ts');
    const connection = createSlackConnection({ ...config.slack, log });
    platforms.set('slack', createSlackPlatform({ connection, log, clock, adminOnly: config.slack.adminOnly }));
  }
  if (config.discord !== null) {
    const { createDiscordPlatform } = await import('./chat/discord/discord-platform.ts');
    platforms.set('discord', createDiscordPlatform({ ...config.discord, tickers: universe, log }));
  }
  return platforms;
}

export async function composeApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.log ?? silentLogger;
  const clock = overrides.clock ?? (() => new Date());
  const storage = await openStores(config);
  const universe = deferredTickerUniverse();
  // Built on the first new article: the model tables take most of start-up, and a cycle that finds
  // only stories already stored never needs them.
  let built: Analyzer | null = overrides.analyzer ?? null;
  const buildAnalyzer = (): Analyzer => (built ??= createDefaultAnalyzer());
  const analyzer: Analyzer = { analyze: (input) => buildAnalyzer().analyze(input) };

  // prom-client is loaded only with TICKERBELL_METRICS_PORT.
  let operator: Operator | null = null;
  if (config.metricsPort !== null) {
    const { createOperator } = await import('./observability/operator.ts');
    operator = createOperator(storage.metrics, clock, log);
  }
  const op = operator;

  const { articles, watchlists, outbox, feeds, digests, quietHours } = storage;
  const stores: AppStores = { articles, watchlists, outbox, feeds, digests, quietHours };
  await feeds.syncConfigured(config.feedUrls, clock());

  const baseIngest = createIngest({ analyzer, articles, clock, log, maxStoryAgeMs: config.maxStoryAgeMs });
  const ingest: Ingest =
    op === null
      ? baseIngest
      : {
          analyzeOnly: (raw) => baseIngest.analyzeOnly(raw),
          ingest: async (raws, failures, options) => {
            const report = await baseIngest.ingest(raws, failures, options);
            op.metrics.observeIngest(report);
            return report;
          },
        };

  const rawFetchFeed =
    overrides.fetchFeed ?? createFeedFetcher(createHttpClient({ allowPrivate: config.allowPrivateFeeds }));
  const fetchFeed: FetchFeed =
    op === null
      ? rawFetchFeed
      : async (url, validators) => {
          try {
            const result = await rawFetchFeed(url, validators);
            op.metrics.feedPolled(result.status);
            return result;
          } catch (error) {
            op.metrics.feedPolled('failed', error instanceof FeedError ? error.code : 'unexpected');
            throw error;
          }
        };

  const platforms =
    overrides.platforms === undefined
      ? await configuredPlatforms(config, log, clock, universe)
      : new Map(overrides.platforms);
  let consolePlatform: ConsolePlatform | null = null;
  // The console is the default only when no chat platform is configured.
  if (overrides.platforms === undefined && platforms.size === 0) {
    const io: ConsoleIo = overrides.console ?? { stdin: process.stdin, stdout: process.stdout, interactive: false };
    consolePlatform = createConsolePlatform({
      input: io.stdin,
      output: io.stdout,
      log,
      interactive: io.interactive,
      ...(io.onInterrupt !== undefined ? { onInterrupt: io.onInterrupt } : {}),
      ...(io.logNotice !== undefined ? { logNotice: io.logNotice } : {}),
    });
    platforms.set('console', consolePlatform);
  }

  const postNotice: NoticePoster = async (channel, message) => {
    const platform = platforms.get(channel.platform);
    if (platform === undefined) {
      log.warn({ channel, title: message.title }, 'notice.platform_missing');
      return;
    }
    await platform.post(channel, message, {
      idempotencyKey: `tickerbell-notice-${clock().getTime()}-${channel.channel}`,
    });
  };
  const feedPoller = createFeedPoller({
    feeds,
    fetchFeed,
    ingest,
    clock,
    log,
    spreadMs: pollSpreadMs(config.pollCron),
    postNotice,
  });

  const digestRunner = createDigestRunner({
    digests,
    outbox,
    watchlists,
    articles,
    tickers: universe,
    clock,
    log,
    minRelevance: config.defaultMinRelevance,
  });
  const digestJobs = createDigestScheduler({
    digests,
    runner: digestRunner,
    log,
    ...(overrides.cron !== undefined ? { cron: overrides.cron } : {}),
  });
  const handleCommand = createCommandHandler({
    feedCommands: createFeedCommands({
      feeds,
      poller: feedPoller,
      fetchFeed,
      clock,
      log,
      maxFeedsPerWorkspace: config.maxFeedsPerWorkspace,
    }),
    tickers: universe,
    watchlists,
    articles,
    clock,
    log,
    defaultMinRelevance: config.defaultMinRelevance,
    timezoneFor: async (scope) =>
      (await digests.get(scope))?.timezone ?? (await quietHours.get(scope))?.timezone ?? config.timezone,
    ...(overrides.chart === null ? {} : { chart: overrides.chart ?? createReportChartRenderer() }),
    schedules: createDigestAndQuietCommands({
      digests,
      quietHours,
      watchlists,
      articles,
      tickers: universe,
      clock,
      minRelevance: config.defaultMinRelevance,
      defaultTimezone: config.timezone,
      onDigestSet: (d) => digestJobs.upsert(d),
      onDigestRemoved: (id) => digestJobs.remove(id),
    }),
    onWatchlistChanged: async (scope) => {
      // Someone re-configured a channel the bot had lost: try it again, with what was held.
      if ((await watchlists.resumeChannel(scope)) > 0) await outbox.releaseHeld(scope, clock());
    },
  });

  const delivering = op === null ? platforms : new Map([...platforms].map(([name, p]) => [name, op.countErrors(p)]));
  const baseDispatcher = createDispatcher({
    outbox,
    watchlists,
    platforms: delivering,
    clock,
    log,
    flood: {
      outbox,
      windows: storage.windows,
      quietHours,
      watchlists,
      defaultCooldownMinutes: config.alertCooldownMinutes,
      burst: config.alertBurst,
    },
    ...(overrides.sleep !== undefined ? { sleep: overrides.sleep } : {}),
  });
  const dispatcher = op === null ? baseDispatcher : op.observeDispatcher(baseDispatcher);
  const sources = config.sources.map((path) => createFileSource({ path }));
  const baseRunner = createRunner({ sources, ingest, dispatcher, log });
  const runner = op === null ? baseRunner : op.observeRunner(baseRunner);

  return {
    db: storage.sqlite,
    universe,
    stores,
    ingest,
    handleCommand,
    feedPoller,
    dispatcher,
    runner,
    digestJobs,
    platforms,
    console: consolePlatform,
    operator,
    warmUp: () => {
      buildAnalyzer();
    },
    close: () => storage.close(),
  };
}
