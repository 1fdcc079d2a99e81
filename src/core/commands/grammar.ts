// What every family's grammar shares: the error lane, the ticker lookup, tokens, tickers and durations.
import type { Result } from '../types.ts';
import { err, ok } from '../types.ts';
import { canonicalTimeZone, formatClock, parseClock } from '../calendar/zoned-time.ts';

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

const MAX_TICKERS = 20;
export const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const TICKER_TEXT_RE = /^\$?[A-Za-z0-9][A-Za-z0-9.\-/]{0,11}$/;

export const fail = (code: CommandErrorCode, message: string, usage: string): Result<never, CommandError> =>
  err({ code, message, usage });

export function tokenizeCommand(text: string): string[] {
  return text
    .replace(/[\u00a0\t]/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/\s*,\s*/g, ',')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

export function parseTickers(
  raw: readonly string[],
  lookup: TickerLookup,
  usage: string,
): Result<string[], CommandError> {
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

const DURATION_RE = /^(\d{1,4})(m|min|h|d)$/i;

/** "30m" | "2h" | "1d" -> minutes, or null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION_RE.exec(text);
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  return unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : n;
}

export function parseClockArg(text: string | undefined, usage: string): Result<string, CommandError> {
  if (text === undefined) return fail('missing_argument', 'At what time? Give it as HH:MM, like 08:30.', usage);
  const c = parseClock(text);
  if (c === null)
    return fail('bad_number', `"${text.slice(0, 20)}" is not a time; use 24-hour HH:MM, like 08:30 or 17:00.`, usage);
  return ok(formatClock(c.hour, c.minute));
}

export function parseZoneArg(text: string | undefined, usage: string): Result<string | null, CommandError> {
  if (text === undefined) return ok(null);
  const zone = canonicalTimeZone(text);
  if (zone === null)
    return fail(
      'unexpected_argument',
      `"${text.slice(0, 40)}" is not a time zone I know; use a name like America/New_York, Europe/London or UTC.`,
      usage,
    );
  return ok(zone);
}
