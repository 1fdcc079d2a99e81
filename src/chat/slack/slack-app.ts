// Builds the Bolt app for one of Slack's two ways in: Socket Mode (SLACK_APP_TOKEN, no public
// URL) or HTTP (SLACK_SIGNING_SECRET, commands/events/interactivity at /slack/events).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { Logger } from '../../app/ports.ts';

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
  readonly log: Logger;
}

export interface SlackConnection {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Checks the token (auth.test), then opens the socket or starts the HTTP server; resolves with the HTTP port. */
  start(): Promise<{ readonly port: number | null }>;
  stop(): Promise<void>;
}

/** Bolt's logger interface over ours. Bolt's debug output carries whole payloads, so it is dropped. */
function boltLogger(log: Logger): BoltLogger {
  const text = (msg: unknown[]): string => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
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
export function slackClientOptions(apiUrl: string | undefined, logger: BoltLogger, timeoutMs = 15_000): webApi.WebClientOptions {
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
    const receiver = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions } });
    const app = new App({ ...common, receiver });
    return {
      app,
      mode: 'socket',
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
  if (options.signingSecret === undefined) throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  const receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: '/slack/events', logger });
  const app = new App({ ...common, receiver });
  let server: Server | null = null;
  return {
    app,
    mode: 'http',
    async start() {
      await app.init();
      const listen = { port: options.port ?? 3000, ...(options.host !== undefined ? { host: options.host } : {}) };
      server = await app.start(listen);
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      if (server !== null) await app.stop();
      server = null;
    },
  };
}
