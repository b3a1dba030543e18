import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AgreementDetailView, AgreementTemplateView } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, party, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

// jsdom has no canvas: signature_pad stands in for the strokes a finger would draw.
vi.mock('signature_pad', () => ({
  default: class FakePad {
    addEventListener() {
      return undefined;
    }
    removeEventListener() {
      return undefined;
    }
    off() {
      return undefined;
    }
    toData() {
      return [];
    }
    fromData() {
      return undefined;
    }
    clear() {
      return undefined;
    }
    isEmpty() {
      return false; // as if the signer had drawn
    }
    toDataURL() {
      return 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
    }
  },
}));
// A plain function (the config restores vi.fn mocks before each test).
HTMLCanvasElement.prototype.getContext = function getContext() {
  return { scale: () => undefined };
} as unknown as typeof HTMLCanvasElement.prototype.getContext;

const parties = [
  { id: 'p-applicant', side: 'applicant' as const, name: '张三' },
  { id: 'p-respondent', side: 'respondent' as const, name: '李四' },
];
const HASH = 'a'.repeat(64);

function mediatingCase(viewerRole: 'mediator' | 'applicant' | 'respondent') {
  return caseDetail({
    number: 'TJ-2026-000012',
    state: 'MEDIATING',
    viewerRole,
    parties: [
      party({ isViewer: viewerRole === 'applicant', consent: 'given' }),
      party({ id: 'p-respondent', side: 'respondent', name: '李四', mobile: '13800000002', isViewer: viewerRole === 'respondent', consent: 'given' }),
    ],
  });
}

function agreement(overrides: Partial<AgreementDetailView> = {}): AgreementDetailView {
  return {
    id: 'a-1',
    caseId: 'c-1',
    caseNumber: 'TJ-2026-000012',
    seq: 1,
    status: 'draft',
    revision: 1,
    partial: false,
    template: 'private_loan',
    content: { facts: '李四借款两万元未还。', disputedMatters: '还款期限。', responsibilities: '李四应还款。', otherTerms: '' },
    obligations: [
      {
        id: 'o-1',
        seq: 1,
        obligorPartyId: 'p-respondent',
        obligeePartyId: 'p-applicant',
        obligorName: '李四',
        obligeeName: '张三',
        kind: 'payment',
        description: '偿还借款',
        amount: '20000.00',
        place: '',
        method: '转账',
        dueDate: '2026-06-30',
        instalment: null,
        instalments: null,
        status: 'pending',
        claimedAt: null,
        performedAt: null,
        proofUrl: null,
        overdue: false,
      },
    ],
    drafts: [
      { obligorPartyId: 'p-respondent', obligeePartyId: 'p-applicant', kind: 'payment', description: '偿还借款', amount: '20000.00', place: '', method: '转账', dueDate: '2026-06-30', plan: null },
    ],
    parties,
    contentHash: null,
    signatures: [],
    awaitingSignatures: [],
    effectiveAt: null,
    sealedByOrg: null,
    effectRule: 'seal',
    sealedAt: null,
    sealedByName: null,
    verificationCode: null,
    pdfUrl: null,
    pdfSha256: null,
    supersedesId: null,
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    actions: [],
    changeRequests: [],
    revisions: [{ revision: 1, note: null, createdAt: '2026-03-02T01:00:00.000Z', createdByName: '王调解' }],
    ...overrides,
  };
}

const template: AgreementTemplateView = {
  template: 'private_loan',
  content: { facts: '借款两万元，逾期未还。', disputedMatters: '借款本金的数额。', responsibilities: '借款人应按约定偿还借款。', otherTerms: '各方应当自觉履行本协议。' },
  obligations: [
    { obligorPartyId: 'p-respondent', obligeePartyId: 'p-applicant', kind: 'payment', description: '支付款项', amount: '20000.00', place: '', method: '银行转账', dueDate: '2026-04-01', plan: null },
  ],
  parties,
};

describe('agreement page', () => {
  it('lets the mediator draft from the template, checks amounts and instalments with exact decimals, and shows the API’s field errors', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-m', name: '王调解', roles: ['mediator'] })),
      'GET /api/cases/c-1': json(200, mediatingCase('mediator')),
      'GET /api/cases/c-1/agreements': json(200, []),
      'GET /api/cases/c-1/agreement-template': json(200, template),
      'POST /api/cases/c-1/agreements': [
        errorReply(400, 'VALIDATION_FAILED', 'Some fields are invalid', [{ field: 'obligations.0.plan.1.dueDate', constraint: 'beforeDeadline', message: 'must not be after the final deadline' }]),
        json(201, agreement({ actions: ['edit', 'start_signing', 'request_changes'] })),
      ],
    });
    renderRoute('/cases/c-1/agreement');
    await user.click(await screen.findByTestId('agreement-start-draft'));
    expect(await screen.findByTestId('draft-facts')).toHaveValue('借款两万元，逾期未还。');
    expect(screen.getByTestId('obligation-0-amount')).toHaveValue('20000.00');

    // An amount with three decimals is refused under its field.
    const amount = screen.getByTestId('obligation-0-amount');
    await user.clear(amount);
    await user.type(amount, '100.001');
    await user.click(screen.getByTestId('draft-save'));
    expect(await screen.findByText('请输入金额（元），最多两位小数')).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '20,000.10');

    // Two instalments that do not add up to the amount are refused before anything is sent.
    await user.click(screen.getByTestId('obligation-0-add-instalment'));
    await user.click(screen.getByTestId('obligation-0-add-instalment'));
    await user.type(screen.getByTestId('instalment-0-0-amount'), '10000');
    fireEvent.change(screen.getByTestId('instalment-0-0-due-date'), { target: { value: '2026-03-15' } });
    await user.type(screen.getByTestId('instalment-0-1-amount'), '10000');
    fireEvent.change(screen.getByTestId('instalment-0-1-due-date'), { target: { value: '2026-05-15' } });
    expect(await screen.findByTestId('obligation-0-plan-sum')).toHaveAttribute('data-ok', 'false');
    await user.click(screen.getByTestId('draft-save'));
    expect(await screen.findByText('各期金额合计须等于总额')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    const second = screen.getByTestId('instalment-0-1-amount');
    await user.clear(second);
    await user.type(second, '10000.10');
    await waitFor(() => expect(screen.getByTestId('obligation-0-plan-sum')).toHaveAttribute('data-ok', 'true'));
    await user.click(screen.getByTestId('draft-save'));
    // The API's refusal lands under the field it names, in Chinese.
    expect(await screen.findByText('分期期限不能晚于履行期限')).toBeInTheDocument();
    const posted = calls.find((c) => c.method === 'POST')!.body as { obligations: Array<{ amount: string; plan: Array<{ amount: string }> }> };
    expect(posted.obligations[0].amount).toBe('20000.10');
    expect(posted.obligations[0].plan.map((p) => p.amount)).toEqual(['10000.00', '10000.10']);

    await user.click(screen.getByTestId('draft-save'));
    expect(await screen.findByTestId('agreement-document')).toHaveAttribute('data-status', 'draft');
    expect(screen.getByTestId('agreement-start-signing')).toBeInTheDocument();
  }, 60_000);

  it('lets a party ask for changes, privately, and compare revisions', async () => {
    const user = userEvent.setup();
    const draft = agreement({
      revision: 2,
      actions: ['request_changes'],
      revisions: [
        { revision: 1, note: '初稿', createdAt: '2026-03-02T01:00:00.000Z', createdByName: '王调解' },
        { revision: 2, note: '改为分期', createdAt: '2026-03-02T02:00:00.000Z', createdByName: '王调解' },
      ],
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-2', name: '李四', mobile: '13800000002' })),
      'GET /api/cases/c-1': json(200, mediatingCase('respondent')),
      'GET /api/cases/c-1/agreements': json(200, [draft]),
      'GET /api/agreements/a-1/compare': json(200, {
        from: 1,
        to: 2,
        changes: [
          { path: 'obligations.0.plan', before: null, after: '10000.00@2026-04-30; 10000.00@2026-06-30' },
          { path: 'content.facts', before: '旧', after: '新' },
        ],
      }),
      'POST /api/agreements/a-1/change-requests': json(201, {
        ...draft,
        changeRequests: [{ id: 'r-1', revision: 2, partyId: 'p-respondent', partyName: '李四', text: '希望分四期', createdAt: '2026-03-02T03:00:00.000Z', resolvedAt: null }],
      }),
    });
    renderRoute('/cases/c-1/agreement');
    expect(await screen.findByTestId('agreement-heading')).toHaveTextContent('协议第 1 号 · 第 2 稿');
    expect(screen.queryByTestId('agreement-edit')).not.toBeInTheDocument();
    const changes = await screen.findAllByTestId('compare-change');
    expect(changes[0]).toHaveTextContent('义务 1 · 分期');
    expect(changes[0]).toHaveTextContent('新增：10000.00@2026-04-30');
    expect(changes[1]).toHaveTextContent('纠纷的主要事实');

    await user.click(screen.getByTestId('change-request-submit'));
    expect(await screen.findByTestId('change-request-error')).toHaveTextContent('请填写');
    await user.type(screen.getByTestId('change-request-text'), '希望分四期');
    await user.click(screen.getByTestId('change-request-submit'));
    expect(await screen.findByTestId('change-request-sent')).toHaveTextContent('修改意见已发送给调解员');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ revision: 2, text: '希望分四期' });
    expect(within(await screen.findByTestId('change-request-list')).getByText('希望分四期')).toBeInTheDocument();
  });

  it('signs with an SMS code and a drawn signature, then offers the signed PDF', async () => {
    const user = userEvent.setup();
    const signing = agreement({ status: 'signing', contentHash: HASH, actions: ['request_changes', 'sign'], awaitingSignatures: ['p-applicant', 'p-respondent', 'mediator'] });
    const effective = agreement({
      status: 'effective',
      contentHash: HASH,
      actions: ['download'],
      effectiveAt: '2026-03-02T05:00:00.000Z',
      sealedByOrg: '西湖区人民调解委员会',
      verificationCode: 'ABCDEFGHJKLM',
      pdfUrl: '/api/agreements/a-1/pdf',
      signatures: [
        { signerRole: 'party', partyId: 'p-applicant', signerName: '张三', signedAt: '2026-03-02T05:00:00.000Z', revision: 1 },
        { signerRole: 'party', partyId: 'p-respondent', signerName: '李四', signedAt: '2026-03-02T04:00:00.000Z', revision: 1 },
        { signerRole: 'mediator', partyId: null, signerName: '王调解', signedAt: '2026-03-02T03:00:00.000Z', revision: 1 },
      ],
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, mediatingCase('applicant')),
      'GET /api/cases/c-1/agreements': json(200, [signing]),
      'POST /api/agreements/a-1/signing-code': json(202, { accepted: true, expiresInSeconds: 600, resendInSeconds: 60 }),
      'POST /api/agreements/a-1/sign': [errorReply(401, 'OTP_INVALID', 'The code is wrong', [{ field: 'code', constraint: 'otp_invalid', message: 'The code is wrong' }]), json(201, effective)],
    });
    renderRoute('/cases/c-1/agreement');
    expect(await screen.findAllByTestId('agreement-signer')).toHaveLength(3);
    await user.click(screen.getByTestId('agreement-sign'));
    expect(await screen.findByTestId('signature-canvas')).toBeInTheDocument();
    // citizen words (issue #11): the version signed, never its hash
    expect(screen.getByTestId('signing-hash')).toHaveTextContent(/第 \d+ 版/);
    expect(screen.getByTestId('signing-dialog')).not.toHaveTextContent(HASH.slice(0, 16));

    await user.click(screen.getByTestId('sign-submit'));
    expect(await screen.findByTestId('sign-error')).toHaveTextContent('6 位数字');
    await user.click(screen.getByTestId('sign-request-code'));
    expect(await screen.findByTestId('sign-code-sent')).toHaveTextContent('138****0001');
    expect(screen.getByTestId('sign-request-code')).toBeDisabled();
    await user.type(screen.getByTestId('sign-code'), '12a3456');
    expect(screen.getByTestId('sign-code')).toHaveValue('123456');
    await user.click(screen.getByTestId('sign-submit'));
    // Issue #11: the signature is sent only from the preview, which names the signer and the version.
    // citizen words (issue #11): the version signed, not its hash
    expect(await screen.findByTestId('sign-confirm-agreement')).toHaveTextContent(/第 \d+ 稿/);
    expect(screen.getByTestId('sign-confirm')).not.toHaveTextContent(HASH);
    expect(screen.getByTestId('sign-confirm-signer')).toHaveTextContent(profile().name);
    expect(screen.getByTestId('sign-confirm-agreement')).toHaveTextContent('调解协议（第');
    expect(calls.some((c) => c.path === '/api/agreements/a-1/sign')).toBe(false);
    await user.click(screen.getByTestId('sign-confirm-ok'));
    expect(await screen.findByTestId('sign-error')).toBeInTheDocument();
    await user.click(screen.getByTestId('sign-submit'));
    await user.click(await screen.findByTestId('sign-confirm-ok'));

    const download = await screen.findByTestId('agreement-download');
    expect(download).toHaveAttribute('href', '/api/agreements/a-1/pdf');
    expect(screen.getByTestId('agreement-verification-code')).toHaveTextContent('ABCDEFGHJKLM');
    const signed = calls.filter((c) => c.path === '/api/agreements/a-1/sign');
    expect(signed[1].body).toEqual({ contentHash: HASH, code: '123456', signaturePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' });
    expect(screen.getAllByTestId('agreement-signer').every((el) => el.getAttribute('data-signed') === 'true')).toBe(true);
  }, 30_000);
});
