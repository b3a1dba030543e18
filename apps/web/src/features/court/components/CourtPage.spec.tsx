import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CourtApplicationDetail } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { applicationView } from '../../../test/confirmation-fixtures';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const judge = profile({ id: 'u-j', name: '刘法官', roles: ['judge'], memberships: [{ kind: 'court', id: 'ct-1', name: '杭州市西湖区人民法院', role: 'judge' }] });

function detail(overrides: Partial<CourtApplicationDetail> = {}): CourtApplicationDetail {
  return {
    ...applicationView({
      parties: [
        { partyId: 'p-1', side: 'applicant', name: '张三', mobileMasked: '138****0001', address: null, idNumberMasked: '1101**********002X', signedAt: '2026-03-02T02:00:00.000Z' },
        { partyId: 'p-2', side: 'respondent', name: '李四', mobileMasked: '138****0002', address: null, idNumberMasked: null, signedAt: '2026-03-02T02:00:00.000Z' },
      ],
      applicationPdfUrl: '/api/court/confirmations/app-1/application.pdf',
    }),
    caseId: 'c-1',
    caseNumber: 'TJ-2026-000009',
    caseVersion: 9,
    disputeType: 'private_loan',
    organisationName: '西湖区人民调解委员会',
    packageItems: [{ kind: 'id_proof', partyId: 'p-1', partyName: '张三', present: true, documents: [{ id: 'd-1', fileName: 'id.png' }], detail: null }],
    agreement: {
      id: 'a-1',
      effectiveAt: '2026-03-02T01:00:00.000Z',
      facts: '借款两万元',
      disputedMatters: '',
      responsibilities: '李四承认借款',
      otherTerms: '',
      obligations: [{ id: 'o-1', seq: 1, kind: 'payment', description: '归还借款', amount: '20000.00', dueDate: '2026-04-30', obligorName: '李四', obligeeName: '张三' }],
      pdfUrl: '/api/court/confirmations/app-1/agreement.pdf',
    },
    actions: ['message', 'request_supplement', 'extend', 'confirm', 'reject'],
    viewerRole: 'judge',
    ...overrides,
  };
}

describe('court portal', () => {
  it('lists the applications with their R33 deadlines and links to /court/filings', async () => {
    mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/confirmations': json(200, [
        {
          id: 'app-1',
          caseId: 'c-1',
          caseNumber: 'TJ-2026-000009',
          status: 'submitted',
          parties: ['张三', '李四'],
          disputeType: 'private_loan',
          submittedAt: '2026-03-02T02:00:00.000Z',
          deadlines: { acceptBy: '2026-03-05T15:59:59.999Z', acceptedAt: null, ruleBy: null, extended: false, overdue: true },
          openSupplements: 0,
        },
      ]),
    });
    renderRoute('/court');
    const item = await screen.findByTestId('court-queue-item', {}, { timeout: 5000 });
    expect(item).toHaveTextContent('张三 / 李四');
    expect(item).toHaveTextContent('受理期限');
    expect(item).toHaveTextContent('已超期');
    expect(screen.getByTestId('court-nav-filings')).toHaveAttribute('href', '/court/filings');
  });

  it('lists the queue as a table: nearest deadline first, filtered by the search (issue #11)', async () => {
    const user = userEvent.setup();
    const row = (id: string, number: string, status: 'submitted' | 'accepted', due: string) => ({
      id,
      caseId: `c-${id}`,
      caseNumber: number,
      status,
      parties: ['张三', `李四${id}`],
      disputeType: 'private_loan',
      submittedAt: '2026-03-02T02:00:00.000Z',
      deadlines: { acceptBy: status === 'submitted' ? due : null, acceptedAt: null, ruleBy: status === 'accepted' ? due : null, extended: false, overdue: false },
      openSupplements: 0,
    });
    mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/confirmations': json(200, [
        row('a', 'TJ-2026-000011', 'accepted', '2026-04-20T15:59:59.999Z'),
        row('b', 'TJ-2026-000012', 'submitted', '2026-03-05T15:59:59.999Z'),
        row('c', 'TJ-2026-000013', 'accepted', '2026-04-01T15:59:59.999Z'),
      ]),
    });
    renderRoute('/court');
    await screen.findAllByTestId('court-queue-item', {}, { timeout: 5000 });
    const order = () => screen.getAllByTestId('court-queue-item').map((r) => r.getAttribute('data-case-id'));
    expect(order()).toEqual(['c-b', 'c-c', 'c-a']);
    expect(screen.getByRole('columnheader', { name: /期限/ })).toBeInTheDocument();
    await user.type(within(screen.getByTestId('court-queue-search')).getByRole('searchbox'), '000013{Enter}');
    await waitFor(() => expect(order()).toEqual(['c-c']));
  });

  it('shows the package and the agreement, and rejects with a ground and a note', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/confirmations/app-1': [
        json(200, detail()),
        json(
          200,
          detail({
            status: 'rejected',
            actions: [],
            ruling: {
              outcome: 'rejected',
              rulingNumber: null,
              judgeName: '刘法官',
              ruledAt: '2026-03-05T01:00:00.000Z',
              rejectionGround: 'unclear_content',
              rejectionNote: '还款期限不明确',
              verificationCode: null,
              pdfSha256: null,
            },
          }),
        ),
      ],
      'POST /api/court/confirmations/app-1/supplements': errorReply(400, 'VALIDATION_FAILED', 'bad', [{ field: 'dueDate', constraint: 'future', message: 'The deadline must be in the future' }]),
      'POST /api/court/confirmations/app-1/reject': json(
        201,
        detail({
          status: 'rejected',
          actions: [],
          ruling: {
            outcome: 'rejected',
            rulingNumber: null,
            judgeName: '刘法官',
            ruledAt: '2026-03-05T01:00:00.000Z',
            rejectionGround: 'unclear_content',
            rejectionNote: '还款期限不明确',
            verificationCode: null,
            pdfSha256: null,
          },
        }),
      ),
    });
    renderRoute('/court/confirmations/app-1');
    expect(await screen.findByTestId('court-agreement', {}, { timeout: 5000 })).toHaveTextContent('李四 于 2026-04-30 前向 张三 归还借款 ¥20000.00');
    expect(screen.getByTestId('court-package')).toHaveTextContent('id.png');
    expect(screen.getByTestId('court-deadline')).toHaveTextContent('裁定期限');

    await user.click(screen.getByTestId('court-request-supplement'));
    await user.type(screen.getByTestId('court-supplement-text'), '请补充借条');
    await user.click(screen.getByTestId('court-supplement-submit'));
    expect(await screen.findByTestId('court-supplement-due-error')).toBeInTheDocument();

    await user.click(screen.getByTestId('court-reject'));
    await user.click(screen.getByRole('combobox'));
    await user.click(await screen.findByText('内容不明确，无法确认'));
    await user.type(screen.getByTestId('court-reject-note'), '还款期限不明确');
    await user.click(screen.getByTestId('court-reject-submit'));
    // Issue #11: the rejection is previewed first; nothing is sent until it is issued from the dialog.
    const preview = await screen.findByTestId('court-reject-preview');
    expect(preview).toHaveTextContent('驳回申请人张三与李四的司法确认申请。理由：内容不明确，无法确认');
    expect(preview).toHaveTextContent('还款期限不明确');
    expect(calls.some((c) => c.path.endsWith('/reject'))).toBe(false);
    await user.click(screen.getByTestId('court-reject-preview-ok'));
    expect(await screen.findByTestId('court-ruling')).toHaveTextContent('法院驳回了申请：内容不明确，无法确认');
    await waitFor(() => expect(calls.find((c) => c.path === '/api/court/confirmations/app-1/reject')?.body).toEqual({ reasonCode: 'unclear_content', reasonNote: '还款期限不明确', version: 9 }));
  });

  it('issue #11: 裁定确认协议有效 shows the ruling it will issue and sends nothing until confirmed', async () => {
    const user = userEvent.setup();
    const confirmed = detail({
      status: 'confirmed',
      actions: [],
      ruling: {
        outcome: 'confirmed',
        rulingNumber: '(2026)浙0106民特1号',
        judgeName: '刘法官',
        ruledAt: '2026-03-05T01:00:00.000Z',
        rejectionGround: null,
        rejectionNote: null,
        verificationCode: 'ABCD',
        pdfSha256: null,
      },
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/confirmations/app-1': [json(200, detail()), json(200, confirmed)],
      'POST /api/court/confirmations/app-1/confirm': json(201, confirmed),
    });
    renderRoute('/court/confirmations/app-1');
    await user.click(await screen.findByTestId('court-confirm', {}, { timeout: 5000 }));
    const preview = await screen.findByTestId('court-confirm-preview');
    expect(screen.getByTestId('court-preview-main')).toHaveTextContent('申请人张三与李四于2026年3月2日达成的调解协议有效');
    expect(preview).toHaveTextContent('杭州市西湖区人民法院');
    expect(preview).toHaveTextContent('TJ-2026-000009');
    expect(screen.getByTestId('court-preview-obligations')).toHaveTextContent('李四 → 张三：归还借款 20000.00（2026-04-30）');
    expect(preview).toHaveTextContent('不能撤回');
    // Going back sends nothing.
    await user.click(screen.getByTestId('court-confirm-preview-back'));
    expect(calls.some((c) => c.path.endsWith('/confirm'))).toBe(false);

    await user.click(screen.getByTestId('court-confirm'));
    await user.click(await screen.findByTestId('court-confirm-preview-ok'));
    expect(await screen.findByTestId('court-ruling')).toHaveTextContent('(2026)浙0106民特1号');
    expect(calls.filter((c) => c.path === '/api/court/confirmations/app-1/confirm')).toHaveLength(1);
  });
  it('issue #11, R33: 按撤回申请处理 shows what will be issued and to whom; going back sends nothing', async () => {
    const user = userEvent.setup();
    const missed = {
      id: 's-1',
      text: '请补充收入证明',
      dueAt: '2026-03-04T15:59:59.999Z',
      createdAt: '2026-03-02T03:00:00.000Z',
      fulfilledAt: null,
      missedAt: '2026-03-05T00:00:00.000Z',
      decision: null,
      decidedAt: null,
      decisionNote: null,
      documents: [],
    };
    const withdrawn = detail({ status: 'withdrawn', actions: [], supplements: [{ ...missed, decision: 'withdrawn', decidedAt: '2026-03-05T01:00:00.000Z' }] });
    const { calls } = mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/confirmations/app-1': [json(200, detail({ supplements: [missed], actions: ['decide_supplement'] })), json(200, withdrawn)],
      'POST /api/court/confirmations/app-1/supplements/s-1/decision': json(201, withdrawn),
    });
    renderRoute('/court/confirmations/app-1');
    await user.type(await screen.findByTestId('court-decide-note', {}, { timeout: 5000 }), '逾期未补充');
    await user.click(screen.getByTestId('court-decide-withdrawn'));
    const preview = await screen.findByTestId('court-withdrawn-preview');
    expect(within(preview).getByTestId('court-preview-main')).toHaveTextContent('申请人张三与李四未在指定期限内补充材料（请补充收入证明），本司法确认申请按撤回处理');
    expect(within(preview).getByTestId('court-preview-to')).toHaveTextContent('各申请人：张三、李四');
    expect(within(preview).getByTestId('court-preview-note')).toHaveTextContent('逾期未补充');
    expect(preview).toHaveTextContent('不能撤回');
    await user.click(within(preview).getByTestId('court-withdrawn-preview-back'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.click(screen.getByTestId('court-decide-withdrawn'));
    await user.click(await screen.findByTestId('court-withdrawn-preview-ok'));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        expect.objectContaining({ path: '/api/court/confirmations/app-1/supplements/s-1/decision', body: { withdrawn: true, note: '逾期未补充' } }),
      ]),
    );
  });
});
