import { and, asc, eq, inArray, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { FeedRecord, FeedStore } from '../app/ports/feeds.ts';
import type { Db } from './db.ts';
import { serialised } from './serial.ts';
import { feeds, feedSubscriptions } from './schema.ts';

type FeedRow = typeof feeds.$inferSelect;

/** A feed row as the port reads it; the PostgreSQL twin reads its rows with it too. */
export const toRecord = (r: FeedRow): FeedRecord => ({
  id: r.id,
  url: r.url,
  title: r.title,
  fromConfig: r.fromConfig,
  etag: r.etag,
  lastModified: r.lastModified,
  primed: r.primed,
  itemCount: r.itemCount,
  nextPollAt: r.nextPollAt,
  lastPolledAt: r.lastPolledAt,
  lastSuccessAt: r.lastSuccessAt,
  consecutiveFailures: r.consecutiveFailures,
  lastError: r.lastError,
  disabledAt: r.disabledAt,
});

export function createSqliteFeedStore(db: Db): FeedStore {
  const get = (id: number): FeedRecord | undefined => {
    const row = db.select().from(feeds).where(eq(feeds.id, id)).get();
    return row ? toRecord(row) : undefined;
  };
  const findByUrl = (url: string): FeedRecord | undefined => {
    const row = db.select().from(feeds).where(eq(feeds.url, url)).get();
    return row ? toRecord(row) : undefined;
  };
  const ensure = (url: string, now: Date): FeedRecord => {
    db.insert(feeds).values({ url, nextPollAt: now, createdAt: now }).onConflictDoNothing().run();
    return findByUrl(url) as FeedRecord;
  };
  const dropIfOrphaned = (feedId: number): void => {
    db.delete(feeds)
      .where(
        and(
          eq(feeds.id, feedId),
          eq(feeds.fromConfig, false),
          sql`not exists (select 1 from ${feedSubscriptions} where ${feedSubscriptions.feedId} = ${feeds.id})`,
        ),
      )
      .run();
  };

  return serialised<FeedStore>(db.$client, {
    get,
    findByUrl,
    ensure,
    subscribe(feedId, scope, addedBy, now) {
      return (
        db
          .insert(feedSubscriptions)
          .values({
            feedId,
            platform: scope.platform,
            workspace: scope.workspace,
            channel: scope.channel,
            addedBy,
            createdAt: now,
          })
          .onConflictDoNothing()
          .run().changes > 0
      );
    },
    unsubscribe(feedId, ws) {
      return db.transaction(() => {
        const removed = db
          .delete(feedSubscriptions)
          .where(
            and(
              eq(feedSubscriptions.feedId, feedId),
              eq(feedSubscriptions.platform, ws.platform),
              eq(feedSubscriptions.workspace, ws.workspace),
            ),
          )
          .run().changes;
        dropIfOrphaned(feedId);
        return removed > 0;
      });
    },
    listForWorkspace(ws) {
      const followed = db
        .select({ id: feedSubscriptions.feedId })
        .from(feedSubscriptions)
        .where(and(eq(feedSubscriptions.platform, ws.platform), eq(feedSubscriptions.workspace, ws.workspace)));
      return db
        .select()
        .from(feeds)
        .where(or(eq(feeds.fromConfig, true), inArray(feeds.id, followed)))
        .orderBy(asc(feeds.id))
        .all()
        .map(toRecord);
    },
    subscribers(feedId) {
      return db
        .select({
          platform: feedSubscriptions.platform,
          workspace: feedSubscriptions.workspace,
          channel: feedSubscriptions.channel,
        })
        .from(feedSubscriptions)
        .where(eq(feedSubscriptions.feedId, feedId))
        .all();
    },
    due(now) {
      return db
        .select()
        .from(feeds)
        .where(and(isNull(feeds.disabledAt), lte(feeds.nextPollAt, now)))
        .orderBy(asc(feeds.nextPollAt), asc(feeds.id))
        .all()
        .map(toRecord);
    },
    markSucceeded(id, result, now, nextPollAt) {
      db.update(feeds)
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
        .where(eq(feeds.id, id))
        .run();
    },
    markFailed(id, error, now, nextPollAt, disable) {
      const row = db
        .update(feeds)
        .set({
          lastPolledAt: now,
          nextPollAt,
          lastError: error.slice(0, 500),
          consecutiveFailures: sql`${feeds.consecutiveFailures} + 1`,
          ...(disable ? { disabledAt: now } : {}),
        })
        .where(eq(feeds.id, id))
        .returning({ failures: feeds.consecutiveFailures })
        .get();
      return row?.failures ?? 0;
    },
    enable(id, now) {
      db.update(feeds).set({ disabledAt: null, consecutiveFailures: 0, nextPollAt: now }).where(eq(feeds.id, id)).run();
    },
    syncConfigured(urls, now) {
      db.transaction(() => {
        for (const url of urls) {
          ensure(url, now);
          db.update(feeds).set({ fromConfig: true }).where(eq(feeds.url, url)).run();
        }
        const dropped = db
          .update(feeds)
          .set({ fromConfig: false })
          .where(and(eq(feeds.fromConfig, true), urls.length > 0 ? notInArray(feeds.url, [...urls]) : sql`1 = 1`))
          .returning({ id: feeds.id })
          .all();
        for (const { id } of dropped) dropIfOrphaned(id);
      });
    },
  });
}
