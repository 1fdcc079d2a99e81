import { pino, type DestinationStream } from 'pino';
import type { Logger } from './app/ports/runtime.ts';
import { createRedactor, redactDeep, safeError } from './redact.ts';

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'password',
  'secret',
  'clientSecret',
];

/** Secret-looking keys at the top level and two levels down are censored, whatever object carries them. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export interface LoggerOptions {
  /** The deployment's own secrets (tokens, signing secret): redacted wherever they appear, exactly. */
  readonly secrets?: readonly string[];
}

/**
 * JSON lines on stderr (or the given stream), so stdout carries only replies, alerts and CLI output.
 * Besides the key paths, every string in a line (the message too) is redacted, and every error is
 * reduced to type, message, code, status, method and URL: an HTTP client's error carries its
 * request headers, and a token in one would otherwise be printed whole.
 */
export function createLogger(
  level: string,
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
  options: LoggerOptions = {},
): Logger {
  const redact = createRedactor(options.secrets ?? []);
  const reduce = (e: unknown): unknown => (e instanceof Error ? safeError(e, redact) : e);
  return pino(
    {
      level,
      base: { app: 'tickerbell' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The log formatter has reduced errors already; pino's own err serializer would copy every field back.
      serializers: { err: reduce, error: reduce },
      formatters: { log: (obj) => redactDeep(obj, redact) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** For tests and the CLI's quiet paths. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** JSON lines appended to a file (its directory is created): the console's log while a prompt is on the terminal. */
export function createFileLogger(level: string, file: string, options: LoggerOptions = {}): Logger {
  return createLogger(level, pino.destination({ dest: file, mkdir: true, sync: true }), options);
}
