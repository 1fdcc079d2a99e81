// /healthz follows the chat link itself, not just whether the platform once started: a dropped
// Slack socket or Discord gateway makes it 503 until the library has the link back.
import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadConfig } from '../../src/config.ts';
import { startBot, type RunningBot } from '../../src/main.ts';
import { startFakeDiscord } from '../discord/fake-discord.ts';
import { recordingLogger, tempDir } from '../helpers.ts';
import { startFakeSlackApi } from '../slack/fake-slack-api.ts';

interface Health {
  readonly status: number;
  readonly body: { ok: boolean; platforms: Record<string, string> };
}

function get(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    })
      .on('error', reject)
      .end();
  });
}

async function healthz(port: number): Promise<Health> {
  const { status, text } = await get(port, '/healthz');
  return { status, body: JSON.parse(text) as Health['body'] };
}

/** Polls /healthz until it answers with the status, and returns that answer. */
async function healthBecomes(port: number, status: number, timeoutMs = 20_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await healthz(port);
    if (h.status === status) return h;
    if (Date.now() > deadline) throw new Error(`/healthz stayed ${h.status}: ${JSON.stringify(h.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Slack's Socket Mode end: greets each connection with hello unless told to hold, as a Slack outage would. */
async function startSocketFake(): Promise<{
  url: string;
  drop(options: { hold: boolean }): void;
  release(): void;
  close(): Promise<void>;
}> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  let holding = false;
  const held: WebSocket[] = [];
  const hello = (ws: WebSocket): void =>
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TICKERBELL' } }));
  wss.on('connection', (ws) => (holding ? held.push(ws) : hello(ws)));
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`,
    drop: ({ hold }) => {
      holding = hold;
      for (const c of wss.clients) c.terminate();
    },
    release: () => {
      holding = false;
      for (const ws of held.splice(0)) if (ws.readyState === ws.OPEN) hello(ws);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startWith(env: Record<string, string>): Promise<{ bot: RunningBot; port: number }> {
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  const config = loadConfig({
    TICKERBELL_DB: join(tmp.dir, 'bot.db'),
    TICKERBELL_SOURCES: tmp.dir,
    TICKERBELL_METRICS_PORT: '0',
    ...env,
  });
  if (!config.ok) throw new Error(config.errors.join('; '));
  const log = recordingLogger();
  const bot = await startBot(config.config, log, { once: false, stdin: new PassThrough(), stdout: new PassThrough() });
  cleanups.push(() => bot.stop());
  const listening = log.records.find((r) => r.msg === 'metrics.listening');
  return { bot, port: Number((listening?.obj as { port?: number } | undefined)?.port) };
}

describe('/healthz and the chat link', () => {
  it('Slack Socket Mode: a dropped socket is 503 "reconnecting" until Slack says hello again', async () => {
    const api = await startFakeSlackApi();
    cleanups.push(() => api.close());
    const socket = await startSocketFake();
    cleanups.push(() => socket.close());
    api.socketUrl = socket.url;
    const { port } = await startWith({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_API_URL: api.apiUrl,
    });

    expect(await healthz(port)).toMatchObject({ status: 200, body: { ok: true, platforms: { slack: 'connected' } } });
    socket.drop({ hold: true });
    expect((await healthBecomes(port, 503)).body).toMatchObject({ ok: false, platforms: { slack: 'reconnecting' } });
    expect((await get(port, '/metrics')).text).toContain('tickerbell_platform_connected{platform="slack"} 0');
    socket.release();
    // The client waits before reconnecting (5 s by default), then gets its hello.
    expect((await healthBecomes(port, 200)).body).toMatchObject({ ok: true, platforms: { slack: 'connected' } });
    expect((await get(port, '/metrics')).text).toContain('tickerbell_platform_connected{platform="slack"} 1');
  }, 40_000);

  it('Discord: a dropped gateway is 503 "reconnecting" until the session is resumed', async () => {
    const fake = await startFakeDiscord({
      applicationId: '900000000000000001',
      guilds: [{ id: '900000000000000010', name: 'Desk' }],
    });
    cleanups.push(() => fake.close());
    const { port } = await startWith({
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APPLICATION_ID: '900000000000000001',
      DISCORD_API_URL: fake.apiUrl,
    });

    expect(await healthBecomes(port, 200)).toMatchObject({ body: { ok: true, platforms: { discord: 'connected' } } });
    fake.dropGateway({ hold: true });
    expect((await healthBecomes(port, 503)).body).toMatchObject({ ok: false, platforms: { discord: 'reconnecting' } });
    fake.releaseGateway();
    expect((await healthBecomes(port, 200)).body).toMatchObject({ ok: true, platforms: { discord: 'connected' } });
  }, 40_000);
});
