// The /summary chart's buckets: whole hours, 6-hour blocks or days of the channel's wall clock, the
// same on both sides of a DST change, each story of the window counted once.
import { describe, expect, it } from 'vitest';
import type { ReportWindow } from '../../src/core/commands/summary.ts';
import { localParts } from '../../src/core/calendar/zoned-time.ts';
import { reportSeries, type ReportSeries } from '../../src/core/ticker-report-series.ts';
import type { TickerStory } from '../../src/core/ticker-report.ts';

const HOUR = 3600_000;
const story = (at: Date | string, score = 0, id = 1): TickerStory => ({
  articleId: id,
  title: 't',
  url: null,
  sourceName: 's',
  at: new Date(at),
  score,
});

/** Every bucket start read on the zone's wall clock, as "MM-DD HH:MM". */
const wall = (series: ReportSeries): string[] =>
  series.buckets.map((b) => {
    const p = localParts(b.at, series.timeZone);
    return `${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  });
const lengthsInHours = (series: ReportSeries): number[] =>
  series.buckets.slice(1).map((b, i) => (b.at.getTime() - (series.buckets[i]?.at.getTime() ?? 0)) / HOUR);

describe('reportSeries buckets', () => {
  it('24h: whole local hours from the one holding the window start to the one holding now, dates on the wall clock', () => {
    const s = reportSeries('BABA', '24h', [], new Date('2026-03-02T15:22:00Z'), 'America/New_York');
    expect(s.buckets).toHaveLength(25);
    expect(wall(s)[0]).toBe('03-01 10:00');
    expect(wall(s).at(-1)).toBe('03-02 10:00');
    expect(new Set(lengthsInHours(s))).toEqual(new Set([1]));
  });

  it('24h in a half-hour zone: buckets start on its whole hours, which are half past in UTC', () => {
    const s = reportSeries('BABA', '24h', [], new Date('2026-03-02T15:22:00Z'), 'Asia/Kolkata');
    expect(wall(s).every((w) => w.endsWith(':00'))).toBe(true);
    expect(s.buckets.every((b) => b.at.getUTCMinutes() === 30)).toBe(true);
  });

  it('24h across the autumn change in New York: 01:00 comes twice, as two one-hour buckets', () => {
    // 1 Nov 2026: 02:00 EDT falls back to 01:00 EST (06:00 UTC).
    const s = reportSeries(
      'BABA',
      '24h',
      [story('2026-11-01T05:30:00Z', 0.5, 1), story('2026-11-01T06:30:00Z', -0.5, 2)],
      new Date('2026-11-01T17:00:00Z'),
      'America/New_York',
    );
    expect(s.buckets).toHaveLength(24);
    expect(wall(s).filter((w) => w === '11-01 01:00')).toHaveLength(2);
    expect(new Set(lengthsInHours(s))).toEqual(new Set([1]));
    const ones = s.buckets.filter((b) => wall({ ...s, buckets: [b] })[0] === '11-01 01:00');
    expect(ones.map((b) => b.average)).toEqual([0.5, -0.5]);
  });

  it('7d across the spring change: blocks start at 00, 06, 12 and 18 local, the one holding the change is 5 hours', () => {
    // 8 Mar 2026: 02:00 EST springs forward to 03:00 EDT.
    const s = reportSeries('BABA', '7d', [], new Date('2026-03-10T15:22:00Z'), 'America/New_York');
    expect(wall(s).every((w) => /(00|06|12|18):00$/.test(w))).toBe(true);
    expect(wall(s)[0]).toBe('03-03 06:00');
    expect(wall(s).at(-1)).toBe('03-10 06:00');
    const lengths = lengthsInHours(s);
    expect(lengths.filter((h) => h !== 6)).toEqual([5]);
    expect(wall(s)[lengths.indexOf(5)]).toBe('03-08 00:00');
  });

  it('30d across the autumn change: days start at local midnight, and that day is 25 hours', () => {
    const s = reportSeries('BABA', '30d', [], new Date('2026-11-10T15:22:00Z'), 'America/New_York');
    expect(s.buckets).toHaveLength(31);
    expect(wall(s).every((w) => w.endsWith(' 00:00'))).toBe(true);
    const lengths = lengthsInHours(s);
    expect(lengths.filter((h) => h !== 24)).toEqual([25]);
    expect(wall(s)[lengths.indexOf(25)]).toBe('11-01 00:00');
  });

  it('counts every story of the window once, in the bucket holding it, and none outside it', () => {
    const now = new Date('2026-03-02T15:22:00Z');
    const windows: ReportWindow[] = ['24h', '7d', '30d'];
    for (const window of windows) {
      const span = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR }[window];
      const inside = Array.from({ length: 50 }, (_, i) =>
        story(new Date(now.getTime() - ((i + 0.5) / 50) * span), 0, i),
      );
      const outside = [story(new Date(now.getTime() - span)), story(new Date(now.getTime() + 1))];
      const s = reportSeries('BABA', window, [...inside, ...outside, story(now)], now, 'Europe/London');
      expect(
        s.buckets.reduce((n, b) => n + b.count, 0),
        window,
      ).toBe(51);
      // Each bucket holds exactly the stories from its start to the next one's (now's, for the last).
      const edges = [...s.buckets.map((b) => b.at.getTime()), now.getTime() + 1];
      const expected = s.buckets.map(
        (_, k) =>
          [...inside, story(now)].filter(
            (st) => st.at.getTime() >= (edges[k] as number) && st.at.getTime() < (edges[k + 1] as number),
          ).length,
      );
      expect(
        s.buckets.map((b) => b.count),
        window,
      ).toEqual(expected);
    }
  });

  it('a story on a bucket boundary is in the bucket it starts; when now is a boundary, no empty bucket is drawn after it', () => {
    const s = reportSeries(
      'BABA',
      '24h',
      [story('2026-03-02T09:00:00Z', 1), story('2026-03-02T12:00:00Z', -1, 2)],
      new Date('2026-03-02T12:00:00Z'),
      'UTC',
    );
    expect(s.buckets).toHaveLength(24);
    expect(s.buckets.find((b) => b.at.toISOString() === '2026-03-02T09:00:00.000Z')?.count).toBe(1);
    expect(s.buckets.at(-1)).toMatchObject({ at: new Date('2026-03-02T11:00:00Z'), count: 1, average: -1 });
  });
});
