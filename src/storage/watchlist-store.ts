import { and, eq, inArray } from 'drizzle-orm';
import type { WatchlistStore } from '../app/ports/storage.ts';
import type { ChannelRef, WatchRule } from '../core/types.ts';
import type { Db } from './db.ts';
import { serialised } from './serial.ts';
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
  and(
    eq(watchRules.platform, scope.platform),
    eq(watchRules.workspace, scope.workspace),
    eq(watchRules.channel, scope.channel),
  );

interface RawRuleRow {
  id: number;
  platform: string;
  workspace: string;
  channel: string;
  symbol: string;
  above: number | null;
  below: number | null;
  min_relevance: number;
  muted_until: number | null;
  cooldown_minutes: number | null;
  shift: number | null;
  shift_baseline: number | null;
  paused: number;
  created_by: string | null;
  created_at: number;
}

const RULES_FOR_SYMBOLS =
  'SELECT id, platform, workspace, channel, symbol, above, below, min_relevance, muted_until, cooldown_minutes, shift, shift_baseline, paused, created_by, created_at ' +
  'FROM watch_rules WHERE symbol IN (SELECT value FROM json_each(?))';
const SHIFT_RULES_FOR_SYMBOLS = `${RULES_FOR_SYMBOLS} AND shift IS NOT NULL`;
type RuleStatement = { all(symbols: string): RawRuleRow[] };
const statements = new WeakMap<Db['$client'], { all: RuleStatement; shift: RuleStatement }>();

/**
 * Rules for these symbols only, through watch_rules_match_idx: the cost follows the rules that can
 * match, never the total. `shift`: only sentiment-shift rules, which the article store reads for
 * every stored article (shift is in the index, so the other rules cost an index read only).
 * Statements are prepared once per database (the symbol list is one JSON parameter).
 */
export function selectRulesForSymbols(
  db: Pick<Db, '$client'>,
  symbols: readonly string[],
  which: 'all' | 'shift' = 'all',
): WatchRule[] {
  if (symbols.length === 0) return [];
  let stmts = statements.get(db.$client);
  if (stmts === undefined) {
    stmts = {
      all: db.$client.prepare<[string], RawRuleRow>(RULES_FOR_SYMBOLS),
      shift: db.$client.prepare<[string], RawRuleRow>(SHIFT_RULES_FOR_SYMBOLS),
    };
    statements.set(db.$client, stmts);
  }
  return stmts[which].all(JSON.stringify(symbols)).map((r) => ({
    id: r.id,
    scope: { platform: r.platform, workspace: r.workspace, channel: r.channel },
    symbol: r.symbol,
    above: r.above,
    below: r.below,
    minRelevance: r.min_relevance,
    mutedUntil: r.muted_until === null ? null : new Date(r.muted_until),
    cooldownMinutes: r.cooldown_minutes,
    shift: r.shift,
    shiftBaseline: r.shift_baseline,
    paused: r.paused !== 0,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  }));
}

export function createSqliteWatchlistStore(db: Db): WatchlistStore {
  return serialised<WatchlistStore>(db.$client, {
    upsert(scope, input, now) {
      return db.transaction((tx) => {
        const existing = tx
          .select()
          .from(watchRules)
          .where(and(inScope(scope), eq(watchRules.symbol, input.symbol)))
          .get();
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
  });
}
