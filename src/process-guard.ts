// The last line of defence: an exception or rejection nothing else caught. It is logged through the
// redacting logger (never printed raw by Node, which would show an HTTP client's headers, tokens
// included). A rejected promise is one operation's failure (a request, a send) and the bot keeps
// serving; a thrown exception may have left state half-changed, so the bot stops cleanly. So does a
// burst of rejections, which means something is failing over and over rather than once.
import type { Logger } from './app/ports/runtime.ts';

export interface ProcessGuardOptions {
  readonly log: Logger;
  /** Stops the bot cleanly (the process then exits with code 1). */
  readonly shutdown: (reason: string) => void;
  /** More unhandled rejections than this within a minute stop the bot. */
  readonly maxRejectionsPerMinute?: number;
  readonly now?: () => number;
}

export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const { log, shutdown } = options;
  const max = options.maxRejectionsPerMinute ?? 20;
  const now = options.now ?? Date.now;
  let recent: number[] = [];
  const onException = (error: unknown): void => {
    log.error({ err: error }, 'process.uncaught_exception');
    process.exitCode = 1;
    shutdown('uncaught_exception');
  };
  const onRejection = (reason: unknown): void => {
    const t = now();
    recent = [...recent.filter((at) => t - at < 60_000), t];
    log.error({ err: reason, inLastMinute: recent.length }, 'process.unhandled_rejection');
    if (recent.length > max) {
      process.exitCode = 1;
      shutdown('repeated_unhandled_rejections');
    }
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
