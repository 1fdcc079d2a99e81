import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CronFactory } from '../../src/cron/digest-jobs.ts';
import { closeDatabase, type Db } from '../../src/storage/db.ts';
import { manualClock, tempDir, sqliteOf } from '../helpers.ts';
import { buildApp, negativeStory } from '../alerts/harness.ts';

/** Records the jobs a scheduler starts; fire() plays the cron wake-up. */
function fakeCron() {
  const jobs = new Map<string, { expression: string; timezone: string; fn: () => Promise<void>; stopped: boolean }>();
  const factory: CronFactory = (name, expression, timezone, fn) => {
    const job = { expression, timezone, fn, stopped: false };
    jobs.set(name, job);
    return { stop: () => void (job.stopped = true) };
  };
  return {
    factory,
    jobs,
    live: () =>
      [...jobs.entries()]
        .filter(([, j]) => !j.stopped)
        .map(([n, j]) => ({ name: n, expression: j.expression, timezone: j.timezone })),
  };
}

describe('digests through SQLite, cron and the outbox', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let clock: ReturnType<typeof manualClock>;
  let dbs: Db[];
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.dir, 'bot.db');
    // Friday 2026-03-06, 09:00 in New York.
    clock = manualClock(new Date('2026-03-06T14:00:00Z'));
    dbs = [];
  });
  afterEach(() => {
    for (const db of dbs) closeDatabase(db);
    dir.cleanup();
  });
  const open = async () => {
    const cron = fakeCron();
    const app = await buildApp(file, clock, { cron: cron.factory });
    dbs.push(sqliteOf(app));
    return { app, cron };
  };

  it('keeps the schedule across a restart, catches up a run missed while down, and never sends one twice', async () => {
    const { app, cron } = await open();
    await app.scheduler.start();
    await app.command('/watch add BABA');
    await app.ingest.ingest([negativeStory(1), negativeStory(2)]);
    await app.dispatcher.dispatchDue();
    const reply = await app.command('/digest daily 08:00 America/New_York');
    expect(reply.title).toBe(
      'Digest scheduled: every trading day (no weekends or NYSE holidays) at 08:00 America/New_York.',
    );
    // The first run is Monday: after the weekend, and after the DST change (12:00Z, not 13:00Z).
    expect(reply.text).toContain('First one: Mon 9 Mar, 08:00 America/New_York');
    expect(cron.live()).toEqual([{ name: 'digest-1', expression: '0 8 * * 1-5', timezone: 'America/New_York' }]);
    closeDatabase(sqliteOf(app));

    // Down over the weekend; back on Monday at 08:20 local, after the 08:00 run was due.
    clock.set(new Date('2026-03-09T12:20:00Z'));
    const back = await open();
    expect(await back.app.scheduler.start()).toBe(1);
    expect(back.cron.live()).toEqual([{ name: 'digest-1', expression: '0 8 * * 1-5', timezone: 'America/New_York' }]);
    expect(await back.app.outbox.pendingCount()).toBe(1);
    await back.app.dispatcher.dispatchDue();
    const digest = back.app.platform.posts.find((p) => p.message.title.startsWith('Daily digest'));
    // Monday's digest covers the weekend: everything since Friday's run, so Friday's stories are in it.
    expect(digest?.message.title).toBe('Daily digest · since Fri 6 Mar, 08:00 America/New_York');
    expect(digest?.message.text).toMatch(/BABA · Alibaba[^\n]*: 2 stories/);
    // A late cron wake-up for the same run, or another restart, queues nothing more.
    await back.cron.jobs.get('digest-1')?.fn();
    expect(await back.app.scheduler.start()).toBe(1);
    expect(await back.app.outbox.pendingCount()).toBe(0);

    // Tuesday's wake-up is a new run.
    clock.set(new Date('2026-03-10T12:00:05Z'));
    await back.cron.jobs.get('digest-1')?.fn();
    await back.app.dispatcher.dispatchDue();
    const daily = back.app.platform.posts.filter((p) => p.message.title.startsWith('Daily digest'));
    expect(daily).toHaveLength(2);
    // Tuesday's follows Monday's by a day: the last 24h, and Friday's stories are not repeated.
    expect(daily[1]?.message.title).toBe('Daily digest · last 24h');
    expect(daily[1]?.message.text).toMatch(/BABA · Alibaba[^\n]*: No stories in the last 24h\./);
  });

  it('wakes on a holiday without sending, and stops with /digest off', async () => {
    const { app, cron } = await open();
    await app.scheduler.start();
    await app.command('/digest daily 08:00');
    // Thanksgiving, 08:00 in New York: the weekday cron fires, but it is not a trading day.
    clock.set(new Date('2026-11-26T13:00:00Z'));
    await cron.jobs.get('digest-1')?.fn();
    expect(await app.outbox.pendingCount()).toBe(0);
    const off = await app.command('/digest off');
    expect(off.title).toBe('Digest stopped for this channel.');
    expect(cron.live()).toEqual([]);
    expect((await app.command('/digest')).title).toBe('No digest is scheduled in this channel.');
  });

  it('answers /digest now with the channel watchlist at once', async () => {
    const { app } = await open();
    await app.command('/watch add BABA,AAPL');
    await app.ingest.ingest([negativeStory(1)]);
    const now = await app.command('/digest now');
    expect(now.title).toBe('Daily digest · last 24h');
    expect(now.text).toMatch(/BABA · Alibaba[^\n]*: 1 story, (somewhat-)?bearish -\d\.\d\d/);
    expect(now.text).toMatch(/AAPL · Apple[^\n]*: No stories in the last 24h\./);
  });

  it('says what to type for a bad time or zone', async () => {
    const { app } = await open();
    expect((await app.command('/digest daily 25:00')).text).toContain(
      'Try: /digest daily <HH:MM> [Timezone] [all-days]',
    );
    expect((await app.command('/digest daily 08:00 Mars/Olympus')).title).toContain('is not a time zone I know');
    expect((await app.command('/digest weekly someday 08:00')).title).toContain('is not a day');
    expect((await app.command('/quiet 22:00')).title).toContain('is not a time range');
    expect(await app.digests.all()).toEqual([]);
  });
});

describe("a digest's sparkline", () => {
  it("buckets the week by the channel's own hours, not UTC's", async () => {
    const dir = tempDir();
    // Friday 2026-03-06: stories at 18:15Z and 18:45Z, half an hour either side of 00:00 in India (UTC+05:30).
    const clock = manualClock(new Date('2026-03-06T18:15:00Z'));
    const sparkOf = async (zone: string, n: number): Promise<string> => {
      const app = await buildApp(join(dir.dir, `bot-${n}.db`), clock);
      try {
        clock.set(new Date('2026-03-06T18:15:00Z'));
        await app.command('/watch add BABA');
        await app.ingest.ingest([negativeStory(n)]);
        clock.set(new Date('2026-03-06T18:45:00Z'));
        await app.ingest.ingest([negativeStory(n + 1)]);
        clock.set(new Date('2026-03-07T10:00:00Z'));
        await app.command(`/digest weekly Friday 17:00 ${zone}`);
        const reply = await app.command('/digest now');
        const field = reply.fields?.find((f) => f.name.startsWith('BABA'));
        // The week's 6-hour buckets: '·' where there is no story.
        return /([·▁▂▃▄▅▆▇█]{10,})/.exec(field?.value ?? '')?.[1] ?? '';
      } finally {
        closeDatabase(app.db);
      }
    };
    try {
      const utc = await sparkOf('UTC', 10);
      const india = await sparkOf('Asia/Kolkata', 20);
      // In UTC both stories fall in 18:00-24:00; in India they straddle midnight, so two buckets have stories.
      expect(utc.replace(/·/g, '')).toHaveLength(1);
      expect(india.replace(/·/g, '')).toHaveLength(2);
    } finally {
      dir.cleanup();
    }
  });
});
