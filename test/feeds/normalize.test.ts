import { describe, expect, it } from 'vitest';
import { canonicalUrl, contentHash, MAX_BODY_CHARS, normalizeArticle } from '../../src/core/normalize.ts';
import type { RawArticle } from '../../src/core/types.ts';

const raw = (over: Partial<RawArticle>): RawArticle => ({
  origin: 'test',
  sourceName: 'test',
  format: 'text',
  body: '',
  ...over,
});

describe('canonicalUrl', () => {
  it.each([
    ['https://www.Example.com/a/b/?utm_source=x&id=2&fbclid=y#top', 'https://example.com/a/b?id=2'],
    ['https://example.com/story?b=2&a=1', 'https://example.com/story?a=1&b=2'],
    ['http://example.com:80/x', 'http://example.com/x'],
    ['https://user:pw@example.com/x', 'https://example.com/x'],
    ['ftp://example.com/file', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
    ['', null],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });
});

describe('normalizeArticle', () => {
  it('turns HTML into readable text without scripts or markup', () => {
    const r = normalizeArticle(
      raw({
        format: 'html',
        title: 'T',
        body: '<p>Alibaba <b>rose</b> 2%.</p><script>alert(1)</script><p>Second &amp; last.</p>',
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.article.body).toContain('Alibaba rose 2%.');
    expect(r.value.article.body).toContain('Second & last.');
    expect(r.value.article.body).not.toMatch(/alert|<p>|<b>/);
  });

  it('strips Markdown syntax but keeps the words', () => {
    const r = normalizeArticle(
      raw({ format: 'markdown', title: 'T', body: '## Heading\n\n**Alibaba** [rose](https://x.test) 2%.\n- item one' }),
    );
    expect(r.ok && r.value.article.body).toBe('Heading\n\nAlibaba rose 2%.\nitem one');
  });

  it('uses the first line as the title when none is given', () => {
    const r = normalizeArticle(raw({ body: 'Tesla misses estimates\nShares fell after the report.' }));
    expect(r.ok && r.value.article.title).toBe('Tesla misses estimates');
    expect(r.ok && r.value.article.body).toBe('Shares fell after the report.');
  });

  it('gives the same hash to the same words whatever the spacing or case', () => {
    expect(contentHash('Title', 'Some  body\ntext')).toBe(contentHash('title', 'some body text'));
    expect(contentHash('Title', 'Some body')).not.toBe(contentHash('Title', 'Other body'));
  });

  it('rejects an article with no text at all', () => {
    const r = normalizeArticle(raw({ body: '   \n ' }));
    expect(r.ok ? null : r.error.code).toBe('empty_article');
  });

  it('cuts a 10 MB body to the limit and says how much it dropped', () => {
    const body = 'Alibaba shares rose. '.repeat(500_000);
    const r = normalizeArticle(raw({ title: 'Big', body }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.article.body.length).toBe(MAX_BODY_CHARS);
    expect(r.value.truncatedChars).toBeGreaterThan(9_000_000);
  });

  it('drops an invalid published date instead of storing garbage', () => {
    const r = normalizeArticle(raw({ title: 'T', body: 'b', publishedAt: new Date('nonsense') }));
    expect(r.ok && r.value.article.publishedAt).toBeNull();
  });
});
