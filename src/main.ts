// Composition root: the only module that reads configuration and builds real clients.
import type { Readable, Writable } from 'node:stream';
import { createDispatcher, type Dispatcher } from './app/dispatcher.ts';
import { createCommandHandler } from './app/handle-command.ts';
import { createIngest, type Ingest, type IngestReport } from './app/ingest.ts';
import type { ArticleSource } from './app/ports/sources.ts';
import type { ChatPlatform, CommandHandler } from './app/ports/chat.ts';
import type { Clock, Logger } from './app/ports/runtime.ts';
import type { OutboxStore, WatchlistStore } from './app/ports/storage.ts';
import { createRunner, type Runner } from './app/runner.ts';
import type { Operator } from './observability/operator.ts';
import type { MetricsServer } from './observability/health-server.ts';
import { createConsolePlatform } from './chat/console/console-platform.ts';
import { redactUrl } from './redact.ts';
import type { Config } from './config.ts';
import { createDefaultAnalyzer } from './analyzer.ts';
import type { Analyzer } from './core/analyze.ts';
import type { TickerUniverse } from './core/tickers/universe.ts';
import { loadTickerUniverse } from './data/load.ts';
import { scheduleCron, scheduleInterval, type Job } from './scheduler/jobs.ts';
import { createFileSource } from './sources/file-source.ts';
import { createSqliteArticleStore } from './storage/article-store.ts';
import { closeDatabase, openDatabase, type Db } from './storage/db.ts';
import { createSqliteOutbox } from './storage/outbox-store.ts';
import { createSqliteWatchlistStore } from './storage/watchlist-store.ts';
import { createFeedCommands } from './app/feed-commands.ts';
import { createFeedPoller, type FeedPoller } from './app/feed-poller.ts';
import { FeedError, type FeedStore, type FetchFeed } from './app/ports/feeds.ts';
import type { NoticePoster } from './app/ports/chat.ts';
import { createFeedFetcher } from './sources/feed/fetch-feed.ts';
import { pollSpreadMs } from './sources/feed/poll-window.ts';
import { createHttpClient } from './sources/http/http-client.ts';
import { createSqliteFeedStore } from './storage/feed-store.ts';
import { createDigestRunner, type DigestRunner } from './app/digest.ts';
import type { FloodPolicy } from './app/flood-gate.ts';
import type { DigestStore } from './app/ports/storage.ts';
import { createScheduleCommands } from './app/schedule-commands.ts';
import { createSummaryChartRenderer } from './render/summary-chart.ts';
import { createDigestScheduler, type DigestScheduler } from './scheduler/digest-jobs.ts';
import { createSqliteAlertWindowStore, createSqliteDigestStore, createSqliteQuietHoursStore } from './storage/flow-stores.ts';

export { createDefaultAnalyzer };

export interface Core {
  readonly db: Db;
  readonly universe: TickerUniverse;
  readonly analyzer: Analyzer;
  readonly ingest: Ingest;
  readonly watchlists: WatchlistStore;
  readonly outbox: OutboxStore;
  readonly handleCommand: CommandHandler;
  readonly sources: readonly ArticleSource[];
  readonly feeds: FeedStore;
  readonly fetchFeed: FetchFeed;
  readonly feedPoller: FeedPoller;
  /** Builds the analyser now rather than on the first new article. */
  warmUp(): void;
  /** Where feed notices (a feed disabled) are posted, once the platforms are up. */
  setNoticePoster(post: NoticePoster): void;
  /** Cooldown bundling and quiet hours, for the dispatcher. */
  readonly flood: FloodPolicy;
  readonly digests: DigestStore;
  readonly digestRunner: DigestRunner;
  /** Builds the digest cron jobs from the table; /digest commands keep them in step after that. */
  startDigests(): DigestScheduler;
  close(): void;
}

/** Everything but the chat platforms: database, analysis, stores, command handling. */
/** What an operator's metrics hear about as it happens (the rest is read at scrape time). */
export interface CoreHooks {
  readonly onIngest?: (report: IngestReport) => void;
  readonly onFeedFetch?: (result: 'ok' | 'not_modified' | 'failed', code?: string) => void;
}

export function createCore(config: Config, log: Logger, clock: Clock, hooks: CoreHooks = {}): Core {
  const db = openDatabase(config.dbFile);
  const universe = loadTickerUniverse();
  // Built on the first new article: the model tables take most of start-up, and a cycle that finds
  // only stories already stored never needs them.
  let built: Analyzer | null = null;
  const buildAnalyzer = (): Analyzer => (built ??= createDefaultAnalyzer(universe));
  const analyzer: Analyzer = { analyze: (input) => buildAnalyzer().analyze(input) };
  const articles = createSqliteArticleStore(db);
  const watchlists = createSqliteWatchlistStore(db);
  const outbox = createSqliteOutbox(db);
  const baseIngest = createIngest({ analyzer, articles, clock, log, maxStoryAgeMs: config.maxStoryAgeMs });
  const onIngest = hooks.onIngest;
  const ingest: Ingest =
    onIngest === undefined
      ? baseIngest
      : {
          analyzeOnly: (raw) => baseIngest.analyzeOnly(raw),
          ingest: (raws, failures, options) => {
            const report = baseIngest.ingest(raws, failures, options);
            onIngest(report);
            return report;
          },
        };
  const digests = createSqliteDigestStore(db);
  const quietHours = createSqliteQuietHoursStore(db);
  const flood: FloodPolicy = {
    outbox,
    windows: createSqliteAlertWindowStore(db),
    quietHours,
    watchlists,
    defaultCooldownMinutes: config.alertCooldownMinutes,
    burst: config.alertBurst,
  };
  const digestRunner = createDigestRunner({ digests, outbox, watchlists, articles, tickers: universe, clock, log, minRelevance: config.defaultMinRelevance });
  let digestJobs: DigestScheduler | null = null;
  const feeds = createSqliteFeedStore(db);
  feeds.syncConfigured(config.feedUrls, clock());
  const rawFetchFeed = createFeedFetcher(createHttpClient({ allowPrivate: config.allowPrivateFeeds }));
  const onFeedFetch = hooks.onFeedFetch;
  const fetchFeed: FetchFeed =
    onFeedFetch === undefined
      ? rawFetchFeed
      : async (url, validators) => {
          try {
            const result = await rawFetchFeed(url, validators);
            onFeedFetch(result.status);
            return result;
          } catch (error) {
            onFeedFetch('failed', error instanceof FeedError ? error.code : 'unexpected');
            throw error;
          }
        };
  let postNotice: NoticePoster | null = null;
  const feedPoller = createFeedPoller({
    feeds,
    fetchFeed,
    ingest,
    clock,
    log,
    spreadMs: pollSpreadMs(config.pollCron),
    postNotice: (channel, message) => postNotice?.(channel, message) ?? Promise.resolve(),
  });
  const handleCommand = createCommandHandler({
    feedCommands: createFeedCommands({ feeds, poller: feedPoller, fetchFeed, clock, log, maxFeedsPerWorkspace: config.maxFeedsPerWorkspace }),
    tickers: universe,
    watchlists,
    articles,
    clock,
    log,
    defaultMinRelevance: config.defaultMinRelevance,
    timezoneFor: (scope) => digests.get(scope)?.timezone ?? quietHours.get(scope)?.timezone ?? config.timezone,
    chart: createSummaryChartRenderer(),
    schedules: createScheduleCommands({
      digests,
      quietHours,
      watchlists,
      articles,
      tickers: universe,
      clock,
      minRelevance: config.defaultMinRelevance,
      defaultTimezone: config.timezone,
      onDigestSet: (d) => digestJobs?.upsert(d),
      onDigestRemoved: (id) => digestJobs?.remove(id),
    }),
    onWatchlistChanged: (scope) => {
      // Someone re-configured a channel the bot had lost: try it again, with what was held.
      if (watchlists.resumeChannel(scope) > 0) outbox.releaseHeld(scope, clock());
    },
  });
  const sources = config.sources.map((path) => createFileSource({ path }));
  return {
    db,
    universe,
    analyzer,
    ingest,
    watchlists,
    outbox,
    handleCommand,
    sources,
    feeds,
    fetchFeed,
    feedPoller,
    warmUp: () => {
      buildAnalyzer();
    },
    setNoticePoster: (post) => {
      postNotice = post;
    },
    flood,
    digests,
    digestRunner,
    startDigests: () => {
      digestJobs ??= createDigestScheduler({ digests, runner: digestRunner, log });
      digestJobs.start();
      return digestJobs;
    },
    close: () => closeDatabase(db),
  };
}

export interface StartOptions {
  readonly once: boolean;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  /** Ctrl-C at the console prompt: stop as SIGINT would. */
  readonly onInterrupt?: () => void;
  /** Shown at the console prompt: where the log goes meanwhile. */
  readonly logNotice?: string;
}

export interface RunningBot {
  readonly runner: Runner;
  readonly dispatcher: Dispatcher;
  /** Resolves when the bot has stopped (after --once, or after stop()). */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the bot: platforms, the first cycle, then the schedule (or exits after one cycle with --once). */
export async function startBot(config: Config, log: Logger, options: StartOptions, clock: Clock = () => new Date()): Promise<RunningBot> {
  // Metrics and /healthz only with TICKERBELL_METRICS_PORT; prom-client is not loaded otherwise.
  let operator: Operator | null = null;
  const core = createCore(
    config,
    log,
    clock,
    config.metricsPort === null
      ? {}
      : { onIngest: (report) => operator?.metrics.observeIngest(report), onFeedFetch: (result, code) => operator?.metrics.feedPolled(result, code) },
  );
  if (config.metricsPort !== null) {
    const { createOperator } = await import('./observability/operator.ts');
    const { createMetricsQueries } = await import('./storage/metrics-queries.ts');
    operator = createOperator(createMetricsQueries(core.db), clock, log);
  }
  // A long run will need the model soon: build it before reporting started, so the first cycle is
  // quick. --once builds it only if a new article comes.
  if (!options.once) core.warmUp();
  const recovered = core.outbox.recoverInFlight();
  if (recovered > 0) log.warn({ recovered }, 'outbox.recovered_in_flight');

  const platforms = new Map<string, ChatPlatform>();
  const interactive = options.stdin.isTTY === true;
  const consolePlatform = createConsolePlatform({
    input: options.stdin,
    output: options.stdout,
    log,
    interactive: interactive && !options.once,
    ...(options.onInterrupt !== undefined ? { onInterrupt: options.onInterrupt } : {}),
    ...(options.logNotice !== undefined ? { logNotice: options.logNotice } : {}),
  });
  // Each chat SDK is loaded only when it is configured: a console run never pays for Bolt or discord.js.
  if (config.slack !== null) {
    const { createSlackConnection } = await import('./chat/slack/slack-app.ts');
    const { createSlackPlatform } = await import('./chat/slack/slack-platform.ts');
    const connection = createSlackConnection({ ...config.slack, log });
    platforms.set('slack', createSlackPlatform({ connection, log, clock, adminOnly: config.slack.adminOnly }));
  }
  if (config.discord !== null) {
    const { createDiscordPlatform } = await import('./chat/discord/discord-platform.ts');
    platforms.set('discord', createDiscordPlatform({ ...config.discord, tickers: core.universe, log }));
  }
  // The console is the default only when no chat platform is configured.
  if (platforms.size === 0) platforms.set('console', consolePlatform);

  const op = operator;
  const delivering = op === null ? platforms : new Map([...platforms].map(([name, p]) => [name, op.countErrors(p)]));
  const baseDispatcher = createDispatcher({ outbox: core.outbox, watchlists: core.watchlists, platforms: delivering, clock, log, flood: core.flood });
  const dispatcher = op === null ? baseDispatcher : op.observeDispatcher(baseDispatcher);
  const baseRunner = createRunner({ sources: core.sources, ingest: core.ingest, dispatcher, log });
  const runner = op === null ? baseRunner : op.observeRunner(baseRunner);
  let metricsServer: MetricsServer | null = null;
  const jobs: Job[] = [];
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await Promise.all(jobs.map((j) => j.stop()));
      await core.feedPoller.stop();
      // Let a cycle in progress finish its sends before the database closes.
      await runner.whenIdle();
      await dispatcher.whenIdle();
      await Promise.all([...platforms.values()].map((p) => p.stop().catch(() => undefined)));
      for (const name of platforms.keys()) op?.platformUp(name, false);
      await metricsServer?.close();
      core.close();
      log.info({}, 'bot.stopped');
      resolveStopped();
    })();
    return stopping;
  };

  // With --once and a terminal on stdin there are no piped commands to read.
  const readCommands = !(options.once && interactive);
  const started: ChatPlatform[] = [];
  try {
    for (const platform of platforms.values()) {
      if (platform === consolePlatform && !readCommands) continue;
      started.push(platform);
      op?.platformUp(platform.name, false);
      await platform.start(core.handleCommand);
      op?.platformUp(platform.name, true);
    }
  } catch (error) {
    // A platform that cannot start (its API unreachable, a bad token): undo what started, then report.
    await Promise.all(started.map((p) => p.stop().catch(() => undefined)));
    core.close();
    throw error;
  }
  if (op !== null && config.metricsPort !== null) metricsServer = await op.listen(config.metricsPort, config.metricsHost);
  core.setNoticePoster(async (channel, message) => {
    const platform = platforms.get(channel.platform);
    if (platform === undefined) {
      log.warn({ channel, title: message.title }, 'notice.platform_missing');
      return;
    }
    await platform.post(channel, message, { idempotencyKey: `tickerbell-notice-${clock().getTime()}-${channel.channel}` });
  });
  log.info({ platforms: [...platforms.keys()], sources: config.sources, feeds: config.feedUrls.map(redactUrl), db: config.dbFile }, 'bot.started');

  if (options.once) {
    if (readCommands && platforms.has('console')) await consolePlatform.inputDone;
    await core.feedPoller.pollDue({ spread: false });
    await runner.cycle();
    const pending = core.outbox.pendingCount();
    if (pending > 0) log.warn({ pending }, 'outbox.pending_at_exit');
    await stop();
  } else {
    await runner.cycle();
    jobs.push(scheduleCron('poll', config.pollCron, () => runner.cycle(), log));
    // Feeds catch up on what was published while the bot was down right away, then on the schedule.
    core.feedPoller.pollDue().catch((error: unknown) => log.error({ job: 'feeds', err: error }, 'job.failed'));
    jobs.push(scheduleCron('feeds', config.pollCron, () => core.feedPoller.pollDue(), log));
    jobs.push(scheduleInterval('outbox', 5_000, () => dispatcher.dispatchDue(), log));
    // Digest jobs come back from SQLite; runs missed while the bot was down go out now.
    jobs.push(core.startDigests());
  }
  return { runner, dispatcher, stopped, stop };
}
