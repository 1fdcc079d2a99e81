// JSON Feed 1.0 and 1.1 (jsonfeed.org) to the same shape as RSS and Atom. Problems are values:
// the dispatch in parse-feed.ts turns them into the FeedParseError every feed reader already handles.
import type { FeedItem, ParsedFeed } from './feed-shape.ts';

export type JsonFeedResult =
  | { readonly ok: true; readonly feed: ParsedFeed }
  | { readonly ok: false; readonly code: 'malformed_json' | 'not_a_feed'; readonly message: string };

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?$/;

/** Text that can only be JSON (an object or array), not XML or HTML. */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*[{[]/.test(text.slice(0, 200));
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const httpUrl = (v: unknown): string | undefined => {
  const s = str(v);
  // An item id is often a URL, but not always: only a whole address with no spaces counts.
  return s !== undefined && /^https?:\/\/[^\s<>"]+$/i.test(s) ? s : undefined;
};
const date = (v: unknown): Date | undefined => {
  const s = str(v);
  if (s === undefined) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

function item(o: Obj): FeedItem {
  const html = str(o['content_html']);
  const plain = str(o['content_text']);
  // The body is read as HTML; plain text is escaped so a "<" in it stays text.
  const body =
    html ??
    (plain !== undefined
      ? plain.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      : (str(o['summary']) ?? ''));
  return {
    title: str(o['title']),
    url: httpUrl(o['url']) ?? httpUrl(o['external_url']) ?? httpUrl(o['id']),
    body,
    publishedAt: date(o['date_published']) ?? date(o['date_modified']),
  };
}

export function parseJsonFeed(text: string, maxItems: number): JsonFeedResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, code: 'malformed_json', message: `the feed is not valid JSON: ${(error as Error).message}` };
  }
  if (!isObj(doc) || typeof doc['version'] !== 'string' || !VERSION.test(doc['version'])) {
    return {
      ok: false,
      code: 'not_a_feed',
      message: 'this is JSON, but not a JSON Feed (it needs "version": "https://jsonfeed.org/version/1.1" and "items")',
    };
  }
  if (!Array.isArray(doc['items']))
    return { ok: false, code: 'not_a_feed', message: 'this JSON Feed has no "items" list' };
  const items = (doc['items'] as unknown[]).filter(isObj).slice(0, maxItems).map(item);
  return { ok: true, feed: { format: 'json', title: str(doc['title']) ?? null, items } };
}
