// Fetch + decode + parse, behind the FetchFeed port. Every failure becomes a FeedError whose
// message says what went wrong in words a channel member understands.
import { FeedError, type FetchFeed } from '../../app/ports/feeds.ts';
import { FetchError, type HttpGet } from '../http/http-client.ts';
import { decodeFeedBody, FeedDecodeError } from './decode.ts';
import { FeedParseError, feedItemsToArticles, parseFeed } from './parse-feed.ts';

export function createFeedFetcher(get: HttpGet): FetchFeed {
  return async (url, validators) => {
    try {
      const res = await get(url, validators);
      if (res.status === 'not_modified') return { status: 'not_modified', maxAgeMs: res.maxAgeMs };
      const feed = parseFeed(decodeFeedBody(res.body, res.contentType), res.url);
      const fallbackName = new URL(url).hostname;
      return {
        status: 'ok',
        title: feed.title,
        // The origin is the feed as followed, not the redirect target, so logs match /feed list.
        articles: feedItemsToArticles(feed, url, fallbackName),
        etag: res.etag,
        lastModified: res.lastModified,
        maxAgeMs: res.maxAgeMs,
      };
    } catch (error) {
      if (error instanceof FetchError)
        throw new FeedError(error.code, error.message, error.details.retryAfterMs ?? null, { cause: error });
      if (error instanceof FeedParseError) throw new FeedError(error.code, error.message, null, { cause: error });
      if (error instanceof FeedDecodeError) throw new FeedError(error.code, error.message, null, { cause: error });
      throw new FeedError(
        'unexpected',
        `reading the feed failed: ${error instanceof Error ? error.message : String(error)}`,
        null,
        { cause: error },
      );
    }
  };
}
