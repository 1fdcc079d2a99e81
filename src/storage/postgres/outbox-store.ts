// The outbox on PostgreSQL (storage/outbox-store.ts is the SQLite twin). Claims take due rows with
// FOR UPDATE SKIP LOCKED, so processes claiming at the same moment never take the same row.
import { and, asc, count, eq, inArray, isNotNull, lte, min, sql } from 'drizzle-orm';
import type { DeferReason, FlowOutbox, QueuedPost } from '../../app/ports/storage.ts';
import type { AlertHit } from '../../core/alerts.ts';
import type { OutgoingMessage } from '../../core/messages.ts';
import type { SentimentLabel } from '../../core/types.ts';
import { visibleSources } from './audience.ts';
import type { PgDb } from './db.ts';
import { articles, articleSources, deliveries, outbox } from './schema.ts';

type OutboxRow = typeof outbox.$inferSelect;

interface LegacyHit {
  readonly ticker: AlertHit['ticker'];
  readonly reason: string;
}
interface AlertRow {
  readonly kind: 'alert-ref';
  readonly hits: ReadonlyArray<AlertHit | LegacyHit>;
}
const isAlertRow = (value: unknown): value is AlertRow =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'alert-ref';
const asHit = (h: AlertHit | LegacyHit): AlertHit =>
  'rule' in h ? h : { ticker: h.ticker, rule: { symbol: h.ticker.symbol, above: null, below: null, minRelevance: 0 } };

/** What each row would be sent with now: its story as stored, with the sources the workspace may see. */
async function queuedPosts(db: PgDb, found: readonly OutboxRow[]): Promise<Map<number, QueuedPost>> {
  const ids = [
    ...new Set(found.filter((r) => isAlertRow(r.message) && r.articleId !== null).map((r) => r.articleId as number)),
  ];
  const byId = new Map(
    (ids.length === 0 ? [] : await db.select().from(articles).where(inArray(articles.id, ids))).map((a) => [a.id, a]),
  );
  const out = new Map<number, QueuedPost>();
  for (const row of found) {
    const stored: unknown = row.message;
    if (!isAlertRow(stored)) {
      out.set(row.id, { kind: 'message', message: row.message as OutgoingMessage });
      continue;
    }
    const hits = stored.hits.map(asHit);
    const a = row.articleId === null ? undefined : byId.get(row.articleId);
    if (a === undefined) {
      out.set(row.id, { kind: 'alert', alert: { article: null, hits } });
      continue;
    }
    const sourceNames =
      (await visibleSources(db.$client, a.id, row)) ??
      (
        await db
          .select({ name: articleSources.sourceName })
          .from(articleSources)
          .where(eq(articleSources.articleId, a.id))
          .orderBy(asc(articleSources.firstSeenAt), asc(articleSources.sourceName))
      ).map((r) => r.name);
    const article = {
      id: a.id,
      title: a.title,
      url: a.url,
      sourceName: sourceNames[0] ?? a.sourceName,
      publishedAt: a.publishedAt,
      seenAt: a.seenAt,
      sentiment: { score: a.sentimentScore, label: a.sentimentLabel as SentimentLabel },
      summary: a.summary,
      sourceNames,
    };
    out.set(row.id, { kind: 'alert', alert: { article, hits } });
  }
  return out;
}

/** Every outbox row with what it would be sent with now, oldest first (for inspection and tests). */
export async function readQueuedPostgres(
  db: PgDb,
): Promise<Array<{ id: number; status: OutboxRow['status']; post: QueuedPost }>> {
  const found = await db.select().from(outbox).orderBy(asc(outbox.id));
  const posts = await queuedPosts(db, found);
  return found.map((row) => ({ id: row.id, status: row.status, post: posts.get(row.id) as QueuedPost }));
}

export function createPostgresOutbox(db: PgDb): FlowOutbox {
  const record = async (
    id: number,
    set: Partial<typeof outbox.$inferInsert>,
    outcome: 'sent' | 'failed',
    now: Date,
    extra: { error?: string; remoteId?: string | null },
  ): Promise<void> => {
    await db.transaction(async (tx) => {
      const [row] = await tx.update(outbox).set(set).where(eq(outbox.id, id)).returning({ attempts: outbox.attempts });
      await tx.insert(deliveries).values({ outboxId: id, attempt: row?.attempts ?? 0, at: now, outcome, ...extra });
    });
  };
  return {
    async claimDue(now, limit) {
      const due = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      const claimed = await db
        .update(outbox)
        .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, due))
        .returning();
      claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
      const posts = await queuedPosts(db, claimed);
      return claimed.map((row) => ({
        id: row.id,
        scope: { platform: row.platform, workspace: row.workspace, channel: row.channel },
        post: posts.get(row.id) as QueuedPost,
        attempts: row.attempts,
      }));
    },
    markSent: (id, receipt, now) =>
      record(id, { status: 'sent', sentAt: now, remoteId: receipt.remoteId, lastError: null }, 'sent', now, {
        remoteId: receipt.remoteId,
      }),
    markFailed: (id, error, nextAttemptAt, now) =>
      record(id, { status: 'pending', lastError: error, nextAttemptAt }, 'failed', now, { error }),
    hold: (id, error, now) => record(id, { status: 'held', lastError: error }, 'failed', now, { error }),
    async releaseHeld(scope, now) {
      const res = await db
        .update(outbox)
        .set({ status: 'pending', nextAttemptAt: now })
        .where(
          and(
            eq(outbox.status, 'held'),
            eq(outbox.platform, scope.platform),
            eq(outbox.workspace, scope.workspace),
            eq(outbox.channel, scope.channel),
          ),
        );
      return res.rowCount ?? 0;
    },
    async recoverInFlight() {
      return (await db.update(outbox).set({ status: 'pending' }).where(eq(outbox.status, 'sending'))).rowCount ?? 0;
    },
    async enqueue(scope, message, dedupeKey, now) {
      const res = await db
        .insert(outbox)
        .values({ ...scope, dedupeKey, message, status: 'pending', nextAttemptAt: now, createdAt: now })
        .onConflictDoNothing();
      return (res.rowCount ?? 0) > 0;
    },
    async defer(id, reason, until) {
      // Waiting is not a failed attempt: give back the attempt the claim counted.
      await db
        .update(outbox)
        .set({
          status: 'pending',
          deferred: reason,
          nextAttemptAt: until,
          attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
        })
        .where(eq(outbox.id, id));
    },
    async deferredReasons(ids) {
      const out = new Map<number, DeferReason>();
      if (ids.length === 0) return out;
      const found = await db
        .select({ id: outbox.id, deferred: outbox.deferred })
        .from(outbox)
        .where(and(inArray(outbox.id, [...ids]), isNotNull(outbox.deferred)));
      for (const r of found) if (r.deferred !== null) out.set(r.id, r.deferred);
      return out;
    },
    async pendingCount() {
      const [row] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
      return row?.n ?? 0;
    },
    async nextDueAt() {
      const [row] = await db
        .select({ at: min(outbox.nextAttemptAt) })
        .from(outbox)
        .where(eq(outbox.status, 'pending'));
      return row?.at ?? null;
    },
  };
}
