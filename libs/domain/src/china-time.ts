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
