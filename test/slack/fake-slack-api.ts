// A local stand-in for Slack's Web API (POST /api/<method>) and for response_url endpoints
// (POST /respond/<id>), on 127.0.0.1. It records every call and can be told to fail the next ones.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly authorization: string | undefined;
  /** What the fake answered with. */
  readonly status: number;
  readonly ok: boolean;
  /** When it arrived, on the clock the fake was given (the test's clock). */
  readonly at: number;
}

export interface ResponseUrlCall {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

export interface Failure {
  readonly status: number;
  readonly body?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/**
 * A network fault for the next call: `reset` closes the connection without an answer, `hang` never
 * answers, `trickle` answers normally but a few bytes at a time. With afterEffect the call is
 * carried out first (the message is posted; only its answer is lost or slow).
 */
export interface Fault {
  readonly kind: 'reset' | 'hang' | 'trickle';
  readonly afterEffect?: boolean;
  /** trickle: pause between chunks (default 40 ms) and chunk size (default 16 bytes). */
  readonly chunkDelayMs?: number;
  readonly chunkBytes?: number;
}

/** A message as it stands in a channel (for conversations.history). */
export interface ChannelMessage {
  readonly channel: string;
  readonly ts: string;
  readonly args: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL, ending in /api/. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlCall[];
  /** Successful chat.postMessage calls: what a person would see in the channel. */
  posted(): ApiCall[];
  /** The next calls to `method` fail like this, in order. */
  failNext(method: string, ...failures: Failure[]): void;
  /** The next calls to `method` meet these network faults, in order (before any failNext). */
  faultNext(method: string, ...faults: Fault[]): void;
  /** Every message posted, including those whose answer a fault lost. */
  readonly messages: ChannelMessage[];
  /** users.info answers for these user ids. */
  readonly users: Map<string, { is_admin?: boolean; is_owner?: boolean }>;
  /** Where apps.connections.open sends Socket Mode clients. */
  socketUrl: string | null;
  /** Resolves with the first response_url call matching, waiting if need be. */
  waitForResponse(predicate: (r: ResponseUrlCall) => boolean): Promise<ResponseUrlCall>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** @slack/web-api sends form fields, with objects (blocks, attachments) as JSON strings. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json') === true) return JSON.parse(body || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export async function startFakeSlackApi(options: { teamId?: string; now?: () => number } = {}): Promise<FakeSlackApi> {
  const now = options.now ?? Date.now;
  const calls: ApiCall[] = [];
  const responses: ResponseUrlCall[] = [];
  const failures = new Map<string, Failure[]>();
  const faults = new Map<string, Fault[]>();
  const messages: ChannelMessage[] = [];
  const users = new Map<string, { is_admin?: boolean; is_owner?: boolean }>();
  const waiters: Array<{ predicate: (r: ResponseUrlCall) => boolean; resolve: (r: ResponseUrlCall) => void }> = [];
  let seq = 0;

  const answer = (method: string, args: Record<string, unknown>, fake: FakeSlackApi): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          team_id: options.teamId ?? 'T0001',
          user_id: 'UBOT',
          bot_id: 'BBOT',
          url: 'https://fake.slack.test/',
        };
      case 'chat.postMessage': {
        // Seconds on the fake's clock (so `oldest` filters work on the test's time), made unique.
        seq += 1;
        const ts = `${Math.floor(now() / 1000)}.${String(seq).padStart(6, '0')}`;
        messages.push({ channel: String(args['channel']), ts, args });
        return { ok: true, channel: args['channel'], ts };
      }
      case 'conversations.history': {
        const oldest = Number(args['oldest'] ?? 0);
        const limit = Number(args['limit'] ?? 100);
        const start = Number(args['cursor'] ?? 0);
        const withMetadata = String(args['include_all_metadata']) === 'true';
        const found = messages.filter((m) => m.channel === String(args['channel']) && Number(m.ts) > oldest).reverse();
        const page = found.slice(start, start + limit).map((m) => ({
          type: 'message',
          ts: m.ts,
          text: m.args['text'],
          ...(withMetadata && m.args['metadata'] !== undefined ? { metadata: m.args['metadata'] } : {}),
        }));
        const more = start + limit < found.length;
        return {
          ok: true,
          messages: page,
          has_more: more,
          response_metadata: { next_cursor: more ? String(start + limit) : '' },
        };
      }
      case 'users.info': {
        const user = users.get(String(args['user']));
        return user === undefined
          ? { ok: false, error: 'user_not_found' }
          : { ok: true, user: { id: args['user'], ...user } };
      }
      case 'apps.connections.open':
        return fake.socketUrl === null ? { ok: false, error: 'invalid_auth' } : { ok: true, url: fake.socketUrl };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const respond = url.pathname.match(/^\/respond\/([\w-]+)$/);
      if (respond !== null) {
        const call = { id: respond[1] as string, body: JSON.parse(body) as Record<string, unknown> };
        responses.push(call);
        for (const w of waiters.splice(0)) {
          if (w.predicate(call)) w.resolve(call);
          else waiters.push(w);
        }
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const args = parseArgs(body, req.headers['content-type']);
      const fault = faults.get(method)?.shift();
      if (fault !== undefined) {
        const result =
          fault.afterEffect === true || fault.kind === 'trickle' ? answer(method, args, fake) : { ok: false };
        calls.push({
          method,
          args,
          authorization: req.headers.authorization,
          status: fault.kind === 'trickle' ? 200 : 0,
          ok: result['ok'] === true,
          at: now(),
        });
        if (fault.kind === 'reset') req.socket.destroy();
        if (fault.kind === 'trickle') {
          const bytes = Buffer.from(JSON.stringify(result));
          const size = fault.chunkBytes ?? 16;
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
          for (let i = 0; i < bytes.length; i += size) {
            if (res.destroyed) return;
            res.write(bytes.subarray(i, i + size));
            await new Promise((r) => setTimeout(r, fault.chunkDelayMs ?? 40));
          }
          res.end();
        }
        // hang: no answer at all; close() drops the connection.
        return;
      }
      const failure = failures.get(method)?.shift();
      if (failure !== undefined) {
        calls.push({
          method,
          args,
          authorization: req.headers.authorization,
          status: failure.status,
          ok: false,
          at: now(),
        });
        res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.headers ?? {}) });
        res.end(JSON.stringify(failure.body ?? { ok: false, error: 'fake_failure' }));
        return;
      }
      const result = answer(method, args, fake);
      calls.push({
        method,
        args,
        authorization: req.headers.authorization,
        status: 200,
        ok: result['ok'] === true,
        at: now(),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const fake: FakeSlackApi = {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls,
    responses,
    users,
    socketUrl: null,
    messages,
    posted: () => calls.filter((c) => c.method === 'chat.postMessage' && c.ok),
    failNext(method, ...f) {
      failures.set(method, [...(failures.get(method) ?? []), ...f]);
    },
    faultNext(method, ...f) {
      faults.set(method, [...(faults.get(method) ?? []), ...f]);
    },
    waitForResponse(predicate) {
      const found = responses.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
