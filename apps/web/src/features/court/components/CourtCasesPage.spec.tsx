import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CourtBroughtCase, PublicOrganisation } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const judge = profile({ id: 'u-judge', name: '刘法官', roles: ['judge'], memberships: [{ kind: 'court', id: 'ct-1', name: '杭州市西湖区人民法院', role: 'judge' }] });

const org = (id: string, name: string, kinds: string[]): PublicOrganisation => ({
  id,
  name,
  type: 'peoples_mediation_committee',
  region: '330106',
  courtId: 'ct-1',
  courtName: '杭州市西湖区人民法院',
  chargesFees: false,
  feeSchedule: '',
  disputeTypes: ['private_loan'],
  regions: ['330106'],
  takesNow: ['private_loan'],
  description: '',
  courtCaseKinds: kinds,
});

const item: CourtBroughtCase = {
  caseId: 'c-9',
  number: 'TJ-2026-000009',
  courtCaseNumber: '（2026）浙0106民初77号',
  kind: 'entrusted',
  procedure: 'simple',
  state: 'ESCALATED',
  organisationName: '西湖区人民调解委员会',
  terminationReason: 'period_expired',
  returnedToCourt: true,
  mediationDueAt: null,
  createdAt: '2026-11-20T01:00:00.000Z',
  fileUrl: '/api/court/cases/c-9/file.pdf',
};

describe('court portal: delegated and entrusted cases (R21)', () => {
  it('lists the cases the court brought with their outcome and file, and brings a new one', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/cases': json(200, [item]),
      'GET /api/organisations': json(200, [org('o-1', '西湖区人民调解委员会', ['delegated', 'entrusted']), org('o-2', '银行业调解委员会', ['delegated'])]),
      'POST /api/court/cases': json(201, caseDetail({ id: 'c-10', number: 'TJ-2026-000010', state: 'SUBMITTED' })),
    });
    renderRoute('/court/cases');
    const row = await screen.findByTestId('court-case');
    expect(row).toHaveTextContent('（2026）浙0106民初77号');
    expect(row).toHaveTextContent('诉中委托调解');
    expect(row).toHaveTextContent('简易程序');
    expect(within(row).getByTestId('court-case-returned')).toHaveTextContent('已退回本院');
    expect(within(row).getByTestId('court-case-file')).toHaveAttribute('href', '/api/court/cases/c-9/file.pdf');

    // R21: an entrusted case asks for the procedure, and only organisations taking entrusted cases are offered.
    await user.click(screen.getByTestId('court-case-kind-entrusted'));
    const orgSelect = screen.getByTestId('court-case-organisation');
    await waitFor(() => expect(within(orgSelect).queryByText('西湖区人民调解委员会')).toBeInTheDocument());
    expect(within(orgSelect).queryByText('银行业调解委员会')).toBeNull();
    await user.click(screen.getByTestId('court-case-procedure-ordinary'));
    await user.type(screen.getByTestId('court-case-number'), '(2026)浙0106民初88号');
    await user.selectOptions(orgSelect, 'o-1');
    await user.selectOptions(screen.getByTestId('court-case-dispute-type'), 'private_loan');
    await user.type(screen.getByTestId('court-case-facts'), '借款五万元，到期未还。');
    await user.type(screen.getByTestId('court-case-region'), '330106');
    await user.type(screen.getByTestId('court-case-applicant-name'), '王五');
    await user.type(screen.getByTestId('court-case-applicant-mobile'), '13811112222');
    await user.type(screen.getByTestId('court-case-respondent-name'), '赵六');
    await user.type(screen.getByTestId('court-case-respondent-mobile'), '13811113333');
    await user.click(screen.getByTestId('court-case-submit'));
    expect(await screen.findByTestId('court-case-created')).toHaveTextContent('TJ-2026-000010');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/court/cases');
    expect(post?.body).toMatchObject({
      kind: 'entrusted',
      procedure: 'ordinary',
      courtCaseNumber: '(2026)浙0106民初88号',
      organisationId: 'o-1',
      disputeType: 'private_loan',
      region: '330106',
      applicant: { name: '王五', mobile: '13811112222' },
      respondents: [{ name: '赵六', mobile: '13811113333' }],
    });
  }, 20_000);

  it('puts the API’s refusal of the court case number on that field', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/cases': json(200, []),
      'GET /api/organisations': json(200, [org('o-1', '西湖区人民调解委员会', ['delegated', 'entrusted'])]),
      'POST /api/court/cases': errorReply(409, 'CONFLICT', 'dup', [{ field: 'courtCaseNumber', constraint: 'unique', message: 'This court already brought a case with this number' }]),
    });
    renderRoute('/court/cases');
    expect(await screen.findByTestId('court-cases-empty')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByTestId('court-case-organisation')).queryByText('西湖区人民调解委员会')).toBeInTheDocument());
    await user.type(screen.getByTestId('court-case-number'), '(2026)浙0106民诉前调123号');
    await user.selectOptions(screen.getByTestId('court-case-organisation'), 'o-1');
    await user.selectOptions(screen.getByTestId('court-case-dispute-type'), 'private_loan');
    await user.type(screen.getByTestId('court-case-facts'), '借款五万元，到期未还。');
    await user.type(screen.getByTestId('court-case-applicant-name'), '王五');
    await user.type(screen.getByTestId('court-case-applicant-mobile'), '13811112222');
    await user.type(screen.getByTestId('court-case-respondent-name'), '赵六');
    await user.type(screen.getByTestId('court-case-respondent-mobile'), '13811113333');
    await user.click(screen.getByTestId('court-case-submit'));
    const field = (await screen.findByTestId('court-case-number')).closest('.ant-form-item')!;
    await waitFor(() => expect(field.querySelector('.ant-form-item-explain')).not.toBeNull());
  }, 20_000);

  it('tells anyone but court staff that the list is not theirs', async () => {
    mockFetch({ 'GET /api/me': json(200, profile()), 'GET /api/court/cases': errorReply(403, 'FORBIDDEN', 'no'), 'GET /api/organisations': json(200, []) });
    renderRoute('/court/cases');
    expect(await screen.findByTestId('court-cases-error')).toBeInTheDocument();
    expect(screen.queryByTestId('court-case-form')).toBeNull();
  });
});
