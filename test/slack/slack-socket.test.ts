// Socket Mode: the app asks the (fake) Web API for a WebSocket URL with its app token, connects
// to a local WebSocket server, and answers a slash command envelope over the socket.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackConnection } from '../../src/chat/slack/slack-app.ts';
import { createSlackPlatform, type SlackPlatform } from '../../src/chat/slack/slack-platform.ts';
import { composeApp, type App } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { recordingLogger } from '../helpers.ts';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startSocketFake(): Promise<{ url: string; connected: Promise<WebSocket>; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const connected = new Promise<WebSocket>((resolve) => {
    wss.on('connection', (ws) => {
      // Slack opens every Socket Mode session with a hello.
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TICKERBELL' } }));
      resolve(ws);
    });
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`,
    connected,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

it('starts in Socket Mode against a local WebSocket and answers a slash command over it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tickerbell-slack-socket-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig({ TICKERBELL_DB: join(dir, 'test.db'), TICKERBELL_SOURCES: dir });
  if (!config.ok) throw new Error(config.errors.join('; '));
  const log = recordingLogger();
  const core: App = await composeApp(config.config, {
    log,
    clock: () => new Date('2026-03-02T12:00:00Z'),
    platforms: new Map(),
  });
  cleanups.push(() => core.close());
  const fake: FakeSlackApi = await startFakeSlackApi();
  cleanups.push(() => fake.close());
  const socket = await startSocketFake();
  cleanups.push(() => socket.close());
  fake.socketUrl = socket.url;

  const connection = createSlackConnection({
    botToken: 'xoxb-test-token',
    appToken: 'xapp-test-token',
    signingSecret: 'ignored-in-socket-mode',
    apiUrl: fake.apiUrl,
    log,
  });
  expect(connection.mode).toBe('socket');
  const platform: SlackPlatform = createSlackPlatform({ connection, log });
  await platform.start(core.handleCommand);
  cleanups.push(() => platform.stop());
  expect(platform.port()).toBeNull();

  const open = fake.calls.find((c) => c.method === 'apps.connections.open');
  expect(open?.authorization).toBe('Bearer xapp-test-token');
  expect(fake.calls.find((c) => c.method === 'auth.test')?.authorization).toBe('Bearer xoxb-test-token');

  const ws = await socket.connected;
  const reply = new Promise<Record<string, unknown>>((resolve) => {
    ws.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
  });
  ws.send(
    JSON.stringify({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: 'T1ACME',
        channel_id: 'C0MARKETS',
        user_id: 'U1ALICE',
        user_name: 'alice',
        command: '/watch',
        text: 'add BABA above 0.4',
        response_url: `${fake.baseUrl}/respond/socket-1`,
        api_app_id: 'A0TICKERBELL',
        trigger_id: '1.2.3',
      },
    }),
  );
  const ack = await reply;
  expect(ack['envelope_id']).toBe('env-1');
  const payload = ack['payload'] as Record<string, unknown>;
  expect(payload['response_type']).toBe('in_channel');
  expect(payload['text']).toMatch(/^Watching BABA in this channel\./);
  expect(
    (await core.stores.watchlists.list({ platform: 'slack', workspace: 'T1ACME', channel: 'C0MARKETS' })).map((r) => [
      r.symbol,
      r.above,
    ]),
  ).toEqual([['BABA', 0.4]]);
});
