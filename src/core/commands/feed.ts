// /feed add|list|remove|retry: the live-feed part of the command grammar.
import type { Result } from '../types.ts';
import { err, ok } from '../types.ts';
import type { CommandError } from './grammar.ts';
import { plainText } from './options.ts';
import type { CommandFamily, OptionShape } from './spec.ts';

export type FeedTarget = { readonly id: number } | { readonly url: string };

export type FeedCommand =
  | { readonly kind: 'feed-add'; readonly url: string }
  | { readonly kind: 'feed-list' }
  | { readonly kind: 'feed-remove'; readonly target: FeedTarget }
  | { readonly kind: 'feed-retry'; readonly target: FeedTarget };

export const FEED_USAGE = {
  add: '/feed add <url>',
  list: '/feed list',
  remove: '/feed remove <id|url>',
  retry: '/feed retry <id|url>',
} as const;

const ALL_USAGE = Object.values(FEED_USAGE).join('\n');

export function isFeedCommand(command: { readonly kind: string }): command is FeedCommand {
  return command.kind.startsWith('feed-');
}

/** Slack sends links as <https://x|label>; people paste them in quotes. */
function unwrap(text: string): string {
  return text.replace(/^<([^|>]+)(?:\|[^>]*)?>$/, '$1').replace(/^["'](.*)["']$/, '$1');
}

/** The URL as the feed's identity: parsed, fragment dropped. Null when it is not an http(s) URL. */
export function feedUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(unwrap(text.trim()));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

function parseUrlArg(args: readonly string[], usage: string): Result<string, CommandError> {
  if (args.length === 0)
    return err({
      code: 'missing_argument',
      message: 'Which feed? Give its URL, like https://example.com/rss.xml.',
      usage,
    });
  if (args.length > 1) return err({ code: 'unexpected_argument', message: 'Give one feed URL at a time.', usage });
  const url = feedUrl(args[0] as string);
  if (url === null) {
    return err({
      code: 'bad_url',
      message: `"${(args[0] as string).slice(0, 60)}" is not a web address; a feed URL starts with https:// or http://.`,
      usage,
    });
  }
  return ok(url);
}

function parseTarget(args: readonly string[], usage: string): Result<FeedTarget, CommandError> {
  const first = args[0]?.replace(/^#/, '');
  if (first !== undefined && args.length === 1 && /^\d{1,9}$/.test(first)) return ok({ id: Number(first) });
  if (first !== undefined && /^\d+$/.test(first))
    return err({ code: 'unexpected_argument', message: 'Give one feed number or URL.', usage });
  const url = parseUrlArg(args, usage);
  if (!url.ok) {
    const message =
      url.error.code === 'missing_argument'
        ? 'Which feed? Give its number from /feed list, or its URL.'
        : url.error.message;
    return err({ ...url.error, message });
  }
  return ok({ url: url.value });
}

function parseFeedCommand(args: readonly string[]): Result<FeedCommand, CommandError> {
  const sub = args[0]?.toLowerCase();
  const rest = args.slice(1);
  switch (sub) {
    case 'add': {
      const url = parseUrlArg(rest, FEED_USAGE.add);
      return url.ok ? ok({ kind: 'feed-add', url: url.value }) : url;
    }
    case 'list':
    case 'ls':
      if (rest.length > 0)
        return err({ code: 'unexpected_argument', message: '/feed list takes no arguments.', usage: FEED_USAGE.list });
      return ok({ kind: 'feed-list' });
    case 'remove':
    case 'rm':
    case 'delete': {
      const target = parseTarget(rest, FEED_USAGE.remove);
      return target.ok ? ok({ kind: 'feed-remove', target: target.value }) : target;
    }
    case 'retry': {
      const target = parseTarget(rest, FEED_USAGE.retry);
      return target.ok ? ok({ kind: 'feed-retry', target: target.value }) : target;
    }
    case undefined:
      return err({ code: 'missing_argument', message: '/feed needs add, list, remove or retry.', usage: ALL_USAGE });
    default:
      return err({
        code: 'unknown_command',
        message: `/feed has no "${(args[0] as string).slice(0, 20)}"; use add, list, remove or retry.`,
        usage: ALL_USAGE,
      });
  }
}

const feedArg: OptionShape = {
  type: 'string',
  name: 'feed',
  description: 'Its number from /feed list, or its URL',
  required: true,
};

export const FEED: CommandFamily<FeedCommand> = {
  name: 'feed',
  parse: parseFeedCommand,
  managerKinds: ['feed-add', 'feed-remove', 'feed-retry'],
  help: [
    {
      topic: 'feed',
      usage: FEED_USAGE.add,
      does: 'Follow an RSS or Atom feed in this workspace; it is checked once now, and its current items are stored without alerts.',
      example: '/feed add https://example.com/markets/rss.xml',
    },
    {
      topic: 'feed',
      usage: FEED_USAGE.list,
      does: "This workspace's feeds, with failures and the last error.",
      example: '/feed list',
    },
    { topic: 'feed', usage: FEED_USAGE.remove, does: 'Stop following a feed.', example: '/feed remove 3' },
    {
      topic: 'feed',
      usage: FEED_USAGE.retry,
      does: 'Re-enable a disabled feed and poll it now.',
      example: '/feed retry 3',
    },
  ],
  slack: {
    description: 'News feeds this channel reads (add, list, remove, retry)',
    usageHint: 'add https://example.com/rss.xml | list',
  },
  slash: [
    {
      name: 'feed',
      description: 'Follow RSS/Atom feeds for this server (changes need Manage Channels)',
      managersOnly: true,
      subcommands: [
        {
          name: 'add',
          description: 'Follow a feed',
          options: [
            {
              type: 'string',
              name: 'url',
              description: 'The feed address, https://...',
              required: true,
              maxLength: 2000,
            },
          ],
          toText: (o) => ['/feed add', plainText(o['url'])],
        },
        { name: 'list', description: "This server's feeds, with failures", toText: () => ['/feed list'] },
        {
          name: 'remove',
          description: 'Stop following a feed',
          options: [feedArg],
          toText: (o) => ['/feed remove', plainText(o['feed'])],
        },
        {
          name: 'retry',
          description: 'Re-enable a disabled feed and poll it now',
          options: [feedArg],
          toText: (o) => ['/feed retry', plainText(o['feed'])],
        },
      ],
    },
  ],
};
