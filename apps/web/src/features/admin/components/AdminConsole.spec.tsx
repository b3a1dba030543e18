import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminAccountRow, AdminOrganisation, AdminPage, DisputeTypeView } from '@tiaojie/contracts';
import { ROLES } from '@tiaojie/domain';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const admin = profile({ name: '系统管理员', roles: ['admin'] });
const org: AdminOrganisation = {
  id: 'o-1',
  name: '西湖区人民调解委员会',
  nameEn: null,
  type: 'peoples_mediation_committee',
  region: '330106',
  regions: ['330106'],
  disputeTypes: ['private_loan'],
  courtId: null,
  courtName: null,
  bureauId: null,
  bureauName: null,
  chargesFees: false,
  feeSchedule: '',
  description: '',
  descriptionEn: null,
  courtCaseKinds: ['delegated'],
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('system admin console (issue #13)', () => {
  it('is not there for anyone but the system admin', async () => {
    mockFetch({ 'GET /api/me': json(200, profile({ roles: ['org_admin'] })) });
    renderRoute('/admin/organisations');
    expect(await screen.findByText('页面不存在')).toBeInTheDocument();
    expect(screen.queryByTestId('admin-console')).toBeNull();
  });

  it('shows the server’s error for the region on the region field of the organisation form', async () => {
    const { calls } = mockFetch({
      'GET /api/me': json(200, admin),
      'GET /api/admin/organisations': json(200, [org]),
      'GET /api/admin/courts': json(200, []),
      'PUT /api/admin/organisations/o-1': errorReply(400, 'VALIDATION_FAILED', 'region must be a six-digit division code', [{ field: 'region', constraint: 'matches', message: 'x' }]),
    });
    renderRoute('/admin/organisations');
    expect(await screen.findByTestId('admin-menu-audit')).toHaveTextContent('操作记录');
    await userEvent.click(await screen.findByTestId('org-edit-西湖区人民调解委员会'));
    await userEvent.type(screen.getByTestId('org-name-en'), 'Xihu Committee');
    await userEvent.click(screen.getByTestId('org-save'));
    expect(await screen.findByText('所在地区代码的格式不正确')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toMatchObject({ nameEn: 'Xihu Committee', region: '330106' });
  });

  it('offers every role of the domain on an account, with the mobile masked', async () => {
    const row: AdminAccountRow = { id: 'u-1', name: '李四', mobileMasked: '138****0002', roles: ['citizen'], disabled: false, createdAt: '2026-01-01T00:00:00.000Z' };
    const page: AdminPage<AdminAccountRow> = { items: [row], total: 1, page: 1, pageSize: 20 };
    mockFetch({
      'GET /api/me': json(200, admin),
      'GET /api/admin/accounts': json(200, page),
      'GET /api/admin/accounts/u-1': json(200, { ...row, disabledReason: null, memberships: [] }),
    });
    renderRoute('/admin/accounts');
    await userEvent.click(await screen.findByTestId('account-row-138****0002'));
    const roles = await screen.findByTestId('account-roles');
    expect(within(roles).getAllByRole('checkbox')).toHaveLength(ROLES.length);
    expect(screen.getByTestId('account-detail')).toHaveTextContent('138****0002');
  });

  it('words a dispute type’s agreement template and sends it to the server', async () => {
    const loan: DisputeTypeView = {
      disputeType: 'private_loan',
      questions: [{ id: 'has_iou', kind: 'yes_no' }],
      organisationTypes: ['peoples_mediation_committee'],
      agreementTemplate: { disputedMatters: '借款本金。', responsibilities: '还款。', otherTerms: '生效条款。' },
      templateEdited: false,
      templateUpdatedAt: null,
    };
    const { calls } = mockFetch({
      'GET /api/me': json(200, admin),
      'GET /api/admin/dispute-types': json(200, [loan]),
      'PUT /api/admin/dispute-types/private_loan/agreement-template': json(200, { ...loan, templateEdited: true }),
    });
    renderRoute('/admin/dispute-types');
    await userEvent.click(await screen.findByTestId('template-edit-private_loan'));
    const field = screen.getByTestId('template-disputedMatters');
    await userEvent.clear(field);
    await userEvent.type(field, '借款本金及利息。');
    await userEvent.click(screen.getByTestId('template-save'));
    expect(await screen.findByText('模板已保存')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ disputedMatters: '借款本金及利息。', responsibilities: '还款。', otherTerms: '生效条款。' });
  });
});
