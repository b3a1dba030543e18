import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { HolidayCalendarOverview, HolidayYearView } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { changeLocale } from '../../../lib/i18n';

const admin = profile({ name: '系统管理员', roles: ['admin'] });
const overview = (unpublished: number[]): HolidayCalendarOverview => ({
  currentYear: 2027,
  unpublished,
  years: [
    { year: 2028, source: 'statutory', published: false, holidayCount: 15, workdayCount: 0, updatedAt: null },
    { year: 2027, source: 'statutory', published: false, holidayCount: 19, workdayCount: 0, updatedAt: null },
    { year: 2026, source: 'package', published: true, holidayCount: 33, workdayCount: 6, updatedAt: '2026-11-01T00:00:00.000Z' },
  ],
});
const year2027: HolidayYearView = {
  year: 2027,
  source: 'statutory',
  published: false,
  holidayCount: 2,
  workdayCount: 0,
  updatedAt: null,
  updatedById: null,
  holidays: ['2027-01-01', '2027-02-05'],
  workdays: [],
  statutory: [
    { date: '2027-01-01', name: 'new_year', makeUp: false },
    { date: '2027-02-05', name: 'spring_festival', makeUp: false },
  ],
};

describe('holiday calendar (issue #10)', () => {
  it("warns on the system admin's home while the current or next year is unpublished, linking to the calendar page", async () => {
    mockFetch({
      'GET /api/me': json(200, admin),
      'GET /api/admin/users': json(200, []),
      'GET /api/admin/calendar': json(200, overview([2027, 2028])),
    });
    renderRoute('/home');
    const warning = await screen.findByTestId('calendar-warning');
    expect(warning).toHaveTextContent('2027、2028年的节假日安排尚未录入');
    expect(within(warning).getByRole('link')).toHaveAttribute('href', '/admin/calendar');
  });

  it('shows no warning once both years are entered', async () => {
    mockFetch({ 'GET /api/me': json(200, admin), 'GET /api/admin/users': json(200, []), 'GET /api/admin/calendar': json(200, overview([])) });
    renderRoute('/home');
    expect(await screen.findByTestId('calendar-ok')).toBeInTheDocument();
    expect(screen.queryByTestId('calendar-warning')).toBeNull();
  });

  it('notes a provisional deadline on the case page, in Chinese and in English', async () => {
    const detail = caseDetail({
      id: 'c-1',
      state: 'SUBMITTED',
      deadlines: [{ kind: 'designateMediator', rule: 'R07', dueAt: '2027-01-06T15:59:59.999Z', overdue: false, dueSoon: false, provisional: true }],
    });
    mockFetch({ 'GET /api/me': json(200, profile()), 'GET /api/cases/c-1': json(200, detail), 'GET /api/cases/c-1/timeline': json(200, []) });
    const { unmount } = renderRoute('/cases/c-1');
    expect(await screen.findByTestId('deadline-provisional')).toHaveTextContent('期限为暂定：2027年节假日安排尚未公布');
    unmount();
    await changeLocale('en');
    try {
      renderRoute('/cases/c-1');
      expect(await screen.findByTestId('deadline-provisional')).toHaveTextContent('Deadline provisional: the holiday schedule for 2027 is not yet published');
    } finally {
      await changeLocale('zh-CN');
    }
  });

  it('no note when the deadline is in a published year', async () => {
    const detail = caseDetail({
      id: 'c-1',
      state: 'SUBMITTED',
      deadlines: [{ kind: 'designateMediator', rule: 'R07', dueAt: '2026-12-08T15:59:59.999Z', overdue: false, dueSoon: false, provisional: false }],
    });
    mockFetch({ 'GET /api/me': json(200, profile()), 'GET /api/cases/c-1': json(200, detail), 'GET /api/cases/c-1/timeline': json(200, []) });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('case-deadlines')).toBeInTheDocument();
    expect(screen.queryByTestId('deadline-provisional')).toBeNull();
  });

  it('the admin page shows the year, saves a corrected schedule and shows a refused date on its line', async () => {
    const user = userEvent.setup();
    const saved: HolidayYearView = {
      ...year2027,
      source: 'admin',
      published: true,
      workdays: ['2027-02-14'],
      updatedById: admin.id,
      updatedAt: '2027-01-10T02:00:00.000Z',
    };
    const { calls } = mockFetch({
      'GET /api/me': json(200, admin),
      'GET /api/admin/calendar': json(200, overview([2027, 2028])),
      'GET /api/admin/calendar/2027': json(200, year2027),
      'PUT /api/admin/calendar/2027': [
        errorReply(400, 'VALIDATION_FAILED', 'bad', [{ field: 'workdays.0', constraint: 'notInYear', message: 'workdays[0] (2026-02-14) is not in 2027' }]),
        json(200, saved),
      ],
    });
    renderRoute('/admin/calendar');
    expect(await screen.findByTestId('calendar-heading')).toHaveTextContent('节假日日历');
    expect(await screen.findByTestId('calendar-statutory')).toHaveTextContent('02-05 春节');
    expect(screen.getByTestId('calendar-year-status')).toHaveTextContent('未公布');
    expect(document.querySelector('[data-date="2027-02-05"]')).toHaveAttribute('data-kind', 'holiday');

    await user.type(screen.getByTestId('calendar-workdays'), '2026-02-14');
    await user.click(screen.getByTestId('calendar-save'));
    expect(await screen.findByText('第1行的日期不在2027年')).toBeInTheDocument();

    await user.clear(screen.getByTestId('calendar-workdays'));
    await user.type(screen.getByTestId('calendar-workdays'), '2027-02-14');
    await user.click(screen.getByTestId('calendar-save'));
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts.at(-1)?.body).toEqual({ holidays: ['2027-01-01', '2027-02-05'], workdays: ['2027-02-14'], published: true });
    expect(await screen.findByText('2027年日历已保存')).toBeInTheDocument();
  });

  it('is not found for anyone but the system admin', async () => {
    mockFetch({ 'GET /api/me': json(200, profile({ roles: ['mediator'] })) });
    renderRoute('/admin/calendar');
    expect(await screen.findByTestId('not-found')).toBeInTheDocument();
    expect(screen.queryByTestId('calendar-page')).toBeNull();
  });
});
