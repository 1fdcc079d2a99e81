// The real pipeline (SQLite in a temp dir, ingest, command handler, outbox, dispatcher) with the
// Discord platform pointed at the local fake. The analyzer is fixed so every alert has a known
// sentiment: these tests are about delivery, not scoring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from '../../src/app/dispatcher.ts';
import type { Ingest } from '../../src/app/ingest.ts';
import type { ChatPlatform, CommandHandler } from '../../src/app/ports/chat.ts';
import type { Logger } from '../../src/app/ports/runtime.ts';
import type { OutboxStore, WatchlistStore } from '../../src/app/ports/storage.ts';
import { createDiscordPlatform } from '../../src/chat/discord/discord-platform.ts';
import type { Analyzer } from '../../src/core/analyze.ts';
import type { Sentiment } from '../../src/core/types.ts';
import { composeApp } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import type { Db } from '../../src/storage/db.ts';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord.ts';
import type { SentInteraction } from './payloads.ts';
import { sqliteOf } from '../helpers.ts';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

export function createRecordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object, msg: string) => {
    lines.push({ level, obj: obj as Record<string, unknown>, msg });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Pipeline {
  readonly db: Db;
  readonly ingest: Ingest;
  readonly watchlists: WatchlistStore;
  readonly outbox: OutboxStore;
}

/** Every story the fixed analyzer sees is about Alibaba (BABA), with this sentiment. */
export const STORY_SENTIMENT: Sentiment = { score: 0.62, label: 'bullish' };

// Built apart from the Analyzer type so extra explanation fields the analyzer may grow do not matter here.
const FIXED_ANALYSIS = {
  sentiment: STORY_SENTIMENT,
  tickers: [
    { symbol: 'BABA', name: 'Alibaba Group Holding Ltd', relevance: 0.8, sentiment: STORY_SENTIMENT, mentions: 4 },
  ],
  summary: 'Alibaba beat cloud revenue forecasts.',
  evidence: [],
  tickerEvidence: [],
};
const fixedAnalyzer: Analyzer = { analyze: () => FIXED_ANALYSIS };

export interface Harness {
  readonly fake: FakeDiscord;
  readonly core: Pipeline;
  readonly platform: ChatPlatform;
  readonly dispatcher: Dispatcher;
  readonly log: ReturnType<typeof createRecordingLogger>;
  readonly applicationId: string;
  /** Moves the pipeline's clock (the outbox schedules retries on it). */
  advance(ms: number): void;
  now(): Date;
  /** Sends an interaction through the gateway and returns what the bot answered at its callback. */
  interact(i: SentInteraction): Promise<{ type: number; data: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const APPLICATION_ID = '900000000000000010';

export interface HarnessOptions {
  readonly guildId?: string;
  readonly maxQueueWaitMs?: number;
  /** Makes every command this much slower to answer (a busy database). */
  readonly commandDelayMs?: number;
  readonly deferAfterMs?: number;
  /** Longest wait for one REST answer (default 3 s). */
  readonly restTimeoutMs?: number;
  /** Wraps the real command handler (to add what this pipeline does not build, like charts). */
  readonly wrapHandler?: (handler: CommandHandler) => CommandHandler;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tickerbell-discord-'));
  let now = new Date('2025-03-03T12:00:00Z');
  const clock = () => now;
  const log = createRecordingLogger();
  const universe = loadTickerUniverse();
  const fake = await startFakeDiscord({
    applicationId: APPLICATION_ID,
    guilds: options.guildId !== undefined ? [{ id: options.guildId, name: 'Investor club' }] : [],
    heartbeatIntervalMs: 300,
  });
  const platform = createDiscordPlatform({
    token: 'fake-token.for.tests',
    applicationId: APPLICATION_ID,
    guildId: options.guildId,
    apiUrl: fake.apiUrl,
    tickers: universe,
    log,
    restTimeoutMs: options.restTimeoutMs ?? 3_000,
    readyTimeoutMs: 5_000,
    ...(options.maxQueueWaitMs !== undefined ? { maxQueueWaitMs: options.maxQueueWaitMs } : {}),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  // The bot as main.ts builds it, on this fake Discord; bundling is off so each alert is followed to Discord.
  const config = loadConfig({
    TICKERBELL_DB: join(dir, 'test.db'),
    TICKERBELL_SOURCES: dir,
    TICKERBELL_MIN_RELEVANCE: '0.3',
    TICKERBELL_ALERT_COOLDOWN: '0m',
  });
  if (!config.ok) throw new Error(config.errors.join('; '));
  const app = await composeApp(config.config, {
    log,
    clock,
    analyzer: fixedAnalyzer,
    platforms: new Map([['discord', platform]]),
    chart: null,
  });
  const core: Pipeline = {
    db: sqliteOf(app),
    ingest: app.ingest,
    watchlists: app.stores.watchlists,
    outbox: app.stores.outbox,
  };
  const delay = options.commandDelayMs ?? 0;
  const handler = options.wrapHandler?.(app.handleCommand) ?? app.handleCommand;
  await platform.start(async (command) => {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return handler(command);
  });
  const dispatcher = app.dispatcher;
  return {
    fake,
    core,
    platform,
    dispatcher,
    log,
    applicationId: APPLICATION_ID,
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
    async interact(i) {
      const callback = fake.waitForRequest(
        (r: RecordedRequest) => r.method === 'POST' && r.path === `/api/v10/interactions/${i.id}/${i.token}/callback`,
      );
      fake.dispatch('INTERACTION_CREATE', i.payload);
      const r = await callback;
      return r.body as { type: number; data: Record<string, unknown> };
    },
    async close() {
      await platform.stop();
      await fake.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
