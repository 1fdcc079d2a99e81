import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIngest } from '../../src/app/ingest.ts';
import { createDefaultAnalyzer } from '../../src/analyzer.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { recordingLogger, tempDb } from '../helpers.ts';

// All SQL goes through drizzle's parameterised queries; hostile text is stored as text.
describe('hostile text reaches SQLite only as parameters', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  it('stores and reads back titles, channels and users full of SQL', async () => {
    const evil = `x'); DROP TABLE articles; --`;
    const articles = createSqliteArticleStore(t.db);
    const watchlists = createSqliteWatchlistStore(t.db);
    const scope = { platform: 'slack', workspace: `T' OR '1'='1`, channel: `C"; DELETE FROM watch_rules; --` };
    await watchlists.upsert(
      scope,
      { symbol: 'BABA', above: null, below: null, minRelevance: 0.3, createdBy: evil },
      new Date(),
    );
    const ingest = createIngest({
      analyzer: createDefaultAnalyzer(),
      articles,
      clock: () => new Date(),
      log: recordingLogger(),
    });
    const report = await ingest.ingest([
      {
        origin: evil,
        sourceName: evil,
        format: 'text',
        title: `Alibaba ${evil}`,
        body: `Alibaba shares rose. ${evil}`,
      },
    ]);
    expect(report.stored).toBe(1);
    expect(await articles.count()).toBe(1);
    expect((await watchlists.list(scope)).map((r) => [r.symbol, r.createdBy])).toEqual([['BABA', evil]]);
    expect(await watchlists.list({ ...scope, workspace: 'T' })).toEqual([]);
    const integrity = t.db.$client.pragma('integrity_check', { simple: true });
    expect(integrity).toBe('ok');
  });
});
