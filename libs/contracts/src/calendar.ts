/**
 * The holiday calendar (working days for R07, R09, R12 and the court periods of R29, R33): one
 * schedule per year. `package`: the State Council's schedule as shipped with the platform;
 * `admin`: entered or corrected by a system admin (audited); `statutory`: no schedule entered,
 * the statutory holidays only, so every deadline in that year is provisional.
 */
export type HolidayYearSource = 'package' | 'admin' | 'statutory';

export interface HolidayYearSummary {
  year: number;
  source: HolidayYearSource;
  /** The State Council's schedule for the year is in the calendar; false: deadlines in it are provisional. */
  published: boolean;
  holidayCount: number;
  workdayCount: number;
  updatedAt: string | null;
}

export interface HolidayCalendarOverview {
  /** The current year in China, by the server's clock. */
  currentYear: number;
  years: HolidayYearSummary[];
  /** Of the current and the next year, those whose schedule is not published (shown as a warning). */
  unpublished: number[];
}

export interface StatutoryHolidayView {
  date: string;
  name: 'new_year' | 'spring_festival' | 'qingming' | 'labour_day' | 'dragon_boat' | 'mid_autumn' | 'national_day';
  /** A make-up day for a statutory day on a weekend. */
  makeUp: boolean;
}

export interface HolidayYearView extends HolidayYearSummary {
  /** Non-working holidays, `YYYY-MM-DD`, in date order. */
  holidays: string[];
  /** Weekend days that are working days (调休), `YYYY-MM-DD`, in date order. */
  workdays: string[];
  /** The statutory holidays of the year, computed (a guide when entering the schedule). */
  statutory: StatutoryHolidayView[];
  updatedById: string | null;
}

/** PUT /admin/calendar/:year — every date must be in that year; no day both a holiday and a working day. */
export interface PutHolidayYearRequest {
  holidays: string[];
  workdays: string[];
  /** True when this is the published schedule (default); false keeps deadlines in the year provisional. */
  published?: boolean;
}

/** GET /calendar — what any signed-in client needs to tell a provisional deadline (cached). */
export interface CalendarStatus {
  /** Offset of China local time from UTC, in minutes. */
  tzOffsetMinutes: number;
  /** The years whose schedule is published. A deadline in any other year is provisional. */
  publishedYears: number[];
}
