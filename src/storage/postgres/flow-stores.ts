// Digests, quiet hours, cooldown windows and the metrics queries on PostgreSQL (storage/flow-stores.ts
// and storage/metrics-queries.ts are the SQLite twins).
import { and, count, eq, gt, isNotNull, isNull, min, sql } from 'drizzle-orm';
import type { AlertWindowStore, DigestStore, QuietHoursStore } from '../../app/ports/storage.ts';
import type { ChannelRef } from '../../core/types.ts';
import { toDigest } from '../flow-stores.ts';
import type { MetricsQueries } from '../metrics-queries.ts';
import type { PgDb } from './db.ts';
import { alertWindows, digests, feeds, outbox, quietHours } from './schema.ts';

const digestScope = (s: ChannelRef) =>
  and(eq(digests.platform, s.platform), eq(digests.workspace, s.workspace), eq(digests.channel, s.channel));
const quietScope = (s: ChannelRef) =>
  and(eq(quietHours.platform, s.platform), eq(quietHours.workspace, s.workspace), eq(quietHours.channel, s.channel));

export function createPostgresDigestStore(db: PgDb): DigestStore {
  return {
    async set(scope, schedule, createdBy, now) {
      const values = {
        cadence: schedule.cadence,
        weekday: schedule.weekday,
        time: schedule.time,
        timezone: schedule.timezone,
        tradingDaysOnly: schedule.tradingDaysOnly,
      };
      const [row] = await db
        .insert(digests)
        // lastRunAt starts now: a new schedule never "catches up" on runs before it existed.
        .values({ ...scope, ...values, lastRunAt: now, createdBy, createdAt: now })
        .onConflictDoUpdate({
          target: [digests.platform, digests.workspace, digests.channel],
          set: { ...values, lastRunAt: now, createdBy },
        })
        .returning();
      if (row === undefined) throw new Error('digest upsert returned no row');
      return toDigest(row);
    },
    async remove(scope) {
      return ((await db.delete(digests).where(digestScope(scope))).rowCount ?? 0) > 0;
    },
    async get(scope) {
      const [row] = await db.select().from(digests).where(digestScope(scope));
      return row === undefined ? null : toDigest(row);
    },
    async byId(id) {
      const [row] = await db.select().from(digests).where(eq(digests.id, id));
      return row === undefined ? null : toDigest(row);
    },
    async all() {
      return (await db.select().from(digests).orderBy(digests.id)).map(toDigest);
    },
    async markRun(id, slot) {
      await db.update(digests).set({ lastRunAt: slot }).where(eq(digests.id, id));
    },
  };
}

export function createPostgresQuietHoursStore(db: PgDb): QuietHoursStore {
  return {
    async set(scope, quiet, now) {
      await db
        .insert(quietHours)
        .values({ ...scope, ...quiet, createdAt: now })
        .onConflictDoUpdate({
          target: [quietHours.platform, quietHours.workspace, quietHours.channel],
          set: { ...quiet },
        });
    },
    async remove(scope) {
      return ((await db.delete(quietHours).where(quietScope(scope))).rowCount ?? 0) > 0;
    },
    async get(scope) {
      const [row] = await db.select().from(quietHours).where(quietScope(scope));
      return row === undefined ? null : { start: row.start, end: row.end, timezone: row.timezone };
    },
  };
}

export function createPostgresAlertWindowStore(db: PgDb): AlertWindowStore {
  const key = (s: ChannelRef, symbol: string) =>
    and(
      eq(alertWindows.platform, s.platform),
      eq(alertWindows.workspace, s.workspace),
      eq(alertWindows.channel, s.channel),
      eq(alertWindows.symbol, symbol),
    );
  return {
    async get(scope, symbol) {
      const [row] = await db.select().from(alertWindows).where(key(scope, symbol));
      return row === undefined ? null : { openedAt: row.openedAt, sent: row.sent };
    },
    async put(scope, symbol, window) {
      await db
        .insert(alertWindows)
        .values({ ...scope, symbol, openedAt: window.openedAt, sent: window.sent })
        .onConflictDoUpdate({
          target: [alertWindows.platform, alertWindows.workspace, alertWindows.channel, alertWindows.symbol],
          set: { openedAt: window.openedAt, sent: window.sent },
        });
    },
  };
}

export function createPostgresMetricsQueries(db: PgDb): MetricsQueries {
  return {
    async outboxPending() {
      const [row] = await db
        .select({ n: count(), oldest: min(outbox.createdAt) })
        .from(outbox)
        .where(sql`${outbox.status} in ('pending', 'sending')`);
      const oldest = row?.oldest ?? null;
      return { count: row?.n ?? 0, oldestCreatedAt: oldest === null ? null : new Date(oldest) };
    },
    async sentSince(since) {
      const found = await db
        .select({ createdAt: outbox.createdAt, sentAt: outbox.sentAt })
        .from(outbox)
        .where(and(eq(outbox.status, 'sent'), isNotNull(outbox.sentAt), gt(outbox.sentAt, since)));
      let latest: Date | null = null;
      const latenciesSeconds: number[] = [];
      for (const r of found) {
        if (r.sentAt === null) continue;
        latenciesSeconds.push(Math.max(0, (r.sentAt.getTime() - r.createdAt.getTime()) / 1000));
        if (latest === null || r.sentAt > latest) latest = r.sentAt;
      }
      return { latenciesSeconds, latest };
    },
    async feedStates() {
      const [row] = await db
        .select({
          all: count(),
          disabled: sql<number>`count(*) filter (where ${isNotNull(feeds.disabledAt)})`.mapWith(Number),
          failing:
            sql<number>`count(*) filter (where ${and(isNull(feeds.disabledAt), gt(feeds.consecutiveFailures, 0))})`.mapWith(
              Number,
            ),
        })
        .from(feeds);
      const all = row?.all ?? 0;
      const disabled = row?.disabled ?? 0;
      const failing = row?.failing ?? 0;
      return { active: all - disabled - failing, failing, disabled };
    },
    async ping() {
      await db.$client.query('SELECT 1');
    },
  };
}
