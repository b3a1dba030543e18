import { DomainError } from './errors';
import { holidayYearProblems, statutoryHolidays } from './holiday-calendar';
import { LUNAR, chinaCalendar, packageYears } from './testing/china-calendar';
import { WorkingCalendar, deadlineFrom, isWorkingDay } from './working-days';

const cn = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => cn(`${day}T23:59:59.999`);

/** The package's years (to 2026) and, beyond, the statutory holidays: what the API runs with in December 2026. */
const CAL = chinaCalendar();

describe('statutory holidays of any year (全国年节及纪念日放假办法 as revised 2025)', () => {
  const dates = (year: number) => statutoryHolidays(year, LUNAR).map((h) => h.date);

  it('2027: New Year, Spring Festival 02-05..02-08 (lunar new year 02-06), Qingming, Labour, Dragon Boat, Mid-Autumn, National Day', () => {
    const days = statutoryHolidays(2027, LUNAR);
    const named = (name: string, makeUp = false) => days.filter((h) => h.name === name && h.makeUp === makeUp).map((h) => h.date);
    expect(named('new_year')).toEqual(['2027-01-01']);
    expect(named('spring_festival')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(named('qingming')).toEqual(['2027-04-05']);
    expect(named('labour_day')).toEqual(['2027-05-01', '2027-05-02']);
    expect(named('dragon_boat')).toEqual(['2027-06-09']);
    expect(named('mid_autumn')).toEqual(['2027-09-15']);
    expect(named('national_day')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });

  it('art. 6: a statutory day on a weekend is made up on the next free weekday (2027: Spring Festival Sat/Sun → Tue/Wed)', () => {
    const makeUp = statutoryHolidays(2027, LUNAR).filter((h) => h.makeUp);
    expect(makeUp.map((h) => `${h.name}:${h.date}`)).toEqual([
      'spring_festival:2027-02-09',
      'spring_festival:2027-02-10',
      'labour_day:2027-05-03',
      'labour_day:2027-05-04',
      'national_day:2027-10-04',
      'national_day:2027-10-05',
    ]);
  });

  it.each([2025, 2026])('every statutory day of %i is a holiday of the State Council schedule in the package', (year) => {
    const published = new Set(packageYears().find((y) => y.year === year)!.holidays);
    for (const d of dates(year)) expect([d, published.has(d)]).toEqual([d, true]);
  });

  it('every date belongs to its year, for a century of years', () => {
    for (let y = 2000; y <= 2099; y++) {
      const ds = dates(y);
      expect(ds.every((d) => d.startsWith(`${y}-`))).toBe(true);
      expect(ds.length).toBeGreaterThanOrEqual(13);
    }
  });
});

describe('a year whose schedule is not published is provisional, not silent (issue #10)', () => {
  it('2027-01-01 is not a working day, and 2027 is marked provisional', () => {
    expect(isWorkingDay('2027-01-01', CAL)).toBe(false);
    expect(CAL.isPublished(2026)).toBe(true);
    expect(CAL.isPublished(2027)).toBe(false);
    expect(CAL.isProvisional('2027-01-01')).toBe(true);
    expect(CAL.isProvisional(cn('2026-12-31T23:59'))).toBe(false);
    expect(CAL.isProvisional(cn('2027-01-01T00:00'))).toBe(true);
    expect(CAL.unpublishedYears(cn('2026-12-02T10:00'), cn('2028-01-04T10:00'))).toEqual([2027, 2028]);
  });

  it('R29: an agreement effective 2026-12-02 can be confirmed until 2027-01-04 (Jan 1 holiday, then a weekend)', () => {
    const due = deadlineFrom('confirmationWindow', cn('2026-12-02T10:00'), CAL);
    expect(due).toEqual(endOf('2027-01-04'));
    expect(CAL.isProvisional(due)).toBe(true);
  });

  it.each([
    ['R12 contactRespondent: Wed 2026-12-30 → Tue 2027-01-05 (over New Year)', 'contactRespondent', cn('2026-12-30T10:00'), '2027-01-05'],
    ['R09 mediatorAccept: Thu 2026-12-31 → Wed 2027-01-06', 'mediatorAccept', cn('2026-12-31T10:00'), '2027-01-06'],
    ['sameDayContact on New Year 2027 → end of Mon 2027-01-04', 'sameDayContact', cn('2027-01-01T10:00'), '2027-01-04'],
    ['R07 chooseMediator: Thu 2027-02-04 → Fri 2027-02-12 (Spring Festival and its make-up days)', 'chooseMediator', cn('2027-02-04T10:00'), '2027-02-12'],
    ['R07 designateMediator: Thu 2027-02-04 → Mon 2027-02-15', 'designateMediator', cn('2027-02-04T10:00'), '2027-02-15'],
    ['R33 courtAccept: Tue 2027-02-02 + 3 = Fri 02-05 (holiday) → Thu 02-11', 'courtAccept', cn('2027-02-02T10:00'), '2027-02-11'],
    ['R29 window ending on National Day 2027 rolls to Wed 10-06', 'confirmationWindow', cn('2027-09-01T10:00'), '2027-10-06'],
    ['R07 across the 2025→2026 year end (both published): Wed 2025-12-31 + 2 = Mon 2026-01-05 (Sun 01-04 worked, 调休)', 'chooseMediator', cn('2025-12-31T10:00'), '2026-01-05'],
  ] as const)('%s', (_name, kind, from, day) => {
    expect(deadlineFrom(kind, from, CAL)).toEqual(endOf(day));
  });

  it('once the schedule for 2027 is entered, deadlines follow it and are no longer provisional', () => {
    // A schedule as the State Council might publish it: Spring Festival 02-05..02-13, Sun 02-14 worked.
    const published = chinaCalendar([
      {
        year: 2027,
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03', ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`)],
        workdays: ['2027-02-14'],
        published: true,
      },
    ]);
    expect(published.isProvisional('2027-02-04')).toBe(false);
    expect(deadlineFrom('designateMediator', cn('2027-02-04T10:00'), published)).toEqual(endOf('2027-02-16'));
    expect(published.isWorkingDay('2027-02-14')).toBe(true);
    // Days of another year are unaffected.
    expect(published.isWorkingDay('2026-02-14')).toBe(true);
  });

  it('a year entered as not yet published stays provisional', () => {
    const draft = chinaCalendar([{ year: 2027, holidays: ['2027-01-01'], workdays: [], published: false }]);
    expect(draft.isProvisional('2027-06-01')).toBe(true);
    expect(draft.isWorkingDay('2027-02-08')).toBe(true); // the draft replaces the statutory guess
  });

  it('without statutory holidays an unknown year has weekends only (still provisional)', () => {
    const plain = new WorkingCalendar();
    expect(plain.isWorkingDay('2027-01-01')).toBe(true);
    expect(plain.isProvisional('2027-01-01')).toBe(true);
  });
});

describe('holidayYearProblems: what the schedule of a year must satisfy', () => {
  it('accepts the package years', () => {
    for (const y of packageYears()) expect(holidayYearProblems(y)).toEqual([]);
  });
  it.each([
    [{ year: 2027, holidays: ['2026-12-31'], workdays: [] }, 'holidays[0]', 'not in 2027'],
    [{ year: 2027, holidays: ['2027-02-30'], workdays: [] }, 'holidays[0]', 'real date'],
    [{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-01'] }, 'workdays[0]', 'both a holiday and a working day'],
    [{ year: 2027, holidays: ['2027-01-01', '2027-01-01'], workdays: [] }, 'holidays[1]', 'twice'],
    [{ year: 2027.5, holidays: [], workdays: [] }, 'year', 'whole number'],
    [{ year: 2027, holidays: 'x', workdays: [] }, 'holidays', 'list'],
  ])('refuses %j naming %s', (y, field, message) => {
    const [first] = holidayYearProblems(y);
    expect(first.field).toBe(field);
    expect(first.message).toContain(message);
  });
  it('the calendar refuses a year that fails them', () => {
    expect(
      () =>
        new WorkingCalendar({
          years: [
            {
              year: 2027,
              holidays: ['2026-01-01'],
              workdays: [],
              published: true,
            },
          ],
        }),
    ).toThrow(DomainError);
  });
});
