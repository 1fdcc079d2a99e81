import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.ts';
import type { TickerLookup } from '../../src/core/commands/grammar.ts';
import { buildAlertMessage } from '../../src/core/alerts.ts';
import { isNearDuplicate, textSimilarity } from '../../src/core/feeds/near-duplicate.ts';

const noTickers: TickerLookup = { canonical: () => undefined, search: () => [] };

describe('/feed grammar', () => {
  it.each([
    ['/feed add https://example.com/rss.xml', { kind: 'feed-add', url: 'https://example.com/rss.xml' }],
    // Slack wraps links as <url|label>; a fragment is not part of a feed's identity.
    [
      '/feed add <https://Example.com/rss.xml#top|example.com/rss.xml>',
      { kind: 'feed-add', url: 'https://example.com/rss.xml' },
    ],
    ['/feed list', { kind: 'feed-list' }],
    ['/feed remove 3', { kind: 'feed-remove', target: { id: 3 } }],
    ['/feed rm #3', { kind: 'feed-remove', target: { id: 3 } }],
    ['/feed retry http://example.com/a.xml', { kind: 'feed-retry', target: { url: 'http://example.com/a.xml' } }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text, noTickers)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['/feed add', 'missing_argument'],
    ['/feed add ftp://example.com/x', 'bad_url'],
    ['/feed add javascript:alert(1)', 'bad_url'],
    ['/feed add a b', 'unexpected_argument'],
    ['/feed list now', 'unexpected_argument'],
    ['/feed retry', 'missing_argument'],
    ['/feed', 'missing_argument'],
    ['/feed subscribe x', 'unknown_command'],
  ])('%s is refused with %s', (text, code) => {
    const r = parseCommand(text, noTickers);
    expect(r.ok ? null : r.error.code).toBe(code);
  });
});

describe('near-duplicate stories', () => {
  const body = 'Apple Inc. shares rose 4% after the company reported record iPhone sales in the March quarter.';
  it('same headline and the same text with a trailing line is one story', () => {
    expect(
      isNearDuplicate(
        { title: 'Apple shares climb', body },
        { title: 'APPLE shares climb!', body: `${body} Read more.` },
      ),
    ).toBe(true);
  });
  it('same headline with different text is not', () => {
    expect(
      isNearDuplicate(
        { title: 'Apple earnings', body },
        { title: 'Apple earnings', body: 'Apple missed revenue estimates as Mac sales fell.' },
      ),
    ).toBe(false);
  });
  it('different headline with the same text is not (that is the content hash’s job)', () => {
    expect(isNearDuplicate({ title: 'Apple shares climb', body }, { title: 'Oil slips', body })).toBe(false);
  });
  it('similarity is symmetric and 1 for identical text', () => {
    expect(textSimilarity(body, body)).toBe(1);
    expect(textSimilarity(body, 'x y z')).toBe(textSimilarity('x y z', body));
  });
});

describe('alert naming its sources', () => {
  it('lists every source in the Source field and the text line', () => {
    const message = buildAlertMessage(
      {
        id: 1,
        title: 'T',
        url: 'https://x',
        sourceName: 'Alpha',
        sourceNames: ['Alpha', 'Beta'],
        publishedAt: new Date('2024-05-06T09:30:00Z'),
        seenAt: new Date('2024-05-06T09:31:00Z'),
        sentiment: { score: 0, label: 'neutral' },
        summary: 'S',
      },
      [],
    );
    expect(message.fields?.[1]).toEqual({ name: 'Sources', value: 'Alpha, Beta · 2024-05-06 09:30 UTC', inline: true });
    expect(message.text).toContain('\nAlpha, Beta · 2024-05-06 09:30 UTC\n');
  });
});
