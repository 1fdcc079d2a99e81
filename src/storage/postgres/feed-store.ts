// Live feeds and who follows them, on PostgreSQL (storage/feed-store.ts is the SQLite twin).
import { and, asc, eq, inArray, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { FeedRecord, FeedStore } from '../../app/ports/feeds.ts';
import { toRecord } from '../feed-store.ts';
import type { PgDb } from './db.ts';
import { feeds, feedSubscriptions } from './schema.ts';

type Q = Pick<PgDb, 'select' | 'insert' | 'update' | 'delete'>;

export function createPostgresFeedStore(db: PgDb): FeedStore {
  const findByUrl = async (url: string, q: Q = db): Promise<FeedRecord | undefined> => {
    const [row] = await q.select().from(feeds).where(eq(feeds.url, url));
    return row ? toRecord(row) : undefined;
  };
  const ensure = async (url: string, now: Date, q: Q = db): Promise<FeedRecord> => {
    await q.insert(feeds).values({ url, nextPollAt: now, createdAt: now }).onConflictDoNothing();
    const feed = await findByUrl(url, q);
    if (feed === undefined) throw new Error(`feed ${url} vanished after it was ensured`);
    return feed;
  };
  const dropIfOrphaned = async (feedId: number, q: Q): Promise<void> => {
    await q
      .delete(feeds)
      .where(
        and(
          eq(feeds.id, feedId),
          eq(feeds.fromConfig, false),
          sql`not exists (select 1 from ${feedSubscriptions} where ${feedSubscriptions.feedId} = ${feeds.id})`,
        ),
      );
  };

  return {
    async get(id) {
      const [row] = await db.select().from(feeds).where(eq(feeds.id, id));
      return row ? toRecord(row) : undefined;
    },
    findByUrl: (url) => findByUrl(url),
    ensure: (url, now) => ensure(url, now),
    async subscribe(feedId, scope, addedBy, now) {
      const res = await db
        .insert(feedSubscriptions)
        .values({
          feedId,
          platform: scope.platform,
          workspace: scope.workspace,
          channel: scope.channel,
          addedBy,
          createdAt: now,
        })
        .onConflictDoNothing();
      return (res.rowCount ?? 0) > 0;
    },
    unsubscribe(feedId, ws) {
      return db.transaction(async (tx) => {
        const removed = await tx
          .delete(feedSubscriptions)
          .where(
            and(
              eq(feedSubscriptions.feedId, feedId),
              eq(feedSubscriptions.platform, ws.platform),
              eq(feedSubscriptions.workspace, ws.workspace),
            ),
          );
        await dropIfOrphaned(feedId, tx);
        return (removed.rowCount ?? 0) > 0;
      });
    },
    async listForWorkspace(ws) {
      const followed = db
        .select({ id: feedSubscriptions.feedId })
        .from(feedSubscriptions)
        .where(and(eq(feedSubscriptions.platform, ws.platform), eq(feedSubscriptions.workspace, ws.workspace)));
      return (
        await db
          .select()
          .from(feeds)
          .where(or(eq(feeds.fromConfig, true), inArray(feeds.id, followed)))
          .orderBy(asc(feeds.id))
      ).map(toRecord);
    },
    subscribers(feedId) {
      return db
        .select({
          platform: feedSubscriptions.platform,
          workspace: feedSubscriptions.workspace,
          channel: feedSubscriptions.channel,
        })
        .from(feedSubscriptions)
        .where(eq(feedSubscriptions.feedId, feedId));
    },
    async due(now) {
      return (
        await db
          .select()
          .from(feeds)
          .where(and(isNull(feeds.disabledAt), lte(feeds.nextPollAt, now)))
          .orderBy(asc(feeds.nextPollAt), asc(feeds.id))
      ).map(toRecord);
    },
    async markSucceeded(id, result, now, nextPollAt) {
      await db
        .update(feeds)
        .set({
          lastPolledAt: now,
          lastSuccessAt: now,
          nextPollAt,
          consecutiveFailures: 0,
          lastError: null,
          ...(result === null
            ? {}
            : {
                primed: true,
                title: result.title ?? sql`${feeds.title}`,
                etag: result.etag,
                lastModified: result.lastModified,
                itemCount: result.itemCount,
              }),
        })
        .where(eq(feeds.id, id));
    },
    async markFailed(id, error, now, nextPollAt, disable) {
      const [row] = await db
        .update(feeds)
        .set({
          lastPolledAt: now,
          nextPollAt,
          lastError: error.slice(0, 500),
          consecutiveFailures: sql`${feeds.consecutiveFailures} + 1`,
          ...(disable ? { disabledAt: now } : {}),
        })
        .where(eq(feeds.id, id))
        .returning({ failures: feeds.consecutiveFailures });
      return row?.failures ?? 0;
    },
    async enable(id, now) {
      await db.update(feeds).set({ disabledAt: null, consecutiveFailures: 0, nextPollAt: now }).where(eq(feeds.id, id));
    },
    async syncConfigured(urls, now) {
      await db.transaction(async (tx) => {
        for (const url of urls) {
          await ensure(url, now, tx);
          await tx.update(feeds).set({ fromConfig: true }).where(eq(feeds.url, url));
        }
        const dropped = await tx
          .update(feeds)
          .set({ fromConfig: false })
          .where(and(eq(feeds.fromConfig, true), urls.length > 0 ? notInArray(feeds.url, [...urls]) : sql`true`))
          .returning({ id: feeds.id });
        for (const { id } of dropped) await dropIfOrphaned(id, tx);
      });
    },
  };
}
