// One command grammar for every platform. Slack slash commands, Discord options and console
// lines are all turned into this text first, parsed here once, and handled once in app/.
import type { Result } from '../types.ts';
import { err, ok } from '../types.ts';
import { parseFeedCommand, type FeedCommand } from './feed.ts';
import { parseDigestCommand, parseQuietCommand, type ScheduleCommand } from './digest.ts';

export const SUMMARY_WINDOWS = ['24h', '7d', '30d'] as const;
export type SummaryWindow = (typeof SUMMARY_WINDOWS)[number];

export type Command =
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
  | { readonly kind: 'watch-unmute'; readonly symbols: readonly string[] }
  | { readonly kind: 'summary'; readonly symbol: string; readonly window: SummaryWindow }
  | { readonly kind: 'help'; readonly topic: string | null }
  | FeedCommand
  | ScheduleCommand;

export type CommandErrorCode =
  | 'empty'
  | 'unknown_command'
  | 'missing_argument'
  | 'unknown_ticker'
  | 'bad_number'
  | 'out_of_range'
  | 'unexpected_argument'
  | 'duplicate_option'
  | 'thresholds_overlap'
  | 'too_many_tickers'
  | 'bad_url';

export interface CommandError {
  readonly code: CommandErrorCode;
  /** What went wrong, in words a user understands. */
  readonly message: string;
  /** What to type instead. */
  readonly usage: string;
}

/** What the parser needs to know about tickers (the ticker universe provides it). */
export interface TickerLookup {
  canonical(symbol: string): string | undefined;
  search(query: string, limit: number): ReadonlyArray<{ readonly symbol: string; readonly name: string }>;
}

export const USAGE = {
  watchAdd: '/watch add <TICKER>[,<TICKER>...] [above <score>] [below <score>] [relevance <0..1>] [cooldown <30m|2h>] [shift <0.05..2>]',
  watchRemove: '/watch remove <TICKER>[,<TICKER>...]',
  watchList: '/watch list',
  watchMute: '/watch mute <TICKER>[,<TICKER>...] [30m|1h|2h|1d] (default 1h)',
  watchUnmute: '/watch unmute <TICKER>[,<TICKER>...]',
  summary: '/summary <TICKER> [24h|7d|30d]',
  help: '/help [watch|summary|digest|quiet]',
} as const;

const MAX_TICKERS = 20;
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const TICKER_TEXT_RE = /^\$?[A-Za-z0-9][A-Za-z0-9.\-/]{0,11}$/;

const fail = (code: CommandErrorCode, message: string, usage: string): Result<never, CommandError> =>
  err({ code, message, usage });

function tokenizeCommand(text: string): string[] {
  return text
    .replace(/[\u00a0\t]/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/\s*,\s*/g, ',')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

function parseTickers(raw: readonly string[], lookup: TickerLookup, usage: string): Result<string[], CommandError> {
  const parts = raw.flatMap((t) => t.split(',')).filter((t) => t.length > 0);
  if (parts.length === 0) return fail('missing_argument', 'Which ticker? Give at least one symbol, like BABA.', usage);
  if (parts.length > MAX_TICKERS) {
    return fail('too_many_tickers', `At most ${MAX_TICKERS} tickers in one command; you gave ${parts.length}.`, usage);
  }
  const out: string[] = [];
  for (const part of parts) {
    const symbol = TICKER_TEXT_RE.test(part) ? lookup.canonical(part) : undefined;
    if (symbol === undefined) {
      const suggestions = TICKER_TEXT_RE.test(part) ? lookup.search(part.replace(/^\$/, ''), 3) : [];
      const hint =
        suggestions.length > 0
          ? ` Did you mean ${suggestions.map((s) => `${s.symbol} (${s.name})`).join(', ')}?`
          : ' Use the exchange symbol, like BABA or BRK.B.';
      return fail('unknown_ticker', `"${part.slice(0, 20)}" is not a ticker I know.${hint}`, usage);
    }
    if (!out.includes(symbol)) out.push(symbol);
  }
  return ok(out);
}

function parseBounded(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  usage: string,
): Result<number, CommandError> {
  if (text === undefined) return fail('missing_argument', `"${name}" needs a number after it, like ${name} ${max === 1 && min === 0 ? '0.5' : '0.3'}.`, usage);
  if (!NUMBER_RE.test(text)) return fail('bad_number', `"${text.slice(0, 20)}" after "${name}" is not a number.`, usage);
  const value = Number(text);
  if (value < min || value > max) {
    const what = min === 0 ? 'a relevance' : 'a sentiment score';
    return fail('out_of_range', `${name} ${text} is out of range: ${what} is between ${min} and ${max}.`, usage);
  }
  return ok(value);
}

function parseWatchAdd(args: readonly string[], lookup: TickerLookup): Result<Command, CommandError> {
  const usage = USAGE.watchAdd;
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
    return fail('thresholds_overlap', `above ${above} matches every story (scores run from -1 to 1). Leave out above to hear about every relevant story, or set a real bar like above 0.3.`, usage);
  }
  if (below !== null && below >= 1) {
    return fail('thresholds_overlap', `below ${below} matches every story (scores run from -1 to 1). Leave out below to hear about every relevant story, or set a real bar like below -0.3.`, usage);
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

function parseCooldown(text: string | undefined, usage: string): Result<number, CommandError> {
  if (text === undefined) return fail('missing_argument', '"cooldown" needs a duration after it, like cooldown 30m.', usage);
  const minutes = parseDuration(text);
  if (minutes === null) return fail('bad_number', `"${text.slice(0, 20)}" is not a duration; use minutes or hours like 15m, 30m, 2h (0m: no bundling).`, usage);
  if (minutes > 1440) return fail('out_of_range', 'A cooldown lasts from 0 minutes to 1 day.', usage);
  return ok(minutes);
}

function parseShift(text: string | undefined, usage: string): Result<number, CommandError> {
  if (text === undefined) return fail('missing_argument', '"shift" needs a number after it, like shift 0.3.', usage);
  if (!NUMBER_RE.test(text)) return fail('bad_number', `"${text.slice(0, 20)}" after "shift" is not a number.`, usage);
  const value = Number(text);
  if (value < 0.05 || value > 2) return fail('out_of_range', `shift ${text} is out of range: a move in average sentiment is between 0.05 and 2.`, usage);
  return ok(value);
}

const DURATION_RE = /^(\d{1,4})(m|min|h|d)$/i;
const MAX_MUTE_MINUTES = 30 * 24 * 60;

/** "30m" | "2h" | "1d" -> minutes, or null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION_RE.exec(text);
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  return unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : n;
}

function parseWatchMute(args: readonly string[], lookup: TickerLookup): Result<Command, CommandError> {
  const usage = USAGE.watchMute;
  const last = args[args.length - 1];
  const minutesGiven = last !== undefined && args.length > 1 ? parseDuration(last) : null;
  const tickerArgs = minutesGiven === null ? args : args.slice(0, -1);
  // "-1h" reads as a duration someone got wrong, not as a ticker named "-1h".
  if (minutesGiven === null && last !== undefined && args.length > 1 && /^-\d/.test(last)) {
    return fail('out_of_range', `"${last.slice(0, 20)}" is negative: a mute lasts from 1 minute to 30 days, like 30m, 2h or 1d.`, usage);
  }
  if (minutesGiven === null && last !== undefined && args.length > 1 && /^\d/.test(last)) {
    return fail('bad_number', `"${last.slice(0, 20)}" is not a duration; use minutes, hours or days like 30m, 2h, 1d.`, usage);
  }
  const minutes = minutesGiven ?? 60;
  if (minutes < 1 || minutes > MAX_MUTE_MINUTES) {
    return fail('out_of_range', 'A mute lasts from 1 minute to 30 days.', usage);
  }
  const tickers = parseTickers(tickerArgs, lookup, usage);
  return tickers.ok ? ok({ kind: 'watch-mute', symbols: tickers.value, minutes }) : tickers;
}

function parseWatch(args: readonly string[], lookup: TickerLookup): Result<Command, CommandError> {
  const usage = [USAGE.watchAdd, USAGE.watchRemove, USAGE.watchList, USAGE.watchMute, USAGE.watchUnmute].join('\n');
  const sub = args[0]?.toLowerCase();
  switch (sub) {
    case 'add':
      return parseWatchAdd(args.slice(1), lookup);
    case 'remove':
    case 'rm':
    case 'delete': {
      const tickers = parseTickers(args.slice(1), lookup, USAGE.watchRemove);
      return tickers.ok ? ok({ kind: 'watch-remove', symbols: tickers.value }) : tickers;
    }
    case 'mute':
      return parseWatchMute(args.slice(1), lookup);
    case 'unmute': {
      const tickers = parseTickers(args.slice(1), lookup, USAGE.watchUnmute);
      return tickers.ok ? ok({ kind: 'watch-unmute', symbols: tickers.value }) : tickers;
    }
    case 'list':
    case 'ls':
      if (args.length > 1) return fail('unexpected_argument', '/watch list takes no arguments.', USAGE.watchList);
      return ok({ kind: 'watch-list' });
    case undefined:
      return fail('missing_argument', '/watch needs add, remove, list, mute or unmute.', usage);
    default:
      return fail('unknown_command', `/watch has no "${(args[0] as string).slice(0, 20)}"; use add, remove, list, mute or unmute.`, usage);
  }
}

function parseSummary(args: readonly string[], lookup: TickerLookup): Result<Command, CommandError> {
  const usage = USAGE.summary;
  if (args.length === 0) return fail('missing_argument', 'Which ticker? Like /summary BABA 7d.', usage);
  if (args.length > 2) return fail('unexpected_argument', '/summary takes one ticker and an optional window.', usage);
  const tickers = parseTickers([args[0] as string], lookup, usage);
  if (!tickers.ok) return tickers;
  if (tickers.value.length !== 1) return fail('unexpected_argument', '/summary takes one ticker at a time.', usage);
  const windowText = (args[1] ?? '24h').toLowerCase();
  const window = SUMMARY_WINDOWS.find((w) => w === windowText);
  if (window === undefined) {
    return fail('unexpected_argument', `"${windowText.slice(0, 20)}" is not a window; use 24h, 7d or 30d.`, usage);
  }
  return ok({ kind: 'summary', symbol: tickers.value[0] as string, window });
}

/** Parses "/watch add BABA below -0.3" (the leading slash is optional). */
export function parseCommand(text: string, lookup: TickerLookup): Result<Command, CommandError> {
  const tokens = tokenizeCommand(text);
  const head = tokens[0]?.replace(/^\//, '').toLowerCase();
  const args = tokens.slice(1);
  switch (head) {
    case undefined:
    case '':
      return fail('empty', 'Type a command.', USAGE.help);
    case 'watch':
      return parseWatch(args, lookup);
    case 'summary':
      return parseSummary(args, lookup);
    case 'feed':
      return parseFeedCommand(args);
    case 'digest':
      return parseDigestCommand(args);
    case 'quiet':
      return parseQuietCommand(args);
    case 'help':
      return ok({ kind: 'help', topic: args[0]?.replace(/^\//, '').toLowerCase() ?? null });
    default:
      return fail('unknown_command', `I don't know the command "${(tokens[0] as string).slice(0, 30)}".`, USAGE.help);
  }
}
