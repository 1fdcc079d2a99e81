// One node-cron job per digest, in the digest's own time zone (node-cron handles DST). The jobs
// are rebuilt from SQLite at start, so a restart keeps every schedule.
import cron from 'node-cron';
import type { DigestRecord, DigestStore } from '../app/ports/storage.ts';
import type { DigestRunner } from '../app/digest-runner.ts';
import type { Logger } from '../app/ports/runtime.ts';
import { cronFor } from '../core/calendar/digest-schedule.ts';

export interface CronHandle {
  stop(): Promise<void> | void;
}

/** Starts a cron job; tests pass a fake to see what was scheduled. */
export type CronFactory = (name: string, expression: string, timezone: string, fn: () => Promise<void>) => CronHandle;

export const nodeCronFactory: CronFactory = (name, expression, timezone, fn) => {
  const task = cron.schedule(expression, fn, { name, timezone, noOverlap: true });
  return { stop: () => task.destroy() };
};

export interface DigestScheduler {
  /** Rebuilds every job from the store and queues runs missed while down; returns the job count. */
  start(): Promise<number>;
  /** A digest was set or changed: replace its job. */
  upsert(digest: DigestRecord): void;
  remove(id: number): void;
  /** What is scheduled now (for /digest and the tests). */
  jobs(): ReadonlyArray<{ readonly id: number; readonly expression: string; readonly timezone: string }>;
  stop(): Promise<void>;
}

export function createDigestScheduler(deps: {
  digests: DigestStore;
  runner: DigestRunner;
  cron?: CronFactory;
  log: Logger;
}): DigestScheduler {
  const factory = deps.cron ?? nodeCronFactory;
  const jobs = new Map<number, { expression: string; timezone: string; handle: CronHandle }>();
  const fire = (id: number) => async (): Promise<void> => {
    try {
      await deps.runner.fire(id);
    } catch (error) {
      deps.log.error({ job: 'digest', digest: id, err: error }, 'job.failed');
    }
  };
  const remove = (id: number): void => {
    const job = jobs.get(id);
    if (job === undefined) return;
    jobs.delete(id);
    void Promise.resolve(job.handle.stop()).catch((error: unknown) =>
      deps.log.warn({ digest: id, err: error }, 'digest.stop_failed'),
    );
  };
  const upsert = (digest: DigestRecord): void => {
    remove(digest.id);
    const expression = cronFor(digest);
    jobs.set(digest.id, {
      expression,
      timezone: digest.timezone,
      handle: factory(`digest-${digest.id}`, expression, digest.timezone, fire(digest.id)),
    });
  };
  return {
    async start() {
      for (const d of await deps.digests.all()) upsert(d);
      const caughtUp = await deps.runner.catchUp();
      deps.log.info({ digests: jobs.size, caughtUp }, 'digests.scheduled');
      return jobs.size;
    },
    upsert,
    remove,
    jobs: () => [...jobs.entries()].map(([id, j]) => ({ id, expression: j.expression, timezone: j.timezone })),
    async stop() {
      const all = [...jobs.values()];
      jobs.clear();
      await Promise.all(all.map((j) => Promise.resolve(j.handle.stop())));
    },
  };
}
