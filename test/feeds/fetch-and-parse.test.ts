// The feed fetcher against a local server: formats, encodings, broken feeds, conditional GET,
// limits, and the SSRF guard.
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/app/ports/feeds.ts';
import { createFeedFetcher } from '../../src/sources/feed/fetch-feed.ts';
import { createHttpClient } from '../../src/sources/http/http-client.ts';
import { isBlockedAddress } from '../../src/sources/http/ssrf-guard.ts';
import { conditional, fixture, startFeedServer, type FeedServer } from './feed-server.ts';

let server: FeedServer;
const none = { etag: null, lastModified: null };
const open = createFeedFetcher(createHttpClient({ allowPrivate: true, timeoutMs: 2_000 }));

async function feedError(p: Promise<unknown>): Promise<FeedError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('expected a FeedError');
}

beforeAll(async () => {
  server = await startFeedServer();
  const serve =
    (name: string, type = 'application/xml') =>
    (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': type }).end(fixture(name));
    };
  for (const name of [
    'rss2.xml',
    'atom.xml',
    'rdf.xml',
    'malformed.xml',
    'entity-bomb.xml',
    'unknown-charset.xml',
    'latin1.xml',
  ])
    server.route(`/${name}`, serve(name));
  server.route('/page', serve('html-page.html', 'text/html; charset=utf-8'));
  server.route('/gzip', (_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
      .end(gzipSync(fixture('rss2.xml')));
  });
  server.route(
    '/cached',
    conditional(
      () => fixture('rss2.xml'),
      () => '"v1"',
    ),
  );
  server.route('/huge', (_req, res) => {
    // 50 MB, produced lazily: the client must hang up at its cap, not buffer all of it.
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < 50 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => server.route('/huge-sent', (_r, out) => out.end(String(sent))));
    pump();
  });
  server.route('/gzip-bomb', (_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
      .end(gzipSync(Buffer.alloc(16 * 1024 * 1024, ' ')));
  });
  server.route('/silent', () => undefined);
  server.route('/to-local', (_req, res) => res.writeHead(302, { location: `${server.base}/rss2.xml` }).end());
  server.route('/to-localhost', (_req, res) =>
    res.writeHead(301, { location: `http://localhost:${server.port}/rss2.xml` }).end(),
  );
  server.route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
  server.route('/gone', (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end('busy'));
});
afterAll(() => server.close());

describe('parsing the three feed formats', () => {
  it('reads RSS 2.0 with content:encoded, entities, CDATA and dc:date', async () => {
    const r = await open(`${server.base}/rss2.xml`, none);
    if (r.status !== 'ok') throw new Error('expected a body');
    expect(r.title).toBe('Market Wire & Co');
    expect(r.articles).toHaveLength(2);
    expect(r.articles[0]).toMatchObject({
      sourceName: 'Market Wire & Co',
      title: 'Apple shares climb after record iPhone sales',
      url: 'https://news.example.com/apple-record?utm_source=rss',
      format: 'html',
    });
    expect(r.articles[0]?.body).toContain('<b>record</b>');
    expect(r.articles[0]?.publishedAt?.toISOString()).toBe('2024-05-06T09:30:00.000Z');
    // A permalink guid stands in for a missing <link>.
    expect(r.articles[1]?.url).toBe('https://news.example.com/oil-slips');
    expect(r.articles[1]?.publishedAt?.toISOString()).toBe('2024-05-06T08:00:00.000Z');
  });

  it('reads Atom, preferring the alternate link and full content', async () => {
    const r = await open(`${server.base}/atom.xml`, none);
    if (r.status !== 'ok') throw new Error('expected a body');
    expect(r.title).toBe('Atom Markets');
    expect(r.articles).toEqual([
      expect.objectContaining({
        title: 'Microsoft beats estimates',
        url: 'https://atom.example.com/msft-beats',
        body: '<p>Microsoft Corp. beat estimates on cloud growth.</p>',
      }),
    ]);
    expect(r.articles[0]?.publishedAt?.toISOString()).toBe('2024-05-06T09:45:00.000Z');
  });

  it('reads RSS 1.0 (RDF), whose items sit beside the channel', async () => {
    const r = await open(`${server.base}/rdf.xml`, none);
    if (r.status !== 'ok') throw new Error('expected a body');
    expect(r.title).toBe('RDF Ticker News');
    expect(r.articles.map((a) => a.title)).toEqual(['Nvidia unveils new chip']);
  });

  it('decodes a feed declared as ISO-8859-1', async () => {
    const r = await open(`${server.base}/latin1.xml`, none);
    if (r.status !== 'ok') throw new Error('expected a body');
    expect(r.title).toBe('Café Bourse');
    expect(r.articles[0]?.title).toBe('Société Générale gagne');
  });

  it('decompresses gzip and sends a descriptive User-Agent', async () => {
    const r = await open(`${server.base}/gzip`, none);
    expect(r.status === 'ok' && r.articles.length).toBe(2);
    const seen = server.requests.find((q) => q.path === '/gzip');
    expect(seen?.headers['user-agent']).toMatch(/^tickerbell\/\S+ \(.*RSS\/Atom/);
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});

describe('broken feeds are errors for that feed, with a reason', () => {
  it.each([
    ['/page', 'html_page', /HTML web page.*names its feed: http:\/\/127\.0\.0\.1:\d+\/rss\.xml/],
    ['/malformed.xml', 'malformed_xml', /not well-formed XML/],
    ['/entity-bomb.xml', 'entities_refused', /declares its own XML entities/],
    ['/unknown-charset.xml', 'bad_charset', /unknown character encoding "x-made-up-9"/],
    ['/nothing-here', 'http_status', /HTTP 404/],
  ])('%s -> %s', async (path, code, message) => {
    const e = await feedError(open(`${server.base}${path}`, none));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('passes on Retry-After from a 503', async () => {
    const e = await feedError(open(`${server.base}/gone`, none));
    expect(e.message).toMatch(/HTTP 503/);
    expect(e.retryAfterMs).toBe(120_000);
  });

  it('hangs up on a 50 MB body at the 5 MB cap instead of reading it all', async () => {
    const e = await feedError(open(`${server.base}/huge`, none));
    expect(e.code).toBe('too_large');
    await new Promise((r) => setTimeout(r, 50));
    const sent = Number(await (await fetch(`${server.base}/huge-sent`)).text());
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it('stops decompressing a gzip bomb at the cap', async () => {
    const e = await feedError(open(`${server.base}/gzip-bomb`, none));
    expect(e.code).toBe('too_large');
  });

  it('gives up on a server that never answers', async () => {
    const impatient = createFeedFetcher(createHttpClient({ allowPrivate: true, timeoutMs: 300 }));
    const e = await feedError(impatient(`${server.base}/silent`, none));
    expect(e.code).toBe('timeout');
  });

  it('stops after too many redirects', async () => {
    const e = await feedError(open(`${server.base}/loop`, none));
    expect(e.code).toBe('too_many_redirects');
  });
});

describe('conditional GET', () => {
  it('sends the stored ETag and turns a 304 into "not modified"', async () => {
    const first = await open(`${server.base}/cached`, none);
    if (first.status !== 'ok') throw new Error('expected a body');
    expect(first.etag).toBe('"v1"');
    const second = await open(`${server.base}/cached`, { etag: first.etag, lastModified: null });
    expect(second.status).toBe('not_modified');
    expect(server.requests.filter((q) => q.path === '/cached').map((q) => q.headers['if-none-match'])).toEqual([
      undefined,
      '"v1"',
    ]);
  });
});

describe('SSRF guard (TICKERBELL_ALLOW_PRIVATE_FEEDS off)', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.100.100.200', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['fd00:ec2::254', true],
    ['fe80::1', true],
    ['93.184.216.34', false],
    ['2606:4700:4700::1111', false],
  ])('%s blocked: %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  it('refuses a loopback URL without connecting', async () => {
    const guarded = createFeedFetcher(createHttpClient({ timeoutMs: 2_000 }));
    const before = server.requests.length;
    const e = await feedError(guarded(`${server.base}/rss2.xml`, none));
    expect(e.code).toBe('blocked_address');
    expect(server.requests.length).toBe(before);
  });

  it('refuses a name that resolves to loopback (checked after DNS)', async () => {
    const guarded = createFeedFetcher(createHttpClient({ timeoutMs: 2_000 }));
    const e = await feedError(guarded(`http://localhost:${server.port}/rss2.xml`, none));
    expect(e.code).toBe('blocked_address');
    expect(e.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    // The refusal names the way around it, for an operator whose feed really is on the intranet.
    expect(e.message).toContain('TICKERBELL_ALLOW_PRIVATE_FEEDS=true');
  });

  it.each(['/to-local', '/to-localhost'])('refuses a public feed that redirects to 127.0.0.1 (%s)', async (path) => {
    // "public.test" stands for a public host: the fake DNS points it at our server and the policy
    // treats that one name as public; every other address gets the real check.
    const guarded = createFeedFetcher(
      createHttpClient({
        timeoutMs: 2_000,
        resolve: ((
          _host: string,
          _opts: object,
          cb: (e: Error | null, a: Array<{ address: string; family: number }>) => void,
        ) => {
          cb(null, [{ address: '127.0.0.1', family: 4 }]);
        }) as never,
        isBlocked: (address, host) => (host === 'public.test' ? false : isBlockedAddress(address)),
      }),
    );
    const hits = (): number => server.requests.filter((q) => q.path === '/rss2.xml').length;
    const before = hits();
    const e = await feedError(guarded(`http://public.test:${server.port}${path}`, none));
    expect(e.code).toBe('blocked_address');
    expect(server.requests.at(-1)?.path).toBe(path);
    expect(hits()).toBe(before);
  });

  it('refuses non-http schemes', async () => {
    const guarded = createFeedFetcher(createHttpClient());
    expect((await feedError(guarded('file:///etc/passwd', none))).code).toBe('bad_url');
  });
});
