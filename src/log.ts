import { pino, type DestinationStream } from 'pino';
import type { Logger } from './app/ports.ts';

const SECRET_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', 'authorization', 'password', 'secret', 'clientSecret'];

/** Secret-looking keys at the top level and two levels down are censored, whatever object carries them. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** JSON lines on stderr (or the given stream), so stdout carries only replies, alerts and CLI output. */
export function createLogger(level: string, destination: DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino({ level, base: { app: 'tickerbell' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}

/** For tests and the CLI's quiet paths. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** JSON lines appended to a file (its directory is created): the console's log while a prompt is on the terminal. */
export function createFileLogger(level: string, file: string): Logger {
  return createLogger(level, pino.destination({ dest: file, mkdir: true, sync: true }));
}
