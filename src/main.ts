// The bot's life: build the app (compose.ts), start its platforms, run the first cycle, then the
// schedule, and stop cleanly (or stop after one cycle with --once).
import type { Readable, Writable } from 'node:stream';
import type { Dispatcher } from './app/dispatcher.ts';
import type { ChatPlatform } from './app/ports/chat.ts';
import type { Clock, Logger } from './app/ports/runtime.ts';
import type { Runner } from './app/runner.ts';
import { composeApp, type AppOverrides } from './compose.ts';
import type { Config } from './config.ts';
import type { MetricsServer } from './observability/health-server.ts';
import { redactUrl } from './redact.ts';
import { scheduleCron, scheduleInterval, type Job } from './cron/jobs.ts';

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
export async function startBot(
  config: Config,
  log: Logger,
  options: StartOptions,
  clock: Clock = () => new Date(),
  overrides: AppOverrides = {},
): Promise<RunningBot> {
  const interactive = options.stdin.isTTY === true;
  const app = await composeApp(config, {
    log,
    clock,
    console: {
      stdin: options.stdin,
      stdout: options.stdout,
      interactive: interactive && !options.once,
      ...(options.onInterrupt !== undefined ? { onInterrupt: options.onInterrupt } : {}),
      ...(options.logNotice !== undefined ? { logNotice: options.logNotice } : {}),
    },
    ...overrides,
  });
  const { runner, dispatcher, platforms, feedPoller, operator: op } = app;
  // A long run will need the model soon: build it before reporting started, so the first cycle is
  // quick. --once builds it only if a new article comes.
  if (!options.once) app.warmUp();
  const recovered = await app.stores.outbox.recoverInFlight();
  if (recovered > 0) log.warn({ recovered }, 'outbox.recovered_in_flight');

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
      // A /digest command schedules its job even in a --once run, whose timer would keep the process alive.
      await app.digestJobs.stop();
      await feedPoller.stop();
      // Let a cycle in progress finish its sends before the database closes.
      await runner.whenIdle();
      await dispatcher.whenIdle();
      await Promise.all([...platforms.values()].map((p) => p.stop().catch(() => undefined)));
      for (const name of platforms.keys()) op?.platformUp(name, false);
      await metricsServer?.close();
      await app.close();
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
      if (platform === app.console && !readCommands) continue;
      started.push(platform);
      op?.platformUp(platform.name, false);
      await platform.start(app.handleCommand);
      op?.platformUp(platform.name, true, platform.connectionState?.bind(platform));
    }
  } catch (error) {
    // A platform that cannot start (its API unreachable, a bad token): undo what started, then report.
    await Promise.all(started.map((p) => p.stop().catch(() => undefined)));
    await app.close();
    throw error;
  }
  if (op !== null && config.metricsPort !== null)
    metricsServer = await op.listen(config.metricsPort, config.metricsHost);
  log.info(
    {
      platforms: [...platforms.keys()],
      sources: config.sources,
      feeds: config.feedUrls.map(redactUrl),
      db: config.dbFile,
    },
    'bot.started',
  );

  if (options.once) {
    if (readCommands && app.console !== null) await app.console.inputDone;
    await feedPoller.pollDue({ spread: false });
    await runner.cycle();
    const pending = await app.stores.outbox.pendingCount();
    if (pending > 0) log.warn({ pending }, 'outbox.pending_at_exit');
    await stop();
  } else {
    await runner.cycle();
    jobs.push(scheduleCron('poll', config.pollCron, () => runner.cycle(), log));
    // Feeds catch up on what was published while the bot was down right away, then on the schedule.
    feedPoller.pollDue().catch((error: unknown) => log.error({ job: 'feeds', err: error }, 'job.failed'));
    jobs.push(scheduleCron('feeds', config.pollCron, () => feedPoller.pollDue(), log));
    jobs.push(scheduleInterval('outbox', 5_000, () => dispatcher.dispatchDue(), log));
    // Digest jobs come back from SQLite; runs missed while the bot was down go out now.
    await app.digestJobs.start();
    jobs.push(app.digestJobs);
  }
  return { runner, dispatcher, stopped, stop };
}
