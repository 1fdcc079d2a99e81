import { pino } from 'pino';
import type { Logger } from './app/ports.ts';

/** JSON lines on stderr, so stdout carries only replies, alerts and CLI output. */
export function createLogger(level: string): Logger & { flush(): void } {
  const logger = pino(
    {
      level,
      base: { app: 'tickerbell' },
      // Tokens never reach a log line, even if an error object carries a client config.
      redact: { paths: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.headers.authorization', '*.authorization'], censor: '[redacted]' },
    },
    pino.destination({ dest: 2, sync: true }),
  );
  return logger;
}

/** For tests and the CLI's quiet paths. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
