/**
 * Runs one job at a time: a call while it runs gets the running job's promise instead of a second
 * run (a timer and a poll that fire together must not send or ingest twice).
 */
export function singleFlight<T>(job: () => Promise<T>): {
  readonly run: () => Promise<T>;
  readonly whenIdle: () => Promise<void>;
} {
  let running: Promise<T> | null = null;
  return {
    run: () => {
      if (running !== null) return running;
      running = job().finally(() => {
        running = null;
      });
      return running;
    },
    whenIdle: async () => {
      if (running !== null) await running.catch(() => undefined);
    },
  };
}
