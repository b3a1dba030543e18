import { DomainError } from './errors';
import { chinaCalendar } from './testing/china-calendar';
import {
  DEADLINES,
  WorkingCalendar,
  addCalendarDays as addCalendarDaysIn,
  addWorkingDays as addWorkingDaysIn,
  deadlineFrom as deadlineFromIn,
  deadlineStatus,
  isWorkingDay as isWorkingDayIn,
  workingDaysBetween as workingDaysBetweenIn,
  type DateInput,
  type DeadlineKind,
} from './working-days';

/** The calendar the API builds: the package's published years, statutory holidays beyond. */
const DEFAULT_CALENDAR = chinaCalendar();
const isWorkingDay = (d: DateInput) => isWorkingDayIn(d, DEFAULT_CALENDAR);
const addWorkingDays = (d: DateInput, n: number) => addWorkingDaysIn(d, n, DEFAULT_CALENDAR);
const addCalendarDays = (d: DateInput, n: number) => addCalendarDaysIn(d, n, DEFAULT_CALENDAR);
const workingDaysBetween = (a: DateInput, b: DateInput) => workingDaysBetweenIn(a, b, DEFAULT_CALENDAR);
const deadlineFrom = (k: DeadlineKind, d: DateInput) => deadlineFromIn(k, d, DEFAULT_CALENDAR);

/** An instant given as China local time (UTC+8). */
const cn = (local: string) => new Date(`${local}+08:00`);
/** The end of a China local day, as an instant. */
const endOf = (day: string) => cn(`${day}T23:59:59.999`);

describe('WorkingCalendar: which days are working days', () => {
  it.each([
    ['2026-01-05', true, 'an ordinary Monday'],
    ['2026-01-10', false, 'an ordinary Saturday'],
    ['2026-01-11', false, 'an ordinary Sunday'],
    ['2026-01-01', false, 'New Year holiday (Thu)'],
    ['2026-01-02', false, 'New Year holiday (Fri)'],
    ['2026-01-04', true, 'Sunday made a working day (调休)'],
    ['2026-02-14', true, 'Saturday before Spring Festival (调休)'],
    ['2026-02-17', false, 'Spring Festival'],
    ['2026-02-23', false, 'last day of Spring Festival (Mon)'],
    ['2026-02-24', true, 'first working day after Spring Festival'],
    ['2026-02-28', true, 'Saturday after Spring Festival (调休)'],
    ['2026-04-06', false, 'Qingming (Mon)'],
    ['2026-05-05', false, 'Labour Day (Tue)'],
    ['2026-05-09', true, 'Saturday after Labour Day (调休)'],
    ['2026-06-19', false, 'Dragon Boat (Fri)'],
    ['2026-09-20', true, 'Sunday before National Day (调休)'],
    ['2026-09-25', false, 'Mid-Autumn (Fri)'],
    ['2026-10-07', false, 'National Day (Wed)'],
    ['2026-10-08', true, 'after National Day (Thu)'],
    ['2026-10-10', true, 'Saturday after National Day (调休)'],
  ])('%s is working: %s (%s)', (day, expected) => {
    expect(isWorkingDay(day)).toBe(expected);
  });

  it('has 248 working days in 2026 (261 weekdays − 19 weekday holidays + 6 调休 days)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('decides on the China date, not the UTC date: 2026-01-01T17:00Z is already Jan 2 in China', () => {
    expect(DEFAULT_CALENDAR.localDate(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
    expect(DEFAULT_CALENDAR.localDate(new Date('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
    // Sun 2026-01-04 is a 调休 working day; 16:00Z is Mon 00:00 in China, 15:59Z is still Sunday.
    expect(isWorkingDay(new Date('2026-01-03T16:00:00Z'))).toBe(true); // Sun 00:00 China
    expect(isWorkingDay(new Date('2026-01-03T15:59:59Z'))).toBe(false); // Sat 23:59 China (holiday)
  });

  it('a bare YYYY-MM-DD string names the local day even in a calendar west of UTC', () => {
    const newYork = new WorkingCalendar({ tzOffsetMinutes: -300 });
    expect(newYork.localDate('2026-03-09')).toBe('2026-03-09');
    expect(newYork.localDate(new Date('2026-03-09T03:00:00Z'))).toBe('2026-03-08');
  });

  it('uses only weekends when no holidays are configured', () => {
    const plain = new WorkingCalendar();
    expect(plain.tzOffsetMinutes).toBe(480);
    expect(plain.isWorkingDay('2026-01-01')).toBe(true);
    expect(plain.isWorkingDay('2026-01-04')).toBe(false);
  });
});

describe('addWorkingDays: end of the n-th working day after `from` (R07, R09, R12)', () => {
  it.each([
    ['across a weekend: Fri +1 → Mon', cn('2026-03-06T10:00'), 1, '2026-03-09'],
    ['across a weekend: Fri +3 → Wed', cn('2026-03-06T10:00'), 3, '2026-03-11'],
    ['from a Saturday +1 → Mon', cn('2026-03-07T10:00'), 1, '2026-03-09'],
    ['mid-week +2 → Fri', cn('2026-03-04T09:00'), 2, '2026-03-06'],
    ['year boundary onto a 调休 Sunday: Dec 31 +1 → Sun Jan 4', cn('2025-12-31T10:00'), 1, '2026-01-04'],
    ['year boundary: Dec 31 +2 → Mon Jan 5', cn('2025-12-31T10:00'), 2, '2026-01-05'],
    ['Spring Festival: Fri Feb 13 +1 → Sat Feb 14 (调休)', cn('2026-02-13T10:00'), 1, '2026-02-14'],
    ['Spring Festival: Fri Feb 13 +2 → Tue Feb 24', cn('2026-02-13T10:00'), 2, '2026-02-24'],
    ['R07 designate: Thu Feb 12 +3 → Tue Feb 24', cn('2026-02-12T10:00'), 3, '2026-02-24'],
    ['month boundary over Labour Day: Apr 30 +1 → May 6', cn('2026-04-30T10:00'), 1, '2026-05-06'],
    ['Labour Day then 调休 Saturday: Apr 30 +4 → Sat May 9', cn('2026-04-30T10:00'), 4, '2026-05-09'],
    ['National Day: Sep 30 +1 → Oct 8', cn('2026-09-30T10:00'), 1, '2026-10-08'],
    ['from inside a holiday: Oct 3 +1 → Oct 8', cn('2026-10-03T10:00'), 1, '2026-10-08'],
    ['late evening UTC is next day in China: 2026-03-05T16:30Z (Fri 00:30) +1 → Mon', new Date('2026-03-05T16:30:00Z'), 1, '2026-03-09'],
    ['…while 2026-03-05T15:30Z (Thu 23:30) +1 → Fri', new Date('2026-03-05T15:30:00Z'), 1, '2026-03-06'],
    ['2026-01-01T17:00Z (Jan 2, holiday) +1 → Sun Jan 4', new Date('2026-01-01T17:00:00Z'), 1, '2026-01-04'],
  ])('%s', (_label, from, n, expectedDay) => {
    expect(addWorkingDays(from, n)).toEqual(endOf(expectedDay));
  });

  it('returns the end of the day as a UTC instant: 23:59:59.999 China = 15:59:59.999Z', () => {
    expect(addWorkingDays(cn('2026-03-06T10:00'), 1).toISOString()).toBe('2026-03-09T15:59:59.999Z');
  });

  it('n = 0 is the same working day, or the next one when `from` is not a working day', () => {
    expect(addWorkingDays(cn('2026-03-06T10:00'), 0)).toEqual(endOf('2026-03-06'));
    expect(addWorkingDays(cn('2026-03-07T10:00'), 0)).toEqual(endOf('2026-03-09'));
    expect(addWorkingDays(cn('2026-02-14T10:00'), 0)).toEqual(endOf('2026-02-14'));
    expect(addWorkingDays(cn('2026-02-15T10:00'), 0)).toEqual(endOf('2026-02-24'));
  });

  it('accepts ISO strings and epoch milliseconds', () => {
    expect(addWorkingDays('2026-03-06T02:00:00Z', 1)).toEqual(endOf('2026-03-09'));
    expect(addWorkingDays(cn('2026-03-06T10:00').getTime(), 1)).toEqual(endOf('2026-03-09'));
  });

  it('is the inverse of workingDaysBetween', () => {
    const from = cn('2026-02-10T11:00');
    for (let n = 1; n <= 40; n++) expect(workingDaysBetween(from, addWorkingDays(from, n))).toBe(n);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses n = %p', (n) => {
    expect(() => addWorkingDays(cn('2026-03-06T10:00'), n)).toThrow(DomainError);
  });

  it('refuses an invalid date', () => {
    expect(() => addWorkingDays('not a date', 1)).toThrow(DomainError);
    expect(() => addWorkingDays(new Date(Number.NaN), 1)).toThrow(DomainError);
    expect(() => isWorkingDay('2026-02-30')).toThrow(DomainError);
  });
});

describe('addCalendarDays: end of the local day n days later', () => {
  it.each([
    ['same day', cn('2026-03-06T10:00'), 0, '2026-03-06'],
    ['China day, not UTC day: 2026-01-01T17:00Z +0 → Jan 2', new Date('2026-01-01T17:00:00Z'), 0, '2026-01-02'],
    ['month boundary (February has 28 days): Jan 31 +30 → Mar 2', cn('2026-01-31T10:00'), 30, '2026-03-02'],
    ['year boundary: Dec 15 +30 → Jan 14', cn('2026-12-15T10:00'), 30, '2027-01-14'],
    ['ignores holidays: Sep 1 +30 → Oct 1', cn('2026-09-01T10:00'), 30, '2026-10-01'],
  ])('%s', (_label, from, n, day) => {
    expect(addCalendarDays(from, n)).toEqual(endOf(day));
  });

  it('refuses a negative count', () => {
    expect(() => addCalendarDays(cn('2026-03-06T10:00'), -1)).toThrow(DomainError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['same day', '2026-03-06', '2026-03-06', 0],
    ['Fri → Mon', '2026-03-06', '2026-03-09', 1],
    ['Fri → Sun', '2026-03-06', '2026-03-08', 0],
    ['over New Year', '2025-12-31', '2026-01-05', 2],
    ['over Spring Festival', '2026-02-13', '2026-02-24', 2],
    ['reversed is negative', '2026-01-05', '2025-12-31', -2],
  ])('%s', (_label, a, b, expected) => {
    expect(workingDaysBetween(a, b)).toBe(expected);
  });

  it('counts China days for instants', () => {
    // Both instants fall on Mon 2026-03-09 in China although their UTC dates differ.
    expect(workingDaysBetween(new Date('2026-03-08T16:30:00Z'), new Date('2026-03-09T10:00:00Z'))).toBe(0);
  });
});

describe('WorkingCalendar configuration', () => {
  it.each([[{ holidays: ['2026-02-30'] }], [{ holidays: ['2026/01/01'] }], [{ extraWorkdays: ['tomorrow'] }], [{ tzOffsetMinutes: 1000 }], [{ tzOffsetMinutes: 1.5 }]])('refuses %p', (config) => {
    expect(() => new WorkingCalendar(config)).toThrow(DomainError);
  });

  it('an extra workday wins over a holiday listed on the same day', () => {
    const cal = new WorkingCalendar({ holidays: ['2026-03-07'], extraWorkdays: ['2026-03-07'] });
    expect(cal.isWorkingDay('2026-03-07')).toBe(true);
  });

  it('startOfDay / endOfDay are China midnight boundaries', () => {
    const at = new Date('2026-01-01T17:00:00Z');
    expect(DEFAULT_CALENDAR.startOfDay(at).toISOString()).toBe('2026-01-01T16:00:00.000Z');
    expect(DEFAULT_CALENDAR.endOfDay(at).toISOString()).toBe('2026-01-02T15:59:59.999Z');
  });

  it('addCalendarYears keeps the date and turns 29 February into 28 February', () => {
    expect(DEFAULT_CALENDAR.addCalendarYears(cn('2026-03-15T10:00'), 2)).toEqual(endOf('2028-03-15'));
    expect(DEFAULT_CALENDAR.addCalendarYears(cn('2024-02-29T10:00'), 2)).toEqual(endOf('2026-02-28'));
    expect(DEFAULT_CALENDAR.addCalendarYears(cn('2024-02-29T10:00'), 4)).toEqual(endOf('2028-02-29'));
  });

  it('rollToWorkingDay leaves a working-day deadline alone and moves a holiday one', () => {
    const onWorkday = cn('2026-03-06T18:00');
    expect(DEFAULT_CALENDAR.rollToWorkingDay(onWorkday)).toEqual(onWorkday);
    expect(DEFAULT_CALENDAR.rollToWorkingDay(endOf('2026-10-01'))).toEqual(endOf('2026-10-08'));
  });
});

describe('DEADLINES: every time limit of the rules (R01–R40) in one place', () => {
  it('holds the limits of R07, R09, R12, R20, R29, R33 and CPL 250', () => {
    expect(DEADLINES.sameDayContact).toMatchObject({ unit: 'working_days', amount: 0 });
    expect(DEADLINES.chooseMediator).toMatchObject({ rule: 'R07', unit: 'working_days', amount: 2 });
    expect(DEADLINES.designateMediator).toMatchObject({ rule: 'R07', unit: 'working_days', amount: 3 });
    expect(DEADLINES.mediatorAccept).toMatchObject({ rule: 'R09', unit: 'working_days', amount: 3 });
    expect(DEADLINES.contactRespondent).toMatchObject({ rule: 'R12', unit: 'working_days', amount: 3 });
    expect(DEADLINES.mediationPreFiling).toMatchObject({ rule: 'R20', unit: 'calendar_days', amount: 30 });
    expect(DEADLINES.mediationOrdinary).toMatchObject({ rule: 'R20', unit: 'calendar_days', amount: 15 });
    expect(DEADLINES.mediationSimple).toMatchObject({ rule: 'R20', unit: 'calendar_days', amount: 7 });
    expect(DEADLINES.confirmationWindow).toMatchObject({ rule: 'R29', unit: 'calendar_days', amount: 30 });
    expect(DEADLINES.courtAccept).toMatchObject({ rule: 'R33', unit: 'calendar_days', amount: 3 });
    expect(DEADLINES.courtRule).toMatchObject({ rule: 'R33', unit: 'calendar_days', amount: 15 });
    expect(DEADLINES.courtRuleExtension).toMatchObject({ rule: 'R33', unit: 'calendar_days', amount: 10 });
    expect(DEADLINES.enforcementApplication).toMatchObject({ rule: 'CPL 250', unit: 'years', amount: 2 });
  });

  it.each([
    ['sameDayContact on a Sunday → end of Monday', 'sameDayContact', cn('2026-03-08T10:00'), '2026-03-09'],
    ['R07 chooseMediator: Thu Feb 12 → Sat Feb 14 (调休)', 'chooseMediator', cn('2026-02-12T10:00'), '2026-02-14'],
    ['R07 designateMediator: Thu Feb 12 → Tue Feb 24', 'designateMediator', cn('2026-02-12T10:00'), '2026-02-24'],
    ['R09 mediatorAccept: Fri Mar 6 → Wed Mar 11', 'mediatorAccept', cn('2026-03-06T10:00'), '2026-03-11'],
    ['R12 contactRespondent: Wed Sep 30 → Sat Oct 10 (调休)', 'contactRespondent', cn('2026-09-30T10:00'), '2026-10-10'],
    ['R20 mediationPreFiling does not roll over a holiday', 'mediationPreFiling', cn('2026-09-01T10:00'), '2026-10-01'],
    ['R20 mediationOrdinary: 15 days', 'mediationOrdinary', cn('2026-03-01T10:00'), '2026-03-16'],
    ['R20 mediationSimple: 7 days', 'mediationSimple', cn('2026-03-01T10:00'), '2026-03-08'],
    ['R29 confirmationWindow ending in National Day rolls to Oct 8', 'confirmationWindow', cn('2026-09-01T10:00'), '2026-10-08'],
    ['R29 confirmationWindow on a working day', 'confirmationWindow', cn('2026-03-02T10:00'), '2026-04-01'],
    ['R33 courtAccept ending on Labour Day rolls to May 6', 'courtAccept', cn('2026-04-30T10:00'), '2026-05-06'],
    ['R33 courtRule: 15 days', 'courtRule', cn('2026-03-02T10:00'), '2026-03-17'],
    ['R33 courtRuleExtension: 10 more days', 'courtRuleExtension', endOf('2026-03-17'), '2026-03-27'],
    ['CPL 250 enforcement: 2 years, Feb 29 → Feb 28 (a 调休 Saturday)', 'enforcementApplication', cn('2024-02-29T10:00'), '2026-02-28'],
  ] as const)('%s', (_label, kind, from, day) => {
    expect(deadlineFrom(kind, from)).toEqual(endOf(day));
  });

  it('R12 contactRespondent counts the 调休 Saturday Oct 10 as a working day', () => {
    // Sep 30 (Wed) → Oct 8 (1), Oct 9 (2), Sat Oct 10 (3, 调休).
    expect(workingDaysBetween(cn('2026-09-30T10:00'), endOf('2026-10-10'))).toBe(3);
  });

  it('refuses an unknown kind', () => {
    expect(() => deadlineFrom('nope' as never, cn('2026-03-06T10:00'))).toThrow(DomainError);
  });

  it('takes a custom calendar', () => {
    const plain = new WorkingCalendar();
    expect(deadlineFromIn('mediatorAccept', cn('2026-09-30T10:00'), plain)).toEqual(endOf('2026-10-05'));
  });
});

describe('deadlineStatus: countdowns', () => {
  const deadline = endOf('2026-03-09');
  it('on time, more than 24 h left', () => {
    const s = deadlineStatus(deadline, cn('2026-03-08T10:00'));
    expect(s).toEqual({ remainingMs: deadline.getTime() - cn('2026-03-08T10:00').getTime(), overdue: false, dueSoon: false });
  });
  it('due soon within 24 h', () => {
    expect(deadlineStatus(deadline, cn('2026-03-09T00:00'))).toMatchObject({ overdue: false, dueSoon: true });
  });
  it('exactly at the deadline is still on time', () => {
    expect(deadlineStatus(deadline, deadline)).toEqual({ remainingMs: 0, overdue: false, dueSoon: true });
  });
  it('one millisecond later is overdue, with negative remaining time', () => {
    expect(deadlineStatus(deadline, new Date(deadline.getTime() + 1))).toEqual({ remainingMs: -1, overdue: true, dueSoon: false });
  });
  it('accepts a custom due-soon window and string inputs', () => {
    expect(deadlineStatus(deadline.toISOString(), '2026-03-08T10:00:00+08:00', 48 * 3600_000).dueSoon).toBe(true);
  });
  it('refuses an invalid date', () => {
    expect(() => deadlineStatus('x', new Date())).toThrow(DomainError);
  });
});
