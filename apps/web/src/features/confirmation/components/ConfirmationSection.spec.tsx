import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { applicationView, confirmationOverview } from '../../../test/confirmation-fixtures';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const overview = confirmationOverview;
const application = applicationView;

const settled = caseDetail({ id: 'c-1', number: 'TJ-2026-000009', state: 'SETTLED', actions: [] });

describe('judicial confirmation section', () => {
  it('shows the free-of-charge notice, the countdown, the court with its basis and the package, and signs with a code', async () => {
    const user = userEvent.setup();
    const signedOverview = overview({
      actions: [],
      application: application({
        status: 'signing',
        parties: [
          { partyId: 'p-1', side: 'applicant', name: '张三', mobileMasked: '138****0001', address: null, idNumberMasked: null, signedAt: '2026-03-02T02:00:00.000Z' },
          { partyId: 'p-2', side: 'respondent', name: '李四', mobileMasked: '138****0002', address: null, idNumberMasked: null, signedAt: null },
        ],
      }),
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, settled),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/confirmation': [json(200, overview()), json(200, signedOverview)],
      'POST /api/cases/c-1/confirmation/code': json(202, { accepted: true, expiresInSeconds: 300, resendInSeconds: 60 }),
      'POST /api/cases/c-1/confirmation/sign': [
        errorReply(422, 'UNPROCESSABLE', 'excluded', [
          { field: 'answers.personalStatus', constraint: 'R32_personal_status', message: 'excluded matter: personal_status' },
          { field: 'case', constraint: 'R32_outside_jurisdiction', message: 'excluded matter: outside_jurisdiction' },
        ]),
        json(201, signedOverview),
      ],
    });
    renderRoute('/cases/c-1');

    const section = await screen.findByTestId('confirmation', {}, { timeout: 5000 });
    expect(within(section).getByTestId('confirmation-free')).toHaveTextContent('不收取任何费用');
    expect(within(section).getByTestId('confirmation-window')).toHaveTextContent(/还剩 (19|20) 天/);
    expect(within(section).getByTestId('confirmation-court')).toHaveTextContent('杭州市西湖区人民法院（标的物所在地的基层人民法院）');
    expect(within(section).getByTestId('confirmation-package')).toHaveTextContent('身份证明：李四');

    await user.click(screen.getByTestId('confirmation-send-code'));
    await user.type(screen.getByTestId('confirmation-code'), '123456');
    await user.click(screen.getByTestId('confirmation-answer-personalStatus'));
    await user.click(screen.getByTestId('confirmation-sign'));
    // Issue #11: the application is previewed (court, answers) and signed only from the preview.
    expect(await screen.findByTestId('confirmation-sign-preview-court')).toHaveTextContent('杭州市西湖区人民法院');
    expect(screen.getByTestId('confirmation-sign-preview-answers')).toHaveTextContent('本协议涉及婚姻、亲子或收养等身份关系：是');
    expect(calls.some((c) => c.path === '/api/cases/c-1/confirmation/sign')).toBe(false);
    await user.click(screen.getByTestId('confirmation-sign-preview-ok'));
    // R32: the refused answer is explained under it.
    expect(await screen.findByText('涉及身份关系（确认婚姻关系、亲子关系、收养关系等）')).toBeInTheDocument();
    // Issue #11: the other reasons in Chinese too, never the server's English message.
    expect(screen.getByTestId('confirmation-error')).toHaveTextContent('所选法院对本案没有管辖权');
    expect(screen.getByTestId('confirmation-error')).not.toHaveTextContent('excluded matter');

    await user.click(screen.getByTestId('confirmation-answer-personalStatus'));
    await user.click(screen.getByTestId('confirmation-sign'));
    await user.click(await screen.findByTestId('confirmation-sign-preview-ok'));
    expect(await screen.findByTestId('confirmation-signed-mine')).toHaveTextContent('等待对方签署');
    const signCalls = calls.filter((c) => c.path === '/api/cases/c-1/confirmation/sign');
    expect(signCalls[1].body).toEqual({ code: '123456', answers: { personalStatus: false }, version: 7 });
  });

  it('lists the court’s request for materials, the messages, and offers the ruling download once confirmed', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, { ...settled, state: 'CONFIRMED' }),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/confirmation': json(
        200,
        overview({
          caseState: 'CONFIRMED',
          actions: ['download_ruling'],
          application: application({
            status: 'confirmed',
            supplements: [
              {
                id: 's-1',
                text: '请补充借条原件照片',
                dueAt: '2026-03-10T15:59:59.999Z',
                createdAt: '2026-03-03T00:00:00.000Z',
                fulfilledAt: '2026-03-04T00:00:00.000Z',
                missedAt: null,
                decision: null,
                decidedAt: null,
                decisionNote: null,
                documents: [{ id: 'd-9', fileName: '借条.png' }],
              },
            ],
            messages: [{ id: 'm-1', authorName: '杭州市西湖区人民法院 刘法官', authorRole: 'court', body: '材料已收到。', createdAt: '2026-03-04T01:00:00.000Z' }],
            ruling: {
              outcome: 'confirmed',
              rulingNumber: '(2026)浙0106民特1号',
              judgeName: '刘法官',
              ruledAt: '2026-03-05T01:00:00.000Z',
              rejectionGround: null,
              rejectionNote: null,
              verificationCode: 'ABC',
              pdfSha256: 'x',
            },
            enforceable: true,
            rulingPdfUrl: '/api/cases/c-1/confirmation/ruling.pdf',
          }),
        }),
      ),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('confirmation-ruling', {}, { timeout: 5000 })).toHaveTextContent('(2026)浙0106民特1号');
    expect(screen.getByTestId('confirmation-ruling-download')).toHaveAttribute('href', '/api/cases/c-1/confirmation/ruling.pdf');
    expect(screen.getByTestId('confirmation-supplement')).toHaveTextContent('借条.png');
    expect(screen.getByTestId('confirmation-message')).toHaveTextContent('材料已收到。');
    expect(screen.getByTestId('confirmation-status')).toHaveTextContent('已确认有效');
    expect(screen.queryByTestId('confirmation-sign-form')).not.toBeInTheDocument();
  });

  it('withdraws after a second click, sending the version it saw', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, { ...settled, state: 'CONFIRMATION_REQUESTED' }),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/confirmation': [
        json(200, overview({ caseState: 'CONFIRMATION_REQUESTED', actions: ['withdraw', 'message'], application: application() })),
        json(200, overview({ application: application({ status: 'withdrawn', withdrawnReason: 'parties' }), actions: ['sign'] })),
      ],
      'POST /api/cases/c-1/confirmation/withdraw': json(201, overview({ application: application({ status: 'withdrawn', withdrawnReason: 'parties' }), actions: ['sign'] })),
    });
    renderRoute('/cases/c-1');
    await user.click(await screen.findByTestId('confirmation-withdraw', {}, { timeout: 5000 }));
    await user.click(screen.getByTestId('confirmation-withdraw-confirm'));
    expect(await screen.findByTestId('confirmation-withdrawn')).toHaveTextContent('协议仍然有效');
    await waitFor(() => expect(calls.find((c) => c.path === '/api/cases/c-1/confirmation/withdraw')?.body).toEqual({ version: 7 }));
  });

  it('R31/R30: shows the missing address to the party who can fill it, saves it, and lets the party choose among the competent courts', async () => {
    const user = userEvent.setup();
    const binjiang = { courtId: 'ct-2', courtName: '杭州市滨江区人民法院', basis: 'party_domicile' as const, region: '330108' };
    const missing = overview({
      packageComplete: false,
      packageItems: [{ kind: 'contacts', partyId: 'p-1', partyName: '张三', present: false, documents: [], detail: '138****0001', missing: ['address'] }],
      editableContacts: [{ partyId: 'p-1', partyName: '张三', address: null, domicileRegion: null }],
    });
    const filled = overview({
      proposal: binjiang,
      alternatives: [{ courtId: 'ct-1', courtName: '杭州市西湖区人民法院', basis: 'subject_matter', region: '330106' }],
      actions: ['sign', 'choose_court'],
      editableContacts: [{ partyId: 'p-1', partyName: '张三', address: '杭州市滨江区江南大道1号', domicileRegion: '330108' }],
      courtChoices: [
        { partyId: 'p-1', partyName: '张三', courtId: null },
        { partyId: 'p-2', partyName: '李四', courtId: 'ct-2' },
      ],
    });
    const chosen = { ...filled, courtChoices: filled.courtChoices.map((c) => ({ ...c, courtId: 'ct-2' })), chosenCourtId: 'ct-2' };
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, settled),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/confirmation': [json(200, missing), json(200, filled), json(200, chosen)],
      'POST /api/cases/c-1/confirmation/contacts': json(200, filled),
      'POST /api/cases/c-1/confirmation/court': json(200, chosen),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('confirmation-contacts-missing', {}, { timeout: 5000 })).toHaveTextContent('张三：缺少地址');
    await user.type(screen.getByTestId('confirmation-contacts-address'), '杭州市滨江区江南大道1号');
    await user.type(screen.getByTestId('confirmation-contacts-domicile'), '330108');
    await user.click(screen.getByTestId('confirmation-contacts-save'));
    await waitFor(() => expect(calls.find((c) => c.path === '/api/cases/c-1/confirmation/contacts')?.body).toEqual({ partyId: 'p-1', address: '杭州市滨江区江南大道1号', domicileRegion: '330108' }));

    const choice = await screen.findByTestId('confirmation-court-choice');
    expect(choice).toHaveTextContent('李四选择：杭州市滨江区人民法院');
    expect(screen.getByTestId('confirmation-court-agreed')).toHaveTextContent('各方尚未选择同一法院');
    // Signing waits for the same choice.
    await user.type(screen.getByTestId('confirmation-code'), '123456');
    expect(screen.getByTestId('confirmation-sign')).toBeDisabled();
    await user.click(within(choice).getByText(/杭州市滨江区人民法院（当事人住所地/));
    await waitFor(() => expect(calls.find((c) => c.path === '/api/cases/c-1/confirmation/court')?.body).toEqual({ courtId: 'ct-2' }));
    expect(await screen.findByText('各方均选择了杭州市滨江区人民法院。')).toBeInTheDocument();
    expect(screen.getByTestId('confirmation-sign')).toBeEnabled();
  });
});
