// The real pipeline (SQLite in a temp dir, command handler, outbox, dispatcher) with the real
// Bolt app in HTTP mode on 127.0.0.1, its Web API pointed at the local fake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from '../../src/app/dispatcher.ts';
import { createSlackConnection } from '../../src/chat/slack/slack-app.ts';
import { createSlackPlatform, type SlackPlatform } from '../../src/chat/slack/slack-platform.ts';
import { composeApp, type App } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { RawArticle } from '../../src/core/types.ts';
import { recordingLogger } from '../helpers.ts';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.ts';
import {
  buttonPressBody,
  postSigned,
  slashCommandBody,
  type SignOptions,
  type SlackHttpResponse,
  type Who,
} from './signed-requests.ts';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';
export const BOT_TOKEN = 'xoxb-test-token';

export interface SlackHarness {
  readonly fake: FakeSlackApi;
  readonly core: App;
  readonly platform: SlackPlatform;
  readonly dispatcher: Dispatcher;
  readonly log: ReturnType<typeof recordingLogger>;
  readonly eventsUrl: string;
  now(): Date;
  advance(ms: number): void;
  /** A signed slash command, as Slack would send it; its response_url points at the fake. */
  slash(
    command: string,
    text: string,
    who: Who,
    sign?: SignOptions & { responseId?: string },
  ): Promise<SlackHttpResponse>;
  press(
    button: { action_id: string; value: string; label: string },
    who: Who,
    responseId: string,
  ): Promise<SlackHttpResponse>;
  ingest(...articles: RawArticle[]): Promise<number>;
  close(): Promise<void>;
}

export async function startSlackHarness(
  options: { adminOnly?: boolean; ackBudgetMs?: number; requestTimeoutMs?: number } = {},
): Promise<SlackHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'tickerbell-slack-'));
  // Cooldown bundling off: these tests follow each alert to Slack (test/alerts covers bundling).
  const config = loadConfig({
    TICKERBELL_DB: join(dir, 'test.db'),
    TICKERBELL_SOURCES: dir,
    TICKERBELL_ALERT_COOLDOWN: '0m',
  });
  if (!config.ok) throw new Error(config.errors.join('; '));
  let now = new Date('2026-03-02T12:00:00Z').getTime();
  const clock = () => new Date(now);
  const log = recordingLogger();
  const fake = await startFakeSlackApi({ now: () => now });
  const connection = createSlackConnection({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    requestTimeoutMs: options.requestTimeoutMs,
    log,
  });
  const platform = createSlackPlatform({
    connection,
    log,
    clock,
    adminOnly: options.adminOnly === true,
    ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
  });
  // Pacing waits move the test's clock instead of the wall clock.
  const sleep = (ms: number) => {
    now += ms;
    return Promise.resolve();
  };
  const core = await composeApp(config.config, { log, clock, platforms: new Map([['slack', platform]]), sleep });
  await platform.start(core.handleCommand);
  const { dispatcher } = core;
  const eventsUrl = `http://127.0.0.1:${platform.port()}/slack/events`;
  let responses = 0;
  return {
    fake,
    core,
    platform,
    dispatcher,
    log,
    eventsUrl,
    now: clock,
    advance(ms) {
      now += ms;
    },
    slash(command, text, who, sign = {}) {
      const responseUrl = `${fake.baseUrl}/respond/${sign.responseId ?? `r${++responses}`}`;
      return postSigned(eventsUrl, SIGNING_SECRET, slashCommandBody(command, text, who, responseUrl), sign);
    },
    press(button, who, responseId) {
      return postSigned(
        eventsUrl,
        SIGNING_SECRET,
        buttonPressBody(button, who, `${fake.baseUrl}/respond/${responseId}`),
      );
    },
    async ingest(...articles) {
      return (await core.ingest.ingest(articles)).alertsQueued;
    },
    async close() {
      await platform.stop();
      await fake.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const baba = (n: number, over: Partial<RawArticle> = {}): RawArticle => ({
  origin: `slack-test-${n}`,
  sourceName: 'Test Wire',
  format: 'text',
  title: `Alibaba shares plunge as cloud growth misses estimates (${n})`,
  body: `Alibaba shares fell sharply on Tuesday. The company missed estimates and cut its outlook. Story number ${n}.`,
  url: `https://news.test/baba-${n}`,
  ...over,
});
