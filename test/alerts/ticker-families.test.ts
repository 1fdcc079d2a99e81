// One company, one watch: tickers of one issuer (same SEC CIK) are one family. A story about the
// company alerts a rule on any ticker of the family, once, naming the ticker the rule was written
// with; the replies say which other tickers a rule covers.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/app/dispatcher.ts';
import { createCommandHandler } from '../../src/app/handle-command.ts';
import { createIngest } from '../../src/app/ingest.ts';
import type { ChannelRef, RawArticle } from '../../src/core/types.ts';
import { matchWatchRules } from '../../src/core/watchlist/match.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { createDefaultAnalyzer } from '../../src/analyzer.ts';
import { createSqliteArticleStore } from '../../src/storage/article-store.ts';
import { closeDatabase, openDatabase } from '../../src/storage/db.ts';
import { createSqliteOutbox } from '../../src/storage/outbox-store.ts';
import { createSqliteWatchlistStore } from '../../src/storage/watchlist-store.ts';
import { recordingPlatform } from '../fakes.ts';
import { manualClock, recordingLogger, tempDir } from '../helpers.ts';

const universe = loadTickerUniverse();
const analyzer = createDefaultAnalyzer(universe);
const desk: ChannelRef = { platform: 'console', workspace: 'acme', channel: 'desk' };
const other: ChannelRef = { platform: 'console', workspace: 'acme', channel: 'other' };

const alphabet = (n: number): RawArticle => ({
  origin: `alphabet-${n}`,
  sourceName: 'Test Wire',
  format: 'text',
  title: `Alphabet shares jump 6% as cloud sales beat estimates (${n})`,
  body: `Alphabet said cloud revenue rose 30%. The company also raised its buyback. Story ${n}.`,
  url: `https://news.test/alphabet-${n}`,
});

describe('ticker families', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: ReturnType<typeof build>;

  function build() {
    const clock = manualClock();
    const db = openDatabase(join(dir.dir, 'bot.db'));
    const log = recordingLogger();
    const articles = createSqliteArticleStore(db);
    const watchlists = createSqliteWatchlistStore(db);
    const outbox = createSqliteOutbox(db);
    const platform = recordingPlatform('console');
    const ingest = createIngest({ analyzer, articles, clock: clock.now, log });
    const dispatcher = createDispatcher({
      outbox,
      watchlists,
      platforms: new Map([['console', platform]]),
      clock: clock.now,
      log,
    });
    const handle = createCommandHandler({
      tickers: universe,
      watchlists,
      articles,
      clock: clock.now,
      log,
      defaultMinRelevance: 0.3,
    });
    const command = async (text: string, scope = desk): Promise<string> => {
      const reply = await handle({ text, scope, user: { id: 'u1', canManage: true } });
      return [reply.title, reply.text ?? ''].join('\n');
    };
    return { db, platform, ingest, dispatcher, command, watchlists };
  }

  beforeEach(() => {
    dir = tempDir();
    app = build();
  });
  afterEach(() => {
    closeDatabase(app.db);
    dir.cleanup();
  });

  it('knows GOOG and GOOGL, BRK-A and BRK-B, FOX and FOXA, NWS and NWSA as one company each', () => {
    for (const [a, b] of [
      ['GOOG', 'GOOGL'],
      ['BRK-A', 'BRK-B'],
      ['FOX', 'FOXA'],
      ['NWS', 'NWSA'],
    ] as const) {
      expect(universe.family(a)).toContain(b);
      expect(universe.family(b)).toEqual(universe.family(a));
    }
    expect(universe.family('AAPL')).toEqual(['AAPL']);
  });

  it('alerts a GOOG rule on an Alphabet story, once, naming GOOG and the mention it matched', async () => {
    await app.command('/watch add GOOG');
    const stored = await app.ingest.ingest([alphabet(1)]);
    expect(stored.alertsQueued).toBe(1);
    await app.dispatcher.dispatchDue();
    expect(app.platform.posts).toHaveLength(1);
    const text = app.platform.posts[0]?.message.text ?? '';
    expect(text).toContain('Ticker: GOOG (Alphabet Inc.)');
    expect(text).not.toContain('GOOGL');
    expect(text).toMatch(/Why: GOOG is in the story \(relevance \d\.\d+ ≥ 0\.3\) \("Alphabet", subject\)/);
  });

  it('alerts a channel watching both GOOG and GOOGL with one alert, and another channel with its own', async () => {
    await app.command('/watch add GOOG,GOOGL');
    await app.command('/watch add GOOGL', other);
    expect((await app.ingest.ingest([alphabet(2)])).alertsQueued).toBe(2);
    await app.dispatcher.dispatchDue();
    const posts = app.platform.posts;
    expect(posts.map((p) => p.channel.channel).sort()).toEqual(['desk', 'other']);
    const deskText = posts.find((p) => p.channel.channel === 'desk')?.message.text ?? '';
    // Both rules are named in the one alert: the story is about one company.
    expect(deskText.split('\n').filter((l) => l.startsWith('Why: '))).toHaveLength(2);
  });

  it('matches the same way in core as in the SQL fan-out: a rule on any ticker of the family, once', async () => {
    const tickers = analyzer.analyze({ title: 'Alphabet shares jump 6%', body: '' }).tickers;
    expect(tickers.map((t) => t.symbol)).toEqual(['GOOGL']);
    const rules = await app.watchlists.forSymbols(['GOOG']);
    expect(rules).toEqual([]);
    await app.watchlists.upsert(
      desk,
      { symbol: 'GOOG', above: null, below: null, minRelevance: 0.3, createdBy: 'u1' },
      new Date(),
    );
    const hits = matchWatchRules(tickers, await app.watchlists.forSymbols(['GOOG', 'GOOGL']), new Date()).flatMap(
      (m) => m.hits,
    );
    expect(hits.map((h) => h.ticker.symbol)).toEqual(['GOOG']);
  });

  it('says what a family rule catches when it is added, listed and summarised', async () => {
    const added = await app.command('/watch add GOOG');
    expect(added).toContain('also catches stories found as GOOGL');
    const listed = await app.command('/watch list');
    expect(listed).toContain('GOOG: Alphabet Inc., also GOOGL');
    await app.ingest.ingest([alphabet(3)]);
    const summary = await app.command('/summary GOOG 24h');
    expect(summary).toContain('GOOG: Alphabet Inc., also GOOGL');
    // The GOOGL-found story counts for GOOG.
    expect(summary).toMatch(/Stories: 1\b/);
    const plain = await app.command('/watch add AAPL');
    expect(plain).not.toContain('also catches');
  });
});
