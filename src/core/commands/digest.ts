// /digest daily|weekly|off|now|show: a channel's scheduled digest.
import type { DigestSchedule } from '../calendar/digest-schedule.ts';
import type { Result } from '../types.ts';
import { ok } from '../types.ts';
import { fail, parseClockArg, parseZoneArg, type CommandError } from './grammar.ts';
import { clockOption, clockText, ZONE_OPTION, zoneText } from './options.ts';
import type { CommandFamily } from './spec.ts';

/** A schedule whose zone may still be the channel default (null). */
export type DigestScheduleInput = Omit<DigestSchedule, 'timezone'> & { readonly timezone: string | null };

export type DigestCommand =
  | { readonly kind: 'digest-set'; readonly schedule: DigestScheduleInput }
  | { readonly kind: 'digest-off' }
  | { readonly kind: 'digest-now' }
  | { readonly kind: 'digest-show' };

const USAGE = {
  daily: '/digest daily <HH:MM> [Timezone] [all-days]',
  weekly: '/digest weekly <day> <HH:MM> [Timezone]',
  off: '/digest off',
  now: '/digest now',
} as const;

const DIGEST_USAGE = Object.values(USAGE).join('\n');

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseDigestCommand(args: readonly string[]): Result<DigestCommand, CommandError> {
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
      const usage = USAGE.daily;
      const rest = args.slice(1);
      const allDays = rest.length > 0 && /^all-?days$/i.test(rest[rest.length - 1] as string);
      const positional = allDays ? rest.slice(0, -1) : rest;
      if (positional.length > 2)
        return fail(
          'unexpected_argument',
          '/digest daily takes a time, an optional time zone and optionally all-days.',
          usage,
        );
      const time = parseClockArg(positional[0], usage);
      if (!time.ok) return time;
      const zone = parseZoneArg(positional[1], usage);
      if (!zone.ok) return zone;
      return ok({
        kind: 'digest-set',
        schedule: {
          cadence: 'daily',
          weekday: null,
          time: time.value,
          timezone: zone.value,
          tradingDaysOnly: !allDays,
        },
      });
    }
    case 'weekly': {
      const usage = USAGE.weekly;
      const dayText = args[1]?.toLowerCase();
      if (dayText === undefined) return fail('missing_argument', 'Which day? Like /digest weekly mon 08:00.', usage);
      const weekday = DAYS.indexOf(dayText.slice(0, 3));
      if (weekday === -1 || dayText.length < 3)
        return fail(
          'unexpected_argument',
          `"${dayText.slice(0, 20)}" is not a day; use mon, tue, wed, thu, fri, sat or sun.`,
          usage,
        );
      if (args.length > 4)
        return fail('unexpected_argument', '/digest weekly takes a day, a time and an optional time zone.', usage);
      const time = parseClockArg(args[2], usage);
      if (!time.ok) return time;
      const zone = parseZoneArg(args[3], usage);
      if (!zone.ok) return zone;
      return ok({
        kind: 'digest-set',
        schedule: { cadence: 'weekly', weekday, time: time.value, timezone: zone.value, tradingDaysOnly: false },
      });
    }
    default:
      return fail(
        'unknown_command',
        `/digest has no "${(args[0] as string).slice(0, 20)}"; use daily, weekly, off or now.`,
        DIGEST_USAGE,
      );
  }
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const DIGEST: CommandFamily<DigestCommand> = {
  name: 'digest',
  parse: parseDigestCommand,
  managerKinds: ['digest-set', 'digest-off'],
  help: [
    {
      topic: 'digest',
      usage: USAGE.daily,
      does: "A digest of this channel's watchlist every trading day (weekends and NYSE holidays skipped; all-days includes them) at a local time.",
      example: '/digest daily 08:00 America/New_York',
    },
    {
      topic: 'digest',
      usage: USAGE.weekly,
      does: 'A weekly digest of the last 7 days on one day at a local time.',
      example: '/digest weekly fri 17:00 Europe/London',
    },
    { topic: 'digest', usage: USAGE.off, does: "Stop this channel's digest.", example: '/digest off' },
    { topic: 'digest', usage: USAGE.now, does: 'Show the digest now.', example: '/digest now' },
  ],
  slack: {
    description: "A scheduled digest of this channel's watchlist (daily, weekly, off, now)",
    usageHint: 'daily 08:00 America/New_York | weekly fri 17:00 | off | now',
  },
  slash: [
    {
      name: 'digest',
      description: "This channel's scheduled digest (changes need Manage Channels)",
      managersOnly: true,
      subcommands: [
        {
          name: 'daily',
          description: 'A digest every trading day at this time',
          options: [
            clockOption('time', 'HH:MM, like 08:00'),
            ZONE_OPTION,
            { type: 'boolean', name: 'all_days', description: 'Weekends and holidays too' },
          ],
          toText: (o) => [
            '/digest daily',
            clockText(o['time']),
            zoneText(o['timezone']),
            ...(o['all_days'] === true ? ['all-days'] : []),
          ],
        },
        {
          name: 'weekly',
          description: 'A digest once a week',
          options: [
            { type: 'string', name: 'day', description: 'Which day', required: true, choices: WEEKDAYS },
            clockOption('time', 'HH:MM, like 08:00'),
            ZONE_OPTION,
          ],
          toText: (o) => ['/digest weekly', String(o['day'] ?? ''), clockText(o['time']), zoneText(o['timezone'])],
        },
        { name: 'off', description: 'Stop the digest', toText: () => ['/digest off'] },
        { name: 'now', description: 'Post a digest now', toText: () => ['/digest now'] },
        { name: 'show', description: "This channel's digest schedule", toText: () => ['/digest'] },
      ],
    },
  ],
};
