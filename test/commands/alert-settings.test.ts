import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.ts';
import { universe } from '../alerts/harness.ts';

describe('grammar for cooldowns, shifts, digests and quiet hours', () => {
  // Today's IANA names are kept as the user wrote them, not turned into ICU's old links (Asia/Calcutta).
  it.each([
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['ASIA/HO_CHI_MINH', 'Asia/Ho_Chi_Minh'],
    ['us/eastern', 'America/New_York'],
  ])('/digest daily 8:05 %s keeps the zone as %s', (typed, shown) => {
    const parsed = parseCommand(`/digest daily 8:05 ${typed}`, universe);
    expect(parsed.ok && parsed.value.kind === 'digest-set' ? parsed.value.schedule.timezone : parsed).toBe(shown);
  });

  it.each([
    [
      '/watch add BABA cooldown 30m',
      { kind: 'watch-add', symbols: ['BABA'], above: null, below: null, minRelevance: null, cooldownMinutes: 30 },
    ],
    [
      '/watch add BABA below -0.3 cooldown 2h',
      { kind: 'watch-add', symbols: ['BABA'], above: null, below: -0.3, minRelevance: null, cooldownMinutes: 120 },
    ],
    [
      '/watch add BABA shift 0.3',
      { kind: 'watch-add', symbols: ['BABA'], above: null, below: null, minRelevance: null, shift: 0.3 },
    ],
    [
      '/digest daily 8:05 america/new_york',
      {
        kind: 'digest-set',
        schedule: {
          cadence: 'daily',
          weekday: null,
          time: '08:05',
          timezone: 'America/New_York',
          tradingDaysOnly: true,
        },
      },
    ],
    [
      '/digest daily 18:00 UTC all-days',
      {
        kind: 'digest-set',
        schedule: { cadence: 'daily', weekday: null, time: '18:00', timezone: 'UTC', tradingDaysOnly: false },
      },
    ],
    [
      '/digest weekly Friday 17:00',
      {
        kind: 'digest-set',
        schedule: { cadence: 'weekly', weekday: 5, time: '17:00', timezone: null, tradingDaysOnly: false },
      },
    ],
    ['/digest off', { kind: 'digest-off' }],
    ['/digest now', { kind: 'digest-now' }],
    [
      '/quiet 22:00-07:00 Europe/London',
      { kind: 'quiet-set', start: '22:00', end: '07:00', timezone: 'Europe/London' },
    ],
    ['/quiet off', { kind: 'quiet-off' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text, universe)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['/watch add BABA cooldown soon', 'bad_number', 'is not a duration'],
    ['/watch add BABA cooldown 3d', 'out_of_range', 'from 0 minutes to 1 day'],
    ['/watch add BABA shift 5', 'out_of_range', 'between 0.05 and 2'],
    ['/watch add BABA shift', 'missing_argument', 'shift 0.3'],
    ['/digest hourly 08:00', 'unknown_command', 'use daily, weekly, off or now'],
    ['/quiet 07:00-07:00', 'out_of_range', 'differ'],
  ])('%s is refused with a hint', (text, code, hint) => {
    const parsed = parseCommand(text, universe);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message).toContain(hint);
  });
});
