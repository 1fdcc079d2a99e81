import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.ts';
import { normalizeArticle } from '../../src/core/normalize.ts';
import type { ArticleFormat } from '../../src/core/types.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { FeedParseError, feedItemsToArticles, parseFeed } from '../../src/sources/feed/parse-feed.ts';
import { parseArticleFile } from '../../src/sources/parse-file.ts';

const universe = loadTickerUniverse();
const RUNS = { numRuns: 400, seed: 20261121 };

// Words the grammar knows, so the fuzzer reaches deep branches rather than failing at the first token.
const token = fc.oneof(
  fc.constantFrom(
    '/watch',
    'watch',
    'add',
    'remove',
    'list',
    'mute',
    'unmute',
    '/summary',
    '/help',
    'above',
    'below',
    'relevance',
  ),
  fc.constantFrom(
    'BABA',
    'AAPL',
    'brk.b',
    '$TSLA',
    'NOPE',
    '24h',
    '7d',
    '30d',
    '1h',
    '0.3',
    '-0.3',
    '7',
    '1e3',
    'NaN',
    '',
    ',',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const commandText = fc.array(token, { maxLength: 10 }).map((ts) => ts.join(' '));

describe('command parser under random input', () => {
  it('never throws; every rejection has a known code, a message and a usage line', () => {
    const codes = new Set([
      'empty',
      'unknown_command',
      'missing_argument',
      'unknown_ticker',
      'bad_number',
      'out_of_range',
      'unexpected_argument',
      'duplicate_option',
      'thresholds_overlap',
      'too_many_tickers',
    ]);
    fc.assert(
      fc.property(fc.oneof(commandText, fc.string({ maxLength: 200 })), (text) => {
        const r = parseCommand(text, universe);
        if (r.ok) {
          if (r.value.kind === 'watch-add') {
            for (const v of [r.value.above, r.value.below]) if (v !== null) expect(Math.abs(v)).toBeLessThanOrEqual(1);
            expect(r.value.symbols.every((s) => universe.get(s) !== undefined)).toBe(true);
          }
          return;
        }
        expect(codes.has(r.error.code)).toBe(true);
        expect(r.error.message.length).toBeGreaterThan(0);
        expect(r.error.message.length).toBeLessThan(400);
        expect(r.error.usage).toMatch(/^\//);
      }),
      RUNS,
    );
  });
});

describe('article normaliser under random input', () => {
  it('never throws; accepted articles have a title or text, a bounded body and a sha256 identity', () => {
    const format = fc.constantFrom<ArticleFormat>('text', 'markdown', 'html', 'json');
    const body = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.string({ unit: 'grapheme', maxLength: 500 }),
      fc
        .array(
          fc.constantFrom(
            '<p>',
            '</p>',
            '<script>',
            '<!--',
            '&amp;',
            '&#x1F600;',
            '# ',
            '**',
            '[a](b)',
            '\n',
            'Alibaba',
            ' ',
          ),
          { maxLength: 200 },
        )
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(
        format,
        fc.option(fc.string({ maxLength: 400 })),
        body,
        fc.option(fc.string({ maxLength: 100 })),
        (fmt, title, text, url) => {
          const r = normalizeArticle({
            origin: 'fuzz',
            sourceName: 'fuzz',
            format: fmt,
            title: title ?? undefined,
            body: text,
            url: url ?? undefined,
          });
          if (!r.ok) {
            expect(r.error.code).toBe('empty_article');
            return;
          }
          const a = r.value.article;
          expect(a.title.length + a.body.length).toBeGreaterThan(0);
          expect(a.title.length).toBeLessThanOrEqual(300);
          expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
          if (a.url !== null) expect(a.url).toMatch(/^https?:\/\//);
        },
      ),
      RUNS,
    );
  });

  it('never throws on random article files of every kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a.txt', 'a.md', 'a.html', 'a.json', 'a.jsonl'),
        fc.oneof(fc.string({ maxLength: 1000 }), fc.json()),
        (path, text) => {
          const r = parseArticleFile(path, text, 'fuzz');
          expect(Array.isArray(r.articles)).toBe(true);
          // Errors say where inside the file; the caller names the file, so they never repeat its path.
          for (const e of r.errors) {
            expect(e.length).toBeGreaterThan(0);
            expect(e.startsWith('a.')).toBe(false);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('feed parser under random input', () => {
  // Random XML-ish documents built from feed parts, so the fuzzer gets past the first check.
  const part = fc.constantFrom(
    '<?xml version="1.0"?>',
    '<rss version="2.0">',
    '</rss>',
    '<channel>',
    '</channel>',
    '<item>',
    '</item>',
    '<title>',
    '</title>',
    '<link>https://news.test/a</link>',
    '<description><![CDATA[<p>Alibaba rose</p>]]></description>',
    '<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '</feed>',
    '<entry>',
    '</entry>',
    '<rdf:RDF>',
    '</rdf:RDF>',
    '&amp;',
    '&bogus;',
    '<!DOCTYPE x [<!ENTITY a "b">]>',
    '<html>',
    '<',
    '>',
    '"',
    'Alibaba',
    ' ',
  );
  const doc = fc.oneof(
    fc.array(part, { maxLength: 40 }).map((p) => p.join('')),
    fc.string({ maxLength: 500 }),
  );

  it('either returns items or throws its own FeedParseError with a known code, never anything else', () => {
    const codes = new Set(['html_page', 'entities_refused', 'malformed_xml', 'malformed_json', 'not_a_feed']);
    fc.assert(
      fc.property(doc, (xml) => {
        try {
          const feed = parseFeed(xml, 'https://news.test/feed');
          expect(Array.isArray(feed.items)).toBe(true);
          for (const a of feedItemsToArticles(feed, 'https://news.test/feed', 'fuzz'))
            expect(typeof a.body).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(FeedParseError);
          expect(codes.has((error as FeedParseError).code)).toBe(true);
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });
});
