// /digest and /quiet: per-channel schedules, stored in SQLite.
import type { DigestCommand } from '../core/commands/digest.ts';
import type { QuietCommand } from '../core/commands/quiet.ts';
import { replyMessage, type OutgoingMessage } from '../core/messages.ts';
import { describeSchedule, nextRunAfter } from '../core/calendar/digest-schedule.ts';
import { describeQuietHours } from '../core/calendar/quiet-hours.ts';
import type { ChannelRef } from '../core/types.ts';
import { buildDigestMessage, when, type DigestDeps } from './digest-runner.ts';
import type { DigestRecord, QuietHoursStore } from './ports/storage.ts';
import type { IncomingCommand } from './ports/chat.ts';

export type DigestAndQuietHandler = (
  command: DigestCommand | QuietCommand,
  scope: ChannelRef,
  user: IncomingCommand['user'],
  now: Date,
) => Promise<OutgoingMessage>;

export interface DigestAndQuietDeps extends Omit<DigestDeps, 'outbox' | 'log'> {
  readonly quietHours: QuietHoursStore;
  /** Used when a command names no time zone. */
  readonly defaultTimezone: string;
  /** Keeps the cron jobs in step with the table. */
  readonly onDigestSet?: (digest: DigestRecord) => void;
  readonly onDigestRemoved?: (id: number) => void;
}

export function createDigestAndQuietCommands(deps: DigestAndQuietDeps): DigestAndQuietHandler {
  return async (command, scope, user, now) => {
    switch (command.kind) {
      case 'digest-show': {
        const d = await deps.digests.get(scope);
        if (d === null)
          return replyMessage('No digest is scheduled in this channel.', [
            'Set one with: /digest daily 08:00 America/New_York',
          ]);
        return replyMessage(`Digest: ${describeSchedule(d)}.`, [`Next: ${when(nextRunAfter(d, now), d.timezone)}.`]);
      }
      case 'digest-set': {
        const schedule = { ...command.schedule, timezone: command.schedule.timezone ?? deps.defaultTimezone };
        const d = await deps.digests.set(scope, schedule, user.id, now);
        deps.onDigestSet?.(d);
        return replyMessage(
          `Digest scheduled: ${describeSchedule(d)}.`,
          [
            `First one: ${when(nextRunAfter(d, now), d.timezone)}. Covers this channel's watchlist. /digest now shows one at once.`,
          ],
          { ephemeral: false },
        );
      }
      case 'digest-off': {
        const d = await deps.digests.get(scope);
        if (d === null || !(await deps.digests.remove(scope)))
          return replyMessage('No digest was scheduled in this channel.');
        deps.onDigestRemoved?.(d.id);
        return replyMessage('Digest stopped for this channel.', [], { ephemeral: false });
      }
      case 'digest-now': {
        const digest = await deps.digests.get(scope);
        const timeZone = digest?.timezone ?? (await deps.quietHours.get(scope))?.timezone ?? deps.defaultTimezone;
        return {
          ...(await buildDigestMessage(deps, scope, digest?.cadence ?? 'daily', now, { timeZone })),
          ephemeral: false,
        };
      }
      case 'quiet-show': {
        const q = await deps.quietHours.get(scope);
        if (q === null)
          return replyMessage('No quiet hours in this channel.', [
            'Set them with: /quiet 22:00-07:00 America/New_York',
          ]);
        return replyMessage(`Quiet hours: ${describeQuietHours(q)}.`, [
          'Alerts arriving then are delivered as one bundle when they end.',
        ]);
      }
      case 'quiet-set': {
        const q = { start: command.start, end: command.end, timezone: command.timezone ?? deps.defaultTimezone };
        await deps.quietHours.set(scope, q, now);
        return replyMessage(
          `Quiet hours set: ${describeQuietHours(q)}.`,
          ['Alerts arriving then are held and delivered as one bundle when they end. Digests still go out.'],
          { ephemeral: false },
        );
      }
      case 'quiet-off':
        return (await deps.quietHours.remove(scope))
          ? replyMessage(
              'Quiet hours removed: alerts go out as they come (ones already held go out when those quiet hours would have ended).',
              [],
              { ephemeral: false },
            )
          : replyMessage('This channel had no quiet hours.');
    }
  };
}
