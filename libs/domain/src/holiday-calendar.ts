/**
 * The holiday schedule as data: which days of a year are statutory holidays (computable from
 * the rules below), and the checks a year's schedule must pass before deadlines use it.
 *
 * The statutory holidays (全国年节及纪念日放假办法, as revised in force 2025-01-01, art. 2):
 * New Year's Day (Jan 1), Spring Festival (lunar New Year's Eve and lunar 1st–3rd of the first
 * month), Qingming (the day of the Qingming solar term), Labour Day (May 1–2), Dragon Boat
 * (lunar 5/5), Mid-Autumn (lunar 8/15), National Day (Oct 1–3). Art. 6: a holiday that falls on
 * a Saturday or Sunday is made up on a working day (补假); here, the next weekdays that are
 * not already holidays. What the State Council adds every year (bridging days and the
 * swapped working weekends, 调休) is not computable: a year known only from these rules is
 * provisional (WorkingCalendar.isProvisional).
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Lunar ↔ solar conversion, supplied by the caller (the domain holds no astronomical tables). */
export interface LunarConverter {
  /** The solar date `YYYY-MM-DD` of day `day` of (non-leap) lunar month `month` of lunar year `lunarYear`. */
  lunarToSolar(lunarYear: number, month: number, day: number): string;
  /** The solar date `YYYY-MM-DD` of the Qingming solar term in `year`. */
  qingming(year: number): string;
}

export type StatutoryHolidayName = 'new_year' | 'spring_festival' | 'qingming' | 'labour_day' | 'dragon_boat' | 'mid_autumn' | 'national_day';

export interface StatutoryHoliday {
  date: string;
  name: StatutoryHolidayName;
  /** A make-up day (补假) for a statutory day that fell on a weekend. */
  makeUp: boolean;
}

function dayNumber(iso: string): number {
  const m = ISO_DAY.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The statutory holidays of `year`, with the make-up days for those on a weekend, in date order. */
export function statutoryHolidays(year: number, lunar: LunarConverter): StatutoryHoliday[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const fixed = (m: number, d: number) => dayNumber(`${year}-${pad(m)}-${pad(d)}`);
  const newYear = dayNumber(lunar.lunarToSolar(year, 1, 1));
  const groups: Array<[StatutoryHolidayName, number[]]> = [
    ['new_year', [fixed(1, 1)]],
    ['spring_festival', [newYear - 1, newYear, newYear + 1, newYear + 2]],
    ['qingming', [dayNumber(lunar.qingming(year))]],
    ['labour_day', [fixed(5, 1), fixed(5, 2)]],
    ['dragon_boat', [dayNumber(lunar.lunarToSolar(year, 5, 5))]],
    ['mid_autumn', [dayNumber(lunar.lunarToSolar(year, 8, 15))]],
    ['national_day', [fixed(10, 1), fixed(10, 2), fixed(10, 3)]],
  ];
  const taken = new Set(groups.flatMap(([, days]) => days));
  const out: StatutoryHoliday[] = [];
  for (const [name, days] of groups) {
    for (const d of days) out.push({ date: isoOf(d), name, makeUp: false });
    // Art. 6: each weekend day of the holiday is made up on the next free weekday after it.
    let next = Math.max(...days);
    for (let i = days.filter(isWeekend).length; i > 0; i--) {
      do next++;
      while (isWeekend(next) || taken.has(next));
      taken.add(next);
      out.push({ date: isoOf(next), name, makeUp: true });
    }
  }
  return out.filter((h) => h.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
}

export interface HolidayYearProblem {
  /** The offending field: `year`, `holidays` or `workdays` (with the index, e.g. `holidays[3]`). */
  field: string;
  /** What is wrong, as a stable code (for translated messages). */
  constraint: 'yearRange' | 'isArray' | 'isDate' | 'notInYear' | 'duplicate' | 'holidayAndWorkday';
  message: string;
}

/**
 * What is wrong with a year's schedule, if anything: the year must be a whole number within
 * 1900–2100; every date a real `YYYY-MM-DD` in that year, listed once; no day both a holiday
 * and a working day.
 */
export function holidayYearProblems(y: { year: unknown; holidays: unknown; workdays: unknown }): HolidayYearProblem[] {
  if (typeof y.year !== 'number' || !Number.isInteger(y.year) || y.year < 1900 || y.year > 2100) {
    return [{ field: 'year', constraint: 'yearRange', message: 'year must be a whole number from 1900 to 2100' }];
  }
  const out: HolidayYearProblem[] = [];
  const seen = new Map<string, string>();
  for (const field of ['holidays', 'workdays'] as const) {
    const list = y[field];
    if (!Array.isArray(list)) {
      out.push({ field, constraint: 'isArray', message: `${field} must be a list of dates` });
      continue;
    }
    list.forEach((d: unknown, i: number) => {
      const at = `${field}[${i}]`;
      const m = typeof d === 'string' ? ISO_DAY.exec(d) : null;
      if (!m || isoOf(dayNumber(d as string)) !== d) {
        out.push({ field: at, constraint: 'isDate', message: `${at} must be a real date YYYY-MM-DD` });
        return;
      }
      if (Number(m[1]) !== y.year) {
        out.push({ field: at, constraint: 'notInYear', message: `${at} (${d}) is not in ${y.year}` });
        return;
      }
      const before = seen.get(d as string);
      if (before === field) out.push({ field: at, constraint: 'duplicate', message: `${at} (${d}) is listed twice` });
      else if (before) out.push({ field: at, constraint: 'holidayAndWorkday', message: `${d} is both a holiday and a working day` });
      seen.set(d as string, field);
    });
  }
  return out;
}
