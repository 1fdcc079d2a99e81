// Read-only queries behind the metrics gauges and the delivery-latency histogram.
import { and, count, eq, gt, isNotNull, isNull, min, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { serialised } from './serial.ts';
import { feeds, outbox } from './schema.ts';

export interface MetricsQueries {
  /** Alerts waiting to be sent (pending or being sent). */
  outboxPending(): Promise<{ count: number; oldestCreatedAt: Date | null }>;
  /** Seconds from queued to sent, for alerts sent after `since`, and the latest sent time seen. */
  sentSince(since: Date): Promise<{ latenciesSeconds: number[]; latest: Date | null }>;
  feedStates(): Promise<{ active: number; failing: number; disabled: number }>;
  /** Throws when the database cannot be read. */
  ping(): Promise<void>;
}

export function createMetricsQueries(db: Db): MetricsQueries {
  return serialised<MetricsQueries>(db.$client, {
    outboxPending() {
      const row = db
        .select({ n: count(), oldest: min(outbox.createdAt) })
        .from(outbox)
        .where(sql`${outbox.status} in ('pending', 'sending')`)
        .get();
      const oldest = row?.oldest ?? null;
      return { count: row?.n ?? 0, oldestCreatedAt: oldest === null ? null : new Date(oldest) };
    },
    sentSince(since) {
      const rows = db
        .select({ createdAt: outbox.createdAt, sentAt: outbox.sentAt })
        .from(outbox)
        .where(and(eq(outbox.status, 'sent'), isNotNull(outbox.sentAt), gt(outbox.sentAt, since)))
        .all();
      let latest: Date | null = null;
      const latenciesSeconds: number[] = [];
      for (const r of rows) {
        if (r.sentAt === null) continue;
        latenciesSeconds.push(Math.max(0, (r.sentAt.getTime() - r.createdAt.getTime()) / 1000));
        if (latest === null || r.sentAt > latest) latest = r.sentAt;
      }
      return { latenciesSeconds, latest };
    },
    feedStates() {
      const disabled = db.select({ n: count() }).from(feeds).where(isNotNull(feeds.disabledAt)).get()?.n ?? 0;
      const failing =
        db
          .select({ n: count() })
          .from(feeds)
          .where(and(isNull(feeds.disabledAt), gt(feeds.consecutiveFailures, 0)))
          .get()?.n ?? 0;
      const all = db.select({ n: count() }).from(feeds).get()?.n ?? 0;
      return { active: all - disabled - failing, failing, disabled };
    },
    ping() {
      db.$client.prepare('SELECT 1').get();
    },
  });
}
