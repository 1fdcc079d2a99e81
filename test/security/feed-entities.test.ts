// Standard entity references are text, not expansions: a real-sized WordPress-style feed with
// well over a thousand of them parses. Declared entities stay refused, the expansion limits stay,
// and what reaches a user is our wording, never the XML library's.
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/sources/feed/parse-feed.ts';

/** Ten posts as WordPress writes them: escaped HTML in description and content:encoded, curly quotes as numeric references. */
function wordpressFeed(posts = 10): { xml: string; references: number } {
  const para = (i: number, k: number): string =>
    `&lt;p&gt;Alibaba&#8217;s cloud unit grew &#8220;faster than expected&#8221; in quarter ${k} &amp;amp; margins widened &#8211; ` +
    `analysts at firm ${i} said&#8230; &lt;a href=&quot;https://blog.example/p/${i}&quot;&gt;more&lt;/a&gt;&lt;/p&gt;`;
  const items = Array.from({ length: posts }, (_, i) => {
    const body = Array.from({ length: 8 }, (_x, k) => para(i, k)).join('\n');
    return `<item>
  <title>Post ${i}: Alibaba&#8217;s quarter &#8211; what changed</title>
  <link>https://blog.example/p/${i}</link>
  <pubDate>Mon, 02 Mar 2026 1${i % 10}:00:00 +0000</pubDate>
  <description>${para(i, 99)}</description>
  <content:encoded>${body}</content:encoded>
</item>`;
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Team Blog &#8211; Markets</title><link>https://blog.example</link>
${items.join('\n')}
</channel></rss>`;
  return { xml, references: (xml.match(/&#?\w+;/g) ?? []).length };
}

function parseError(xml: string): FeedParseError {
  try {
    parseFeed(xml);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected the feed to be refused');
}

describe('entity references in feeds', () => {
  it('parses a 10-post WordPress-style feed with more than 1,400 standard references', () => {
    const { xml, references } = wordpressFeed();
    expect(references).toBeGreaterThan(1400);
    const feed = parseFeed(xml);
    expect(feed.title).toBe('Team Blog – Markets');
    expect(feed.items).toHaveLength(10);
    expect(feed.items[0]?.title).toBe('Post 0: Alibaba’s quarter – what changed');
    expect(feed.items[3]?.body).toContain('<p>Alibaba’s cloud unit grew “faster than expected”');
  });

  it('parses a much larger one too (references are never counted as expansions)', () => {
    const { xml, references } = wordpressFeed(200);
    expect(references).toBeGreaterThan(25_000);
    expect(parseFeed(xml).items).toHaveLength(200);
  });

  it('still refuses any DTD that declares entities, wherever it is', () => {
    const tiny =
      '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0"><channel><title>&x;</title></channel></rss>';
    expect(parseError(tiny).code).toBe('entities_refused');
    // A long comment before the DTD does not hide it.
    const padded = `<?xml version="1.0"?>\n<!--${' '.repeat(150_000)}-->\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0"><channel><title>&x;</title></channel></rss>`;
    expect(parseError(padded).code).toBe('entities_refused');
  });

  it('answers in its own words: no library prefixes reach the user', () => {
    for (const xml of [
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</item></channel></rss>',
      '<rss version="2.0"><channel><__proto__>x</__proto__></channel></rss>',
    ]) {
      let message = '';
      try {
        parseFeed(xml);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toMatch(/\[[A-Za-z]+\]/);
    }
  });
});
