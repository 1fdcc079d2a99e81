// /watch add|remove|list|mute|unmute: a channel's watchlist.
import type { Result } from '../types.ts';
import { ok } from '../types.ts';
import { fail, NUMBER_RE, parseDuration, parseTickers, type CommandError, type TickerLookup } from './grammar.ts';
import { numberText, tickerText } from './options.ts';
import type { CommandFamily, OptionShape } from './spec.ts';

export type WatchCommand =
  | {
      readonly kind: 'watch-add';
      readonly symbols: readonly string[];
      readonly above: number | null;
      readonly below: number | null;
      readonly minRelevance: number | null;
      /** Bundle this ticker's alerts inside this many minutes (absent: the default). */
      readonly cooldownMinutes?: number;
      /** Alert when the rolling average sentiment moves this far from its baseline. */
      readonly shift?: number;
    }
  | { readonly kind: 'watch-remove'; readonly symbols: readonly string[] }
  | { readonly kind: 'watch-list' }
  | { readonly kind: 'watch-mute'; readonly symbols: readonly string[]; readonly minutes: number }
  | { readonly kind: 'watch-unmute'; readonly symbols: readonly string[] };

export const WATCH_USAGE = {
  add: '/watch add <TICKER>[,<TICKER>...] [above <score>] [below <score>] [relevance <0..1>] [cooldown <30m|2h>] [shift <0.05..2>]',
  remove: '/watch remove <TICKER>[,<TICKER>...]',
  list: '/watch list',
  mute: '/watch mute <TICKER>[,<TICKER>...] [30m|1h|2h|1d] (default 1h)',
  unmute: '/watch unmute <TICKER>[,<TICKER>...]',
} as const;

export const MUTE_DURATIONS = ['30m', '1h', '2h', '1d'] as const;
export const COOLDOWNS = ['0m', '15m', '30m', '1h', '2h', '6h'] as const;
const MAX_MUTE_MINUTES = 30 * 24 * 60;

function parseBounded(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  usage: string,
): Result<number, CommandError> {
  if (text === undefined)
    return fail(
      'missing_argument',
      `"${name}" needs a number after it, like ${name} ${max === 1 && min === 0 ? '0.5' : '0.3'}.`,
      usage,
    );
  if (!NUMBER_RE.test(text))
    return fail('bad_number', `"${text.slice(0, 20)}" after "${name}" is not a number.`, usage);
  const value = Number(text);
  if (value < min || value > max) {
    const what = min === 0 ? 'a relevance' : 'a sentiment score';
    return fail('out_of_range', `${name} ${text} is out of range: ${what} is between ${min} and ${max}.`, usage);
  }
  return ok(value);
}

function parseCooldown(text: string | undefined, usage: string): Result<number, CommandError> {
  if (text === undefined)
    return fail('missing_argument', '"cooldown" needs a duration after it, like cooldown 30m.', usage);
  const minutes = parseDuration(text);
  if (minutes === null)
    return fail(
      'bad_number',
      `"${text.slice(0, 20)}" is not a duration; use minutes or hours like 15m, 30m, 2h (0m: no bundling).`,
      usage,
    );
  if (minutes > 1440) return fail('out_of_range', 'A cooldown lasts from 0 minutes to 1 day.', usage);
  return ok(minutes);
}

function parseShift(text: string | undefined, usage: string): Result<number, CommandError> {
  if (text === undefined) return fail('missing_argument', '"shift" needs a number after it, like shift 0.3.', usage);
  if (!NUMBER_RE.test(text)) return fail('bad_number', `"${text.slice(0, 20)}" after "shift" is not a number.`, usage);
  const value = Number(text);
  if (value < 0.05 || value > 2)
    return fail(
      'out_of_range',
      `shift ${text} is out of range: a move in average sentiment is between 0.05 and 2.`,
      usage,
    );
  return ok(value);
}

function parseWatchAdd(args: readonly string[], lookup: TickerLookup): Result<WatchCommand, CommandError> {
  const usage = WATCH_USAGE.add;
  const keywords = new Set(['above', 'below', 'relevance', 'cooldown', 'shift']);
  const firstKeyword = args.findIndex((a) => keywords.has(a.toLowerCase()));
  const tickerArgs = firstKeyword === -1 ? args : args.slice(0, firstKeyword);
  const tickers = parseTickers(tickerArgs, lookup, usage);
  if (!tickers.ok) return tickers;
  const options: Record<string, number> = {};
  const rest = firstKeyword === -1 ? [] : args.slice(firstKeyword);
  for (let i = 0; i < rest.length; i += 2) {
    const key = (rest[i] as string).toLowerCase();
    if (!keywords.has(key)) {
      return fail('unexpected_argument', `I don't understand "${(rest[i] as string).slice(0, 20)}" here.`, usage);
    }
    if (key in options) return fail('duplicate_option', `"${key}" is given twice.`, usage);
    const parsed =
      key === 'cooldown'
        ? parseCooldown(rest[i + 1], usage)
        : key === 'shift'
          ? parseShift(rest[i + 1], usage)
          : key === 'relevance'
            ? parseBounded(key, rest[i + 1], 0, 1, usage)
            : parseBounded(key, rest[i + 1], -1, 1, usage);
    if (!parsed.ok) return parsed;
    options[key] = parsed.value;
  }
  const above = options['above'] ?? null;
  const below = options['below'] ?? null;
  // Scores run from -1 to 1, so these limits let every story through: almost surely a sign slip.
  if (above !== null && above <= -1) {
    return fail(
      'thresholds_overlap',
      `above ${above} matches every story (scores run from -1 to 1). Leave out above to hear about every relevant story, or set a real bar like above 0.3.`,
      usage,
    );
  }
  if (below !== null && below >= 1) {
    return fail(
      'thresholds_overlap',
      `below ${below} matches every story (scores run from -1 to 1). Leave out below to hear about every relevant story, or set a real bar like below -0.3.`,
      usage,
    );
  }
  if (above !== null && below !== null && below >= above) {
    return fail(
      'thresholds_overlap',
      `above ${above} together with below ${below} would match every story. To hear about big moves either way, use a higher above and a lower below, like above 0.3 below -0.3.`,
      usage,
    );
  }
  const cooldown = options['cooldown'];
  const shift = options['shift'];
  return ok({
    kind: 'watch-add',
    symbols: tickers.value,
    above,
    below,
    minRelevance: options['relevance'] ?? null,
    ...(cooldown !== undefined ? { cooldownMinutes: cooldown } : {}),
    ...(shift !== undefined ? { shift } : {}),
  });
}

function parseWatchMute(args: readonly string[], lookup: TickerLookup): Result<WatchCommand, CommandError> {
  const usage = WATCH_USAGE.mute;
  const last = args[args.length - 1];
  const minutesGiven = last !== undefined && args.length > 1 ? parseDuration(last) : null;
  const tickerArgs = minutesGiven === null ? args : args.slice(0, -1);
  // "-1h" reads as a duration someone got wrong, not as a ticker named "-1h".
  if (minutesGiven === null && last !== undefined && args.length > 1 && /^-\d/.test(last)) {
    return fail(
      'out_of_range',
      `"${last.slice(0, 20)}" is negative: a mute lasts from 1 minute to 30 days, like 30m, 2h or 1d.`,
      usage,
    );
  }
  if (minutesGiven === null && last !== undefined && args.length > 1 && /^\d/.test(last)) {
    return fail(
      'bad_number',
      `"${last.slice(0, 20)}" is not a duration; use minutes, hours or days like 30m, 2h, 1d.`,
      usage,
    );
  }
  const minutes = minutesGiven ?? 60;
  if (minutes < 1 || minutes > MAX_MUTE_MINUTES) {
    return fail('out_of_range', 'A mute lasts from 1 minute to 30 days.', usage);
  }
  const tickers = parseTickers(tickerArgs, lookup, usage);
  return tickers.ok ? ok({ kind: 'watch-mute', symbols: tickers.value, minutes }) : tickers;
}

function parseWatch(args: readonly string[], lookup: TickerLookup): Result<WatchCommand, CommandError> {
  const usage = Object.values(WATCH_USAGE).join('\n');
  const sub = args[0]?.toLowerCase();
  switch (sub) {
    case 'add':
      return parseWatchAdd(args.slice(1), lookup);
    case 'remove':
    case 'rm':
    case 'delete': {
      const tickers = parseTickers(args.slice(1), lookup, WATCH_USAGE.remove);
      return tickers.ok ? ok({ kind: 'watch-remove', symbols: tickers.value }) : tickers;
    }
    case 'mute':
      return parseWatchMute(args.slice(1), lookup);
    case 'unmute': {
      const tickers = parseTickers(args.slice(1), lookup, WATCH_USAGE.unmute);
      return tickers.ok ? ok({ kind: 'watch-unmute', symbols: tickers.value }) : tickers;
    }
    case 'list':
    case 'ls':
      if (args.length > 1) return fail('unexpected_argument', '/watch list takes no arguments.', WATCH_USAGE.list);
      return ok({ kind: 'watch-list' });
    case undefined:
      return fail('missing_argument', '/watch needs add, remove, list, mute or unmute.', usage);
    default:
      return fail(
        'unknown_command',
        `/watch has no "${(args[0] as string).slice(0, 20)}"; use add, remove, list, mute or unmute.`,
        usage,
      );
  }
}

const ticker = (description: string): OptionShape => ({
  type: 'string',
  name: 'ticker',
  description,
  required: true,
  autocomplete: true,
  maxLength: 100,
});

export const WATCH: CommandFamily<WatchCommand> = {
  name: 'watch',
  parse: parseWatch,
  managerKinds: ['watch-add', 'watch-remove', 'watch-mute', 'watch-unmute'],
  help: [
    {
      topic: 'watch',
      usage: WATCH_USAGE.add,
      does: "Alert this channel about stories on these tickers. above/below are limits on the ticker's own sentiment (-1..1): above 0.3 fires on scores >= 0.3, below -0.3 on scores <= -0.3, both on either; neither fires on every relevant story. relevance (0..1) drops passing mentions. cooldown bundles this ticker's alerts after the first few into one follow-up per period (0m: never). shift 0.3 alerts when the ticker's rolling average sentiment moves 0.3 from its baseline (alone, it fires on shifts only). Adding a watched ticker again replaces its rule.",
      example: '/watch add BABA below -0.3',
    },
    {
      topic: 'watch',
      usage: WATCH_USAGE.remove,
      does: 'Stop watching these tickers in this channel.',
      example: '/watch remove BABA',
    },
    { topic: 'watch', usage: WATCH_USAGE.list, does: "List this channel's rules.", example: '/watch list' },
    {
      topic: 'watch',
      usage: WATCH_USAGE.mute,
      does: 'Hold back alerts for these tickers for a while.',
      example: '/watch mute BABA 2h',
    },
    { topic: 'watch', usage: WATCH_USAGE.unmute, does: 'End a mute now.', example: '/watch unmute BABA' },
  ],
  slack: {
    description: 'Watch tickers in this channel (add, remove, list, mute, unmute)',
    usageHint: 'add BABA below -0.3 | remove BABA | list | mute BABA 1h | unmute BABA',
  },
  slash: [
    {
      name: 'watch',
      description: "Change this channel's watchlist (needs Manage Channels)",
      managersOnly: true,
      subcommands: [
        {
          name: 'add',
          description: 'Alert this channel about stories on these tickers',
          options: [
            ticker('One ticker, or several separated by commas (BABA, TSLA)'),
            {
              type: 'number',
              name: 'above',
              description: 'Fire when the ticker sentiment is at least this (-1..1)',
              min: -1,
              max: 1,
            },
            {
              type: 'number',
              name: 'below',
              description: 'Fire when the ticker sentiment is at most this (-1..1)',
              min: -1,
              max: 1,
            },
            {
              type: 'number',
              name: 'relevance',
              description: 'Skip stories less about the company than this (0..1)',
              min: 0,
              max: 1,
            },
            {
              type: 'string',
              name: 'cooldown',
              description: 'Bundle alerts on a ticker that arrive within this long (0m: never bundle)',
              choices: COOLDOWNS,
            },
            {
              type: 'number',
              name: 'shift',
              description: 'Also alert when the average sentiment moves this much (0.05..2)',
              min: 0.05,
              max: 2,
            },
          ],
          toText: (o) => {
            const parts = ['/watch add', tickerText(o['ticker'])];
            for (const key of ['above', 'below', 'relevance', 'shift'] as const) {
              const v = o[key];
              if (typeof v === 'number') parts.push(key, numberText(v));
            }
            if (typeof o['cooldown'] === 'string') parts.push('cooldown', o['cooldown']);
            return parts;
          },
        },
        {
          name: 'remove',
          description: 'Stop watching these tickers here',
          options: [ticker('Ticker(s) to stop watching')],
          toText: (o) => ['/watch remove', tickerText(o['ticker'])],
        },
        {
          name: 'mute',
          description: 'Hold back alerts for these tickers for a while',
          options: [
            ticker('Ticker(s) to mute'),
            { type: 'string', name: 'duration', description: 'How long (default 1h)', choices: MUTE_DURATIONS },
          ],
          toText: (o) => [
            '/watch mute',
            tickerText(o['ticker']),
            ...(typeof o['duration'] === 'string' ? [o['duration']] : []),
          ],
        },
        {
          name: 'unmute',
          description: 'End a mute now',
          options: [ticker('Ticker(s) to unmute')],
          toText: (o) => ['/watch unmute', tickerText(o['ticker'])],
        },
        { name: 'list', description: "List this channel's rules", toText: () => ['/watch list'] },
      ],
    },
    // Discord cannot give one subcommand other permissions than its siblings, so the read-only
    // list lives twice: /watch list for managers, /watchlist for everyone.
    {
      name: 'watchlist',
      description: 'List the tickers watched in this channel',
      managersOnly: false,
      toText: () => ['/watch list'],
    },
  ],
};
