import { DomainError } from './errors';
import { holidayYearProblems } from './holiday-calendar';
import { CHINA_OFFSET_MS } from './china-time';

/**
 * Deadline arithmetic in working days and calendar days.
 *
 * Every time limit of the rules (R01–R40) is a whole number of *days in China*, so all arithmetic is
 * done on local calendar days (UTC+8 by default) and a deadline is the END of its last day
 * (23:59:59.999 local time), returned as an ordinary Date (an instant, i.e. UTC). The start
 * day is never counted ("期间开始的日，不计算在期间内", CPL on periods), so "within 3
 * working days of the application" ends at the end of the 3rd working day AFTER the day of
 * the application.
 *
 * Which days are working days is not computable: the State Council publishes holidays and
 * swapped working weekends (调休) every year. They are data, passed in as a WorkingCalendar
 * (the API builds it from its holiday_calendar_year table). There is no built-in calendar:
 * every deadline function takes one. A year whose schedule is not in the calendar is
 * *provisional*: the statutory holidays (statutoryHolidays below, when the caller supplies
 * them) plus weekends, and `isProvisional` says so, so that a deadline in it is never
 * presented as certain.
 */

export type DateInput = Date | string | number;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One year's holiday schedule: non-working holidays and 调休 working weekend days, local dates. */
export interface HolidayYear {
  year: number;
  holidays: readonly string[];
  /** 调休: weekend days that are working days. */
  workdays: readonly string[];
  /** True when this is the State Council's published schedule; false for a provisional one. */
  published: boolean;
}

export interface WorkingCalendarConfig {
  /** The schedules of the years known (published or not). */
  years?: readonly HolidayYear[];
  /**
   * For a year not in `years`: its statutory holidays (statutoryHolidays(year, lunar)). The
   * year is then provisional. Without it, such a year has weekends only (and is provisional).
   */
  statutoryHolidays?: (year: number) => readonly string[];
  /** Extra public holidays, local dates `YYYY-MM-DD`, whatever their year. */
  holidays?: readonly string[];
  /** Extra 调休 working days, local dates `YYYY-MM-DD`, whatever their year. */
  extraWorkdays?: readonly string[];
  /** Offset of the calendar's local time from UTC, in minutes. Default +480 (China, UTC+8). */
  tzOffsetMinutes?: number;
}

/** Parses `YYYY-MM-DD` into a day number (days since 1970-01-01), or null if not a real date. */
function parseIsoDay(s: string): number | null {
  const m = ISO_DAY.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function toInstant(input: DateInput, what: string): number {
  const ms = input instanceof Date ? input.getTime() : typeof input === 'number' ? input : Date.parse(input);
  if (!Number.isFinite(ms)) throw new DomainError('INVALID_INPUT', `${what} is not a valid date`, { [what]: String(input) });
  return ms;
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new DomainError('INVALID_INPUT', `${what} must be a non-negative integer`, { [what]: n });
  }
}

interface YearDays {
  holidays: ReadonlySet<number>;
  workdays: ReadonlySet<number>;
  published: boolean;
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export class WorkingCalendar {
  readonly tzOffsetMinutes: number;
  private readonly holidays: ReadonlySet<number>;
  private readonly extraWorkdays: ReadonlySet<number>;
  private readonly years = new Map<number, YearDays>();
  private readonly statutory?: (year: number) => readonly string[];

  constructor(config: WorkingCalendarConfig = {}) {
    const offset = config.tzOffsetMinutes ?? CHINA_OFFSET_MS / 60_000;
    if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) {
      throw new DomainError('INVALID_INPUT', 'tzOffsetMinutes must be an integer within ±840', { tzOffsetMinutes: offset });
    }
    this.tzOffsetMinutes = offset;
    this.holidays = WorkingCalendar.daySet(config.holidays ?? [], 'holidays');
    this.extraWorkdays = WorkingCalendar.daySet(config.extraWorkdays ?? [], 'extraWorkdays');
    this.statutory = config.statutoryHolidays;
    for (const y of config.years ?? []) {
      const problems = holidayYearProblems(y);
      if (problems.length) throw new DomainError('INVALID_INPUT', `year ${y.year}: ${problems[0].message}`, { field: problems[0].field });
      this.years.set(y.year, {
        holidays: WorkingCalendar.daySet(y.holidays, 'holidays'),
        workdays: WorkingCalendar.daySet(y.workdays, 'workdays'),
        published: y.published,
      });
    }
  }

  private static daySet(list: readonly string[], what: string): Set<number> {
    const set = new Set<number>();
    for (const s of list) {
      const day = parseIsoDay(s);
      if (day === null) throw new DomainError('INVALID_INPUT', `${what}: "${s}" is not a YYYY-MM-DD date`, { [what]: s });
      set.add(day);
    }
    return set;
  }

  /** The schedule of a year: the one given, or a provisional one from the statutory holidays (cached). */
  private yearDays(year: number): YearDays {
    let y = this.years.get(year);
    if (!y) {
      y = { holidays: WorkingCalendar.daySet(this.statutory ? this.statutory(year) : [], 'statutoryHolidays'), workdays: new Set(), published: false };
      this.years.set(year, y);
    }
    return y;
  }

  /** Whether the State Council's schedule for `year` is in this calendar. */
  isPublished(year: number): boolean {
    return this.yearDays(year).published;
  }

  /**
   * Whether the working days around `input` are provisional: its local year's schedule is not
   * published (statutory holidays and weekends only; the 调休 days are unknown).
   */
  isProvisional(input: DateInput): boolean {
    return !this.isPublished(yearOfDay(this.dayOf(input)));
  }

  /** The years whose schedule is not published among the local years of `from` … `to`. */
  unpublishedYears(from: DateInput, to: DateInput): number[] {
    const [a, b] = [yearOfDay(this.dayOf(from)), yearOfDay(this.dayOf(to))].sort((x, y) => x - y);
    const out: number[] = [];
    for (let y = a; y <= b; y++) if (!this.isPublished(y)) out.push(y);
    return out;
  }

  /**
   * The local day number of an instant. A bare `YYYY-MM-DD` string names a local day
   * directly (not UTC midnight), so `isWorkingDay('2026-01-04')` means that date in China.
   */
  private dayOf(input: DateInput): number {
    if (typeof input === 'string' && ISO_DAY.test(input)) {
      const day = parseIsoDay(input);
      if (day === null) throw new DomainError('INVALID_INPUT', `"${input}" is not a real date`, { date: input });
      return day;
    }
    return Math.floor((toInstant(input, 'date') + this.tzOffsetMinutes * 60_000) / DAY_MS);
  }

  private endOfDayNumber(day: number): Date {
    return new Date((day + 1) * DAY_MS - this.tzOffsetMinutes * 60_000 - 1);
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.extraWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const year = this.yearDays(yearOfDay(day));
    if (year.workdays.has(day)) return true;
    if (year.holidays.has(day)) return false;
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }

  /** The local calendar date `YYYY-MM-DD` of an instant. */
  localDate(input: DateInput): string {
    return dayToIso(this.dayOf(input));
  }

  /** 23:59:59.999 local time on the local day of `input`. */
  endOfDay(input: DateInput): Date {
    return this.endOfDayNumber(this.dayOf(input));
  }

  /** 00:00 local time on the local day of `input`. */
  startOfDay(input: DateInput): Date {
    return new Date(this.dayOf(input) * DAY_MS - this.tzOffsetMinutes * 60_000);
  }

  isWorkingDay(input: DateInput): boolean {
    return this.isWorkingDayNumber(this.dayOf(input));
  }

  /**
   * End of the n-th working day after the local day of `from` (that day itself not
   * counted). n = 0 means "the same working day": the end of `from`'s day if it is a
   * working day, otherwise the end of the next working day (same-day contact SLA).
   */
  addWorkingDays(from: DateInput, n: number): Date {
    assertCount(n, 'n');
    let day = this.dayOf(from);
    if (n === 0) {
      while (!this.isWorkingDayNumber(day)) day++;
      return this.endOfDayNumber(day);
    }
    let left = n;
    while (left > 0) {
      day++;
      if (this.isWorkingDayNumber(day)) left--;
    }
    return this.endOfDayNumber(day);
  }

  /** End of the local day n calendar days after `from`'s local day. */
  addCalendarDays(from: DateInput, n: number): Date {
    assertCount(n, 'n');
    return this.endOfDayNumber(this.dayOf(from) + n);
  }

  /**
   * End of the same local date n years later; 29 February becomes 28 February in a common
   * year (used for the 2-year enforcement period, CPL 250).
   */
  addCalendarYears(from: DateInput, n: number): Date {
    assertCount(n, 'n');
    const [y, m, d] = this.localDate(from).split('-').map(Number);
    const lastOfMonth = new Date(Date.UTC(y + n, m, 0)).getUTCDate();
    const day = Date.UTC(y + n, m - 1, Math.min(d, lastOfMonth)) / DAY_MS;
    return this.endOfDayNumber(day);
  }

  /**
   * If the local day of `deadline` is not a working day, the end of the next working day;
   * otherwise `deadline` unchanged. This is the rule that a period whose last day is a
   * holiday ends on the first day after the holiday (CPL on periods, 期间).
   */
  rollToWorkingDay(deadline: DateInput): Date {
    const day = this.dayOf(deadline);
    if (this.isWorkingDayNumber(day)) return new Date(toInstant(deadline, 'deadline'));
    return this.addWorkingDays(deadline, 0);
  }

  /**
   * Working days d with localDay(a) < d ≤ localDay(b); negative when b is before a. So
   * `workingDaysBetween(x, addWorkingDays(x, n)) === n` for n ≥ 1.
   */
  workingDaysBetween(a: DateInput, b: DateInput): number {
    const da = this.dayOf(a);
    const db = this.dayOf(b);
    if (db < da) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = da + 1; day <= db; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }
}

export function isWorkingDay(date: DateInput, calendar: WorkingCalendar): boolean {
  return calendar.isWorkingDay(date);
}

export function addWorkingDays(from: DateInput, n: number, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(from, n);
}

export function addCalendarDays(from: DateInput, n: number, calendar: WorkingCalendar): Date {
  return calendar.addCalendarDays(from, n);
}

export function workingDaysBetween(a: DateInput, b: DateInput, calendar: WorkingCalendar): number {
  return calendar.workingDaysBetween(a, b);
}

/**
 * Every time limit of the rules (R01–R40), in one place ("all time limits ... live in ... one
 * domain module"). `rollsOverHoliday`: a calendar-day period whose last day is not a working
 * day ends on the next working day (CPL on periods) — applied to court-facing periods only.
 * (check) configurable: whether the mediation period (Rules 24) rolls over is not settled.
 */
export type DeadlineUnit = 'working_days' | 'calendar_days' | 'years';
export interface DeadlineDef {
  rule: string;
  unit: DeadlineUnit;
  amount: number;
  rollsOverHoliday: boolean;
  description: string;
}

export const DEADLINES = {
  /** Same-day contact SLA (DESIGN: "a mediator calls the same day"): end of the same working day. */
  sameDayContact: { rule: 'DESIGN', unit: 'working_days', amount: 0, rollsOverHoliday: false, description: 'contact the applicant by the end of the same working day' },
  chooseMediator: { rule: 'R07', unit: 'working_days', amount: 2, rollsOverHoliday: false, description: 'parties jointly choose a mediator' },
  designateMediator: { rule: 'R07', unit: 'working_days', amount: 3, rollsOverHoliday: false, description: 'organisation/court designates a mediator, from the application' },
  mediatorAccept: { rule: 'R09', unit: 'working_days', amount: 3, rollsOverHoliday: false, description: 'mediator accepts or declines an assignment' },
  mediatorChangeAnswer: { rule: 'R11', unit: 'working_days', amount: 3, rollsOverHoliday: false, description: 'dispatcher answers a party’s request to change mediator or for recusal (R10, R11)' },
  contactRespondent: { rule: 'R12', unit: 'working_days', amount: 3, rollsOverHoliday: false, description: 'mediator contacts the respondent' },
  mediationPreFiling: { rule: 'R20', unit: 'calendar_days', amount: 30, rollsOverHoliday: false, description: 'pre-filing mediation period, from the mediator’s acceptance' },
  mediationOrdinary: { rule: 'R20', unit: 'calendar_days', amount: 15, rollsOverHoliday: false, description: 'post-filing mediation period, ordinary procedure' },
  mediationSimple: { rule: 'R20', unit: 'calendar_days', amount: 7, rollsOverHoliday: false, description: 'post-filing mediation period, simple procedure' },
  confirmationWindow: { rule: 'R29', unit: 'calendar_days', amount: 30, rollsOverHoliday: true, description: 'joint application for judicial confirmation, from the agreement taking effect' },
  courtAccept: { rule: 'R33', unit: 'calendar_days', amount: 3, rollsOverHoliday: true, description: 'court accepts or refuses the application' },
  courtRule: { rule: 'R33', unit: 'calendar_days', amount: 15, rollsOverHoliday: true, description: 'court rules, from acceptance' },
  courtRuleExtension: { rule: 'R33', unit: 'calendar_days', amount: 10, rollsOverHoliday: true, description: 'extension of the ruling period' },
  enforcementApplication: { rule: 'CPL 250', unit: 'years', amount: 2, rollsOverHoliday: true, description: 'apply for enforcement, from the last day of the performance period' },
} as const satisfies Record<string, DeadlineDef>;
export type DeadlineKind = keyof typeof DEADLINES;

/** The deadline of kind `kind` for a period that starts at `from`. */
export function deadlineFrom(kind: DeadlineKind, from: DateInput, calendar: WorkingCalendar): Date {
  const def: DeadlineDef = DEADLINES[kind];
  if (!def) throw new DomainError('INVALID_INPUT', `unknown deadline kind ${String(kind)}`, { kind });
  let end: Date;
  switch (def.unit) {
    case 'working_days':
      end = calendar.addWorkingDays(from, def.amount);
      break;
    case 'calendar_days':
      end = calendar.addCalendarDays(from, def.amount);
      break;
    case 'years':
      end = calendar.addCalendarYears(from, def.amount);
      break;
  }
  return def.rollsOverHoliday ? calendar.rollToWorkingDay(end) : end;
}

export interface DeadlineStatus {
  /** Milliseconds left; negative once overdue. */
  remainingMs: number;
  overdue: boolean;
  /** Not overdue and at most `dueSoonMs` (default 24 h) left: time to remind. */
  dueSoon: boolean;
}

/** Countdown state of a deadline (the deadline instant itself is still on time). */
export function deadlineStatus(deadline: DateInput, now: DateInput, dueSoonMs: number = DAY_MS): DeadlineStatus {
  const remainingMs = toInstant(deadline, 'deadline') - toInstant(now, 'now');
  const overdue = remainingMs < 0;
  return { remainingMs, overdue, dueSoon: !overdue && remainingMs <= dueSoonMs };
}
