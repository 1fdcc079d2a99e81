// /quiet <HH:MM>-<HH:MM>|off|show: hours in which a channel's alerts wait.
import type { Result } from '../types.ts';
import { ok } from '../types.ts';
import { fail, parseClockArg, parseZoneArg, type CommandError } from './grammar.ts';
import { clockOption, clockText, ZONE_OPTION, zoneText } from './options.ts';
import type { CommandFamily } from './spec.ts';

export type QuietCommand =
  | { readonly kind: 'quiet-set'; readonly start: string; readonly end: string; readonly timezone: string | null }
  | { readonly kind: 'quiet-off' }
  | { readonly kind: 'quiet-show' };

const USAGE = {
  set: '/quiet <HH:MM>-<HH:MM> [Timezone]',
  off: '/quiet off',
} as const;

const QUIET_USAGE = Object.values(USAGE).join('\n');

function parseQuietCommand(args: readonly string[]): Result<QuietCommand, CommandError> {
  const first = args[0];
  if (first === undefined || /^(list|show)$/i.test(first)) return ok({ kind: 'quiet-show' });
  if (first.toLowerCase() === 'off') {
    return args.length > 1
      ? fail('unexpected_argument', '/quiet off takes nothing after it.', QUIET_USAGE)
      : ok({ kind: 'quiet-off' });
  }
  const range = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(first);
  if (range === null)
    return fail(
      'bad_number',
      `"${first.slice(0, 20)}" is not a time range; give it as HH:MM-HH:MM, like 22:00-07:00.`,
      QUIET_USAGE,
    );
  const start = parseClockArg(range[1], QUIET_USAGE);
  if (!start.ok) return start;
  const end = parseClockArg(range[2], QUIET_USAGE);
  if (!end.ok) return end;
  if (start.value === end.value)
    return fail('out_of_range', 'Quiet hours need a start and an end that differ, like 22:00-07:00.', QUIET_USAGE);
  if (args.length > 2)
    return fail('unexpected_argument', '/quiet takes a time range and an optional time zone.', QUIET_USAGE);
  const zone = parseZoneArg(args[1], QUIET_USAGE);
  if (!zone.ok) return zone;
  return ok({ kind: 'quiet-set', start: start.value, end: end.value, timezone: zone.value });
}

export const QUIET: CommandFamily<QuietCommand> = {
  name: 'quiet',
  parse: parseQuietCommand,
  managerKinds: ['quiet-set', 'quiet-off'],
  help: [
    {
      topic: 'quiet',
      usage: USAGE.set,
      does: 'No alerts in this channel during these local hours; what arrives then is delivered as one bundle when they end.',
      example: '/quiet 22:00-07:00 America/New_York',
    },
    { topic: 'quiet', usage: USAGE.off, does: 'Remove the quiet hours.', example: '/quiet off' },
  ],
  slack: {
    description: "Quiet hours for this channel's alerts (bundled when they end)",
    usageHint: '22:00-07:00 America/New_York | off',
  },
  slash: [
    {
      name: 'quiet',
      description: 'Quiet hours: alerts wait until they end (changes need Manage Channels)',
      managersOnly: true,
      subcommands: [
        {
          name: 'set',
          description: 'Hold alerts between these times',
          options: [
            clockOption('from', 'Start, HH:MM, like 22:00'),
            clockOption('to', 'End, HH:MM, like 07:00'),
            ZONE_OPTION,
          ],
          toText: (o) => ['/quiet', `${clockText(o['from'])}-${clockText(o['to'])}`, zoneText(o['timezone'])],
        },
        { name: 'off', description: 'No quiet hours', toText: () => ['/quiet off'] },
        { name: 'show', description: "This channel's quiet hours", toText: () => ['/quiet'] },
      ],
    },
  ],
};
