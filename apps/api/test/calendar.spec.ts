import type { CalendarStatus, CaseDetail, ConfirmationOverview, HolidayCalendarOverview, HolidayYearView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { mediatingCase, settle, type Login, submittedCase } from './fixtures';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';

/** An instant given as China local time. */
const cn = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => cn(`${day}T23:59:59.999`).toISOString();

/** 2027 as the State Council might publish it: New Year 01-01..03, Spring Festival 02-05..02-13, Sun 02-14 worked. */
const PUBLISHED_2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`)],
  workdays: ['2027-02-14'],
  published: true,
};

describe('holiday calendar as data (issue #10; R07, R09, R12, R29, R33 working days)', () => {
  let t: TestApp;
  let admin: Login;
  let applicant: Login;
  let orgAdmin: Login;
  let mediator: Login;
  let respondent: Login;
  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    put: (url: string, body: object) => t.http().put(url).set('Authorization', who.auth).send(body),
  });

  /** Files and submits a case as the applicant, at the clock's time; returns it as the applicant sees it. */
  const submitted = (): Promise<CaseDetail> => submittedCase(t, applicant, { addresses: false });
  const deadline = (c: CaseDetail, kind: string) => c.deadlines.find((d) => d.kind === kind);

  /** Moves the clock and signs everyone in again (access tokens expire as time moves on). */
  async function at(when: Date) {
    t.clock.set(when);
    admin = await loginAs(t, DEMO.admin);
    applicant = await loginAs(t, DEMO.citizen);
    orgAdmin = await loginAs(t, DEMO.orgAdmin);
    mediator = await loginAs(t, DEMO.mediator);
    respondent = await loginAs(t, DEMO.citizen2);
  }

  beforeAll(async () => {
    t = await startTestApp();
    await at(t.clock.now());
  });
  afterAll(() => t?.close());

  it('seeds the published years from the package at start (2026 included, admin-free)', async () => {
    const y: HolidayYearView = (await as(admin).get('/api/admin/calendar/2026').expect(200)).body;
    expect(y).toMatchObject({ year: 2026, source: 'package', published: true, updatedById: null });
    expect(y.holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-17', '2026-10-07']));
    expect(y.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  /** The mediator drafts and all sign (as confirmation.spec.ts does): the agreement takes effect now. */
  const settleNow = (caseId: string) => settle(t, caseId, { mediator, applicant, respondent, dispatcher: orgAdmin }, { dueDate: '2027-06-30' });

  it('R29: an agreement effective 2026-12-02 may still be confirmed on 2027-01-04 (New Year and a weekend), and the window says it is provisional', async () => {
    await at(cn('2026-12-02T10:00'));
    const c = await mediatingCase(t, { applicant, respondent, dispatcher: orgAdmin, mediator });
    await settleNow(c.id);
    let o: ConfirmationOverview = (await t.http().get(`/api/cases/${c.id}/confirmation`).set('Authorization', applicant.auth).expect(200)).body;
    expect(o).toMatchObject({ windowEndsAt: endOf('2027-01-04'), windowOpen: true, windowProvisional: true });
    // On the evening of 2027-01-04 the window is still open (before, it closed with 2027-01-01).
    await at(cn('2027-01-04T20:00'));
    o = (await t.http().get(`/api/cases/${c.id}/confirmation`).set('Authorization', applicant.auth).expect(200)).body;
    expect(o.windowOpen).toBe(true);
    await at(cn('2027-01-05T00:00:01'));
    o = (await t.http().get(`/api/cases/${c.id}/confirmation`).set('Authorization', applicant.auth).expect(200)).body;
    expect(o.windowOpen).toBe(false);
  });

  it('R07 over the 2026→2027 year end: a case submitted Thu 2026-12-31 must have a mediator by Wed 2027-01-06, provisional', async () => {
    await at(cn('2026-12-31T10:00'));
    const c = await submitted();
    // 01-01 New Year (statutory), 01-02/03 weekend: the 3 working days are 01-04, 01-05, 01-06.
    expect(deadline(c, 'designateMediator')).toMatchObject({ rule: 'R07', dueAt: endOf('2027-01-06'), provisional: true });
    expect(deadline(c, 'sameDayContact')).toMatchObject({ dueAt: endOf('2026-12-31'), provisional: false });
  });

  it('with the clock in 2027: the admin is told 2027 and 2028 are unpublished; Spring Festival deadlines are provisional', async () => {
    await at(cn('2027-02-04T10:00'));
    const o: HolidayCalendarOverview = (await as(admin).get('/api/admin/calendar').expect(200)).body;
    expect(o.currentYear).toBe(2027);
    expect(o.unpublished).toEqual([2027, 2028]);
    expect(o.years.find((y) => y.year === 2027)).toMatchObject({ source: 'statutory', published: false, updatedAt: null });
    const y: HolidayYearView = (await as(admin).get('/api/admin/calendar/2027').expect(200)).body;
    expect(y.statutory.filter((h) => h.name === 'spring_festival' && !h.makeUp).map((h) => h.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);

    const c = await submitted();
    // Statutory 02-05..02-08 and the art. 6 make-up days 02-09, 02-10: working days 02-11, 02-12, 02-15.
    expect(deadline(c, 'designateMediator')).toMatchObject({ dueAt: endOf('2027-02-15'), provisional: true });
    const status: CalendarStatus = (await as(applicant).get('/api/calendar').expect(200)).body;
    expect(status.publishedYears).toContain(2026);
    expect(status.publishedYears).not.toContain(2027);
  });

  it('the system admin enters 2027: deadlines computed afterwards follow it, are not provisional, and the change is audited', async () => {
    await at(cn('2027-02-04T11:00'));
    const c = await submitted();
    expect(deadline(c, 'designateMediator')).toMatchObject({ dueAt: endOf('2027-02-15'), provisional: true });

    const saved: HolidayYearView = (await as(admin).put('/api/admin/calendar/2027', PUBLISHED_2027).expect(200)).body;
    expect(saved).toMatchObject({ year: 2027, source: 'admin', published: true, updatedById: admin.user.id, workdays: ['2027-02-14'] });

    // Working days after Thu 02-04: 02-14 (Sun, 调休), 02-15, 02-16.
    const after: CaseDetail = (await t.http().get(`/api/cases/${c.id}`).set('Authorization', applicant.auth).expect(200)).body;
    expect(deadline(after, 'designateMediator')).toMatchObject({ dueAt: endOf('2027-02-16'), provisional: false });

    const audit = await t.app.get(DataSource).getRepository(AuditLog).findBy({ action: 'holiday_calendar.put' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.user.id, targetType: 'holiday_calendar' });
    expect(audit[0].detail).toMatchObject({ year: 2027, published: true, workdays: ['2027-02-14'], before: null });

    const o: HolidayCalendarOverview = (await as(admin).get('/api/admin/calendar').expect(200)).body;
    expect(o.unpublished).toEqual([2028]);
    expect(((await as(applicant).get('/api/calendar').expect(200)).body as CalendarStatus).publishedYears).toContain(2027);
  });

  it('a correction is audited with what it replaced; the package never overwrites an admin year', async () => {
    const corrected = { ...PUBLISHED_2027, workdays: [] };
    await as(admin).put('/api/admin/calendar/2027', corrected).expect(200);
    const audit = await t.app
      .get(DataSource)
      .getRepository(AuditLog)
      .find({ where: { action: 'holiday_calendar.put' }, order: { createdAt: 'ASC' } });
    expect(audit).toHaveLength(2);
    expect(audit[1].detail).toMatchObject({ workdays: [], before: { source: 'admin', days: { workdays: ['2027-02-14'] } } });
    // Correcting a package year makes it the admin's.
    await as(admin)
      .put('/api/admin/calendar/2026', { holidays: ['2026-01-01'], workdays: [] })
      .expect(200);
    expect((await as(admin).get('/api/admin/calendar/2026').expect(200)).body).toMatchObject({ source: 'admin', holidays: ['2026-01-01'] });
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const before: HolidayYearView = (await as(admin).get('/api/admin/calendar/2027').expect(200)).body;
    const cases: Array<[string, object, string]> = [
      ['/api/admin/calendar/2027', { holidays: ['2026-12-31'], workdays: [] }, 'holidays.0'],
      ['/api/admin/calendar/2027', { holidays: ['2027-01-01', '2027-02-30'], workdays: [] }, 'holidays.1'],
      ['/api/admin/calendar/2027', { holidays: ['2027-01-01'], workdays: ['2027-01-01'] }, 'workdays.0'],
      ['/api/admin/calendar/2027', { holidays: '2027-01-01', workdays: [] }, 'holidays'],
      ['/api/admin/calendar/2027', { holidays: [1], workdays: [] }, 'holidays'],
      ['/api/admin/calendar/2027', { holidays: [] }, 'workdays'],
      ['/api/admin/calendar/2027', { holidays: [], workdays: [], published: 'yes' }, 'published'],
      ['/api/admin/calendar/27', { holidays: [], workdays: [] }, 'year'],
      ['/api/admin/calendar/2200', { holidays: [], workdays: [] }, 'year'],
    ];
    for (const [url, body, field] of cases) {
      const res = await as(admin).put(url, body).expect(400);
      expect([url, field, res.body.fields.map((f: { field: string }) => f.field)]).toEqual([url, field, expect.arrayContaining([field])]);
    }
    await as(admin).get('/api/admin/calendar/abc').expect(400);
    expect((await as(admin).get('/api/admin/calendar/2027').expect(200)).body).toEqual(before);
  });

  it('only the system admin reads or changes the calendar (403 for others, 401 signed out); GET /calendar is for anyone signed in', async () => {
    for (const who of [applicant, orgAdmin, mediator]) {
      await as(who).get('/api/admin/calendar').expect(403);
      await as(who).get('/api/admin/calendar/2027').expect(403);
      await as(who).put('/api/admin/calendar/2027', PUBLISHED_2027).expect(403);
    }
    await t.http().put('/api/admin/calendar/2027').send(PUBLISHED_2027).expect(401);
    await t.http().get('/api/calendar').expect(401);
    await as(mediator).get('/api/calendar').expect(200);
  });

  it('a change made through another process is picked up at the next deadline scan', async () => {
    await at(cn('2028-01-03T10:00'));
    const c = await submitted();
    // 2028 unpublished: Mon 01-03 + 3 working days = Thu 01-06.
    expect(deadline(c, 'designateMediator')).toMatchObject({ dueAt: endOf('2028-01-06'), provisional: true });
    await t.app
      .get(DataSource)
      .query(`INSERT INTO holiday_calendar_year (year, source, days, published, updated_by, updated_at) VALUES (2028, 'admin', $1::jsonb, true, NULL, now())`, [
        JSON.stringify({ holidays: ['2028-01-01', '2028-01-04'], workdays: [] }),
      ]);
    await t.app.get(DeadlineScanner).scan();
    const after: CaseDetail = (await t.http().get(`/api/cases/${c.id}`).set('Authorization', applicant.auth).expect(200)).body;
    expect(deadline(after, 'designateMediator')).toMatchObject({ dueAt: endOf('2028-01-07'), provisional: false });
  });
});
