// What every feed format is read into: RSS, RDF, Atom (parse-feed.ts) and JSON Feed (json-feed.ts).

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  readonly title?: string | undefined;
  readonly url?: string | undefined;
  /** HTML or plain text, as the feed gave it. */
  readonly body: string;
  readonly publishedAt?: Date | undefined;
}

export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title: string | null;
  readonly items: readonly FeedItem[];
}
