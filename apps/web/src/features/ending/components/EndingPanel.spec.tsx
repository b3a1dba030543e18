import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndingView } from '@tiaojie/contracts';
import i18n from '../../../lib/i18n';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, party, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const mediator = profile({ id: 'u-med', name: '王调解', roles: ['mediator'], memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'mediator' }] });

function ending(overrides: Partial<EndingView> = {}): EndingView {
  return {
    caseId: 'c-1',
    state: 'MEDIATING',
    mediationDeadline: '2026-04-01T15:59:59.999Z',
    extensionDays: 0,
    failureReport: null,
    filing: null,
    extensions: [],
    shamReport: null,
    routesAfterFailure: [],
    escalationRoutes: [],
    actions: [],
    periodPauses: [],
    packagePdfUrl: null,
    ...overrides,
  };
}

const mediating = caseDetail({
  number: 'TJ-2026-000011',
  state: 'MEDIATING',
  version: 9,
  organisationId: 'o-1',
  viewerRole: 'mediator',
  parties: [party({ consent: 'given' }), party({ id: 'p-respondent', side: 'respondent', name: '李四', consent: 'given' })],
  assignments: [
    {
      id: 'a-1',
      mediatorId: 'u-med',
      mediatorName: '王调解',
      role: 'presiding',
      status: 'accepted',
      assignedAt: '2026-03-02T01:00:00.000Z',
      respondBy: '2026-03-03T01:00:00.000Z',
      respondedAt: '2026-03-02T02:00:00.000Z',
      conflictDisclosure: null,
      declineReason: null,
      declineNote: null,
    } as never,
  ],
  actions: [],
});

describe('ending panel on the case page', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('R20: the mediator records the start of an expert appraisal; the excluded time is listed', async () => {
    const user = userEvent.setup();
    const calls = mockFetch({
      'GET /api/me': json(200, mediator),
      'GET /api/cases/c-1': json(200, mediating),
      'GET /api/cases/c-1/ending': [
        json(200, ending({ actions: ['terminate', 'start_appraisal'] })),
        json(200, ending({ actions: ['terminate', 'end_appraisal'], periodPauses: [{ kind: 'appraisal', from: '2026-03-05T02:00:00.000Z', to: null }] })),
      ],
      'POST /api/cases/c-1/ending/appraisal': json(200, ending({ actions: ['terminate', 'end_appraisal'], periodPauses: [{ kind: 'appraisal', from: '2026-03-05T02:00:00.000Z', to: null }] })),
    }).calls;
    renderRoute('/cases/c-1');
    await user.click(await screen.findByTestId('ending-appraisal', {}, { timeout: 5000 }));
    await waitFor(() => expect(calls.find((c) => c.path === '/api/cases/c-1/ending/appraisal')?.body).toEqual({ start: true, version: 9 }));
    expect(await screen.findByTestId('ending-pauses')).toHaveTextContent('鉴定');
    expect(screen.getByTestId('ending-pauses')).toHaveTextContent('进行中');
    expect(screen.getByTestId('ending-appraisal')).toHaveTextContent('鉴定结束');
  });

  it('lets the mediator end mediation with a coded reason and the failure report; errors show under their fields (R22, R23)', async () => {
    const user = userEvent.setup();
    const calls = mockFetch({
      'GET /api/me': json(200, mediator),
      'GET /api/cases/c-1': json(200, mediating),
      'GET /api/cases/c-1/ending': json(200, ending({ actions: ['terminate', 'propose_extension', 'suspend'] })),
      'POST /api/cases/c-1/ending/terminate': [
        errorReply(400, 'VALIDATION_FAILED', 'bad', [{ field: 'situation', constraint: 'maxLength', message: 'too long' }]),
        json(200, ending({ state: 'TERMINATED' })),
      ],
    }).calls;
    renderRoute('/cases/c-1');
    const panel = await screen.findByTestId('ending-panel');
    expect(within(panel).getByTestId('ending-deadline')).toHaveTextContent('调解期限至 2026-04-01');
    expect(screen.queryByTestId('terminate-form')).toBeNull();

    await user.click(within(panel).getByTestId('ending-terminate'));
    const dialog = await screen.findByTestId('terminate-dialog');
    await user.click(within(dialog).getByTestId('terminate-dialog-submit'));
    expect(await within(dialog).findByText('调解经过、双方争议焦点及目前状况。', { selector: '.ant-form-item-explain-error' })).toBeInTheDocument();

    // "other" needs its note (R22).
    await user.click(within(dialog).getByText('其他原因'));
    await user.type(within(dialog).getByTestId('terminate-situation'), '经两次调解，双方仍分歧较大。');
    await user.click(within(dialog).getByTestId('terminate-dialog-submit'));
    expect(await within(dialog).findByText('选择“其他原因”时必须填写。', { selector: '.ant-form-item-explain-error' })).toBeInTheDocument();
    await user.click(within(dialog).getByText('双方分歧过大'));
    await user.type(within(dialog).getByTestId('terminate-cost'), '被申请人无故缺席一次。');
    await user.click(within(dialog).getByTestId('terminate-dialog-submit'));
    // Issue #11: first the preview of what will be issued; nothing is sent until it is confirmed.
    const preview = await screen.findByTestId('terminate-dialog-preview');
    expect(within(preview).getByTestId('terminate-preview-reason')).toHaveTextContent('双方分歧过大');
    expect(within(preview).getByTestId('terminate-preview-situation')).toHaveTextContent('经两次调解，双方仍分歧较大。');
    expect(within(preview).getByTestId('terminate-preview-cost')).toHaveTextContent('被申请人无故缺席一次。');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.click(within(preview).getByTestId('terminate-dialog-preview-ok'));
    // The server's field error lands under the field.
    const situationItem = within(dialog).getByTestId('terminate-situation').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(situationItem.querySelector('.ant-form-item-explain-error')).not.toBeNull());
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    await user.click(within(dialog).getByTestId('terminate-dialog-submit'));
    await user.click(await screen.findByTestId('terminate-dialog-preview-ok'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1].body).toEqual({
      version: 9,
      reasonCode: 'positions_too_far',
      situation: '经两次调解，双方仍分歧较大。',
      costConduct: '被申请人无故缺席一次。',
    });
    expect(await screen.findByTestId('ending-done')).toHaveTextContent('调解已结束');
  });

  it('asks a party for consent to an extension and sends the answer (R20)', async () => {
    const user = userEvent.setup();
    const party1 = caseDetail({
      ...mediating,
      viewerRole: 'applicant',
      assignments: [],
      parties: [party({ isViewer: true, consent: 'given' }), party({ id: 'p-respondent', side: 'respondent', name: '李四' })],
    });
    const pending = ending({
      extensions: [
        {
          id: 'x-1',
          days: 10,
          reason: '等待评估报告',
          status: 'pending',
          proposedAt: '2026-03-20T01:00:00.000Z',
          decidedAt: null,
          consents: [
            { partyId: 'p-applicant', partyName: '张三', decision: 'pending', decidedAt: null },
            { partyId: 'p-respondent', partyName: '李四', decision: 'given', decidedAt: '2026-03-20T02:00:00.000Z' },
          ],
          viewerPendingPartyIds: ['p-applicant'],
        },
      ],
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, party1),
      'GET /api/cases/c-1/ending': json(200, pending),
      'POST /api/cases/c-1/ending/extensions/x-1/answer': json(200, pending),
    });
    renderRoute('/cases/c-1');
    const prompt = await screen.findByTestId('extension-prompt');
    expect(prompt).toHaveTextContent('调解员提议将调解期延长 10 天');
    expect(screen.getByTestId('extension')).toHaveTextContent('等待评估报告');
    await user.click(within(prompt).getByTestId('extension-consent-button'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ partyId: 'p-applicant', consent: true }));
  });

  it('after failure shows the report, the routes and escalation with the route choice, in English too (R22, R24)', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    const terminated = caseDetail({
      ...mediating,
      state: 'TERMINATED',
      viewerRole: 'applicant',
      assignments: [],
      terminationReason: 'positions_too_far',
      parties: [party({ isViewer: true, consent: 'given' }), party({ id: 'p-respondent', side: 'respondent', name: '李四' })],
    });
    const view = ending({
      state: 'TERMINATED',
      routesAfterFailure: ['arbitration', 'administrative', 'court'],
      escalationRoutes: ['online_filing', 'arbitration'],
      actions: ['escalate'],
      failureReport: {
        id: 'r-1',
        reasonCode: 'positions_too_far',
        reasonNote: null,
        situation: 'Three sessions, no agreement.',
        costConduct: null,
        authorName: '王调解',
        createdAt: '2026-03-20T01:00:00.000Z',
        pdfUrl: '/api/cases/c-1/ending/failure-report.pdf',
      },
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ locale: 'en' })),
      'GET /api/cases/c-1': json(200, terminated),
      'GET /api/cases/c-1/ending': json(200, view),
      'POST /api/cases/c-1/ending/escalate': json(200, { ...view, state: 'ESCALATED' }),
    });
    renderRoute('/cases/c-1');
    const panel = await screen.findByTestId('ending-panel');
    expect(within(panel).getByTestId('ending-routes')).toHaveTextContent('Arbitration');
    expect(within(panel).getByTestId('ending-route-court')).toHaveTextContent('Go to court');
    expect(within(panel).getByTestId('failure-report')).toHaveTextContent('Three sessions, no agreement.');
    expect(within(panel).getByTestId('failure-report-pdf')).toHaveAttribute('href', '/api/cases/c-1/ending/failure-report.pdf');
    await user.click(within(panel).getByTestId('ending-escalate'));
    const dialog = await screen.findByTestId('escalate-dialog');
    expect(within(dialog).getByTestId('escalate-explain')).toHaveTextContent('competent court');
    await user.click(within(dialog).getByText('Arbitration (download the file and take it along)'));
    expect(within(dialog).getByTestId('escalate-explain')).toHaveTextContent('arbitration body');
    // Issue #11: a preview says what goes where and to whom; going back issues nothing.
    await user.click(within(dialog).getByTestId('escalate-dialog-submit'));
    let preview = await screen.findByTestId('escalate-dialog-preview');
    expect(within(preview).getByTestId('escalate-preview-route')).toHaveTextContent('Arbitration');
    expect(within(preview).getByTestId('escalate-preview-to')).toHaveTextContent('Every party');
    await user.click(within(preview).getByTestId('escalate-dialog-preview-back'));
    await waitFor(() => expect(screen.queryByTestId('escalate-dialog-preview')).toBeNull());
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByTestId('escalate-dialog-submit'));
    preview = await screen.findByTestId('escalate-dialog-preview');
    await user.click(within(preview).getByTestId('escalate-dialog-preview-ok'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 9, route: 'arbitration' }));
  });

  it('shows a suspended case with the report to staff and lets the mediator resume (R36)', async () => {
    const user = userEvent.setup();
    const suspended = caseDetail({ ...mediating, state: 'SUSPENDED' });
    const { calls } = mockFetch({
      'GET /api/me': json(200, mediator),
      'GET /api/cases/c-1': json(200, suspended),
      'GET /api/cases/c-1/ending': json(
        200,
        ending({
          state: 'SUSPENDED',
          actions: ['terminate', 'resume'],
          shamReport: { id: 's-1', note: '疑似串通', reporterName: '王调解', reporterRole: 'mediator', fromState: 'MEDIATING', createdAt: '2026-03-20T01:00:00.000Z', resolvedAt: null },
        }),
      ),
      'POST /api/cases/c-1/ending/resume': json(200, { caseId: 'c-1', state: 'MEDIATING' }),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('ending-suspended')).toHaveTextContent('报告（王调解）：疑似串通');
    await user.click(screen.getByTestId('ending-resume'));
    const dialog = await screen.findByTestId('resume-dialog');
    await user.type(within(dialog).getByTestId('resume-note'), '核查无异常');
    await user.click(within(dialog).getByTestId('resume-dialog-submit'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 9, note: '核查无异常' }));
  });
  it('a party reads citizen words about the escalated case: no "移送", no JSON download (issue #11)', async () => {
    const escalated = caseDetail({
      ...mediating,
      state: 'ESCALATED',
      viewerRole: 'applicant',
      assignments: [],
      parties: [party({ isViewer: true, consent: 'given' }), party({ id: 'p-respondent', side: 'respondent', name: '李四' })],
    });
    const filing = { route: 'online_filing', courtName: '西湖区人民法院', status: 'submitted', packagePdfUrl: '/p.pdf', packageJsonUrl: '/p.json' } as unknown as EndingView['filing'];
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, escalated),
      'GET /api/cases/c-1/ending': json(200, ending({ state: 'ESCALATED', filing })),
    });
    renderRoute('/cases/c-1');
    const section = await screen.findByTestId('ending-filing', {}, { timeout: 5000 });
    expect(section).toHaveTextContent('转交法院的情况');
    expect(section).toHaveTextContent('已转交法院，等待法院登记');
    expect(section).not.toHaveTextContent(/移送|JSON/);
    expect(within(section).queryByTestId('ending-package-json')).toBeNull();
    expect(within(section).getByTestId('ending-package-pdf')).toBeInTheDocument();
  });
});
