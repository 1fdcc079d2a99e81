// When a channel's digest runs. The cron job only wakes the bot up; which run a wake-up belongs
// to (and whether it is one at all: a holiday, a repeated autumn hour) is decided here.
import { isTradingDay } from './market-holidays.ts';
import { addDays, formatClock, localParts, parseClock, zonedTime, type LocalDate } from './zoned-time.ts';

export type DigestCadence = 'daily' | 'weekly';

export interface DigestSchedule {
  readonly cadence: DigestCadence;
  /** 0 = Sunday .. 6 = Saturday; weekly digests only. */
  readonly weekday: number | null;
  /** "HH:MM", local to timezone. */
  readonly time: string;
  readonly timezone: string;
  /** Daily digests skip weekends and NYSE holidays. */
  readonly tradingDaysOnly: boolean;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function runsOn(s: DigestSchedule, date: LocalDate): boolean {
  const wd = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  if (s.cadence === 'weekly') return wd === s.weekday;
  return s.tradingDaysOnly ? isTradingDay(date) : true;
}

function runAt(s: DigestSchedule, date: LocalDate): Date {
  const clock = parseClock(s.time) ?? { hour: 0, minute: 0 };
  return zonedTime(date, clock.hour, clock.minute, s.timezone);
}

/** The first run strictly after `after`. */
export function nextRunAfter(s: DigestSchedule, after: Date): Date {
  const today = localParts(after, s.timezone);
  // Two weeks always holds a run: holidays never cover a whole week.
  for (let i = -1; i < 15; i += 1) {
    const date = addDays(today, i);
    if (!runsOn(s, date)) continue;
    const at = runAt(s, date);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no digest run within two weeks of ${after.toISOString()}`);
}

/** The last run at or before `at`, or null when none in the last two weeks. */
export function latestRunAtOrBefore(s: DigestSchedule, at: Date): Date | null {
  const today = localParts(at, s.timezone);
  for (let i = 1; i > -15; i -= 1) {
    const date = addDays(today, i);
    if (!runsOn(s, date)) continue;
    const t = runAt(s, date);
    if (t.getTime() <= at.getTime()) return t;
  }
  return null;
}

/**
 * The node-cron expression (with the zone passed as its timezone option). It may wake on days
 * with no run (holidays); latestRunAtOrBefore tells a real run from those.
 */
export function cronFor(s: DigestSchedule): string {
  const clock = parseClock(s.time) ?? { hour: 0, minute: 0 };
  const days = s.cadence === 'weekly' ? String(s.weekday ?? 1) : s.tradingDaysOnly ? '1-5' : '*';
  return `${clock.minute} ${clock.hour} * * ${days}`;
}

export function describeSchedule(s: DigestSchedule): string {
  const clock = parseClock(s.time);
  const time = clock === null ? s.time : formatClock(clock.hour, clock.minute);
  if (s.cadence === 'weekly') return `every ${WEEKDAY_NAMES[s.weekday ?? 1]} at ${time} ${s.timezone}`;
  return `${s.tradingDaysOnly ? 'every trading day (no weekends or NYSE holidays)' : 'every day'} at ${time} ${s.timezone}`;
}
