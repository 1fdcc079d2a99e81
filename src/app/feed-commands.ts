// Handles /feed add|list|remove|retry. Feeds belong to a workspace (guild); the channel that adds
// a feed is where its disable notice goes.
import type { FeedCommand, FeedTarget } from '../core/commands/feed.ts';
import { needsManager } from '../core/commands/parse.ts';
import { replyMessage, type OutgoingMessage } from '../core/messages.ts';
import { formatTime } from '../core/messages.ts';
import type { FeedPoller, FeedPollOutcome } from './feed-poller.ts';
import type { FeedRecord, FeedStore, FetchFeed } from './ports/feeds.ts';
import type { Clock, Logger } from './ports/runtime.ts';
import type { IncomingCommand } from './ports/chat.ts';
import { redactUrl } from '../redact.ts';

export interface FeedCommandDeps {
  readonly feeds: FeedStore;
  readonly poller: FeedPoller;
  readonly fetchFeed: FetchFeed;
  readonly clock: Clock;
  readonly log: Logger;
  /** Feeds a workspace may follow (TICKERBELL_MAX_FEEDS_PER_WORKSPACE); each one is polled for as long as it is followed. */
  readonly maxFeedsPerWorkspace?: number;
}

export type FeedCommandHandler = (command: FeedCommand, incoming: IncomingCommand) => Promise<OutgoingMessage>;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function feedLine(feed: FeedRecord): string {
  const name = feed.title ?? '(not read yet)';
  const parts = [`#${feed.id} ${name} — ${redactUrl(feed.url)}`];
  if (feed.fromConfig) parts.push('from TICKERBELL_SOURCES');
  if (feed.itemCount !== null) parts.push(plural(feed.itemCount, 'item'));
  if (feed.disabledAt !== null) {
    parts.push(
      `DISABLED after ${plural(feed.consecutiveFailures, 'failure')} in a row (last error: ${feed.lastError ?? 'unknown'}); /feed retry ${feed.id}`,
    );
  } else if (feed.consecutiveFailures > 0) {
    parts.push(
      `${plural(feed.consecutiveFailures, 'failure')} in a row, last error: ${feed.lastError ?? 'unknown'}; next try ${formatTime(feed.nextPollAt)}`,
    );
  } else if (feed.lastSuccessAt !== null) {
    parts.push(`last read ${formatTime(feed.lastSuccessAt)}`);
  }
  return `• ${parts.join(' · ')}`;
}

function describeOutcome(o: FeedPollOutcome): string {
  switch (o.status) {
    case 'updated':
      return `read OK: ${plural(o.itemCount, 'item')}, ${o.stored} new, ${plural(o.alertsQueued, 'alert')} queued.`;
    case 'not_modified':
      return 'read OK: nothing new since the last poll.';
    case 'failed':
      return `still failing (${plural(o.consecutiveFailures, 'failure')} in a row): ${o.error ?? 'unknown error'}. It will be retried with backoff.`;
    case 'disabled':
      return `failed again and is disabled: ${o.error ?? 'unknown error'}.`;
    case 'gone':
      return 'it was removed meanwhile.';
  }
}

export function createFeedCommands(deps: FeedCommandDeps): FeedCommandHandler {
  const { feeds, poller, fetchFeed, clock, log } = deps;

  const resolve = async (target: FeedTarget, incoming: IncomingCommand): Promise<FeedRecord | undefined> => {
    const mine = await feeds.listForWorkspace(incoming.scope);
    return 'id' in target ? mine.find((f) => f.id === target.id) : mine.find((f) => f.url === target.url);
  };
  const notFound = (target: FeedTarget): OutgoingMessage =>
    replyMessage(
      `No feed ${'id' in target ? `#${target.id}` : redactUrl(target.url)} in this workspace.`,
      ['See /feed list for the feeds and their numbers.'],
      { kind: 'error' },
    );

  const add = async (url: string, incoming: IncomingCommand): Promise<OutgoingMessage> => {
    // The URL as stored keeps its credentials (the fetch needs them); as shown, never the password.
    const shown = redactUrl(url);
    const max = deps.maxFeedsPerWorkspace ?? 100;
    const followed = (await feeds.listForWorkspace(incoming.scope)).filter((f) => !f.fromConfig);
    if (followed.length >= max && !followed.some((f) => f.url === url)) {
      return replyMessage(
        `This workspace already follows ${plural(followed.length, 'feed')}, the most it may.`,
        [
          'Remove one first (/feed list, then /feed remove <id>), or ask the operator to raise TICKERBELL_MAX_FEEDS_PER_WORKSPACE.',
        ],
        { kind: 'error' },
      );
    }
    const existing = await feeds.findByUrl(url);
    if (existing !== undefined) {
      const subscribed = await feeds.subscribe(existing.id, incoming.scope, incoming.user.id, clock());
      const state =
        existing.disabledAt !== null ? ` It is disabled after repeated failures; try /feed retry ${existing.id}.` : '';
      return replyMessage(
        subscribed
          ? `Added feed #${existing.id}: ${existing.title ?? shown}.`
          : `This workspace already follows feed #${existing.id}: ${existing.title ?? shown}.`,
        [`${plural(existing.itemCount ?? 0, 'item')} at the last read.${state}`],
        { ephemeral: false },
      );
    }
    let result;
    try {
      // Validate before storing anything: a URL that is not a readable feed never becomes one.
      result = await fetchFeed(url, { etag: null, lastModified: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.info({ url: shown, error: message }, 'feed.add_rejected');
      return replyMessage(
        `Could not add ${shown}: ${message}.`,
        ['Check the address (it should be the RSS or Atom feed itself), then /feed add it again.'],
        { kind: 'error' },
      );
    }
    const now = clock();
    const feed = await feeds.ensure(url, now);
    await feeds.subscribe(feed.id, incoming.scope, incoming.user.id, now);
    const outcome = await poller.accept(feed.id, result);
    log.info({ feed: feed.id, url: shown, scope: incoming.scope, items: outcome.itemCount }, 'feed.added');
    return replyMessage(
      `Added feed #${feed.id}: ${outcome.title ?? shown} (${plural(outcome.itemCount, 'item')}).`,
      ['Its current items were stored without alerts; new stories alert from the next poll on.'],
      { ephemeral: false },
    );
  };

  return async (command, incoming) => {
    if (needsManager(command) && !incoming.user.canManage) {
      return replyMessage(
        "You can't change this workspace's feeds.",
        ['Ask someone who manages this channel. Anyone can use /feed list.'],
        { kind: 'error' },
      );
    }
    switch (command.kind) {
      case 'feed-list': {
        const list = await feeds.listForWorkspace(incoming.scope);
        if (list.length === 0)
          return replyMessage('No live feeds in this workspace.', [
            'Add one with /feed add https://example.com/rss.xml',
          ]);
        return replyMessage(`${plural(list.length, 'live feed')}:`, list.map(feedLine));
      }
      case 'feed-add':
        return add(command.url, incoming);
      case 'feed-remove': {
        const feed = await resolve(command.target, incoming);
        if (feed === undefined) return notFound(command.target);
        if (!(await feeds.unsubscribe(feed.id, incoming.scope))) {
          return replyMessage(`Feed #${feed.id} is set in TICKERBELL_SOURCES; remove it there and restart.`, [], {
            kind: 'error',
          });
        }
        return replyMessage(`Removed feed #${feed.id}: ${feed.title ?? redactUrl(feed.url)}.`, [], {
          ephemeral: false,
        });
      }
      case 'feed-retry': {
        const feed = await resolve(command.target, incoming);
        if (feed === undefined) return notFound(command.target);
        await feeds.enable(feed.id, clock());
        const outcome = await poller.pollFeed(feed.id);
        const wasDisabled = feed.disabledAt !== null ? 'Re-enabled' : 'Retried';
        return replyMessage(
          `${wasDisabled} feed #${feed.id} (${feed.title ?? redactUrl(feed.url)}): ${describeOutcome(outcome)}`,
          [],
          { ephemeral: false },
        );
      }
    }
  };
}
