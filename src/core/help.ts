import { USAGE } from './commands/parse.ts';
import { SCHEDULE_USAGE } from './commands/digest.ts';
import { FEED_USAGE } from './commands/feed.ts';
import type { OutgoingMessage } from './messages.ts';

export interface CommandDoc {
  readonly usage: string;
  readonly does: string;
  readonly example: string;
  readonly topic: string;
}

/** The command table: /help prints it and the README copies it. */
export const COMMANDS: readonly CommandDoc[] = [
  {
    topic: 'watch',
    usage: USAGE.watchAdd,
    does: 'Alert this channel about stories on these tickers. above/below are limits on the ticker\'s own sentiment (-1..1): above 0.3 fires on scores >= 0.3, below -0.3 on scores <= -0.3, both on either; neither fires on every relevant story. relevance (0..1) drops passing mentions. cooldown bundles this ticker\'s alerts after the first few into one follow-up per period (0m: never). shift 0.3 alerts when the ticker\'s rolling average sentiment moves 0.3 from its baseline (alone, it fires on shifts only). Adding a watched ticker again replaces its rule.',
    example: '/watch add BABA below -0.3',
  },
  { topic: 'watch', usage: USAGE.watchRemove, does: 'Stop watching these tickers in this channel.', example: '/watch remove BABA' },
  { topic: 'watch', usage: USAGE.watchList, does: "List this channel's rules.", example: '/watch list' },
  { topic: 'watch', usage: USAGE.watchMute, does: 'Hold back alerts for these tickers for a while.', example: '/watch mute BABA 2h' },
  { topic: 'watch', usage: USAGE.watchUnmute, does: 'End a mute now.', example: '/watch unmute BABA' },
  {
    topic: 'summary',
    usage: USAGE.summary,
    does: 'Stories about a ticker in a window (default 24h): count, average sentiment and its trend against the previous window, label mix, most positive and most negative headlines, top sources, and a chart of sentiment over time with story volume (a text sparkline on the console).',
    example: '/summary BABA 7d',
  },
  { topic: 'digest', usage: SCHEDULE_USAGE.digestDaily, does: "A digest of this channel's watchlist every trading day (weekends and NYSE holidays skipped; all-days includes them) at a local time.", example: '/digest daily 08:00 America/New_York' },
  { topic: 'digest', usage: SCHEDULE_USAGE.digestWeekly, does: 'A weekly digest of the last 7 days on one day at a local time.', example: '/digest weekly fri 17:00 Europe/London' },
  { topic: 'digest', usage: SCHEDULE_USAGE.digestOff, does: "Stop this channel's digest.", example: '/digest off' },
  { topic: 'digest', usage: SCHEDULE_USAGE.digestNow, does: 'Show the digest now.', example: '/digest now' },
  { topic: 'quiet', usage: SCHEDULE_USAGE.quiet, does: 'No alerts in this channel during these local hours; what arrives then is delivered as one bundle when they end.', example: '/quiet 22:00-07:00 America/New_York' },
  { topic: 'quiet', usage: SCHEDULE_USAGE.quietOff, does: 'Remove the quiet hours.', example: '/quiet off' },
  { topic: 'feed', usage: FEED_USAGE.add, does: "Follow an RSS or Atom feed in this workspace; it is checked once now, and its current items are stored without alerts.", example: '/feed add https://example.com/markets/rss.xml' },
  { topic: 'feed', usage: FEED_USAGE.list, does: "This workspace's feeds, with failures and the last error.", example: '/feed list' },
  { topic: 'feed', usage: FEED_USAGE.remove, does: 'Stop following a feed.', example: '/feed remove 3' },
  { topic: 'feed', usage: FEED_USAGE.retry, does: 'Re-enable a disabled feed and poll it now.', example: '/feed retry 3' },
  { topic: 'help', usage: USAGE.help, does: 'This list.', example: '/help watch' },
];

function topicFields(): Array<{ name: string; value: string }> {
  const topics = [...new Set(COMMANDS.map((c) => c.topic))];
  return topics.map((t) => ({ name: `/${t}`, value: COMMANDS.filter((c) => c.topic === t).map((c) => c.usage).join('\n') }));
}

export function buildHelpMessage(topic: string | null): OutgoingMessage {
  const docs = topic === null ? COMMANDS : COMMANDS.filter((c) => c.topic === topic);
  const shown = docs.length > 0 ? docs : COMMANDS;
  const lines = shown.map((c) => `${c.usage}\n    ${c.does}\n    e.g. ${c.example}`);
  const prefix = docs.length === 0 && topic !== null ? [`No help on "${topic.slice(0, 20)}"; here is everything.`] : [];
  return {
    kind: 'help',
    title: 'tickerbell commands',
    text: ['tickerbell commands', ...prefix, ...lines].join('\n'),
    // The full list as one field per topic (usages only): every topic fits within Discord's 6,000-character
    // embed, where one field per command cut the list off before /feed. /help <topic> has the details.
    fields: topic === null || docs.length === 0 ? topicFields() : shown.map((c) => ({ name: c.usage, value: `${c.does}\ne.g. ${c.example}` })),
    ...(topic === null || docs.length === 0 ? { footer: '/help <topic> (watch, summary, digest, quiet, feed) explains each command with an example.' } : {}),
    ephemeral: true,
  };
}
