// `tickerbell start`: the bot, until a signal or Ctrl-C (or after one cycle with --once).
import { dirname, join } from 'node:path';
import type { Logger } from '../app/ports/runtime.ts';
import type { Config } from '../config.ts';
import { createFileLogger, createLogger } from '../log.ts';
import { installProcessGuard } from '../process-guard.ts';
import type { RunningBot } from '../main.ts';
import { configOrExit, parseFlags } from './common.ts';

/** Where the log goes while the console prompt has the terminal: beside the database, under data/ by default. */
export function consoleLogFile(config: Config): string {
  return join(config.dbFile === ':memory:' ? 'data' : dirname(config.dbFile), 'tickerbell.log');
}

/** The deployment's secrets, for exact redaction wherever they might appear. */
function configSecrets(config: Config): string[] {
  return [config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.discord?.token].filter(
    (s): s is string => s !== undefined,
  );
}

export async function startCommand(args: readonly string[]): Promise<number> {
  const { flags } = parseFlags(args, ['--once']);
  const once = flags.has('--once');
  const config = await configOrExit(process.env);
  // The prompt owns the terminal only in a long run on the console platform; JSON lines written to
  // the same terminal would land inside what the user is typing.
  const prompt = process.stdin.isTTY === true && !once && config.slack === null && config.discord === null;
  const logFile = prompt ? consoleLogFile(config) : null;
  const secrets = configSecrets(config);
  const log: Logger =
    logFile === null
      ? createLogger(config.logLevel, undefined, { secrets })
      : createFileLogger(config.logLevel, logFile, { secrets });
  // Handlers go in before start-up, so a signal during it still ends in a clean stop.
  let bot: RunningBot | null = null;
  let stopAsked = false;
  const shutdown = (signal: string): void => {
    if (stopAsked) return;
    stopAsked = true;
    log.info({ signal }, 'bot.stopping');
    if (prompt) process.stdout.write('\nStopping: finishing sends in progress, then closing the database.\n');
    if (bot !== null) void bot.stop();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  installProcessGuard({ log, shutdown });
  const { startBot } = await import('../main.ts');
  try {
    bot = await startBot(config, log, {
      once,
      stdin: process.stdin,
      stdout: process.stdout,
      onInterrupt: () => shutdown('SIGINT'),
      ...(logFile !== null ? { logNotice: `Logs go to ${logFile} while this prompt is open.` } : {}),
    });
  } catch (error) {
    // Through the logger, never rethrown: Node would print the error whole, request headers and tokens included.
    log.error({ err: error }, 'bot.start_failed');
    return 1;
  }
  if (stopAsked) void bot.stop();
  await bot.stopped;
  if (prompt) process.stdout.write('Stopped.\n');
  return process.exitCode === 1 ? 1 : 0;
}
