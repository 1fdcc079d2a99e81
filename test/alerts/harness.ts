// The real pipeline on a SQLite file, built by the composition root, with flood control, digests
// and a recording platform.
import { dirname } from 'node:path';
import { createDefaultAnalyzer } from '../../src/analyzer.ts';
import { composeApp } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { ChannelRef, RawArticle } from '../../src/core/types.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import type { CronFactory } from '../../src/cron/digest-jobs.ts';
import { outbox as outboxTable } from '../../src/storage/schema.ts';
import { recordingPlatform } from '../fakes.ts';
import { recordingLogger, type manualClock, sqliteOf } from '../helpers.ts';

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

export async function buildApp(file: string, clock: ReturnType<typeof manualClock>, options: BuildOptions = {}) {
  const config = loadConfig({
    TICKERBELL_DB: file,
    TICKERBELL_SOURCES: dirname(file),
    TICKERBELL_MIN_RELEVANCE: '0.3',
    TICKERBELL_ALERT_COOLDOWN: `${options.defaultCooldownMinutes ?? 30}m`,
    TICKERBELL_ALERT_BURST: String(options.burst ?? 3),
    TICKERBELL_TIMEZONE: 'America/New_York',
  });
  if (!config.ok) throw new Error(config.errors.join('; '));
  const log = recordingLogger();
  const platform = recordingPlatform('console');
  const app = await composeApp(config.config, {
    log,
    clock: clock.now,
    analyzer,
    platforms: new Map([['console', platform]]),
    chart: null,
    ...(options.cron ? { cron: options.cron } : {}),
  });
  const db = sqliteOf(app);
  const { articles, watchlists, outbox, digests } = app.stores;
  const command = (text: string, scope = desk) =>
    app.handleCommand({ text, scope, user: { id: 'u1', canManage: true } });
  /** Every outbox row's status, by id. */
  const statuses = () => db.select({ id: outboxTable.id, status: outboxTable.status }).from(outboxTable).all();
  return {
    db,
    log,
    articles,
    watchlists,
    outbox,
    digests,
    platform,
    ingest: app.ingest,
    dispatcher: app.dispatcher,
    scheduler: app.digestJobs,
    command,
    statuses,
  };
}
