/**
 * China time (UTC+8, no daylight saving): the calendar the deadlines, notices and documents are
 * written in. One place for the offset, instead of `+ 8 * 3600_000` in every file that needs it.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** The moment as China's wall clock, read with the getUTC* methods. */
export function chinaWallClock(at: Date): Date {
  return new Date(at.getTime() + CHINA_OFFSET_MS);
}

/** The calendar date in China, YYYY-MM-DD. */
export function chinaDateOf(at: Date): string {
  return chinaWallClock(at).toISOString().slice(0, 10);
}

/** A moment as a Chinese date-time: 2026年3月2日 09:00. */
export function chinaDateTimeZh(at: Date): string {
  const d = chinaWallClock(at);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

type Instant = Date | string | number;
const toDate = (at: Instant): Date => (at instanceof Date ? at : new Date(at));
const DAY_MS = 24 * 3600_000;

/** The year in China of an instant (a deadline at 23:59:59.999 China time on 31 Dec stays in its year). */
export function chinaYearOf(at: Instant): number {
  return chinaWallClock(toDate(at)).getUTCFullYear();
}

/** A moment as a Chinese date: 2026年3月2日. */
export function chinaDateZh(at: Instant): string {
  const d = chinaWallClock(toDate(at));
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A moment in China time to the minute: 2026-03-02 09:00. */
export function chinaMinuteOf(at: Instant): string {
  return chinaWallClock(toDate(at)).toISOString().slice(0, 16).replace('T', ' ');
}

/** Whole calendar days from one date to another (both YYYY-MM-DD). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Days left until a date, counted in China calendar days: 0 on the day itself, negative after. */
export function chinaDaysUntil(date: string, now: Instant): number {
  return calendarDaysBetween(chinaDateOf(toDate(now)), date);
}

/** The end of a China calendar date (24:00 China time = 16:00 UTC). */
export function chinaEndOfDate(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CHINA_OFFSET_MS);
}
