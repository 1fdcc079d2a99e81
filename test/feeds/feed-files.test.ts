// Feeds from anywhere: saved RSS/Atom/RDF and JSON Feed files read by content through the live-feed
// parser, JSON Feed over HTTP, and OPML subscription lists in and out.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/app/ports/feeds.ts';
import { createFeedFetcher } from '../../src/sources/feed/fetch-feed.ts';
import { parseFeed } from '../../src/sources/feed/parse-feed.ts';
import { createFileSource } from '../../src/sources/file-source.ts';
import { createHttpClient } from '../../src/sources/http/http-client.ts';
import { tempDir } from '../helpers.ts';
import { runCli } from '../run-cli.ts';
import { FIXTURES, fixture, startFeedServer, type FeedServer } from './feed-server.ts';

const fixturePath = (name: string): string => fileURLToPath(new URL(name, FIXTURES));

describe('JSON Feed', () => {
  it('reads items 1.1 style: HTML content, plain text kept as text, dates, the feed title as source', () => {
    const feed = parseFeed(fixture('feed.json').toString('utf8'));
    expect(feed).toMatchObject({ format: 'json', title: 'JSON Markets' });
    expect(feed.items[0]).toMatchObject({
      title: 'Nvidia beats estimates and raises guidance',
      url: 'https://json.example.com/nvda-beats',
    });
    expect(feed.items[0]?.publishedAt?.toISOString()).toBe('2024-05-06T10:15:00.000Z');
    // content_text is escaped so "<sharply>" survives HTML-to-text as words, not a tag.
    expect(feed.items[1]?.body).toBe('Crude fell for a third day as stocks rose &lt;sharply&gt;.');
    expect(feed.items[1]?.url).toBeUndefined();
  });

  it('accepts version 1 and refuses JSON that is not a JSON Feed, or broken JSON, with a reason', () => {
    expect(
      parseFeed('{"version":"https://jsonfeed.org/version/1","title":"Old","items":[{"id":"1","content_text":"Hi"}]}')
        .items,
    ).toHaveLength(1);
    expect(() => parseFeed('{"articles": []}')).toThrow(/not a JSON Feed/);
    expect(() => parseFeed('{"version":"https://jsonfeed.org/version/1.1","items":')).toThrow(/not valid JSON/);
  });

  describe('over HTTP', () => {
    let server: FeedServer;
    beforeAll(async () => {
      server = await startFeedServer();
      server.route('/feed.json', (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/feed+json' }).end(fixture('feed.json')),
      );
      server.route('/data.json', (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"prices": [1, 2]}'),
      );
    });
    afterAll(() => server.close());
    const open = createFeedFetcher(createHttpClient({ allowPrivate: true, timeoutMs: 2_000 }));

    it('polls a JSON Feed like any other feed, asking for it in Accept', async () => {
      const r = await open(`${server.base}/feed.json`, { etag: null, lastModified: null });
      if (r.status !== 'ok') throw new Error('expected a body');
      expect(r.title).toBe('JSON Markets');
      expect(r.articles.map((a) => a.title)).toEqual(['Nvidia beats estimates and raises guidance', 'Oil prices slip']);
      expect(r.articles[0]).toMatchObject({ sourceName: 'JSON Markets', format: 'html' });
      expect(server.requests.at(-1)?.headers.accept).toContain('application/feed+json');
    });

    it('reports other JSON as not a feed', async () => {
      const error = await open(`${server.base}/data.json`, { etag: null, lastModified: null }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FeedError);
      expect((error as FeedError).code).toBe('not_a_feed');
    });
  });
});

describe('feed files', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('reads saved RSS, Atom, RDF and JSON Feed files in a directory, one broken file an error for that file only', async () => {
    const dir = join(tmp.dir, 'feeds');
    mkdirSync(dir);
    for (const name of ['rss2.xml', 'atom.xml', 'rdf.xml', 'feed.json', 'malformed.xml'])
      copyFileSync(fixturePath(name), join(dir, name));
    // By content, not only by name: an Atom feed saved as .txt is still a feed.
    copyFileSync(fixturePath('atom.xml'), join(dir, 'saved-atom.txt'));
    writeFileSync(join(dir, 'story.md'), '# Tesla recalls cars\n\nTesla recalled 2,000 cars.');
    const batch = await createFileSource({ path: dir }).read();
    const titles = batch.articles.map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Apple shares climb after record iPhone sales',
        'Oil prices slip',
        'Microsoft beats estimates',
        'Nvidia unveils new chip',
        'Nvidia beats estimates and raises guidance',
        'Tesla recalls cars',
      ]),
    );
    expect(batch.articles.filter((a) => a.title === 'Microsoft beats estimates')).toHaveLength(2);
    expect(batch.articles.find((a) => a.title === 'Apple shares climb after record iPhone sales')).toMatchObject({
      sourceName: 'Market Wire & Co',
      format: 'html',
    });
    expect(batch.failures).toEqual([
      {
        origin: join(dir, 'malformed.xml'),
        message: expect.stringMatching(/^the feed is not well-formed XML/) as unknown,
      },
    ]);
  });

  it('tickerbell ingest stores the items of feed files named on the command line and reports the broken one', async () => {
    const dir = join(tmp.dir, 'cli');
    mkdirSync(dir);
    const saved = join(dir, 'download');
    copyFileSync(fixturePath('rss2.xml'), saved);
    const json = join(dir, 'feed.json');
    copyFileSync(fixturePath('feed.json'), json);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"version":"https://jsonfeed.org/version/1.1","items":[');
    const r = await runCli(['ingest', saved, json, broken], { env: { TICKERBELL_DB: join(dir, 'db.sqlite') } });
    expect(r.stdout).toMatch(/^read 4 article\(s\): 4 new/m);
    expect(r.stderr).toContain(`tickerbell: ${broken}: the feed is not valid JSON`);
    expect(r.stderr.split(broken)).toHaveLength(2);
  });
});

describe('tickerbell feeds import / export (OPML)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const env = () => ({ TICKERBELL_DB: join(tmp.dir, 'db.sqlite') });

  it('follows every feed in the file for the workspace, refuses what is not a feed URL, and exports them again', async () => {
    const opml = fixturePath('subscriptions.opml');
    const r = await runCli(['feeds', 'import', opml, '--workspace', 'slack:T0123', '--channel', 'C0456'], {
      env: env(),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 feed(s): 3 added, 0 already followed, 1 refused');
    expect(r.stderr).toContain('ftp://files.example.com/feed.xml: not an http(s) address');
    const again = await runCli(['feeds', 'import', opml, '--workspace', 'slack:T0123', '--channel', 'C0456'], {
      env: env(),
    });
    expect(again.stdout).toContain('0 added, 3 already followed');
    const out = await runCli(['feeds', 'export', '--workspace', 'slack:T0123'], { env: env() });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);
    for (const url of [
      'https://news.example.com/rss.xml',
      'https://atom.example.com/feed.atom',
      'https://json.example.com/feed.json',
    ])
      expect(out.stdout).toContain(`xmlUrl="${url}"`);
    // Another workspace sees none of them.
    const other = await runCli(['feeds', 'export', '--workspace', 'slack:T9999'], { env: env() });
    expect(other.stdout).not.toContain('xmlUrl');
  });

  it('reports a file that is not OPML and a missing workspace clearly', async () => {
    const bad = join(tmp.dir, 'not.opml');
    writeFileSync(bad, '<rss><channel/></rss>');
    const r = await runCli(['feeds', 'import', bad, '--workspace', 'console:local'], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`tickerbell: ${bad}: not an OPML file`);
    const usage = await runCli(['feeds', 'import', bad], { env: env() });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('say which workspace: --workspace slack:T0123');
  });
});
