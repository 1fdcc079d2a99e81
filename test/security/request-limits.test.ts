// Slack HTTP mode against hostile requests: an unsigned body declared at 1 GB is refused before a
// byte of it is read, a streamed (chunked) body is cut off at the cap, a slow body meets the read
// deadline, and a validly signed `payload=null` is a 400, not a crash. Signed commands still work
// after all of it. (Memory under a real 1 GB POST is measured by scripts/bench-request-limits.ts.)
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import { createSlackConnection } from '../../src/chat/slack/slack-app.ts';
import { createSlackPlatform, type SlackPlatform } from '../../src/chat/slack/slack-platform.ts';
import { recordingLogger } from '../helpers.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../slack/fake-slack-api.ts';
import { postSigned, slackSignature, slashCommandBody } from '../slack/signed-requests.ts';

const SECRET = 'limits-test-secret';
const CAP = 64 * 1024;
let fake: FakeSlackApi;
let platform: SlackPlatform;
let port: number;
const log = recordingLogger();

beforeAll(async () => {
  fake = await startFakeSlackApi();
  const connection = createSlackConnection({
    botToken: 'xoxb-limits',
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    requestLimits: { maxBytes: CAP, readTimeoutMs: 500 },
    log,
  });
  platform = createSlackPlatform({ connection, log });
  const reply: OutgoingMessage = { kind: 'reply', title: 'pong', text: 'pong', ephemeral: true };
  await platform.start(() => Promise.resolve(reply));
  port = platform.port() ?? 0;
});
afterAll(async () => {
  await platform.stop();
  await fake.close();
});

/** Writes a raw request and collects what the server answers until it closes the connection. */
function raw(head: string, feed: (socket: Socket) => void): Promise<{ status: number; bytesAccepted: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let written = 0;
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), bytesAccepted: written }),
    );
    socket.write(head);
    const origWrite = socket.write.bind(socket);
    Object.assign(socket, {
      write: (chunk: Buffer | string, cb?: () => void) => {
        written += chunk.length;
        return origWrite(chunk, cb);
      },
    });
    feed(socket);
  });
}

const headers = (extra: string) =>
  `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n${extra}\r\n`;

async function stillServing(): Promise<void> {
  const r = await postSigned(
    `http://127.0.0.1:${port}/slack/events`,
    SECRET,
    slashCommandBody('/watch', 'list', { team: 'T1', channel: 'C1', user: 'U1' }, `${fake.baseUrl}/respond/x`),
  );
  expect(r.status).toBe(200);
  expect(r.json()['text']).toBe('pong');
}

describe('Slack HTTP mode bounds every request body', () => {
  it('refuses a body declared at 1 GB by its Content-Length, without reading it', async () => {
    const r = await raw(headers('Content-Length: 1073741824\r\n'), (s) => s.write('x'.repeat(1000)));
    expect(r.status).toBe(413);
    expect(log.messages()).toContain('slack.request_refused');
    await stillServing();
  });

  it('cuts a chunked body off once it passes the cap', async () => {
    const r = await raw(headers('Transfer-Encoding: chunked\r\n'), (s) => {
      const chunk = Buffer.alloc(16 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        // Up to 64 MB; the server must hang up long before.
        while (sent < 4096 && !s.destroyed) {
          sent += 1;
          if (!s.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`)) {
            s.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    expect(r.status).toBe(413);
    expect(r.bytesAccepted).toBeLessThan(64 * 1024 * 1024);
    await stillServing();
  });

  it('gives up on a body that never finishes (the read deadline)', async () => {
    const r = await raw(headers('Content-Length: 5000\r\n'), (s) => s.write('token=abc'));
    expect(r.status).toBe(408);
    await stillServing();
  });

  it('answers a validly signed payload=null (or any non-object payload) with 400 and keeps serving', async () => {
    for (const payload of ['null', '42', '"x"', '[]', '{not json']) {
      const body = `payload=${encodeURIComponent(payload)}`;
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': slackSignature(SECRET, ts, body),
        },
        body,
      });
      expect(res.status).toBe(400);
    }
    await stillServing();
  });

  it('still refuses a forged signature after reading a small body', async () => {
    const r = await postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      SECRET,
      slashCommandBody('/watch', 'list', { team: 'T1', channel: 'C1', user: 'U1' }, `${fake.baseUrl}/respond/y`),
      { secret: 'wrong' },
    );
    expect(r.status).toBe(401);
  });
});
