import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { closeDatabase, type Db } from '../../src/storage/db.ts';
import { DeliveryError } from '../fakes.ts';
import { manualClock, tempDir, sqliteOf } from '../helpers.ts';
import { buildApp, negativeStory } from './harness.ts';

const MIN = 60_000;

describe('cooldown bundling per channel + ticker', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let clock: ReturnType<typeof manualClock>;
  let dbs: Db[];
  const open = async (options = {}) => {
    const app = await buildApp(file, clock, options);
    dbs.push(sqliteOf(app));
    return app;
  };

  beforeEach(() => {
    dir = tempDir();
    file = join(dir.dir, 'bot.db');
    clock = manualClock();
    dbs = [];
  });
  afterEach(() => {
    for (const db of dbs) closeDatabase(db);
    dir.cleanup();
  });

  it('turns a burst of 50 matching stories into a handful of messages with the default settings, and marks all 50 delivered', async () => {
    const config = loadConfig({});
    if (!config.ok) throw new Error(config.errors.join('; '));
    const { alertBurst, alertCooldownMinutes } = config.config;
    expect({ alertBurst, alertCooldownMinutes }).toEqual({ alertBurst: 5, alertCooldownMinutes: 30 });
    const app = await open({ burst: alertBurst, defaultCooldownMinutes: alertCooldownMinutes });
    await app.command('/watch add BABA');
    const report = await app.ingest.ingest(Array.from({ length: 50 }, (_, i) => negativeStory(i)));
    expect(report.alertsQueued).toBe(50);

    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(5);
    expect(await app.outbox.pendingCount()).toBe(45);
    // Inside the cooldown nothing more goes out, however often the dispatcher runs.
    clock.advance(29 * MIN);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(5);

    clock.advance(1 * MIN);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(6);
    const bundle = app.platform.posts[5]?.message;
    expect(bundle?.title).toBe('45 more BABA stories:');
    expect(bundle?.text).toContain('…and 20 more (/summary BABA 24h)');
    expect(bundle?.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(25);
    expect(await app.outbox.pendingCount()).toBe(0);
    const statuses = app.statuses();
    expect(statuses).toHaveLength(50);
    expect(statuses.every((r) => r.status === 'sent')).toBe(true);
  });

  it("bundles inside a rule's own cooldown and sends singly again once the channel is calm", async () => {
    const app = await open({ burst: 1, defaultCooldownMinutes: 30 });
    await app.command('/watch add BABA cooldown 10m');
    await app.ingest.ingest([negativeStory(1), negativeStory(2), negativeStory(3)]);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts.map((p) => p.message.title)).toEqual([expect.stringContaining('(1)')]);
    clock.advance(10 * MIN);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts[1]?.message.title).toBe('2 more BABA stories:');
    expect(app.platform.posts[1]?.message.text).toMatch(
      /\(2\) <https:\/\/news\.test\/neg-2>[\s\S]*\(3\) <https:\/\/news\.test\/neg-3>/,
    );
    // A story right after the follow-up waits for the next one...
    clock.advance(1 * MIN);
    await app.ingest.ingest([negativeStory(4)]);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(2);
    clock.advance(9 * MIN);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts[2]?.message.title).toBe('1 more BABA story:');
    // ...and after a quiet cooldown, a story goes out on its own.
    clock.advance(11 * MIN);
    await app.ingest.ingest([negativeStory(5)]);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts[3]?.message.title).toContain('(5)');
  });

  it('sends every alert singly with cooldown 0m', async () => {
    const app = await open({ burst: 1 });
    await app.command('/watch add BABA cooldown 0m');
    await app.ingest.ingest([negativeStory(1), negativeStory(2), negativeStory(3)]);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(3);
  });

  it('retries a failed follow-up as one bundle and loses nothing', async () => {
    const app = await open({ burst: 1 });
    await app.command('/watch add BABA');
    await app.ingest.ingest([negativeStory(1), negativeStory(2), negativeStory(3)]);
    await app.dispatcher.dispatchDue();
    clock.advance(30 * MIN);
    app.platform.failNext.push(new DeliveryError('transient', 'HTTP 500'));
    expect(await app.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 1 });
    expect(await app.outbox.pendingCount()).toBe(2);
    clock.advance(10_000);
    expect(await app.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(app.platform.posts.map((p) => p.message.title)).toEqual([
      expect.stringContaining('(1)'),
      '2 more BABA stories:',
    ]);
    expect(await app.outbox.pendingCount()).toBe(0);
  });

  it('keeps held alerts and the open cooldown across a restart', async () => {
    const first = await open({ burst: 1 });
    await first.command('/watch add BABA');
    await first.ingest.ingest([negativeStory(1), negativeStory(2)]);
    await first.dispatcher.dispatchDue();
    expect(first.platform.posts).toHaveLength(1);
    closeDatabase(sqliteOf(first));

    const again = await open({ burst: 1 });
    await again.outbox.recoverInFlight();
    clock.advance(5 * MIN);
    await again.ingest.ingest([negativeStory(3)]);
    await again.dispatcher.dispatchDue();
    // The window opened before the restart still holds: nothing is sent early.
    expect(again.platform.posts).toHaveLength(0);
    clock.advance(25 * MIN);
    await again.dispatcher.dispatchDue();
    expect(again.platform.posts.map((p) => p.message.title)).toEqual(['2 more BABA stories:']);
    expect(await again.outbox.pendingCount()).toBe(0);
  });
});
