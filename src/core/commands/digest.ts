// /digest daily|weekly|off|now and /quiet: the scheduling part of the command grammar.
import type { DigestSchedule } from '../schedule/digest-schedule.ts';
import { canonicalTimeZone, formatClock, parseClock } from '../schedule/zoned-time.ts';
import type { CommandError } from './parse.ts';
import type { Result } from '../types.ts';
import { err, ok } from '../types.ts';

/** A schedule whose zone may still be the channel default (null). */
export type DigestScheduleInput = Omit<DigestSchedule, 'timezone'> & { readonly timezone: string | null };

export type ScheduleCommand =
  | { readonly kind: 'digest-set'; readonly schedule: DigestScheduleInput }
  | { readonly kind: 'digest-off' }
  | { readonly kind: 'digest-now' }
  | { readonly kind: 'digest-show' }
  | { readonly kind: 'quiet-set'; readonly start: string; readonly end: string; readonly timezone: string | null }
  | { readonly kind: 'quiet-off' }
  | { readonly kind: 'quiet-show' };

export const SCHEDULE_USAGE = {
  digestDaily: '/digest daily <HH:MM> [Timezone] [all-days]',
  digestWeekly: '/digest weekly <day> <HH:MM> [Timezone]',
  digestOff: '/digest off',
  digestNow: '/digest now',
  quiet: '/quiet <HH:MM>-<HH:MM> [Timezone]',
  quietOff: '/quiet off',
} as const;

const DIGEST_USAGE = [SCHEDULE_USAGE.digestDaily, SCHEDULE_USAGE.digestWeekly, SCHEDULE_USAGE.digestOff, SCHEDULE_USAGE.digestNow].join('\n');
const QUIET_USAGE = [SCHEDULE_USAGE.quiet, SCHEDULE_USAGE.quietOff].join('\n');

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const fail = (code: CommandError['code'], message: string, usage: string): Result<never, CommandError> => err({ code, message, usage });

function clockArg(text: string | undefined, usage: string): Result<string, CommandError> {
  if (text === undefined) return fail('missing_argument', 'At what time? Give it as HH:MM, like 08:30.', usage);
  const c = parseClock(text);
  if (c === null) return fail('bad_number', `"${text.slice(0, 20)}" is not a time; use 24-hour HH:MM, like 08:30 or 17:00.`, usage);
  return ok(formatClock(c.hour, c.minute));
}

function zoneArg(text: string | undefined, usage: string): Result<string | null, CommandError> {
  if (text === undefined) return ok(null);
  const zone = canonicalTimeZone(text);
  if (zone === null) return fail('unexpected_argument', `"${text.slice(0, 40)}" is not a time zone I know; use a name like America/New_York, Europe/London or UTC.`, usage);
  return ok(zone);
}

export function parseDigestCommand(args: readonly string[]): Result<ScheduleCommand, CommandError> {
  const sub = args[0]?.toLowerCase();
  switch (sub) {
    case undefined:
    case 'list':
    case 'show':
      return ok({ kind: 'digest-show' });
    case 'off':
    case 'now':
      if (args.length > 1) return fail('unexpected_argument', `/digest ${sub} takes nothing after it.`, DIGEST_USAGE);
      return ok({ kind: sub === 'off' ? 'digest-off' : 'digest-now' });
    case 'daily': {
      const usage = SCHEDULE_USAGE.digestDaily;
      const rest = args.slice(1);
      const allDays = rest.length > 0 && /^all-?days$/i.test(rest[rest.length - 1] as string);
      const positional = allDays ? rest.slice(0, -1) : rest;
      if (positional.length > 2) return fail('unexpected_argument', '/digest daily takes a time, an optional time zone and optionally all-days.', usage);
      const time = clockArg(positional[0], usage);
      if (!time.ok) return time;
      const zone = zoneArg(positional[1], usage);
      if (!zone.ok) return zone;
      return ok({ kind: 'digest-set', schedule: { cadence: 'daily', weekday: null, time: time.value, timezone: zone.value, tradingDaysOnly: !allDays } });
    }
    case 'weekly': {
      const usage = SCHEDULE_USAGE.digestWeekly;
      const dayText = args[1]?.toLowerCase();
      if (dayText === undefined) return fail('missing_argument', 'Which day? Like /digest weekly mon 08:00.', usage);
      const weekday = DAYS.indexOf(dayText.slice(0, 3));
      if (weekday === -1 || dayText.length < 3) return fail('unexpected_argument', `"${dayText.slice(0, 20)}" is not a day; use mon, tue, wed, thu, fri, sat or sun.`, usage);
      if (args.length > 4) return fail('unexpected_argument', '/digest weekly takes a day, a time and an optional time zone.', usage);
      const time = clockArg(args[2], usage);
      if (!time.ok) return time;
      const zone = zoneArg(args[3], usage);
      if (!zone.ok) return zone;
      return ok({ kind: 'digest-set', schedule: { cadence: 'weekly', weekday, time: time.value, timezone: zone.value, tradingDaysOnly: false } });
    }
    default:
      return fail('unknown_command', `/digest has no "${(args[0] as string).slice(0, 20)}"; use daily, weekly, off or now.`, DIGEST_USAGE);
  }
}

export function parseQuietCommand(args: readonly string[]): Result<ScheduleCommand, CommandError> {
  const first = args[0];
  if (first === undefined || /^(list|show)$/i.test(first)) return ok({ kind: 'quiet-show' });
  if (first.toLowerCase() === 'off') {
    return args.length > 1 ? fail('unexpected_argument', '/quiet off takes nothing after it.', QUIET_USAGE) : ok({ kind: 'quiet-off' });
  }
  const range = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(first);
  if (range === null) return fail('bad_number', `"${first.slice(0, 20)}" is not a time range; give it as HH:MM-HH:MM, like 22:00-07:00.`, QUIET_USAGE);
  const start = clockArg(range[1], QUIET_USAGE);
  if (!start.ok) return start;
  const end = clockArg(range[2], QUIET_USAGE);
  if (!end.ok) return end;
  if (start.value === end.value) return fail('out_of_range', 'Quiet hours need a start and an end that differ, like 22:00-07:00.', QUIET_USAGE);
  if (args.length > 2) return fail('unexpected_argument', '/quiet takes a time range and an optional time zone.', QUIET_USAGE);
  const zone = zoneArg(args[1], QUIET_USAGE);
  if (!zone.ok) return zone;
  return ok({ kind: 'quiet-set', start: start.value, end: end.value, timezone: zone.value });
}
