// Watch rules on PostgreSQL (storage/watchlist-store.ts is the SQLite twin).
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { WatchlistStore } from '../../app/ports/storage.ts';
import type { ChannelRef, WatchRule } from '../../core/types.ts';
import { toWatchRule } from '../watchlist-store.ts';
import type { PgDb } from './db.ts';
import { watchRules } from './schema.ts';
import { rows, type Queryable } from './sql.ts';

const RULE_COLUMNS =
  'id, platform, workspace, channel, symbol, above, below, min_relevance AS "minRelevance", muted_until AS "mutedUntil", ' +
  'cooldown_minutes AS "cooldownMinutes", shift, shift_baseline AS "shiftBaseline", paused, paused_reason AS "pausedReason", ' +
  'created_by AS "createdBy", created_at AS "createdAt"';

/** Rules for these symbols only, through watch_rules_match_idx; `shift`: only sentiment-shift rules. */
export async function rulesForSymbols(
  q: Queryable,
  symbols: readonly string[],
  which: 'all' | 'shift' = 'all',
): Promise<WatchRule[]> {
  if (symbols.length === 0) return [];
  const found = await rows<typeof watchRules.$inferSelect>(
    q,
    `SELECT ${RULE_COLUMNS} FROM watch_rules WHERE symbol = ANY($1::text[])${which === 'shift' ? ' AND shift IS NOT NULL' : ''} ORDER BY id`,
    [[...symbols]],
  );
  return found.map(toWatchRule);
}

const inScope = (scope: ChannelRef) =>
  and(
    eq(watchRules.platform, scope.platform),
    eq(watchRules.workspace, scope.workspace),
    eq(watchRules.channel, scope.channel),
  );

export function createPostgresWatchlistStore(db: PgDb): WatchlistStore {
  return {
    async upsert(scope, input, now) {
      const values = {
        above: input.above,
        below: input.below,
        minRelevance: input.minRelevance,
        cooldownMinutes: input.cooldownMinutes ?? null,
        shift: input.shift ?? null,
        shiftBaseline: input.shiftBaseline ?? null,
      };
      // One statement: two processes adding the same rule meet at the unique index, not in a race.
      // xmax = 0 only for a row this statement inserted.
      const [row] = await db
        .insert(watchRules)
        .values({ ...scope, symbol: input.symbol, ...values, createdBy: input.createdBy, createdAt: now })
        .onConflictDoUpdate({
          target: [watchRules.platform, watchRules.workspace, watchRules.channel, watchRules.symbol],
          set: { ...values, paused: false, pausedReason: null },
        })
        .returning({ ...getTableColumns(watchRules), created: sql<boolean>`(xmax = 0)` });
      if (row === undefined) throw new Error('watch rule upsert returned no row');
      return { rule: toWatchRule(row), created: row.created };
    },
    async remove(scope, symbols) {
      if (symbols.length === 0) return [];
      const removed = await db
        .delete(watchRules)
        .where(and(inScope(scope), inArray(watchRules.symbol, [...symbols])))
        .returning({ symbol: watchRules.symbol });
      return removed.map((r) => r.symbol);
    },
    async list(scope) {
      return (await db.select().from(watchRules).where(inScope(scope)).orderBy(watchRules.symbol)).map(toWatchRule);
    },
    forSymbols: (symbols) => rulesForSymbols(db.$client, symbols),
    async mute(scope, symbols, until) {
      if (symbols.length === 0) return [];
      const changed = await db
        .update(watchRules)
        .set({ mutedUntil: until })
        .where(and(inScope(scope), inArray(watchRules.symbol, [...symbols])))
        .returning({ symbol: watchRules.symbol });
      return changed.map((r) => r.symbol);
    },
    async pauseChannel(scope, reason) {
      return (
        (await db.update(watchRules).set({ paused: true, pausedReason: reason }).where(inScope(scope))).rowCount ?? 0
      );
    },
    async resumeChannel(scope) {
      return (
        (await db.update(watchRules).set({ paused: false, pausedReason: null }).where(inScope(scope))).rowCount ?? 0
      );
    },
  };
}
