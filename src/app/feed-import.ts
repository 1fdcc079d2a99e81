// Bulk moves of feeds between readers (OPML): each entry is followed as /feed add would, but without
// fetching now. A new feed is primed on its first poll, so its back catalogue does not alert.
import { feedUrl } from '../core/commands/feed.ts';
import type { ChannelRef } from '../core/types.ts';
import type { FeedStore } from './ports/feeds.ts';
import type { Clock } from './ports/runtime.ts';

export interface FeedImportReport {
  readonly added: string[];
  readonly already: string[];
  readonly refused: Array<{ readonly url: string; readonly reason: string }>;
}

export async function importFeeds(
  deps: { feeds: FeedStore; clock: Clock },
  entries: ReadonlyArray<{ url: string }>,
  scope: ChannelRef,
  addedBy: string | null,
): Promise<FeedImportReport> {
  const report: FeedImportReport = { added: [], already: [], refused: [] };
  for (const entry of entries) {
    const url = feedUrl(entry.url);
    if (url === null) {
      report.refused.push({ url: entry.url, reason: 'not an http(s) address' });
      continue;
    }
    const now = deps.clock();
    const feed = await deps.feeds.ensure(url, now);
    if (await deps.feeds.subscribe(feed.id, scope, addedBy, now)) report.added.push(url);
    else report.already.push(url);
  }
  return report;
}
