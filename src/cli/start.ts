// `tickerbell start`: the bot, until a signal (or after one cycle with --once).
import { createLogger } from '../log.ts';
import type { RunningBot } from '../main.ts';
import { configOrExit, parseFlags } from './common.ts';

export async function startCommand(args: readonly string[]): Promise<number> {
  const { flags } = parseFlags(args, ['--once']);
  const config = await configOrExit(process.env);
  const log = createLogger(config.logLevel);
  // Handlers go in before start-up, so a signal during it still ends in a clean stop.
  let bot: RunningBot | null = null;
  let stopAsked = false;
  const shutdown = (signal: string): void => {
    log.info({ signal }, 'bot.stopping');
    stopAsked = true;
    if (bot !== null) void bot.stop();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  const { startBot } = await import('../main.ts');
  bot = await startBot(config, log, { once: flags.has('--once'), stdin: process.stdin, stdout: process.stdout });
  if (stopAsked) void bot.stop();
  await bot.stopped;
  return 0;
}
