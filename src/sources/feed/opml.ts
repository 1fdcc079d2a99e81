// OPML, the subscription list every feed reader imports and exports: read the feed URLs out of one,
// write one from a workspace's feeds.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface OpmlFeed {
  readonly url: string;
  readonly title: string | null;
}

export class OpmlError extends Error {
  override readonly name = 'OpmlError';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: {
    enabled: true,
    maxEntityCount: 10,
    maxEntitySize: 1000,
    maxTotalExpansions: 1000,
    maxExpandedLength: 100_000,
  },
  isArray: (name) => name === 'outline',
});

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every outline with an xmlUrl, folders included, in document order. Throws OpmlError for a file that is not OPML. */
export function parseOpml(text: string): OpmlFeed[] {
  if (/<!DOCTYPE[^[>]*\[[\s\S]*?<!ENTITY/i.test(text.slice(0, 100_000)))
    throw new OpmlError('the file declares its own XML entities, which are refused');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new OpmlError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(text) as Node;
  const opml = doc['opml'];
  if (!isNode(opml) || !isNode(opml['body'])) throw new OpmlError('not an OPML file (no <opml><body>)');
  const feeds: OpmlFeed[] = [];
  const walk = (outlines: unknown): void => {
    if (!Array.isArray(outlines)) return;
    for (const o of outlines) {
      if (!isNode(o)) continue;
      const url = o['@_xmlUrl'];
      if (typeof url === 'string' && url.trim() !== '') {
        const title = o['@_title'] ?? o['@_text'];
        feeds.push({ url: url.trim(), title: typeof title === 'string' && title.trim() !== '' ? title.trim() : null });
      }
      walk(o['outline']);
    }
  };
  walk(opml['body']['outline']);
  return feeds;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderOpml(title: string, feeds: readonly OpmlFeed[]): string {
  const lines = feeds.map((f) => {
    const text = escapeXml(f.title ?? f.url);
    return `    <outline type="rss" text="${text}" title="${text}" xmlUrl="${escapeXml(f.url)}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${escapeXml(title)}</title></head>`,
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
