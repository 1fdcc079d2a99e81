import cron from 'node-cron';
import type { Logger } from '../app/ports/runtime.ts';

export interface Job {
  stop(): Promise<void>;
}

/** Runs fn on a cron schedule; a run still going when the next is due is skipped, not doubled. */
export function scheduleCron(name: string, expression: string, fn: () => Promise<unknown>, log: Logger): Job {
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await fn();
      } catch (error) {
        log.error({ job: name, err: error }, 'job.failed');
      }
    },
    { name, noOverlap: true },
  );
  return {
    async stop() {
      await task.destroy();
    },
  };
}

/** Runs fn every intervalMs (no overlap), for outbox retries that fall between polls. */
export function scheduleInterval(name: string, intervalMs: number, fn: () => Promise<unknown>, log: Logger): Job {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    fn()
      .catch((error: unknown) => log.error({ job: name, err: error }, 'job.failed'))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Promise.resolve();
    },
  };
}
