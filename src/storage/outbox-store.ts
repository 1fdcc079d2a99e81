import { and, asc, count, eq, lte, min } from 'drizzle-orm';
import type { OutboxStore } from '../app/ports.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import type { Db } from './db.ts';
import { deliveries, outbox } from './schema.ts';

export function createSqliteOutbox(db: Db): OutboxStore {
  return {
    claimDue(now, limit) {
      return db.transaction((tx) => {
        const rows = tx
          .select()
          .from(outbox)
          .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(limit)
          .all();
        for (const row of rows) {
          tx.update(outbox)
            .set({ status: 'sending', attempts: row.attempts + 1 })
            .where(eq(outbox.id, row.id))
            .run();
        }
        return rows.map((row) => ({
          id: row.id,
          scope: { platform: row.platform, workspace: row.workspace, channel: row.channel },
          message: row.message as OutgoingMessage,
          attempts: row.attempts + 1,
        }));
      });
    },
    markSent(id, receipt, now) {
      db.transaction((tx) => {
        const row = tx
          .update(outbox)
          .set({ status: 'sent', sentAt: now, remoteId: receipt.remoteId, lastError: null })
          .where(eq(outbox.id, id))
          .returning({ attempts: outbox.attempts })
          .get();
        tx.insert(deliveries)
          .values({ outboxId: id, attempt: row?.attempts ?? 0, at: now, outcome: 'sent', remoteId: receipt.remoteId })
          .run();
      });
    },
    markFailed(id, error, nextAttemptAt, now) {
      db.transaction((tx) => {
        const row = tx
          .update(outbox)
          .set({ status: 'pending', lastError: error, nextAttemptAt })
          .where(eq(outbox.id, id))
          .returning({ attempts: outbox.attempts })
          .get();
        tx.insert(deliveries).values({ outboxId: id, attempt: row?.attempts ?? 0, at: now, outcome: 'failed', error }).run();
      });
    },
    hold(id, error, now) {
      db.transaction((tx) => {
        const row = tx
          .update(outbox)
          .set({ status: 'held', lastError: error })
          .where(eq(outbox.id, id))
          .returning({ attempts: outbox.attempts })
          .get();
        tx.insert(deliveries).values({ outboxId: id, attempt: row?.attempts ?? 0, at: now, outcome: 'failed', error }).run();
      });
    },
    releaseHeld(scope, now) {
      return db
        .update(outbox)
        .set({ status: 'pending', nextAttemptAt: now })
        .where(
          and(
            eq(outbox.status, 'held'),
            eq(outbox.platform, scope.platform),
            eq(outbox.workspace, scope.workspace),
            eq(outbox.channel, scope.channel),
          ),
        )
        .run().changes;
    },
    recoverInFlight() {
      return db.update(outbox).set({ status: 'pending' }).where(eq(outbox.status, 'sending')).run().changes;
    },
    pendingCount() {
      return db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
    },
    nextDueAt() {
      return db.select({ at: min(outbox.nextAttemptAt) }).from(outbox).where(eq(outbox.status, 'pending')).get()?.at ?? null;
    },
  };
}
