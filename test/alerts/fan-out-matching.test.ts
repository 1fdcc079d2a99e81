// The watch-rule matching runs in SQL (storage/watchlist-match-sql.ts); core matchWatchRules is the
// definition. Over seeded random rules and stories, with every boundary (score equal to a
// threshold, relevance equal to the floor, a mute ending at the arrival time) in play, each story
// must alert the same channels for the same reasons both ways.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExplainedAnalysis } from '../../src/core/analyze.ts';
import { normalizeArticle } from '../../src/core/normalize.ts';
import type { SentimentLabel, TickerMention, WatchRule } from '../../src/core/types.ts';
import { matchWatchRules, scopeKey } from '../../src/core/watchlist/match.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { readOutbox, tempDb } from '../helpers.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SYMBOLS = [
  ['BABA', 'Alibaba Group Holding Ltd'],
  ['NVDA', 'NVIDIA Corp'],
  ['TSLA', 'Tesla, Inc.'],
  ['GOOGL', 'Alphabet Inc.'],
] as const;
// Rules are also written on a sibling of a found ticker (one issuer, two share classes).
const RULE_SYMBOLS = [...SYMBOLS.map(([s]) => s), 'GOOG'];
const FAMILIES: Readonly<Record<string, readonly string[]>> = { GOOGL: ['GOOGL', 'GOOG'] };
const SCORES = [-0.6, -0.3, 0, 0.3, 0.45, 0.6];
const RELEVANCES = [0.2, 0.3, 0.5, 0.9];

describe('threshold matching in the outbox fan-out', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  it('alerts the channels core matchWatchRules picks, for the reasons it gives, for every story', async () => {
    const random = rng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const seenAt = new Date('2026-03-02T12:00:00Z');
    const watchlists = createSqliteWatchlistStore(t.db);
    const articles = createSqliteArticleStore(t.db);

    for (let c = 0; c < 40; c++) {
      const scope = { platform: c % 2 === 0 ? 'slack' : 'discord', workspace: `W${c % 3}`, channel: `C${c}` };
      for (const symbol of RULE_SYMBOLS) {
        if (random() < 0.25) continue;
        const kind = random();
        const above = kind < 0.4 ? pick(SCORES) : kind < 0.55 ? pick(SCORES) : null;
        const below = kind >= 0.4 && kind < 0.8 ? pick(SCORES) : null;
        // Some shift-only rules (never fire on a single story) and some shift rules with thresholds.
        const shift = random() < 0.15 ? 0.3 : null;
        await watchlists.upsert(
          scope,
          { symbol, above, below, minRelevance: pick([0.3, 0.5]), shift, createdBy: 'test' },
          seenAt,
        );
        const mute = random();
        if (mute < 0.1) await watchlists.mute(scope, [symbol], new Date(seenAt.getTime() + 60_000));
        else if (mute < 0.2) await watchlists.mute(scope, [symbol], seenAt);
        else if (mute < 0.3) await watchlists.mute(scope, [symbol], new Date(seenAt.getTime() - 60_000));
      }
      if (random() < 0.1) await watchlists.pauseChannel(scope, 'channel_not_found');
    }
    const rules: WatchRule[] = await watchlists.forSymbols(RULE_SYMBOLS);
    expect(rules.length).toBeGreaterThan(60);

    const cases: Array<{ id: number; queued: number; expected: Array<readonly [string, string[]]> }> = [];
    for (let i = 0; i < 60; i++) {
      const tickers: TickerMention[] = SYMBOLS.filter(() => random() < 0.6).map(([symbol, name]) => {
        const score = pick(SCORES);
        const label: SentimentLabel = score > 0 ? 'bullish' : score < 0 ? 'bearish' : 'neutral';
        const family = FAMILIES[symbol];
        const matched = { text: name.split(' ')[0] ?? name, role: 'subject' as const };
        return {
          symbol,
          name,
          relevance: pick(RELEVANCES),
          sentiment: { score, label },
          mentions: 1,
          matched,
          ...(family === undefined ? {} : { family }),
        };
      });
      const normalized = normalizeArticle({
        origin: `o${i}`,
        sourceName: 'test',
        format: 'text',
        title: `Story ${i}`,
        body: `Body of story ${i}.`,
      });
      if (!normalized.ok) throw new Error('test article did not normalise');
      const analysis = {
        sentiment: { score: 0, label: 'neutral' },
        tickers,
        summary: `Story ${i}.`,
        evidence: [],
      } as ExplainedAnalysis;
      const stored = await articles.transaction(async (tx) => {
        const { id } = await tx.store(normalized.value.article, analysis, seenAt);
        return { id, alertsQueued: await tx.queueMatches(id, tickers, seenAt, null) };
      });
      const expected = matchWatchRules(tickers, rules, seenAt)
        .map((m) => [scopeKey(m.scope), m.hits.map((h) => h.reason).sort()] as const)
        .sort(([a], [b]) => a.localeCompare(b));
      cases.push({ id: stored.id, queued: stored.alertsQueued, expected });
    }

    const rendered = new Map(readOutbox(t.db).map((r) => [r.id, r.message]));
    const rowsOf = t.db.$client.prepare<[number], { id: number; platform: string; workspace: string; channel: string }>(
      'SELECT id, platform, workspace, channel FROM outbox WHERE article_id = ?',
    );
    let alerted = 0;
    for (const { id, queued, expected } of cases) {
      const actual = rowsOf
        .all(id)
        .map((r) => {
          const why = (rendered.get(r.id)?.text ?? '')
            .split('\n')
            .filter((l) => l.startsWith('Why: '))
            .map((l) => l.slice(5));
          return [scopeKey(r), why.sort()] as const;
        })
        .sort(([a], [b]) => a.localeCompare(b));
      expect(actual).toEqual(expected);
      expect(queued).toBe(expected.length);
      alerted += expected.length;
    }
    // The seed exercises the matching, not only the empty case.
    expect(alerted).toBeGreaterThan(100);
  });
  it("puts a sentiment shift and a threshold hit in one channel into that channel's one alert", async () => {
    const seenAt = new Date('2026-03-02T12:00:00Z');
    const scope = { platform: 'slack', workspace: 'W1', channel: 'C1' };
    const watchlists = createSqliteWatchlistStore(t.db);
    const articles = createSqliteArticleStore(t.db);
    await watchlists.upsert(
      scope,
      { symbol: 'BABA', above: null, below: null, minRelevance: 0.3, shift: 0.3, createdBy: 'test' },
      seenAt,
    );
    await watchlists.upsert(
      scope,
      { symbol: 'NVDA', above: 0.2, below: null, minRelevance: 0.3, createdBy: 'test' },
      seenAt,
    );
    const tickers: TickerMention[] = [
      {
        symbol: 'BABA',
        name: 'Alibaba Group Holding Ltd',
        relevance: 0.9,
        sentiment: { score: -0.5, label: 'bearish' },
        mentions: 2,
      },
      { symbol: 'NVDA', name: 'NVIDIA Corp', relevance: 0.8, sentiment: { score: 0.5, label: 'bullish' }, mentions: 1 },
    ];
    const normalized = normalizeArticle({
      origin: 'o',
      sourceName: 'test',
      format: 'text',
      title: 'Alibaba and Nvidia',
      body: 'Both moved.',
    });
    if (!normalized.ok) throw new Error('test article did not normalise');
    const analysis = {
      sentiment: { score: 0, label: 'neutral' },
      tickers,
      summary: 'Both moved.',
      evidence: [],
    } as ExplainedAnalysis;
    const shiftReason =
      'BABA average sentiment shifted -0.40 (from +0.10 to -0.30 over its last 5 stories), beyond the 0.3 you set';
    // Threshold rules are matched in SQL; the shift step then adds its hit to the channel's alert.
    const shift = { size: 0.3, from: 0.1, to: -0.3, stories: 5 };
    const stored = await articles.transaction(async (tx) => {
      const { id } = await tx.store(normalized.value.article, analysis, seenAt);
      const queued = await tx.queueMatches(id, tickers, seenAt, null);
      const rule = { symbol: 'BABA', above: null, below: null, minRelevance: 0.3 };
      return {
        alertsQueued:
          queued + (await tx.queueHits(id, scope, [{ ticker: tickers[0] as TickerMention, rule, shift }], seenAt)),
      };
    });
    expect(stored.alertsQueued).toBe(1);
    const outbox = readOutbox(t.db);
    expect(outbox).toHaveLength(1);
    const why = (outbox[0]?.message.text ?? '').split('\n').filter((l) => l.startsWith('Why: '));
    expect(why).toEqual(['Why: NVDA sentiment 0.5 is above 0.2', `Why: ${shiftReason}`]);
  });
});
