// Quiet hours: a daily local time range in which a channel gets no alerts. What arrives then
// is delivered as one bundle when they end.
import { addDays, localParts, parseClock, zonedTime } from './zoned-time.ts';

export interface QuietHours {
  /** "HH:MM" local; after end means the range crosses midnight. */
  readonly start: string;
  readonly end: string;
  readonly timezone: string;
}

/** When the quiet hours around `now` end, or null when `now` is outside them. */
export function quietUntil(q: QuietHours, now: Date): Date | null {
  const s = parseClock(q.start);
  const e = parseClock(q.end);
  if (s === null || e === null) return null;
  const p = localParts(now, q.timezone);
  const m = p.hour * 60 + p.minute;
  const sm = s.hour * 60 + s.minute;
  const em = e.hour * 60 + e.minute;
  if (sm === em) return null;
  const inside = sm < em ? m >= sm && m < em : m >= sm || m < em;
  if (!inside) return null;
  const endDate = sm > em && m >= sm ? addDays(p, 1) : p;
  const end = zonedTime(endDate, e.hour, e.minute, q.timezone);
  // A DST change inside the range can put the computed end at or before now; never wait on that.
  return end.getTime() > now.getTime() ? end : new Date(now.getTime() + 60_000);
}

export function describeQuietHours(q: QuietHours): string {
  return `${q.start}-${q.end} ${q.timezone}`;
}
