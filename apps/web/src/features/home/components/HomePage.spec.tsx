import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminUserSummary } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

describe('home page', () => {
  it('shows one section per role (judge and clerk share one) and the memberships', async () => {
    mockFetch({
      'GET /api/me': json(
        200,
        profile({
          name: '刘法官',
          roles: ['citizen', 'judge', 'clerk'],
          memberships: [{ kind: 'court', id: 'c-1', name: '杭州市西湖区人民法院', role: 'judge' }],
        }),
      ),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
    });
    renderRoute('/home');

    expect(await screen.findByTestId('home-heading')).toHaveTextContent('您好，刘法官');
    expect(screen.getByTestId('home-section-citizen-title')).toHaveTextContent('我的案件');
    expect(screen.getByTestId('home-section-court-title')).toHaveTextContent('司法确认申请');
    expect(screen.getAllByTestId(/^home-section-[a-z_]+$/)).toHaveLength(2);
    expect(screen.getByTestId('file-dispute')).toBeEnabled();
    expect(within(screen.getByTestId('home-memberships')).getByText('杭州市西湖区人民法院')).toBeInTheDocument();
  });

  it("lists a citizen's cases with progress and the next deadline, and resumes a draft", async () => {
    const user = userEvent.setup();
    const { viewerRole: _role, ...submitted } = caseDetail({
      id: 'c-2',
      number: 'TJ-2026-000002',
      state: 'SUBMITTED',
      nextDeadline: { kind: 'sameDayContact', rule: 'DESIGN', dueAt: new Date(Date.now() - 3 * 3600_000).toISOString(), overdue: true, dueSoon: false },
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': [
        json(200, {
          items: [
            { ...caseDetail({ id: 'c-1' }), viewerRole: 'applicant' },
            { ...submitted, viewerRole: 'applicant' },
          ],
          nextCursor: 'next-page',
        }),
        json(200, { items: [{ ...submitted, id: 'c-3', number: 'TJ-2026-000003', viewerRole: 'respondent' }], nextCursor: null }),
      ],
    });
    const { router } = renderRoute('/home');

    const items = await screen.findAllByTestId('case-item');
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent('TJ-2026-000002');
    expect(within(items[1]).getByTestId('case-item-progress')).toHaveAttribute('data-current', 'SUBMITTED');
    const deadline = within(items[1]).getByTestId('case-item-deadline');
    expect(deadline).toHaveAttribute('data-overdue', 'true');
    expect(deadline).toHaveTextContent('已超期 3 小时');

    await user.click(screen.getByTestId('my-cases-more'));
    expect(await screen.findAllByTestId('case-item')).toHaveLength(3);
    expect(calls.filter((call) => call.path.startsWith('/api/cases')).map((call) => call.path)).toEqual(['/api/cases?scope=mine', '/api/cases?scope=mine&cursor=next-page']);

    await user.click(within(items[0]).getByTestId('case-continue'));
    expect(router.state.location.pathname).toBe('/cases/c-1/edit');
  });

  it('lets an admin disable another account', async () => {
    const user = userEvent.setup();
    const other: AdminUserSummary = {
      id: 'u-2',
      mobile: '13800000002',
      name: '李四',
      roles: ['citizen'],
      disabled: false,
      createdAt: '2026-01-02T00:00:00.000Z',
    };
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-admin', name: '系统管理员', roles: ['admin'] })),
      'GET /api/admin/users': json(200, [{ id: 'u-admin', mobile: '13600000001', name: '系统管理员', roles: ['admin'], disabled: false, createdAt: other.createdAt }, other]),
      'PATCH /api/admin/users/u-2': json(200, { ...other, disabled: true }),
    });
    renderRoute('/home');

    const rows = await screen.findAllByTestId('admin-user-row');
    expect(rows).toHaveLength(2);
    // Nobody disables themselves from here.
    expect(within(rows[0]).queryByTestId('admin-user-disable')).not.toBeInTheDocument();

    await user.click(within(rows[1]).getByTestId('admin-user-disable'));
    const confirm = await screen.findByRole('tooltip');
    await user.click(within(confirm).getByRole('button', { name: '停用' }));

    expect(await within(rows[1]).findByText('已停用')).toBeInTheDocument();
    expect(within(rows[1]).getByTestId('admin-user-enable')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/admin/users/u-2',
      body: { disabled: true },
    });
  });
});
