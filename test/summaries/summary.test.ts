import { describe, expect, it } from 'vitest';
import { buildTickerReportMessage, computeTickerReport, type TickerStory } from '../../src/core/ticker-report.ts';
import { labelFor } from '../../src/core/sentiment/label.ts';

const now = new Date('2026-03-02T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
const story = (id: number, score: number, h: number, source = 'Wire'): TickerStory => ({
  articleId: id,
  title: `Story ${id}`,
  url: `https://news.test/${id}`,
  sourceName: source,
  at: hoursAgo(h),
  score,
});

describe('labelFor uses the Alpha Vantage bucket edges', () => {
  it.each([
    [-0.35, 'bearish'],
    [-0.34, 'somewhat-bearish'],
    [-0.15, 'somewhat-bearish'],
    [-0.14, 'neutral'],
    [0.14, 'neutral'],
    [0.15, 'somewhat-bullish'],
    [0.34, 'somewhat-bullish'],
    [0.35, 'bullish'],
  ])('%d -> %s', (score, label) => {
    expect(labelFor(score)).toBe(label);
  });
});

describe('ticker summary', () => {
  const stories = [
    story(1, 0.6, 1),
    story(2, -0.5, 2, 'Desk'),
    story(3, 0.1, 3),
    story(4, -0.2, 30),
    story(5, -0.4, 40),
  ];

  it('counts the window, averages, compares with the window before', () => {
    const s = computeTickerReport('BABA', 'Alibaba', '24h', stories, now);
    expect(s.count).toBe(3);
    expect(s.average).toBeCloseTo((0.6 - 0.5 + 0.1) / 3, 6);
    expect(s.previousCount).toBe(2);
    expect(s.previousAverage).toBeCloseTo(-0.3, 6);
    expect(s.mostPositive?.articleId).toBe(1);
    expect(s.mostNegative?.articleId).toBe(2);
    expect(s.labelMix).toMatchObject({ bullish: 1, bearish: 1, neutral: 1 });
    expect(s.topSources[0]).toEqual({ name: 'Wire', count: 2 });
  });

  it('shows headlines with links and the trend', () => {
    const msg = buildTickerReportMessage(computeTickerReport('BABA', 'Alibaba', '24h', stories, now));
    expect(msg.text).toContain('Stories: 3');
    expect(msg.text).toContain('Story 1 <https://news.test/1>');
    expect(msg.text).toContain('Story 2 <https://news.test/2>');
    expect(msg.text).toMatch(/Trend: \+0\.37 vs previous 24h/);
  });

  it('says plainly when there is nothing, and what to try', () => {
    const msg = buildTickerReportMessage(computeTickerReport('BABA', 'Alibaba', '24h', [], now));
    expect(msg.text).toMatch(/No stories about BABA in the last 24h.*\/summary BABA 30d/);
  });
});
