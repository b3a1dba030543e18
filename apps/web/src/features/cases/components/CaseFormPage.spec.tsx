import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, CreateCaseRequest, UpdateCaseRequest } from '@tiaojie/contracts';
import { NOTICE_VERSION } from '@tiaojie/domain';
import { errorReply, json, mockFetch, type MockCall } from '../../../test/fetch-mock';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const citizen = profile({ realName: '张三', idNumberMasked: '110105********002X' });
const organisations = [
  {
    id: 'o-1',
    name: '西湖区人民调解委员会',
    type: 'peoples_mediation_committee',
    region: '330106',
    courtId: null,
    courtName: null,
    chargesFees: false,
    disputeTypes: ['private_loan'],
    regions: ['330100'],
    description: '',
  },
];

function patched(call: MockCall, base: CaseDetail) {
  const body = call.body as UpdateCaseRequest;
  return json(200, { ...base, version: body.version + 1 });
}

describe('filing', () => {
  it('puts each field error of a refused submission on its own field, and opens the first such step', async () => {
    const user = userEvent.setup();
    const draft = caseDetail({ documents: [] });
    const { calls } = mockFetch({
      'GET /api/me': json(200, citizen),
      'GET /api/cases/c-1': json(200, draft),
      'GET /api/organisations': json(200, organisations),
      'GET /api/mediators': json(200, []),
      'PATCH /api/cases/c-1': (call) => patched(call, draft),
      'POST /api/cases/c-1/submit': errorReply(422, 'UNPROCESSABLE', 'The application is incomplete', [
        { field: 'documents', constraint: 'idCardRequired', message: 'upload an image of the applicant’s ID card' },
        { field: 'region', constraint: 'noOrganisation', message: 'No mediation organisation handles this' },
      ]),
    });
    renderRoute('/cases/c-1/edit?step=5');

    expect(await screen.findByTestId('filing-step-title')).toHaveTextContent('确认并提交');
    expect(await screen.findByTestId('notice-of-rights')).toHaveTextContent('司法确认');
    await user.click(screen.getByTestId('filing-submit'));
    // Both ticks are required before anything is sent.
    expect(await screen.findByText('请阅读并勾选告知书')).toBeInTheDocument();
    expect(screen.getByText('请勾选同意在线调解')).toBeInTheDocument();
    expect(calls.some((call) => call.path.endsWith('/submit'))).toBe(false);

    await user.click(screen.getByTestId('filing-notice-seen'));
    await user.click(screen.getByTestId('filing-consent'));
    await user.click(screen.getByTestId('filing-submit'));

    // The earliest step with an error (the region, on "requests and place") is opened.
    await waitFor(() => expect(screen.getByTestId('filing-step')).toHaveAttribute('data-step', 'claims'));
    expect(screen.getByTestId('form-error')).toHaveTextContent('申请还不完整，请检查标出的内容。');
    const region = screen.getByTestId('filing-region').closest('.ant-form-item') as HTMLElement;
    expect(within(region).getByText('该地区暂时没有处理此类纠纷的调解组织，请换一个地点或选择调解组织')).toBeInTheDocument();
    const idCard = screen.getByTestId('upload-id-card').closest('.ant-form-item') as HTMLElement;
    expect(within(idCard).getByText('请上传申请人的身份证照片')).toBeInTheDocument();

    // The draft was saved (with the version it was loaded at) before submitting with consent and notice.
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.body).toMatchObject({ version: 3, disputeType: 'private_loan', region: '330106', claims: { amount: '50000.00' } });
    expect(calls.find((call) => call.path.endsWith('/submit'))?.body).toEqual({ version: 4, consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION });
  });

  it('starts a draft from the consultation result and checks the amount with parseCny', async () => {
    const user = userEvent.setup();
    window.sessionStorage.setItem(
      'tiaojie.consultation',
      JSON.stringify({
        disputeType: 'private_loan',
        evaluation: {
          disputeType: 'private_loan',
          suitable: true,
          urgent: false,
          recommendedOrganisationTypes: ['peoples_mediation_committee'],
          advice: ['interest_above_cap'],
          interestCheck: { annualRatePercent: '24.00', capPercent: '12.00', aboveCap: true },
          answers: { interest_agreed: true, annual_rate_percent: '24' },
        },
      }),
    );
    const created = caseDetail({ version: 1, facts: '借给李四五万元至今未还钱', region: null, claims: { amount: null, otherRequests: null } });
    const { calls } = mockFetch({
      'GET /api/me': json(200, citizen),
      'POST /api/cases': json(201, created),
      'GET /api/cases/c-1': json(200, created),
      'PATCH /api/cases/c-1': (call) => patched(call, created),
    });
    const { router } = renderRoute('/cases/new');

    expect(await screen.findByTestId('filing-from-consultation')).toHaveTextContent('已带入自助评估结果：民间借贷纠纷');
    expect(screen.getByTestId('filing-dispute-type')).toHaveValue('private_loan');
    await user.type(screen.getByTestId('filing-facts'), '借给李四五万元至今未还钱');
    await user.click(screen.getByTestId('filing-next'));

    await waitFor(() => expect(router.state.location.pathname).toBe('/cases/c-1/edit'));
    const create = calls.find((call) => call.method === 'POST')?.body as CreateCaseRequest;
    expect(create).toMatchObject({ disputeType: 'private_loan', facts: '借给李四五万元至今未还钱', applicant: { name: '张三', mobile: '13800000001' } });
    expect(create.evaluation?.interestCheck?.aboveCap).toBe(true);
    expect(window.sessionStorage.getItem('tiaojie.consultation')).toBeNull();

    await waitFor(() => expect(screen.getByTestId('filing-step-title')).toHaveTextContent('请求与地点'));
    expect(router.state.location.search).toBe('?step=1');
    await user.type(screen.getByTestId('filing-amount'), '5万');
    await user.selectOptions(screen.getByTestId('filing-region'), '330106');
    await user.click(screen.getByTestId('filing-next'));
    expect(await screen.findByText('请输入有效的金额，例如 50000 或 50000.50')).toBeInTheDocument();
    await user.clear(screen.getByTestId('filing-amount'));
    await user.type(screen.getByTestId('filing-amount'), '¥50,000.5');
    await user.click(screen.getByTestId('filing-next'));
    await waitFor(() => expect(screen.getByTestId('filing-step')).toHaveAttribute('data-step', 'parties'));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ version: 1, claims: { amount: '50000.50' }, region: '330106' });
  });
});
