// Wall-clock time in an IANA zone, computed with Intl only (pure: no clock, no I/O). Digests and
// quiet hours are set in local time, so every conversion must survive DST changes.

export interface LocalDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
}

export interface LocalParts extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday .. 6 = Saturday */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The regions of IANA's geographic names; legacy links (US/Eastern, Canada/Pacific) sit outside them. */
const REGIONS = /^(?:africa|america|antarctica|arctic|asia|atlantic|australia|europe|indian|pacific)\//i;

/**
 * The name to store and show for a zone ("america/new_york" -> "America/New_York"), or null when unknown.
 * ICU resolves some of today's IANA names to their old links (Asia/Kolkata -> Asia/Calcutta, Europe/Kyiv
 * -> Europe/Kiev), so a geographic name keeps the user's spelling (capitalised if typed in one case).
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (resolved.toLowerCase() === name.toLowerCase() || !REGIONS.test(name)) return resolved;
  const oneCase = name === name.toLowerCase() || name === name.toUpperCase();
  return oneCase
    ? name.toLowerCase().replace(/(^|[/_-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase())
    : name;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a spring-forward change
 * (02:30 on the March change in New York) moves forward by the gap (03:30); a time that happens
 * twice in the autumn is the first one.
 */
export function zonedTime(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const offsetAt = (t: number): number => {
    const p = localParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(t / 60_000) * 60_000;
  };
  // Offsets a day either side of the wall time cover both sides of any change on that day.
  const candidates = [...new Set([offsetAt(wall - 86_400_000), offsetAt(wall), offsetAt(wall + 86_400_000)])].map(
    (o) => wall - o,
  );
  const exact = candidates
    .filter((t) => {
      const p = localParts(new Date(t), timeZone);
      return (
        p.year === date.year && p.month === date.month && p.day === date.day && p.hour === hour && p.minute === minute
      );
    })
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  return new Date(Math.max(...candidates));
}

/** The calendar date n days after d (n may be negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function weekdayOf(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function isoDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const HHMM_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "08:30" -> { hour: 8, minute: 30 }, or null. */
export function parseClock(text: string): { hour: number; minute: number } | null {
  const m = HHMM_RE.exec(text);
  return m === null ? null : { hour: Number(m[1]), minute: Number(m[2]) };
}

export function formatClock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
