// Builds the Bolt app for one of Slack's two ways in: Socket Mode (SLACK_APP_TOKEN, no public
// URL) or HTTP (SLACK_SIGNING_SECRET, commands/events/interactivity at /slack/events).
import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { Logger } from '../../app/ports/runtime.ts';
import type { ConnectionState } from '../../app/ports/chat.ts';
import {
  applyServerLimits,
  boundedListener,
  DEFAULT_REQUEST_LIMITS,
  type RequestLimits,
} from '../../http/request-limits.ts';

export interface SlackAppOptions {
  readonly botToken: string;
  /** Socket Mode when set (it wins over signingSecret). */
  readonly appToken?: string | undefined;
  readonly signingSecret?: string | undefined;
  /** Web API base URL (GovSlack, or a local fake in tests). */
  readonly apiUrl?: string | undefined;
  /** HTTP mode: where to listen. */
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Longest wait for one Web API answer (tests shorten it to provoke timeouts). */
  readonly requestTimeoutMs?: number | undefined;
  /** HTTP mode: the body cap and read deadline for every request (Slack's payloads are a few KB). */
  readonly requestLimits?: RequestLimits | undefined;
  readonly log: Logger;
}

export interface SlackConnection {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Checks the token (auth.test), then opens the socket or starts the HTTP server; resolves with the HTTP port. */
  start(): Promise<{ readonly port: number | null }>;
  stop(): Promise<void>;
  /** Socket Mode: the WebSocket's state as the Socket Mode client reports it; HTTP mode: connected while listening. */
  connectionState(): ConnectionState;
}

/** Bolt's logger interface over ours. Bolt's debug output carries whole payloads, so it is dropped. */
function boltLogger(log: Logger): BoltLogger {
  const text = (msg: unknown[]): string =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => log.info({ lib: 'bolt' }, text(msg)),
    warn: (...msg: unknown[]) => log.warn({ lib: 'bolt' }, text(msg)),
    error: (...msg: unknown[]) => log.error({ lib: 'bolt' }, text(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/** The Web API client's own retries are off: the outbox is the one place that retries, so nothing posts twice. */
export function slackClientOptions(
  apiUrl: string | undefined,
  logger: BoltLogger,
  timeoutMs = 15_000,
): webApi.WebClientOptions {
  return {
    ...(apiUrl !== undefined ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logger,
  };
}

export function createSlackConnection(options: SlackAppOptions): SlackConnection {
  const logger = boltLogger(options.log);
  const clientOptions = slackClientOptions(options.apiUrl, logger, options.requestTimeoutMs);
  const common = { token: options.botToken, logger, clientOptions, deferInitialization: true } as const;
  if (options.appToken !== undefined) {
    const receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger,
      installerOptions: { clientOptions },
    });
    const app = new App({ ...common, receiver });
    // The client reconnects by itself after a drop; the state is what /healthz reports meanwhile.
    let state: ConnectionState = 'disconnected';
    const client = receiver.client;
    client.on('connected', () => {
      if (state !== 'connected') options.log.info({ was: state }, 'slack.socket_connected');
      state = 'connected';
    });
    client.on('close', () => {
      if (state === 'connected') options.log.warn({}, 'slack.socket_closed');
      state = 'reconnecting';
    });
    client.on('reconnecting', () => {
      state = 'reconnecting';
    });
    client.on('disconnected', () => {
      state = 'disconnected';
    });
    return {
      app,
      mode: 'socket',
      connectionState: () => state,
      async start() {
        await app.init();
        await app.start();
        return { port: null };
      },
      async stop() {
        await app.stop();
      },
    };
  }
  if (options.signingSecret === undefined)
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  const receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: '/slack/events', logger });
  const app = new App({ ...common, receiver });
  const limits = options.requestLimits ?? DEFAULT_REQUEST_LIMITS;
  const log = options.log;
  const where = (req: IncomingMessage) => ({
    method: req.method,
    path: (req.url ?? '').split('?')[0]?.slice(0, 100),
    remote: req.socket.remoteAddress,
  });
  // Our server, not Bolt's: Bolt would buffer a body of any size before checking its signature.
  // The receiver gets the body already read within the limits (it uses rawBody when present).
  const listener = boundedListener(
    (req, res, body) => {
      if (!hasObjectPayload(req, body)) {
        res.writeHead(400).end();
        return;
      }
      Object.assign(req, { rawBody: body });
      try {
        receiver.requestListener(req, res);
      } catch {
        // Bolt throws for a path or method it does not serve.
        if (!res.headersSent) res.writeHead(404).end();
      }
    },
    limits,
    {
      onRefused: (req, error) =>
        log.warn({ ...where(req), status: error.status, reason: error.message }, 'slack.request_refused'),
      onFailed: (req, error) => log.error({ ...where(req), err: error }, 'slack.request_failed'),
    },
  );
  let server: Server | null = null;
  return {
    app,
    mode: 'http',
    connectionState: () => (server?.listening === true ? 'connected' : 'disconnected'),
    async start() {
      await app.init();
      const s = applyServerLimits(createServer(listener), limits);
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen({ port: options.port ?? 3000, ...(options.host !== undefined ? { host: options.host } : {}) }, () => {
          s.off('error', reject);
          resolve();
        });
      });
      s.on('error', (error) => log.error({ err: error }, 'slack.server_error'));
      return { port: (s.address() as AddressInfo).port };
    },
    async stop() {
      const s = server;
      server = null;
      if (s === null) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}

/**
 * Interactivity posts carry a form field `payload` holding JSON; Bolt assumes it is an object and
 * a validly signed `payload=null` made it throw outside any handler. Anything else passes as is.
 */
function hasObjectPayload(req: IncomingMessage, body: Buffer): boolean {
  if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) return true;
  const payload = new URLSearchParams(body.toString('utf8')).get('payload');
  if (payload === null) return true;
  try {
    const parsed: unknown = JSON.parse(payload);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
