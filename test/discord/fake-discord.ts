// A local stand-in for Discord: the REST routes tickerbell uses and a v10 JSON gateway
// (HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeat ACK, dispatches). discord.js talks to it
// unchanged through its `rest.api` option and the URL that /gateway/bot returns.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** Files of a multipart request (the JSON body is its payload_json part). */
  readonly files: ReadonlyArray<{ readonly name: string; readonly type: string; readonly bytes: Buffer }>;
}

export interface StoredMessage {
  readonly id: string;
  readonly channelId: string;
  readonly nonce: string | null;
  readonly body: Record<string, unknown>;
}

/** A scripted answer for the next matching request. */
export interface Failure {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Act on the request first, then answer with the failure (a response lost on the way back). */
  readonly afterEffect?: boolean;
}

/**
 * A network fault for the next matching request: `reset` closes the connection without an answer,
 * `hang` never answers, `trickle` answers normally but a few bytes at a time. With afterEffect the
 * request is carried out first (the message is created; only its answer is lost or slow).
 */
export interface Fault {
  readonly kind: 'reset' | 'hang' | 'trickle';
  readonly afterEffect?: boolean;
  /** trickle: pause between chunks (default 40 ms) and chunk size (default 32 bytes). */
  readonly chunkDelayMs?: number;
  readonly chunkBytes?: number;
}

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
}

export interface FakeDiscordOptions {
  readonly applicationId: string;
  readonly botUserId?: string;
  readonly guilds?: readonly FakeGuild[];
  /** Short, so a test sees discord.js heartbeat and get its ACK. */
  readonly heartbeatIntervalMs?: number;
}

export interface FakeDiscord {
  /** Pass as DISCORD_API_URL. */
  readonly apiUrl: string;
  readonly requests: RecordedRequest[];
  readonly messages: StoredMessage[];
  readonly heartbeatsAcked: () => number;
  readonly identified: () => boolean;
  failNext(method: string, pathPattern: RegExp, failure: Failure): void;
  /** The next matching request meets this network fault (checked before failNext). */
  faultNext(method: string, pathPattern: RegExp, fault: Fault): void;
  /** Sends a gateway dispatch (INTERACTION_CREATE, ...) to every connected client. */
  dispatch(event: string, data: unknown): void;
  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
  /**
   * Drops every gateway connection, as a network cut would. With hold, connections made after it
   * get no HELLO until releaseGateway(), so the client stays reconnecting.
   */
  dropGateway(options: { hold: boolean }): void;
  releaseGateway(): void;
  /** Delays every REST answer (the crash test uses it so kills land between a send and its answer). */
  setLatencyMs(ms: number): void;
}

let nextSnowflake = 1_200_000_000_000_000_000n;
export const snowflake = (): string => String(nextSnowflake++);

export async function startFakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  const botUserId = options.botUserId ?? '900000000000000001';
  const guilds = options.guilds ?? [];
  const requests: RecordedRequest[] = [];
  const messages: StoredMessage[] = [];
  const failures: Array<{ method: string; pattern: RegExp; failure: Failure }> = [];
  const faults: Array<{ method: string; pattern: RegExp; fault: Fault }> = [];
  const waiters: Array<{ pred: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  const sockets = new Set<WebSocket>();
  let heartbeatAcks = 0;
  let identified = false;
  let seq = 0;
  let port = 0;
  let latencyMs = 0;

  const record = (r: RecordedRequest): void => {
    requests.push(r);
    for (const w of [...waiters]) {
      if (w.pred(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): void => {
    if (status === 204) {
      res.writeHead(204, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  const createMessage = (
    channelId: string,
    body: Record<string, unknown>,
  ): { message: StoredMessage; created: boolean } => {
    const nonce = typeof body['nonce'] === 'string' ? body['nonce'] : null;
    // enforce_nonce: the same author and nonce within a few minutes returns the first message.
    if (nonce !== null && body['enforce_nonce'] === true) {
      const existing = messages.find((m) => m.channelId === channelId && m.nonce === nonce);
      if (existing !== undefined) return { message: existing, created: false };
    }
    const message = { id: snowflake(), channelId, nonce, body };
    messages.push(message);
    return { message, created: true };
  };

  const messageJson = (m: StoredMessage): unknown => ({
    id: m.id,
    channel_id: m.channelId,
    type: 0,
    content: '',
    author: { id: botUserId, username: 'tickerbell', discriminator: '0', bot: true, avatar: null, global_name: null },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: m.body['embeds'] ?? [],
    components: m.body['components'] ?? [],
    pinned: false,
    nonce: m.nonce,
  });

  const act = (
    method: string,
    path: string,
    body: unknown,
    res: ServerResponse | null,
    answer?: (status: number, payload: unknown) => void,
  ): void => {
    const ok = (status: number, payload: unknown): void => {
      if (answer !== undefined) answer(status, payload);
      else if (res !== null) send(res, status, payload);
    };
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      ok(200, {
        url: `ws://127.0.0.1:${port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
      return;
    }
    const commands = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (commands !== null && method === 'PUT' && Array.isArray(body)) {
      ok(
        200,
        body.map((c: Record<string, unknown>) => ({
          ...c,
          id: snowflake(),
          application_id: commands[1],
          version: snowflake(),
          ...(commands[2] ? { guild_id: commands[2] } : {}),
        })),
      );
      return;
    }
    if (/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path) && method === 'POST') {
      ok(204, null);
      return;
    }
    const original = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path);
    if (original !== null && method === 'PATCH') {
      ok(
        200,
        messageJson({ id: snowflake(), channelId: '0', nonce: null, body: (body ?? {}) as Record<string, unknown> }),
      );
      return;
    }
    const channelMessages = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages !== null && method === 'POST') {
      const { message } = createMessage(channelMessages[1] as string, (body ?? {}) as Record<string, unknown>);
      ok(200, messageJson(message));
      return;
    }
    ok(404, { message: 'Unknown route', code: 0 });
  };

  /** JSON, or multipart/form-data with a payload_json part and files (how uploads arrive). */
  const parseBody = async (
    req: IncomingMessage,
    chunks: Buffer[],
  ): Promise<{ body: unknown; files: RecordedRequest['files'] }> => {
    const buf = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(buf, { headers: { 'content-type': type } }).formData();
      const files: Array<{ name: string; type: string; bytes: Buffer }> = [];
      let body: unknown = null;
      for (const [key, value] of form.entries()) {
        if (typeof value === 'string') {
          if (key === 'payload_json') body = JSON.parse(value);
        } else {
          files.push({ name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
        }
      }
      return { body, files };
    }
    const raw = buf.toString('utf8');
    try {
      return { body: raw.length > 0 ? JSON.parse(raw) : null, files: [] };
    } catch {
      return { body: raw, files: [] };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, chunks: Buffer[]): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // discord.js escapes "@original"; Discord routes on the decoded path.
    url.pathname = decodeURIComponent(url.pathname);
    const { body, files } = await parseBody(req, chunks);
    const method = req.method ?? 'GET';
    const r: RecordedRequest = { method, path: url.pathname, query: url.searchParams, body, files };
    const f = faults.findIndex((x) => x.method === method && x.pattern.test(url.pathname));
    if (f !== -1) {
      const { fault } = faults.splice(f, 1)[0] as { fault: Fault };
      record(r);
      if (fault.kind === 'trickle') {
        let answer: { status: number; payload: unknown } = { status: 500, payload: {} };
        act(method, url.pathname, body, null, (status, payload) => {
          answer = { status, payload };
        });
        const bytes = Buffer.from(JSON.stringify(answer.payload));
        const size = fault.chunkBytes ?? 32;
        res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
        for (let at = 0; at < bytes.length; at += size) {
          if (res.destroyed) return;
          res.write(bytes.subarray(at, at + size));
          await new Promise((done) => setTimeout(done, fault.chunkDelayMs ?? 40));
        }
        res.end();
        return;
      }
      if (fault.afterEffect === true) act(method, url.pathname, body, null);
      if (fault.kind === 'reset') req.socket.destroy();
      // hang: no answer at all; close() drops the connection.
      return;
    }
    const i = failures.findIndex((f) => f.method === method && f.pattern.test(url.pathname));
    if (i !== -1) {
      const { failure } = failures.splice(i, 1)[0] as { failure: Failure };
      if (failure.afterEffect === true) act(method, url.pathname, body, null);
      record(r);
      send(res, failure.status, failure.body, failure.headers);
      return;
    }
    record(r);
    act(method, url.pathname, body, res);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const go = (): void => {
        handle(req, res, chunks).catch((error: unknown) => send(res, 400, { message: String(error), code: 50109 }));
      };
      if (latencyMs > 0) setTimeout(go, latencyMs);
      else go();
    });
  });

  const wss = new WebSocketServer({ server });
  const sendOp = (ws: WebSocket, payload: { op: number; d: unknown; t?: string | null; s?: number | null }): void => {
    ws.send(JSON.stringify({ t: null, s: null, ...payload }));
  };
  const dispatchTo = (ws: WebSocket, event: string, data: unknown): void => {
    seq += 1;
    sendOp(ws, { op: 0, t: event, s: seq, d: data });
  };
  let holding = false;
  const held: WebSocket[] = [];
  const hello = (ws: WebSocket): void =>
    sendOp(ws, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 500 } });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    if (holding) held.push(ws);
    else hello(ws);
    ws.on('message', (data: Buffer) => {
      const packet = JSON.parse(data.toString('utf8')) as { op: number; d: unknown };
      if (packet.op === 1) {
        heartbeatAcks += 1;
        sendOp(ws, { op: 11, d: null });
      } else if (packet.op === 6) {
        // RESUME after a dropped connection: nothing was missed.
        dispatchTo(ws, 'RESUMED', {});
      } else if (packet.op === 2) {
        identified = true;
        dispatchTo(ws, 'READY', {
          v: 10,
          user: {
            id: botUserId,
            username: 'tickerbell',
            discriminator: '0',
            bot: true,
            avatar: null,
            global_name: null,
            flags: 0,
          },
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: 'fake-session',
          resume_gateway_url: `ws://127.0.0.1:${port}`,
          application: { id: options.applicationId, flags: 0 },
          private_channels: [],
        });
        for (const g of guilds) {
          dispatchTo(ws, 'GUILD_CREATE', {
            id: g.id,
            name: g.name,
            icon: null,
            owner_id: '900000000000000099',
            unavailable: false,
            member_count: 2,
            roles: [
              {
                id: g.id,
                name: '@everyone',
                permissions: '1024',
                position: 0,
                color: 0,
                hoist: false,
                managed: false,
                mentionable: false,
                flags: 0,
              },
            ],
            channels: [],
            threads: [],
            members: [],
            emojis: [],
            stickers: [],
            features: [],
            joined_at: new Date().toISOString(),
            large: false,
            voice_states: [],
            presences: [],
            stage_instances: [],
            guild_scheduled_events: [],
            soundboard_sounds: [],
          });
        }
      }
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    messages,
    heartbeatsAcked: () => heartbeatAcks,
    identified: () => identified,
    failNext(method, pathPattern, failure) {
      failures.push({ method, pattern: pathPattern, failure });
    },
    faultNext(method, pathPattern, fault) {
      faults.push({ method, pattern: pathPattern, fault });
    },
    dropGateway({ hold }) {
      holding = hold;
      for (const ws of sockets) ws.terminate();
    },
    releaseGateway() {
      holding = false;
      for (const ws of held.splice(0)) if (ws.readyState === ws.OPEN) hello(ws);
    },
    dispatch(event, data) {
      for (const ws of sockets) dispatchTo(ws, event, data);
    },
    waitForRequest(pred, timeoutMs = 5_000) {
      const found = requests.find(pred);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          pred,
          resolve: (r: RecordedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error('fake Discord: no matching request in time'));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    setLatencyMs(ms) {
      latencyMs = ms;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
