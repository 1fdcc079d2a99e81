import { and, asc, count, eq, inArray, isNotNull, lte, min, sql } from 'drizzle-orm';
import type { DeferReason, FlowOutbox, QueuedPost } from '../app/ports/storage.ts';
import type { AlertHit } from '../core/alerts.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import type { SentimentLabel } from '../core/types.ts';
import { sourcesOf } from './article-sources.ts';
import { visibleSources } from './audience.ts';
import type { Db } from './db.ts';
import { serialised } from './serial.ts';
import { articles, deliveries, outbox } from './schema.ts';

type OutboxRow = typeof outbox.$inferSelect;
type Reader = Pick<Db, 'select'>;

interface AlertRow {
  readonly kind: 'alert-ref';
  readonly hits: ReadonlyArray<AlertHit | LegacyHit>;
}

/** A hit queued before hits were kept as facts: the ticker and the reason in words. */
interface LegacyHit {
  readonly ticker: AlertHit['ticker'];
  readonly reason: string;
}

const isAlertRow = (value: unknown): value is AlertRow =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'alert-ref';

/** Rows queued by an earlier version may carry a worded hit; it is read as a hit on the ticker's own rule, so it is still delivered once. */
const asHit = (h: AlertHit | LegacyHit): AlertHit =>
  'rule' in h ? h : { ticker: h.ticker, rule: { symbol: h.ticker.symbol, above: null, below: null, minRelevance: 0 } };

/**
 * Alert rows hold only their hits; what they are sent with is read here, at send time: the stored
 * article and the sources that have carried it by now. The message itself is built in app/. Other
 * rows (digests, notices) hold their finished message.
 */
function queuedPosts(
  q: Reader,
  rows: readonly OutboxRow[],
  client: Pick<Db, '$client'>,
): (row: OutboxRow) => QueuedPost {
  const ids = [
    ...new Set(rows.filter((r) => isAlertRow(r.message) && r.articleId !== null).map((r) => r.articleId as number)),
  ];
  const byId = new Map(
    (ids.length === 0
      ? []
      : q
          .select({
            id: articles.id,
            title: articles.title,
            url: articles.url,
            sourceName: articles.sourceName,
            publishedAt: articles.publishedAt,
            seenAt: articles.seenAt,
            score: articles.sentimentScore,
            label: articles.sentimentLabel,
            summary: articles.summary,
          })
          .from(articles)
          .where(inArray(articles.id, ids))
          .all()
    ).map((a) => [a.id, a]),
  );
  return (row) => {
    const stored: unknown = row.message;
    if (!isAlertRow(stored)) return { kind: 'message', message: row.message as OutgoingMessage };
    const hits = stored.hits.map(asHit);
    const a = row.articleId === null ? undefined : byId.get(row.articleId);
    // Unreachable while articles are only removed with their outbox rows.
    if (a === undefined) return { kind: 'alert', alert: { article: null, hits } };
    // Only the sources this workspace may see: a private feed's name stays with its followers.
    const sourceNames = visibleSources(client, a.id, row) ?? sourcesOf(q, a.id);
    const article = {
      id: a.id,
      title: a.title,
      url: a.url,
      sourceName: sourceNames[0] ?? a.sourceName,
      publishedAt: a.publishedAt,
      seenAt: a.seenAt,
      sentiment: { score: a.score, label: a.label as SentimentLabel },
      summary: a.summary,
      sourceNames,
    };
    return { kind: 'alert', alert: { article, hits } };
  };
}

/** Every outbox row with what it would be sent with now, oldest first (for inspection and tests). */
export function readQueued(db: Db): Array<{ id: number; status: OutboxRow['status']; post: QueuedPost }> {
  const rows = db.select().from(outbox).orderBy(asc(outbox.id)).all();
  const read = queuedPosts(db, rows, db);
  return rows.map((row) => ({ id: row.id, status: row.status, post: read(row) }));
}

export function createSqliteOutbox(db: Db): FlowOutbox {
  return serialised<FlowOutbox>(db.$client, {
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
        const read = queuedPosts(tx, rows, db);
        return rows.map((row) => ({
          id: row.id,
          scope: { platform: row.platform, workspace: row.workspace, channel: row.channel },
          post: read(row),
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
        tx.insert(deliveries)
          .values({ outboxId: id, attempt: row?.attempts ?? 0, at: now, outcome: 'failed', error })
          .run();
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
        tx.insert(deliveries)
          .values({ outboxId: id, attempt: row?.attempts ?? 0, at: now, outcome: 'failed', error })
          .run();
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
    enqueue(scope, message, dedupeKey, now) {
      return (
        db
          .insert(outbox)
          .values({ ...scope, dedupeKey, message, status: 'pending', nextAttemptAt: now, createdAt: now })
          .onConflictDoNothing()
          .run().changes > 0
      );
    },
    defer(id, reason, until) {
      // Waiting is not a failed attempt: give back the attempt the claim counted.
      db.update(outbox)
        .set({
          status: 'pending',
          deferred: reason,
          nextAttemptAt: until,
          attempts: sql`max(${outbox.attempts} - 1, 0)`,
        })
        .where(eq(outbox.id, id))
        .run();
    },
    deferredReasons(ids) {
      const out = new Map<number, DeferReason>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = db
          .select({ id: outbox.id, deferred: outbox.deferred })
          .from(outbox)
          .where(and(inArray(outbox.id, ids.slice(i, i + 500)), isNotNull(outbox.deferred)))
          .all();
        for (const r of rows) if (r.deferred !== null) out.set(r.id, r.deferred);
      }
      return out;
    },
    pendingCount() {
      return db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
    },
    nextDueAt() {
      return (
        db
          .select({ at: min(outbox.nextAttemptAt) })
          .from(outbox)
          .where(eq(outbox.status, 'pending'))
          .get()?.at ?? null
      );
    },
  });
}
