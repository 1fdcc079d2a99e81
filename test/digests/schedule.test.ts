import { describe, expect, it } from 'vitest';
import {
  cronFor,
  latestRunAtOrBefore,
  nextRunAfter,
  type DigestSchedule,
} from '../../src/core/calendar/digest-schedule.ts';
import { quietUntil } from '../../src/core/calendar/quiet-hours.ts';

const NY = 'America/New_York';
const daily = (time: string, tradingDaysOnly = true, timezone = NY): DigestSchedule => ({
  cadence: 'daily',
  weekday: null,
  time,
  timezone,
  tradingDaysOnly,
});
const weekly = (weekday: number, time: string, timezone = NY): DigestSchedule => ({
  cadence: 'weekly',
  weekday,
  time,
  timezone,
  tradingDaysOnly: false,
});

describe('digest schedule', () => {
  it.each([
    // DST starts in New York on Sunday 2026-03-08: 08:00 local is 13:00Z before, 12:00Z after.
    [
      'trading days, Friday before the March change',
      daily('08:00'),
      '2026-03-06T00:00:00Z',
      '2026-03-06T13:00:00.000Z',
    ],
    [
      'trading days, skips the weekend and lands after the change',
      daily('08:00'),
      '2026-03-06T14:00:00Z',
      '2026-03-09T12:00:00.000Z',
    ],
    [
      'every day, the Sunday of the change itself',
      daily('08:00', false),
      '2026-03-07T14:00:00Z',
      '2026-03-08T12:00:00.000Z',
    ],
    // 02:30 does not exist on 2026-03-08 in New York: it runs at 03:30 EDT, not skipped and not at 01:30.
    [
      'every day, a time inside the spring-forward gap',
      daily('02:30', false),
      '2026-03-08T00:00:00Z',
      '2026-03-08T07:30:00.000Z',
    ],
    // DST ends on 2026-11-01: 08:00 local is 12:00Z before, 13:00Z after.
    ['every day, the November change', daily('08:00', false), '2026-10-31T13:00:00Z', '2026-11-01T13:00:00.000Z'],
    // 01:30 happens twice on 2026-11-01: it runs at the first one only.
    ['every day, the repeated autumn hour', daily('01:30', false), '2026-11-01T00:00:00Z', '2026-11-01T05:30:00.000Z'],
    [
      'every day, after the repeated hour comes the next day',
      daily('01:30', false),
      '2026-11-01T05:30:00Z',
      '2026-11-02T06:30:00.000Z',
    ],
    // Thanksgiving (2026-11-26) is an NYSE holiday.
    ['trading days skip market holidays', daily('08:00'), '2026-11-25T14:00:00Z', '2026-11-27T13:00:00.000Z'],
    [
      'Independence Day observed on Friday 2026-07-03',
      daily('08:00'),
      '2026-07-02T13:00:00Z',
      '2026-07-06T12:00:00.000Z',
    ],
    [
      'weekly on Monday in London across its March change (2026-03-29)',
      weekly(1, '09:00', 'Europe/London'),
      '2026-03-24T00:00:00Z',
      '2026-03-30T08:00:00.000Z',
    ],
  ])('%s', (_name, schedule, after, expected) => {
    expect(nextRunAfter(schedule, new Date(after)).toISOString()).toBe(expected);
  });

  it('tells a holiday wake-up from a run', () => {
    // The weekday cron wakes on Thanksgiving; the run it belongs to is the day before.
    const latest = latestRunAtOrBefore(daily('08:00'), new Date('2026-11-26T13:00:30Z'));
    expect(latest?.toISOString()).toBe('2026-11-25T13:00:00.000Z');
  });

  it('gives node-cron an expression in local time', () => {
    expect(cronFor(daily('08:05'))).toBe('5 8 * * 1-5');
    expect(cronFor(daily('17:30', false))).toBe('30 17 * * *');
    expect(cronFor(weekly(1, '09:00'))).toBe('0 9 * * 1');
  });
});

describe('quiet hours end', () => {
  it.each([
    ['outside', { start: '22:00', end: '07:00', timezone: 'UTC' }, '2026-03-02T12:00:00Z', null],
    [
      'overnight, before midnight',
      { start: '22:00', end: '07:00', timezone: 'UTC' },
      '2026-03-02T23:00:00Z',
      '2026-03-03T07:00:00.000Z',
    ],
    [
      'overnight, after midnight',
      { start: '22:00', end: '07:00', timezone: 'UTC' },
      '2026-03-03T02:00:00Z',
      '2026-03-03T07:00:00.000Z',
    ],
    [
      'same-day range',
      { start: '12:00', end: '13:30', timezone: 'UTC' },
      '2026-03-02T12:10:00Z',
      '2026-03-02T13:30:00.000Z',
    ],
    // The night DST starts in New York is an hour shorter: 23:00 EST to 07:00 EDT.
    [
      'over the March change',
      { start: '22:00', end: '07:00', timezone: NY },
      '2026-03-08T04:00:00Z',
      '2026-03-08T11:00:00.000Z',
    ],
    [
      'over the November change',
      { start: '22:00', end: '07:00', timezone: NY },
      '2026-11-01T03:00:00Z',
      '2026-11-01T12:00:00.000Z',
    ],
  ])('%s', (_name, quiet, now, expected) => {
    expect(quietUntil(quiet, new Date(now))?.toISOString() ?? null).toBe(expected);
  });
});
