/**
 * Test fixture (not exported from the package): a WorkingCalendar built the way the API builds
 * it, from the State Council schedules in the chinese-days package plus the statutory
 * holidays for the years it does not have.
 */
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import packageDays from 'chinese-days/dist/chinese-days.json';
import { statutoryHolidays, type LunarConverter } from '../holiday-calendar';
import { WorkingCalendar, type HolidayYear } from '../working-days';

const pad = (n: number) => String(n).padStart(2, '0');

export const LUNAR: LunarConverter = {
  lunarToSolar: (y, m, d) => getSolarDateFromLunar(`${y}-${pad(m)}-${pad(d)}`).date,
  qingming: (y) => getSolarTermDate(y, 4, 'pure_brightness'),
};

/** The years the package has, as published schedules. */
export function packageYears(): HolidayYear[] {
  const byYear = new Map<number, HolidayYear & { holidays: string[]; workdays: string[] }>();
  const get = (d: string) => {
    const year = Number(d.slice(0, 4));
    let y = byYear.get(year);
    if (!y) byYear.set(year, (y = { year, holidays: [], workdays: [], published: true }));
    return y;
  };
  for (const d of Object.keys(packageDays.holidays)) get(d).holidays.push(d);
  for (const d of Object.keys(packageDays.workdays)) get(d).workdays.push(d);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The calendar: package years, then `overrides` (a year given replaces the package's), statutory days beyond. */
export function chinaCalendar(overrides: HolidayYear[] = []): WorkingCalendar {
  const years = new Map(packageYears().map((y) => [y.year, y]));
  for (const y of overrides) years.set(y.year, y);
  return new WorkingCalendar({
    years: [...years.values()],
    statutoryHolidays: (year) => statutoryHolidays(year, LUNAR).map((h) => h.date),
  });
}
