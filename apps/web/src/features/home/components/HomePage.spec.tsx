import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminUserSummary } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
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
    });
    renderRoute('/home');

    expect(await screen.findByTestId('home-heading')).toHaveTextContent('您好，刘法官');
    expect(screen.getByTestId('home-section-citizen-title')).toHaveTextContent('我的案件');
    expect(screen.getByTestId('home-section-court-title')).toHaveTextContent('司法确认申请');
    expect(screen.getAllByTestId(/^home-section-[a-z_]+$/)).toHaveLength(2);
    expect(screen.getByTestId('file-dispute')).toBeDisabled();
    expect(within(screen.getByTestId('home-memberships')).getByText('杭州市西湖区人民法院')).toBeInTheDocument();
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
      'GET /api/admin/users': json(200, [
        { id: 'u-admin', mobile: '13600000001', name: '系统管理员', roles: ['admin'], disabled: false, createdAt: other.createdAt },
        other,
      ]),
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
