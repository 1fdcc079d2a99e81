import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/app/handle-command.ts';
import { createIngest } from '../../src/app/ingest.ts';
import { sentimentSparkline, reportSeries } from '../../src/core/ticker-report-series.ts';
import type { ChannelRef } from '../../src/core/types.ts';
import { createReportChartRenderer } from '../../src/chart/report-chart.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { closeDatabase, openDatabase, type Db } from '../../src/storage/db.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { manualClock, recordingLogger, tempDir } from '../helpers.ts';
import { analyzer, desk, negativeStory, positiveStory, universe } from '../alerts/harness.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a valid PNG has first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const chart = createReportChartRenderer();
const slackDesk: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };

describe('/summary with a chart', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let clock: ReturnType<typeof manualClock>;
  let command: (text: string, scope?: ChannelRef) => ReturnType<ReturnType<typeof createCommandHandler>>;
  let ingest: ReturnType<typeof createIngest>;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.dir, 'bot.db'));
    clock = manualClock();
    const log = recordingLogger();
    const articles = createSqliteArticleStore(db);
    ingest = createIngest({ analyzer, articles, clock: clock.now, log });
    const handle = createCommandHandler({
      tickers: universe,
      watchlists: createSqliteWatchlistStore(db),
      articles,
      clock: clock.now,
      log,
      defaultMinRelevance: 0.3,
      chart,
      timezoneFor: () => Promise.resolve('America/New_York'),
    });
    command = (text, scope = slackDesk) => handle({ text, scope, user: { id: 'u1', canManage: true } });
  });
  afterEach(() => {
    closeDatabase(db);
    dir.cleanup();
  });

  it('attaches a valid PNG of sentiment over time with volume for a ticker with stories', async () => {
    for (let i = 0; i < 6; i += 1) {
      await ingest.ingest([i % 2 === 0 ? negativeStory(i) : positiveStory(i)]);
      clock.advance(3 * 3600_000);
    }
    const reply = await command('/summary BABA 24h');
    expect(reply.kind).toBe('summary');
    expect(reply.text).toContain('Stories: 6');
    const image = reply.image;
    expect(image).toBeDefined();
    const png = Buffer.from(image?.pngBase64 ?? '', 'base64');
    expect(pngSize(png)).toEqual({ width: 900, height: 420 });
    // A blank or font-less render is a few KB; a drawn chart with text is far more.
    expect(png.length).toBeGreaterThan(12_000);
    expect(image?.alt).toContain('6 stories');
    expect(image?.alt).toContain('times in America/New_York');
    // The console has no pictures: the text carries a sparkline of the same series.
    expect(reply.text).toMatch(/Sentiment per hour, oldest first \(-1 ▁ … █ \+1, · no stories\): [·▁▂▃▄▅▆▇█]{24}$/);
  });

  it('on the console, which shows no pictures, says how to get the chart instead of drawing it', async () => {
    await ingest.ingest([negativeStory(1)]);
    const reply = await command('/summary BABA 7d', desk);
    expect(reply.image).toBeUndefined();
    expect(reply.text).toMatch(/\nChart: tickerbell chart BABA 7d --out baba-7d\.png$/);
  });

  it('answers clearly for a ticker with no stories, without a chart', async () => {
    const reply = await command('/summary AAPL 7d');
    expect(reply.text).toContain('No stories about AAPL in the last 7d.');
    expect(reply.text).toContain('Try a longer window: /summary AAPL 30d');
    expect(reply.image).toBeUndefined();
  });
});

describe('sparkline', () => {
  it('draws -1..1 on a fixed scale and dots for empty buckets', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const at = (h: number) => new Date(now.getTime() - h * 3600_000 + 1);
    const stories = [
      { articleId: 1, title: 'a', url: null, sourceName: 's', at: at(24), score: -1 },
      { articleId: 2, title: 'b', url: null, sourceName: 's', at: at(12), score: 0 },
      { articleId: 3, title: 'c', url: null, sourceName: 's', at: at(1), score: 1 },
    ];
    const line = sentimentSparkline(reportSeries('BABA', '24h', stories, now));
    expect(line).toHaveLength(24);
    expect(line[0]).toBe('▁');
    expect(line[12]).toMatch(/[▄▅]/);
    expect(line[23]).toBe('█');
    expect(line.replace(/[^·]/g, '')).toHaveLength(21);
  });
});
