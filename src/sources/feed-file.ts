// A saved feed (RSS, Atom, RDF or JSON Feed) read from disk through the same parser as live feeds, so
// a feed can be tried, replayed or debugged from a file. Recognised by content, not only by name.
import { basename, extname } from 'node:path';
import type { RawArticle } from '../core/types.ts';
import { looksLikeJson } from './feed/json-feed.ts';
import { FeedParseError, feedItemsToArticles, parseFeed } from './feed/parse-feed.ts';

/** Names that say "feed": read as one whatever the content, so a broken one reports a feed error. */
export const FEED_EXTENSIONS: ReadonlySet<string> = new Set(['.xml', '.rss', '.atom', '.rdf']);

// After a BOM, an XML declaration, comments and a non-HTML doctype: the root element of a feed.
const XML_FEED_ROOT =
  /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE\s+(?!html)[^>]*>\s*)*<(?:rss|feed|rdf:RDF|RDF)[\s>]/;
const JSON_FEED_VERSION = /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//;

export function isFeedText(path: string, text: string): boolean {
  if (FEED_EXTENSIONS.has(extname(path).toLowerCase())) return true;
  const head = text.slice(0, 4000);
  if (XML_FEED_ROOT.test(head)) return true;
  return looksLikeJson(head) && JSON_FEED_VERSION.test(text.slice(0, 100_000));
}

/** The feed's items as articles (origin "file#n" when there are several), or the one error for the file. */
export function parseFeedFile(
  path: string,
  text: string,
  sourceName: string,
): { articles: RawArticle[]; errors: string[] } {
  try {
    const feed = parseFeed(text);
    const articles = feedItemsToArticles(feed, path, sourceName || basename(path));
    return {
      articles: articles.map((a, i) => (articles.length > 1 ? { ...a, origin: `${path}#${i}` } : a)),
      errors: [],
    };
  } catch (error) {
    if (error instanceof FeedParseError) return { articles: [], errors: [error.message] };
    throw error;
  }
}
