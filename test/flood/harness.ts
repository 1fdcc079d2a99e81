// The real pipeline on a SQLite file, with flood control, digests and a recording platform.
import { createDigestRunner } from '../../src/app/digest.ts';
import { createDispatcher } from '../../src/app/dispatcher.ts';
import type { FloodPolicy } from '../../src/app/flood-gate.ts';
import { createCommandHandler } from '../../src/app/handle-command.ts';
import { createIngest } from '../../src/app/ingest.ts';
import { createScheduleCommands } from '../../src/app/schedule-commands.ts';
import type { ChannelRef, RawArticle } from '../../src/core/types.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { createDefaultAnalyzer } from '../../src/main.ts';
import { createDigestScheduler, type CronFactory } from '../../src/scheduler/digest-jobs.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { createSqliteAlertWindowStore, createSqliteDigestStore, createSqliteQuietHoursStore } from '../../src/storage/flow-stores.ts';
import { createSqliteOutbox } from '../../src/storage/outbox-store.ts';
import { outbox as outboxTable } from '../../src/storage/schema.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { recordingPlatform } from '../fakes.ts';
import { recordingLogger, type manualClock } from '../helpers.ts';

export const universe = loadTickerUniverse();
export const analyzer = createDefaultAnalyzer(universe);
export const desk: ChannelRef = { platform: 'console', workspace: 'acme', channel: 'desk' };

export const negativeStory = (n: number, over: Partial<RawArticle> = {}): RawArticle => ({
  origin: `neg-${n}`,
  sourceName: n % 2 === 0 ? 'Test Wire' : 'Market Desk',
  format: 'text',
  title: `Alibaba shares plunge as cloud growth misses estimates (${n})`,
  body: `Alibaba shares fell sharply on Tuesday. The company missed estimates and cut its outlook. Story number ${n}.`,
  url: `https://news.test/neg-${n}`,
  ...over,
});

export const positiveStory = (n: number): RawArticle => ({
  origin: `pos-${n}`,
  sourceName: 'Test Wire',
  format: 'text',
  title: `Alibaba shares soar after record profit beats estimates (${n})`,
  body: `Alibaba shares jumped on strong cloud growth. The company beat estimates and raised its outlook. Story number ${n}.`,
  url: `https://news.test/pos-${n}`,
});

export interface BuildOptions {
  readonly defaultCooldownMinutes?: number;
  readonly burst?: number;
  readonly cron?: CronFactory;
}

export function buildApp(file: string, clock: ReturnType<typeof manualClock>, options: BuildOptions = {}) {
  const db = openDatabase(file);
  const log = recordingLogger();
  const articles = createSqliteArticleStore(db);
  const watchlists = createSqliteWatchlistStore(db);
  const outbox = createSqliteOutbox(db);
  const digests = createSqliteDigestStore(db);
  const quietHours = createSqliteQuietHoursStore(db);
  const platform = recordingPlatform('console');
  const flood: FloodPolicy = {
    outbox,
    windows: createSqliteAlertWindowStore(db),
    quietHours,
    watchlists,
    defaultCooldownMinutes: options.defaultCooldownMinutes ?? 30,
    burst: options.burst ?? 3,
  };
  const ingest = createIngest({ analyzer, articles, clock: clock.now, log });
  const dispatcher = createDispatcher({ outbox, watchlists, platforms: new Map([['console', platform]]), clock: clock.now, log, flood });
  const digestRunner = createDigestRunner({ digests, outbox, watchlists, articles, tickers: universe, clock: clock.now, log, minRelevance: 0.3 });
  const scheduler = createDigestScheduler({ digests, runner: digestRunner, log, ...(options.cron ? { cron: options.cron } : {}) });
  const handle = createCommandHandler({
    tickers: universe,
    watchlists,
    articles,
    clock: clock.now,
    log,
    defaultMinRelevance: 0.3,
    schedules: createScheduleCommands({
      digests,
      quietHours,
      watchlists,
      articles,
      tickers: universe,
      clock: clock.now,
      minRelevance: 0.3,
      defaultTimezone: 'America/New_York',
      onDigestSet: (d) => scheduler.upsert(d),
      onDigestRemoved: (id) => scheduler.remove(id),
    }),
  });
  const command = (text: string, scope = desk) => handle({ text, scope, user: { id: 'u1', canManage: true } });
  /** Every outbox row's status, by id. */
  const statuses = () => db.select({ id: outboxTable.id, status: outboxTable.status }).from(outboxTable).all();
  return { db, log, articles, watchlists, outbox, digests, platform, ingest, dispatcher, digestRunner, scheduler, command, statuses };
}
