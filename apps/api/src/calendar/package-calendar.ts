import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import packageDays from 'chinese-days/dist/chinese-days.json';
import { statutoryHolidays, type HolidayYear, type LunarConverter, type StatutoryHoliday } from '@tiaojie/domain';

/**
 * What the installed chinese-days package knows: the State Council's published schedules
 * (holidays and 调休 working days) for the years it covers, and lunar conversion, from which the
 * statutory holidays of any year follow (libs/domain holiday-calendar).
 */

const pad = (n: number) => String(n).padStart(2, '0');

export const LUNAR: LunarConverter = {
  lunarToSolar: (y, m, d) => getSolarDateFromLunar(`${y}-${pad(m)}-${pad(d)}`).date,
  qingming: (y) => getSolarTermDate(y, 4, 'pure_brightness'),
};

const statutoryCache = new Map<number, StatutoryHoliday[]>();

/** The statutory holidays of `year` (with art. 6 make-up days), cached; none outside the lunar tables' 1900–2100. */
export function statutoryOf(year: number): StatutoryHoliday[] {
  if (!(year >= 1901 && year <= 2100)) return [];
  let s = statutoryCache.get(year);
  if (!s) statutoryCache.set(year, (s = statutoryHolidays(year, LUNAR)));
  return s;
}

/** The published schedules in the package, one per year, dates sorted. */
export function packageYears(): HolidayYear[] {
  const byYear = new Map<number, { year: number; holidays: string[]; workdays: string[]; published: true }>();
  const get = (d: string) => {
    const year = Number(d.slice(0, 4));
    let y = byYear.get(year);
    if (!y) byYear.set(year, (y = { year, holidays: [], workdays: [], published: true }));
    return y;
  };
  for (const d of Object.keys(packageDays.holidays)) get(d).holidays.push(d);
  for (const d of Object.keys(packageDays.workdays)) get(d).workdays.push(d);
  for (const y of byYear.values()) {
    y.holidays.sort();
    y.workdays.sort();
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
