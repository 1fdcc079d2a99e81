import cron from 'node-cron';

/**
 * How long feed polls may be spread over: 80% of the time between the schedule's next two runs
 * (so one run's feeds are done before the next run starts), at most 10 minutes.
 */
export function pollSpreadMs(expression: string, maxMs = 10 * 60_000): number {
  const task = cron.createTask(expression, () => undefined);
  try {
    const [a, b] = task.getNextRuns(2);
    if (a === undefined || b === undefined) return 0;
    return Math.max(0, Math.min(maxMs, Math.floor((b.getTime() - a.getTime()) * 0.8)));
  } finally {
    void task.destroy();
  }
}
