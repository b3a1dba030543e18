import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PerformanceObligationView, PerformanceView } from '@tiaojie/contracts';
import { AppProviders } from '../../../app/providers';
import i18n from '../../../lib/i18n';
import { createQueryClient } from '../../../lib/query-client';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail } from '../../../test/fixtures';
import { ObligationsPanel } from './ObligationsPanel';

const NOW = new Date('2026-03-11T02:00:00Z'); // 11 March, 10:00 China time

function obligation(overrides: Partial<PerformanceObligationView> = {}): PerformanceObligationView {
  return {
    id: 'o-1',
    seq: 1,
    obligorPartyId: 'p-respondent',
    obligeePartyId: 'p-applicant',
    obligorName: '李四',
    obligeeName: '张三',
    kind: 'payment',
    description: '归还借款第一期',
    amount: '5000.50',
    place: '',
    method: '银行转账',
    dueDate: '2026-03-10',
    instalment: 1,
    instalments: 2,
    status: 'pending',
    claimedAt: null,
    performedAt: null,
    proofUrl: null,
    overdue: true,
    daysLeft: -1,
    disputeNote: null,
    actions: [],
    ...overrides,
  };
}

function view(overrides: Partial<PerformanceView> = {}): PerformanceView {
  return {
    caseId: 'c-1',
    agreementId: 'a-1',
    viewerPartyIds: ['p-applicant'],
    obligations: [
      obligation({ actions: ['confirm'] }),
      obligation({
        id: 'o-2',
        seq: 2,
        amount: '7000.25',
        dueDate: '2026-03-19',
        instalment: 2,
        overdue: false,
        daysLeft: 8,
        status: 'claimed',
        claimedAt: '2026-03-10T02:00:00Z',
        proofUrl: '/api/cases/c-1/documents/d-1',
        actions: ['confirm', 'dispute'],
      }),
    ],
    enforcement: { available: false, refusal: 'R34_confirmed_ruling', url: null, unpaidTotal: null, applyBy: null },
    ...overrides,
  };
}

function renderPanel(state = 'SETTLED') {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return render(
    <AppProviders queryClient={queryClient}>
      <ObligationsPanel detail={caseDetail({ state: state as 'SETTLED', number: 'TJ-2026-000001' })} />
    </AppProviders>,
  );
}

/** A stand-in for the browser's XMLHttpRequest: the proof upload answers with a stored document. */
class FakeXhr {
  static sent: FormData[] = [];
  status = 201;
  statusText = 'Created';
  responseText = JSON.stringify({ id: 'd-9', kind: 'evidence', visibility: 'all_parties', fileName: 'receipt.png' });
  withCredentials = false;
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open = vi.fn();
  setRequestHeader = vi.fn();
  getAllResponseHeaders = () => 'content-type: application/json\r\n';
  send(form: FormData) {
    FakeXhr.sent.push(form);
    setTimeout(() => this.onload?.(), 0);
  }
}

describe('obligations section of the case page', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    await i18n.changeLanguage('zh-CN');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows each obligation with status, amount, due date and countdown; the obligee confirms', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/cases/c-1/obligations': json(200, view()),
      'POST /api/cases/c-1/obligations/o-1/confirm': json(200, view({ obligations: [obligation({ status: 'performed', overdue: false, performedAt: '2026-03-11T02:00:00Z' })] })),
    });
    renderPanel();
    const items = await screen.findAllByTestId('obligation');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('第 1 项');
    expect(items[0]).toHaveTextContent('¥5,000.50');
    expect(items[0]).toHaveTextContent('2026年3月10日');
    expect(within(items[0]).getByTestId('obligation-countdown')).toHaveTextContent('已逾期 1 天');
    expect(within(items[0]).getByTestId('obligation-overdue')).toBeInTheDocument();
    expect(within(items[1]).getByTestId('obligation-status')).toHaveTextContent('已报履行，待确认');
    expect(within(items[1]).getByTestId('obligation-proof')).toHaveAttribute('href', '/api/cases/c-1/documents/d-1');
    expect(within(items[1]).queryByTestId('obligation-countdown')).toBeNull(); // claimed: waiting for the obligee, not counting down
    expect(within(items[1]).getByTestId('obligation-dispute')).toBeInTheDocument();
    expect(within(items[0]).queryByTestId('obligation-mark')).toBeNull();
    // Not yet confirmed by a court: the obligee is told what enforcement needs.
    expect(screen.getByTestId('enforcement-refusal')).toHaveAttribute('data-rule', 'R34_confirmed_ruling');

    await user.click(within(items[0]).getByTestId('obligation-confirm'));
    expect(await screen.findByTestId('obligations-feedback')).toHaveTextContent('已确认履行');
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/cases/c-1/obligations/o-1/confirm')).toBe(true);
    expect(await screen.findByTestId('obligation-status')).toHaveTextContent('已履行');
  });

  it('lets the obligor mark an obligation performed with a proof file uploaded first', async () => {
    const user = userEvent.setup();
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { calls } = mockFetch({
      'GET /api/cases/c-1/obligations': json(
        200,
        view({
          viewerPartyIds: ['p-respondent'],
          obligations: [obligation({ actions: ['mark_performed'] })],
          enforcement: { available: false, refusal: 'R34_not_obligee', url: null, unpaidTotal: null, applyBy: null },
        }),
      ),
      'POST /api/cases/c-1/obligations/o-1/performed': json(
        200,
        view({ viewerPartyIds: ['p-respondent'], obligations: [obligation({ status: 'claimed', overdue: false, claimedAt: '2026-03-11T02:00:00Z' })] }),
      ),
    });
    renderPanel();
    await user.click(await screen.findByTestId('obligation-mark'));
    // A program is refused in the browser already (the server sniffs the bytes again).
    await user.upload(screen.getByTestId('obligation-proof-input'), new File(['MZ'], 'virus.exe', { type: 'application/x-msdownload' }));
    expect(await screen.findByTestId('obligation-mark-form')).toHaveTextContent(/不支持|格式|类型/);
    await user.upload(screen.getByTestId('obligation-proof-input'), new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'receipt.png', { type: 'image/png' }));
    expect(screen.getByTestId('obligation-proof-name')).toHaveTextContent('receipt.png');
    await user.click(screen.getByTestId('obligation-mark-submit'));
    expect(await screen.findByTestId('obligations-feedback')).toHaveTextContent('已标记为履行');
    expect(FakeXhr.sent).toHaveLength(1);
    expect(FakeXhr.sent[0].get('kind')).toBe('evidence');
    const post = calls.find((c) => c.method === 'POST' && c.path.endsWith('/performed'));
    expect(post?.body).toEqual({ proofDocumentId: 'd-9' });
  });

  it('asks the obligee why it disputes, and shows the server’s field error under the note', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/cases/c-1/obligations': json(200, view()),
      'POST /api/cases/c-1/obligations/o-2/dispute': errorReply(400, 'VALIDATION_FAILED', 'note too long', [{ field: 'note', constraint: 'maxLength', message: 'too long' }]),
    });
    renderPanel();
    const items = await screen.findAllByTestId('obligation');
    await user.click(within(items[1]).getByTestId('obligation-dispute'));
    await user.click(screen.getByTestId('obligation-dispute-submit'));
    expect(await screen.findByText('请填写异议说明')).toBeInTheDocument();
    await user.type(screen.getByTestId('obligation-dispute-note'), '没有收到');
    await user.click(screen.getByTestId('obligation-dispute-submit'));
    expect(await screen.findByText('异议说明太长')).toBeInTheDocument();
  });

  it('offers the obligee the enforcement application of a confirmed agreement, in English too', async () => {
    await act(() => i18n.changeLanguage('en'));
    mockFetch({
      'GET /api/cases/c-1/obligations': json(
        200,
        view({ enforcement: { available: true, refusal: null, url: '/api/cases/c-1/enforcement-application', unpaidTotal: '12000.75', applyBy: '2028-03-19' } }),
      ),
    });
    renderPanel('CONFIRMED');
    const offer = await screen.findByTestId('enforcement-offer');
    expect(offer).toHaveTextContent('¥12,000.75');
    expect(offer).toHaveTextContent('19 Mar 2028');
    expect(screen.getByTestId('enforcement-download')).toHaveAttribute('href', '/api/cases/c-1/enforcement-application');
    expect(screen.getAllByTestId('obligation-countdown')[0]).toHaveTextContent('Overdue by 1 day');
    expect(screen.getByText('Performance of the agreement')).toBeInTheDocument();
  });

  it('is not shown before an agreement is in effect (no request made)', async () => {
    const { calls } = mockFetch({});
    renderPanel('MEDIATING');
    await waitFor(() => expect(screen.queryByTestId('case-obligations')).toBeNull());
    expect(calls).toHaveLength(0);
  });
});
