import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/app/handle-command.ts';
import { createIngest } from '../../src/app/ingest.ts';
import type { ChannelRef, RawArticle } from '../../src/core/types.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { createDefaultAnalyzer } from '../../src/analyzer.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { closeDatabase, openDatabase, type Db } from '../../src/storage/db.ts';
import { createSqliteOutbox } from '../../src/storage/outbox-store.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { manualClock, recordingLogger, tempDir } from '../helpers.ts';
import { runCli } from '../run-cli.ts';

const universe = loadTickerUniverse();
const analyzer = createDefaultAnalyzer(universe);
const desk: ChannelRef = { platform: 'console', workspace: 'acme', channel: 'desk' };
const DAY = 24 * 3_600_000;

const story = (n: number, publishedAt?: Date): RawArticle => ({
  origin: `test-${n}`,
  sourceName: 'Test Wire',
  format: 'text',
  title: `Alibaba shares plunge as cloud growth misses estimates (${n})`,
  body: `Alibaba shares fell sharply. The company missed estimates and cut its outlook. Story ${n}.`,
  url: `https://news.test/old-${n}`,
  publishedAt,
});

describe('old news is not news', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
  let log: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    dir = tempDir();
    db = openDatabase(join(dir.dir, 'bot.db'));
    log = recordingLogger();
    const articles = createSqliteArticleStore(db);
    const watchlists = createSqliteWatchlistStore(db);
    const handle = createCommandHandler({
      tickers: universe,
      watchlists,
      articles,
      clock: clock.now,
      log,
      defaultMinRelevance: 0.3,
    });
    await handle({ text: '/watch add BABA', scope: desk, user: { id: 'u1', canManage: true } });
  });
  afterEach(() => {
    closeDatabase(db);
    dir.cleanup();
  });

  it('stores a story published more than the limit before it was seen, counts it, and queues no alert; the log says why', async () => {
    const articles = createSqliteArticleStore(db);
    const ingest = createIngest({ analyzer, articles, clock: clock.now, log, maxStoryAgeMs: DAY });
    const report = await ingest.ingest([
      story(1, new Date('2019-01-03T09:00:00Z')),
      story(2, new Date(clock.now().getTime() - 2 * 3_600_000)),
      story(3),
      story(4, new Date(clock.now().getTime() - DAY - 60_000)),
    ]);
    expect(report).toMatchObject({ seen: 4, stored: 4, tooOld: 2, alertsQueued: 2 });
    const outbox = createSqliteOutbox(db);
    expect(await outbox.pendingCount()).toBe(2);
    // Stored: the summary of its own time counts it.
    expect(
      (await articles.storiesForTicker('BABA', new Date('2019-01-01T00:00:00Z'), 0.3)).map((s) => s.url).sort(),
    ).toEqual([
      'https://news.test/old-1',
      'https://news.test/old-2',
      'https://news.test/old-3',
      'https://news.test/old-4',
    ]);
    const why = log.records.filter((r) => r.msg === 'article.too_old_to_alert');
    expect(why.map((r) => (r.obj as { origin: string }).origin)).toEqual(['test-1', 'test-4']);
    expect(why[0]?.obj).toMatchObject({ publishedAt: '2019-01-03T09:00:00.000Z', maxAgeHours: 24 });
  });

  it('alerts whatever the age when no limit is set', async () => {
    const ingest = createIngest({
      analyzer,
      articles: createSqliteArticleStore(db),
      clock: clock.now,
      log,
      maxStoryAgeMs: null,
    });
    expect(await ingest.ingest([story(1, new Date('2019-01-03T09:00:00Z'))])).toMatchObject({
      stored: 1,
      tooOld: 0,
      alertsQueued: 1,
    });
  });
});

describe('tickerbell ingest with old stories (spawned)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('says how many new stories were too old to alert, and TICKERBELL_MAX_STORY_AGE changes the limit', async () => {
    const file = join(tmp.dir, 'old.md');
    writeFileSync(
      file,
      '---\ntitle: Alibaba shares plunge on a profit warning\npublished: 2019-01-03T09:00:00Z\n---\nAlibaba shares fell 9% after a profit warning.\n',
    );
    const env = { TICKERBELL_DB: join(tmp.dir, 'db.sqlite') };
    await runCli(['start', '--once'], {
      stdin: '/watch add BABA\n',
      env: { ...env, TICKERBELL_SOURCES: join(tmp.dir, 'none') },
    });
    const r = await runCli(['ingest', file], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'read 1 article(s): 1 new (1 not alerted: published more than 24h before they were seen, TICKERBELL_MAX_STORY_AGE), 0 already stored, 0 alert(s) queued',
    );
    const bad = await runCli(['ingest', file], { env: { ...env, TICKERBELL_MAX_STORY_AGE: 'soon' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('TICKERBELL_MAX_STORY_AGE: must be a duration like 24h, 90m or 7d');
  });
});
