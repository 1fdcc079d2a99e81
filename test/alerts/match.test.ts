import { describe, expect, it } from 'vitest';
import { toSentiment } from '../../src/core/sentiment/label.ts';
import type { TickerMention, WatchRule } from '../../src/core/types.ts';
import { matchWatchRules } from '../../src/core/watchlist/match.ts';

const now = new Date('2026-03-02T12:00:00Z');
let nextId = 1;
const rule = (over: Partial<WatchRule>): WatchRule => ({
  id: nextId++,
  scope: { platform: 'console', workspace: 'w', channel: 'c' },
  symbol: 'BABA',
  above: null,
  below: null,
  minRelevance: 0.3,
  mutedUntil: null,
  paused: false,
  createdBy: null,
  createdAt: now,
  ...over,
});
const mention = (symbol: string, score: number, relevance: number): TickerMention => ({
  symbol,
  name: symbol,
  relevance,
  sentiment: toSentiment(score),
  mentions: 3,
});

describe('matchWatchRules', () => {
  it.each([
    // [rule, ticker score, relevance, fires?]
    [{ below: -0.3 }, -0.42, 0.9, true],
    [{ below: -0.3 }, -0.3, 0.9, true],
    [{ below: -0.3 }, -0.2, 0.9, false],
    [{ above: 0.3 }, 0.5, 0.9, true],
    [{ above: 0.3 }, 0.1, 0.9, false],
    [{ above: 0.3, below: -0.3 }, -0.5, 0.9, true],
    [{ above: 0.3, below: -0.3 }, 0.0, 0.9, false],
    [{}, 0.0, 0.9, true],
    [{}, 0.0, 0.1, false],
    [{ minRelevance: 0.05 }, 0.0, 0.1, true],
  ])('rule %j, score %d, relevance %d -> %s', (over, score, relevance, fires) => {
    const matches = matchWatchRules([mention('BABA', score, relevance)], [rule(over)], now);
    expect(matches.length).toBe(fires ? 1 : 0);
  });

  it('says why it fired', () => {
    const [m] = matchWatchRules([mention('BABA', -0.42, 0.9)], [rule({ below: -0.3 })], now);
    expect(m?.hits[0]?.reason).toBe('BABA sentiment -0.42 is below -0.3');
  });

  it('makes one alert per channel however many of its rules match', () => {
    const scope = { platform: 'console', workspace: 'w', channel: 'c' };
    const other = { platform: 'console', workspace: 'w', channel: 'other' };
    const matches = matchWatchRules(
      [mention('BABA', 0.5, 0.9), mention('AAPL', 0.5, 0.9)],
      [rule({ scope, symbol: 'BABA' }), rule({ scope, symbol: 'AAPL' }), rule({ scope: other, symbol: 'AAPL' })],
      now,
    );
    expect(matches.map((m) => [m.scope.channel, m.hits.map((h) => h.ticker.symbol)])).toEqual([
      ['c', ['BABA', 'AAPL']],
      ['other', ['AAPL']],
    ]);
  });

  it('skips muted rules until the mute ends, and paused rules', () => {
    const muted = rule({ mutedUntil: new Date(now.getTime() + 60_000) });
    expect(matchWatchRules([mention('BABA', 0.5, 0.9)], [muted], now)).toEqual([]);
    expect(matchWatchRules([mention('BABA', 0.5, 0.9)], [muted], new Date(now.getTime() + 61_000))).toHaveLength(1);
    expect(matchWatchRules([mention('BABA', 0.5, 0.9)], [rule({ paused: true })], now)).toEqual([]);
  });
});
