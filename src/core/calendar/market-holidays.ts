// NYSE full-day closures for 2025, 2026 and 2027 (the exchange's published calendar; early
// closes are trading days). Extend the list each year; dates outside it count as open days.
import { isoDate, weekdayOf, type LocalDate } from './zoned-time.ts';

export const MARKET_HOLIDAY_YEARS = [2025, 2026, 2027] as const;

const NYSE_HOLIDAYS: ReadonlySet<string> = new Set([
  // 2025
  '2025-01-01',
  '2025-01-09',
  '2025-01-20',
  '2025-02-17',
  '2025-04-18',
  '2025-05-26',
  '2025-06-19',
  '2025-07-04',
  '2025-09-01',
  '2025-11-27',
  '2025-12-25',
  // 2026
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-04-03',
  '2026-05-25',
  '2026-06-19',
  '2026-07-03',
  '2026-09-07',
  '2026-11-26',
  '2026-12-25',
  // 2027
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-03-26',
  '2027-05-31',
  '2027-06-18',
  '2027-07-05',
  '2027-09-06',
  '2027-11-25',
  '2027-12-24',
]);

export function isMarketHoliday(d: LocalDate): boolean {
  return NYSE_HOLIDAYS.has(isoDate(d));
}

/** Monday to Friday and not an NYSE holiday. */
export function isTradingDay(d: LocalDate): boolean {
  const wd = weekdayOf(d);
  return wd !== 0 && wd !== 6 && !isMarketHoliday(d);
}
