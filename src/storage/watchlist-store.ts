import { and, eq, inArray } from 'drizzle-orm';
import type { WatchlistStore } from '../app/ports.ts';
import type { ChannelRef, WatchRule } from '../core/types.ts';
import type { Db } from './db.ts';
import { watchRules } from './schema.ts';

type RuleRow = typeof watchRules.$inferSelect;

export function toWatchRule(row: RuleRow): WatchRule {
  return {
    id: row.id,
    scope: { platform: row.platform, workspace: row.workspace, channel: row.channel },
    symbol: row.symbol,
    above: row.above,
    below: row.below,
    minRelevance: row.minRelevance,
    mutedUntil: row.mutedUntil,
    cooldownMinutes: row.cooldownMinutes,
    shift: row.shift,
    shiftBaseline: row.shiftBaseline,
    paused: row.paused,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

const inScope = (scope: ChannelRef) =>
  and(eq(watchRules.platform, scope.platform), eq(watchRules.workspace, scope.workspace), eq(watchRules.channel, scope.channel));

/** SQLite caps bound parameters; articles rarely name more than a few dozen tickers. */
const CHUNK = 500;

export function selectRulesForSymbols(db: Pick<Db, 'select'>, symbols: readonly string[]): WatchRule[] {
  const out: WatchRule[] = [];
  for (let i = 0; i < symbols.length; i += CHUNK) {
    const chunk = symbols.slice(i, i + CHUNK);
    out.push(...db.select().from(watchRules).where(inArray(watchRules.symbol, chunk)).all().map(toWatchRule));
  }
  return out;
}

export function createSqliteWatchlistStore(db: Db): WatchlistStore {
  return {
    upsert(scope, input, now) {
      return db.transaction((tx) => {
        const existing = tx.select().from(watchRules).where(and(inScope(scope), eq(watchRules.symbol, input.symbol))).get();
        if (existing) {
          const row = tx
            .update(watchRules)
            .set({
              above: input.above,
              below: input.below,
              minRelevance: input.minRelevance,
              cooldownMinutes: input.cooldownMinutes ?? null,
              shift: input.shift ?? null,
              shiftBaseline: input.shiftBaseline ?? null,
              paused: false,
              pausedReason: null,
            })
            .where(eq(watchRules.id, existing.id))
            .returning()
            .get();
          return { rule: toWatchRule(row), created: false };
        }
        const row = tx
          .insert(watchRules)
          .values({ ...scope, ...input, createdAt: now })
          .returning()
          .get();
        return { rule: toWatchRule(row), created: true };
      });
    },
    remove(scope, symbols) {
      if (symbols.length === 0) return [];
      return db
        .delete(watchRules)
        .where(and(inScope(scope), inArray(watchRules.symbol, [...symbols])))
        .returning({ symbol: watchRules.symbol })
        .all()
        .map((r) => r.symbol);
    },
    list(scope) {
      return db.select().from(watchRules).where(inScope(scope)).orderBy(watchRules.symbol).all().map(toWatchRule);
    },
    forSymbols(symbols) {
      return selectRulesForSymbols(db, symbols);
    },
    mute(scope, symbols, until) {
      if (symbols.length === 0) return [];
      return db
        .update(watchRules)
        .set({ mutedUntil: until })
        .where(and(inScope(scope), inArray(watchRules.symbol, [...symbols])))
        .returning({ symbol: watchRules.symbol })
        .all()
        .map((r) => r.symbol);
    },
    pauseChannel(scope, reason) {
      return db.update(watchRules).set({ paused: true, pausedReason: reason }).where(inScope(scope)).run().changes;
    },
    resumeChannel(scope) {
      return db.update(watchRules).set({ paused: false, pausedReason: null }).where(inScope(scope)).run().changes;
    },
  };
}
