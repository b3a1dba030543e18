import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CalendarStatus, HolidayCalendarOverview, HolidayOverrideRequest, HolidayYearSummary, HolidayYearView, PutHolidayYearRequest } from '@tiaojie/contracts';
import { CHINA_OFFSET_MS, WorkingCalendar, holidayYearProblems, type DateInput } from '@tiaojie/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { HolidayCalendarYear } from './holiday-calendar-year.entity';
import { packageYears, statutoryOf } from './package-calendar';

/** How often a process re-reads the table for changes made by another process (when timers are on). */
const RELOAD_MS = 60_000;
const CHINA_OFFSET_MINUTES = CHINA_OFFSET_MS / 60_000;

/**
 * The holiday calendar in force: the holiday_calendar_year rows (seeded from the package,
 * corrected by system admins), and for any other year the statutory holidays, provisional.
 * Every deadline the API computes (R07, R09, R12, R20, R29, R33) takes `calendar()`.
 *
 * Loaded at start; reloaded in this process right after an admin's change, and every minute
 * and at each deadline scan (`reload`) to pick up changes made through another process.
 */
@Injectable()
export class HolidayCalendarService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(HolidayCalendarService.name);
  private current = new WorkingCalendar({ statutoryHolidays: (y) => statutoryOf(y).map((h) => h.date) });
  private rows: HolidayCalendarYear[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit() {
    await this.seedFromPackage();
    await this.reload();
    if (this.config.env.DEADLINE_SCAN_SECONDS > 0) {
      this.timer = setInterval(() => void this.reload().catch((err) => this.logger.error({ err }, 'holiday calendar reload failed')), RELOAD_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  /** The calendar for deadline arithmetic (never stale by more than a reload). */
  calendar(): WorkingCalendar {
    return this.current;
  }

  /** Whether a deadline falls in a year whose schedule is not published. */
  isProvisional(deadline: DateInput): boolean {
    return this.current.isProvisional(deadline);
  }

  /**
   * Inserts the package's years not in the table, and refreshes package rows the package now
   * has different data for. A year an admin entered is never overwritten. Safe when several
   * processes start at once (one statement per year, on conflict).
   */
  async seedFromPackage(): Promise<void> {
    const now = this.clock.now();
    for (const y of packageYears()) {
      await this.db.query(
        `INSERT INTO holiday_calendar_year (year, source, days, published, updated_by, updated_at)
         VALUES ($1, 'package', $2::jsonb, true, NULL, $3)
         ON CONFLICT (year) DO UPDATE SET days = EXCLUDED.days, published = true, updated_at = EXCLUDED.updated_at
         WHERE holiday_calendar_year.source = 'package' AND holiday_calendar_year.days <> EXCLUDED.days`,
        [y.year, JSON.stringify({ holidays: y.holidays, workdays: y.workdays }), now],
      );
    }
  }

  /** Re-reads the table and swaps in a new calendar (a bad row is logged and left out, never half-used). */
  async reload(): Promise<void> {
    const rows = await this.db.getRepository(HolidayCalendarYear).find({ order: { year: 'ASC' } });
    const years = [];
    for (const r of rows) {
      const y = { year: r.year, holidays: r.days?.holidays ?? [], workdays: r.days?.workdays ?? [], published: r.published };
      if (holidayYearProblems(y).length) this.logger.error({ year: r.year, problems: holidayYearProblems(y) }, 'holiday calendar row ignored');
      else years.push(y);
    }
    this.current = new WorkingCalendar({ years, statutoryHolidays: (year) => statutoryOf(year).map((h) => h.date), tzOffsetMinutes: CHINA_OFFSET_MINUTES });
    this.rows = rows;
  }

  private currentYear(): number {
    return Number(this.current.localDate(this.clock.now()).slice(0, 4));
  }

  private summary(year: number): HolidayYearSummary {
    const row = this.rows.find((r) => r.year === year);
    if (row) {
      return {
        year,
        source: row.source,
        published: row.published,
        holidayCount: row.days.holidays.length,
        workdayCount: row.days.workdays.length,
        updatedAt: row.updatedAt.toISOString(),
      };
    }
    return { year, source: 'statutory', published: false, holidayCount: statutoryOf(year).length, workdayCount: 0, updatedAt: null };
  }

  /** The years in the table, and the current and next year whatever they are (admin's overview). */
  overview(): HolidayCalendarOverview {
    const currentYear = this.currentYear();
    const years = new Set([...this.rows.map((r) => r.year), currentYear, currentYear + 1]);
    const list = [...years].sort((a, b) => b - a).map((y) => this.summary(y));
    return { currentYear, years: list, unpublished: [currentYear, currentYear + 1].filter((y) => !this.current.isPublished(y)) };
  }

  status(): CalendarStatus {
    return { tzOffsetMinutes: CHINA_OFFSET_MINUTES, publishedYears: this.rows.filter((r) => r.published).map((r) => r.year) };
  }

  year(year: number): HolidayYearView {
    const row = this.rows.find((r) => r.year === year);
    const statutory = statutoryOf(year);
    return {
      ...this.summary(year),
      holidays: row ? [...row.days.holidays].sort() : statutory.map((h) => h.date),
      workdays: row ? [...row.days.workdays].sort() : [],
      statutory,
      updatedById: row?.updatedBy ?? null,
    };
  }

  /** A system admin enters or corrects a year (audited, in one transaction with the change); reloads. */
  async putYear(year: number, body: PutHolidayYearRequest, actorId: string, meta: RequestMeta): Promise<HolidayYearView> {
    const holidays = [...new Set(body.holidays)].sort();
    const workdays = [...new Set(body.workdays)].sort();
    const problems = holidayYearProblems({ year, holidays: body.holidays, workdays: body.workdays });
    if (problems.length) {
      throw new AppException(
        'VALIDATION_FAILED',
        problems[0].message,
        problems.map((p) => ({ field: p.field === 'year' ? 'year' : p.field.replace(/\[(\d+)\]$/, '.$1'), constraint: p.constraint, message: p.message })),
      );
    }
    await this.write(year, holidays, workdays, body.published ?? true, actorId, meta, 'holiday_calendar.put', {});
    return this.year(year);
  }

  /**
   * Issue #13: one day made a holiday or a working day, with the reason (audited). It changes
   * the year's row — the same data every deadline reads — so the override flows into every
   * deadline computation; a year not in the table starts from its statutory holidays and stays
   * as published (or not) as it was.
   */
  async override(body: HolidayOverrideRequest, actorId: string, meta: RequestMeta): Promise<HolidayYearView> {
    const m = /^(\d{4})-\d{2}-\d{2}$/.exec(body.date);
    const year = m ? Number(m[1]) : NaN;
    if (!m || holidayYearProblems({ year, holidays: [body.date], workdays: [] }).length)
      throw AppException.field('VALIDATION_FAILED', 'date', 'isDate', 'date must be a real date YYYY-MM-DD from 1900 to 2100');
    const current = this.year(year);
    const holidays = current.holidays.filter((d) => d !== body.date);
    const workdays = current.workdays.filter((d) => d !== body.date);
    const weekday = new Date(`${body.date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (body.kind === 'holiday' && !weekend) holidays.push(body.date);
    if (body.kind === 'working' && weekend) workdays.push(body.date);
    const published = current.source === 'statutory' ? false : current.published;
    await this.write(year, holidays.sort(), workdays.sort(), published, actorId, meta, 'holiday_calendar.override', { date: body.date, kind: body.kind, reason: body.reason });
    return this.year(year);
  }

  private async write(year: number, holidays: string[], workdays: string[], published: boolean, actorId: string, meta: RequestMeta, action: string, extra: Record<string, unknown>) {
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(HolidayCalendarYear);
      const before = await repo.findOne({ where: { year }, lock: { mode: 'pessimistic_write' } });
      await repo.save({ year, source: 'admin', days: { holidays, workdays }, published, updatedBy: actorId, updatedAt: this.clock.now() });
      await this.audit.record(
        {
          actorId,
          action,
          targetType: 'holiday_calendar',
          detail: { year, ...extra, published, holidays, workdays, before: before ? { source: before.source, published: before.published, days: before.days } : null },
        },
        meta,
        m,
      );
    });
    await this.reload();
    return this.year(year);
  }
}
