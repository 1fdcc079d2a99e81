// Repositories for digests, quiet hours and cooldown windows.
import { and, eq } from 'drizzle-orm';
import type { AlertWindowStore, DigestRecord, DigestStore, QuietHoursStore } from '../app/ports/storage.ts';
import type { ChannelRef } from '../core/types.ts';
import type { Db } from './db.ts';
import { serialised } from './serial.ts';
import { alertWindows, digests, quietHours } from './schema.ts';

type DigestRow = typeof digests.$inferSelect;

/** A digest row as the port reads it; the PostgreSQL twin reads its rows with it too. */
export function toDigest(row: DigestRow): DigestRecord {
  return {
    id: row.id,
    scope: { platform: row.platform, workspace: row.workspace, channel: row.channel },
    cadence: row.cadence,
    weekday: row.weekday,
    time: row.time,
    timezone: row.timezone,
    tradingDaysOnly: row.tradingDaysOnly,
    lastRunAt: row.lastRunAt,
  };
}

const digestScope = (s: ChannelRef) =>
  and(eq(digests.platform, s.platform), eq(digests.workspace, s.workspace), eq(digests.channel, s.channel));
const quietScope = (s: ChannelRef) =>
  and(eq(quietHours.platform, s.platform), eq(quietHours.workspace, s.workspace), eq(quietHours.channel, s.channel));

export function createSqliteDigestStore(db: Db): DigestStore {
  return serialised<DigestStore>(db.$client, {
    set(scope, schedule, createdBy, now) {
      const values = {
        cadence: schedule.cadence,
        weekday: schedule.weekday,
        time: schedule.time,
        timezone: schedule.timezone,
        tradingDaysOnly: schedule.tradingDaysOnly,
      };
      const row = db
        .insert(digests)
        // lastRunAt starts now: a new schedule never "catches up" on runs before it existed.
        .values({ ...scope, ...values, lastRunAt: now, createdBy, createdAt: now })
        .onConflictDoUpdate({
          target: [digests.platform, digests.workspace, digests.channel],
          set: { ...values, lastRunAt: now, createdBy },
        })
        .returning()
        .get();
      return toDigest(row);
    },
    remove(scope) {
      return db.delete(digests).where(digestScope(scope)).run().changes > 0;
    },
    get(scope) {
      const row = db.select().from(digests).where(digestScope(scope)).get();
      return row === undefined ? null : toDigest(row);
    },
    byId(id) {
      const row = db.select().from(digests).where(eq(digests.id, id)).get();
      return row === undefined ? null : toDigest(row);
    },
    all() {
      return db.select().from(digests).orderBy(digests.id).all().map(toDigest);
    },
    markRun(id, slot) {
      db.update(digests).set({ lastRunAt: slot }).where(eq(digests.id, id)).run();
    },
  });
}

export function createSqliteQuietHoursStore(db: Db): QuietHoursStore {
  return serialised<QuietHoursStore>(db.$client, {
    set(scope, quiet, now) {
      db.insert(quietHours)
        .values({ ...scope, ...quiet, createdAt: now })
        .onConflictDoUpdate({
          target: [quietHours.platform, quietHours.workspace, quietHours.channel],
          set: { ...quiet },
        })
        .run();
    },
    remove(scope) {
      return db.delete(quietHours).where(quietScope(scope)).run().changes > 0;
    },
    get(scope) {
      const row = db.select().from(quietHours).where(quietScope(scope)).get();
      return row === undefined ? null : { start: row.start, end: row.end, timezone: row.timezone };
    },
  });
}

export function createSqliteAlertWindowStore(db: Db): AlertWindowStore {
  const key = (s: ChannelRef, symbol: string) =>
    and(
      eq(alertWindows.platform, s.platform),
      eq(alertWindows.workspace, s.workspace),
      eq(alertWindows.channel, s.channel),
      eq(alertWindows.symbol, symbol),
    );
  return serialised<AlertWindowStore>(db.$client, {
    get(scope, symbol) {
      const row = db.select().from(alertWindows).where(key(scope, symbol)).get();
      return row === undefined ? null : { openedAt: row.openedAt, sent: row.sent };
    },
    put(scope, symbol, window) {
      db.insert(alertWindows)
        .values({ ...scope, symbol, openedAt: window.openedAt, sent: window.sent })
        .onConflictDoUpdate({
          target: [alertWindows.platform, alertWindows.workspace, alertWindows.channel, alertWindows.symbol],
          set: { openedAt: window.openedAt, sent: window.sent },
        })
        .run();
    },
  });
}
