import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../src/storage/db.ts';
import { manualClock, tempDir, sqliteOf } from '../helpers.ts';
import { buildApp, negativeStory, positiveStory } from './harness.ts';

const MIN = 60_000;

describe('quiet hours', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    dir = tempDir();
    clock = manualClock(new Date('2026-03-02T21:00:00Z'));
    app = await buildApp(join(dir.dir, 'bot.db'), clock, { burst: 3 });
  });
  afterEach(() => {
    closeDatabase(sqliteOf(app));
    dir.cleanup();
  });

  it('holds what arrives during quiet hours and delivers it as one bundle when they end', async () => {
    await app.command('/watch add BABA');
    const set = await app.command('/quiet 22:00-07:00 UTC');
    expect(set.title).toBe('Quiet hours set: 22:00-07:00 UTC.');
    clock.set(new Date('2026-03-02T23:00:00Z'));
    await app.ingest.ingest([negativeStory(1), negativeStory(2), negativeStory(3), negativeStory(4)]);
    await app.dispatcher.dispatchDue();
    clock.set(new Date('2026-03-03T06:59:00Z'));
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(0);

    clock.set(new Date('2026-03-03T07:00:00Z'));
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(1);
    const bundle = app.platform.posts[0]?.message;
    expect(bundle?.title).toBe('4 alerts from quiet hours (22:00-07:00 UTC):');
    expect(bundle?.text.match(/^• BABA -\d\.\d\d Alibaba shares plunge/gm)).toHaveLength(4);
    expect(app.statuses().every((r) => r.status === 'sent')).toBe(true);
  });

  it('lets alerts through outside quiet hours and after /quiet off', async () => {
    await app.command('/watch add BABA');
    await app.command('/quiet 22:00-07:00 UTC');
    await app.ingest.ingest([negativeStory(1)]);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(1);
    await app.command('/quiet off');
    clock.set(new Date('2026-03-02T23:00:00Z'));
    await app.ingest.ingest([negativeStory(2)]);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(2);
    expect((await app.command('/quiet')).title).toBe('No quiet hours in this channel.');
  });
});

describe('sentiment-shift rules', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    dir = tempDir();
    clock = manualClock();
    app = await buildApp(join(dir.dir, 'bot.db'), clock, { defaultCooldownMinutes: 0 });
  });
  afterEach(() => {
    closeDatabase(sqliteOf(app));
    dir.cleanup();
  });

  const feed = async (stories: ReturnType<typeof positiveStory>[]) => {
    let queued = 0;
    for (const s of stories) {
      clock.advance(MIN);
      queued += (await app.ingest.ingest([s])).alertsQueued;
    }
    return queued;
  };

  it('alerts once when the rolling average moves by the shift from its baseline, then measures from there', async () => {
    await feed([positiveStory(1), positiveStory(2), positiveStory(3)]);
    const added = await app.command('/watch add BABA shift 0.3');
    expect(added.text).toContain('Added: BABA average sentiment shift ≥ 0.3 relevance ≥ 0.3.');
    // More of the same moves nothing: a shift-only rule does not alert on each story.
    expect(await feed([positiveStory(4), positiveStory(5)])).toBe(0);

    let firstShiftAt = -1;
    for (let i = 0; i < 10 && firstShiftAt === -1; i += 1) if ((await feed([negativeStory(i)])) > 0) firstShiftAt = i;
    expect(firstShiftAt).toBeGreaterThanOrEqual(0);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(1);
    expect(app.platform.posts[0]?.message.text).toMatch(
      /Why: BABA average sentiment shifted -\d\.\d\d \(from \+\d\.\d\d to [+-]\d\.\d\d over its last \d+ stories\), beyond the 0\.3 you set/,
    );
    // The next negative story is measured from the new baseline: no second alert for the same move.
    expect(await feed([negativeStory(100)])).toBe(0);
  });
});
