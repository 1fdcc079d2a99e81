// RSS 0.9x / 2.0, RSS 1.0 (RDF) and Atom to one shape, with fast-xml-parser. Anything that is not
// a well-formed feed (an HTML page, broken XML, an entity bomb) is a FeedParseError for that feed.
import { XMLParser, XMLValidator, type ProcessEntitiesOptions } from 'fast-xml-parser';
import type { RawArticle } from '../../core/types.ts';
import type { FeedItem, ParsedFeed } from './feed-shape.ts';
import { looksLikeJson, parseJsonFeed } from './json-feed.ts';

export type FeedParseErrorCode = 'html_page' | 'malformed_xml' | 'malformed_json' | 'entities_refused' | 'not_a_feed';

export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  constructor(
    readonly code: FeedParseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A feed carrying more items than this is read for its newest ones only. */
export const MAX_ITEMS = 500;

// appliesTo is read by the parser's options builder, though its published type leaves it out.
const entityLimits: ProcessEntitiesOptions & { readonly appliesTo: 'external' } = {
  enabled: true,
  maxEntityCount: 10,
  maxEntitySize: 1000,
  maxTotalExpansions: 1000,
  maxExpandedLength: 100_000,
  appliesTo: 'external',
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  // Defence in depth: internal entity declarations are refused before parsing (see below). The
  // limits count declared entities only ('external'): standard references (&amp;, &#8217;, &eacute;)
  // are single characters, not expansions, and a real feed holds thousands of them.
  processEntities: entityLimits,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of an element that may carry attributes ({ '#text', '@_type' }) or be a list. */
function text(v: unknown): string | undefined {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number') return String(v);
  if (isNode(v)) return text(v['#text']);
  return undefined;
}

function date(v: unknown): Date | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function asList(v: unknown): Node[] {
  const list: unknown[] = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter(isNode);
}

function httpUrl(s: string | undefined): string | undefined {
  return s !== undefined && /^https?:\/\//i.test(s) ? s : undefined;
}

function rssItem(item: Node): FeedItem {
  const guid = item['guid'];
  const guidIsLink = isNode(guid) ? guid['@_isPermaLink'] !== 'false' : true;
  return {
    title: text(item['title']),
    url: httpUrl(text(item['link'])) ?? (guidIsLink ? httpUrl(text(guid)) : undefined),
    body: text(item['encoded']) ?? text(item['description']) ?? '',
    publishedAt: date(item['pubDate']) ?? date(item['date']) ?? date(item['published']),
  };
}

function atomLink(links: unknown): string | undefined {
  const list = asList(links);
  const alternate = list.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? list[0];
  return httpUrl(alternate === undefined ? undefined : text(alternate['@_href']));
}

function atomItem(entry: Node): FeedItem {
  return {
    title: text(entry['title']),
    url: atomLink(entry['link']) ?? httpUrl(text(entry['id'])),
    body: text(entry['content']) ?? text(entry['summary']) ?? '',
    publishedAt: date(entry['published']) ?? date(entry['updated']) ?? date(entry['issued']) ?? date(entry['modified']),
  };
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i;

/** The feed a web page advertises (<link rel="alternate" type="application/rss+xml" href=...>). */
function advertisedFeed(html: string): string | undefined {
  for (const tag of html.slice(0, 100_000).match(/<link\s[^>]*>/gi) ?? []) {
    if (/rel=["']?alternate/i.test(tag) && /type=["']?application\/(?:rss|atom)\+xml/i.test(tag)) {
      return /href=["']([^"']+)["']/i.exec(tag)?.[1];
    }
  }
  return undefined;
}

/**
 * A DTD anywhere (comments may push it far down) followed by an entity declaration. Two linear
 * scans: a single regex spanning both would be quadratic on a body full of "<!DOCTYPE".
 */
function declaresEntities(xml: string): boolean {
  const doctype = xml.search(/<!DOCTYPE/i);
  return doctype >= 0 && /<!ENTITY/i.test(xml.slice(doctype));
}

/** The parser's own messages ("[EntityReplacer] ...", "[SECURITY] ...") are for us, not for a channel. */
function ownWording(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (/entit/i.test(raw)) return 'the feed could not be read: its entities expand beyond the safe limit';
  if (/reserved|prototype/i.test(raw))
    return 'the feed could not be read: it uses an element or attribute name that is not allowed';
  return 'the feed could not be read as XML';
}

export function parseFeed(xml: string, url?: string): ParsedFeed {
  // JSON Feed (jsonfeed.org) has a reader of its own; everything else is XML.
  if (looksLikeJson(xml)) {
    const json = parseJsonFeed(xml, MAX_ITEMS);
    if (!json.ok) throw new FeedParseError(json.code, json.message);
    return json.feed;
  }
  const head = xml.slice(0, 2000).replace(/^\uFEFF/, '');
  if (HTML_START.test(head)) {
    const hint = advertisedFeed(xml);
    let absolute = hint;
    try {
      absolute = hint !== undefined && url !== undefined ? new URL(hint, url).href : hint;
    } catch {
      absolute = undefined;
    }
    throw new FeedParseError(
      'html_page',
      `this is an HTML web page, not an RSS or Atom feed${absolute ? `; the page names its feed: ${absolute}` : ''}`,
    );
  }
  // Feeds have no use for their own entities; declaring them is how entity-expansion bombs work.
  if (declaresEntities(xml)) {
    throw new FeedParseError(
      'entities_refused',
      'the feed declares its own XML entities, which are refused (they can expand without bound)',
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FeedParseError(
      'malformed_xml',
      `the feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw new FeedParseError('malformed_xml', ownWording(error));
  }
  const rss = doc['rss'];
  if (isNode(rss)) {
    const channel = isNode(rss['channel']) ? rss['channel'] : {};
    // RSS 0.9x sometimes puts items beside the channel rather than in it.
    const items = [...asList(channel['item']), ...asList(rss['item'])];
    return { format: 'rss', title: text(channel['title']) ?? null, items: items.slice(0, MAX_ITEMS).map(rssItem) };
  }
  const rdf = doc['RDF'];
  if (isNode(rdf)) {
    const channel = isNode(rdf['channel']) ? rdf['channel'] : {};
    const items = [...asList(rdf['item']), ...asList(channel['item'])];
    return { format: 'rdf', title: text(channel['title']) ?? null, items: items.slice(0, MAX_ITEMS).map(rssItem) };
  }
  const feed = doc['feed'];
  if (isNode(feed)) {
    return {
      format: 'atom',
      title: text(feed['title']) ?? null,
      items: asList(feed['entry']).slice(0, MAX_ITEMS).map(atomItem),
    };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
  if (root.toLowerCase() === 'html')
    throw new FeedParseError('html_page', 'this is an HTML web page, not an RSS or Atom feed');
  throw new FeedParseError(
    'not_a_feed',
    `this is XML, but not an RSS or Atom feed (the document is <${root.slice(0, 40)}>)`,
  );
}

/** Feed items as the pipeline's RawArticles; the feed's title names the source in alerts. */
export function feedItemsToArticles(feed: ParsedFeed, origin: string, fallbackName: string): RawArticle[] {
  const sourceName = feed.title ?? fallbackName;
  return feed.items
    .filter((item) => item.title !== undefined || item.body !== '')
    .map((item) => ({
      origin,
      sourceName,
      format: 'html',
      title: item.title,
      body: item.body,
      url: item.url,
      publishedAt: item.publishedAt,
    }));
}
