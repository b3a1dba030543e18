import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AssignmentView, CaseDetail, MediatorChangeRequestView } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, party, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const assignment: AssignmentView = {
  id: 'a-1',
  mediatorId: 'u-med',
  mediatorName: '王调解',
  role: 'presiding',
  status: 'accepted',
  assignedAt: '2026-03-02T01:00:00.000Z',
  respondBy: '2026-03-05T09:59:59.000Z',
  respondedAt: '2026-03-02T02:00:00.000Z',
  declineReason: null,
  conflictDisclosure: '本人与申请人系远房表亲。',
};

function accepted(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return caseDetail({
    state: 'ACCEPTED',
    number: 'TJ-2026-000001',
    version: 7,
    organisationId: 'o-1',
    actions: [],
    assignments: [assignment],
    parties: [party({ isViewer: true, consent: 'given' }), party({ id: 'p-respondent', side: 'respondent', name: '李四', mobile: '13800000002', consent: 'given' })],
    ...overrides,
  });
}

const request = (overrides: Partial<MediatorChangeRequestView> = {}): MediatorChangeRequestView => ({
  id: 'r-1',
  kind: 'change',
  status: 'open',
  partyId: 'p-applicant',
  partyName: '张三',
  assignmentId: 'a-1',
  mediatorName: '王调解',
  reasonCode: 'partiality',
  reasonNote: '调解员多次打断我的陈述。',
  createdAt: '2026-03-02T03:00:00.000Z',
  answerBy: '2026-03-05T09:59:59.000Z',
  escalatedAt: null,
  answeredAt: null,
  answerNote: null,
  newMediatorName: null,
  ...overrides,
});

const postsTo = (calls: { method: string; path: string; body: unknown }[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

describe('R10, R11: recusal and change of mediator on the case page', () => {
  it('R10: a party sees the disclosure and each party’s answer, consents, or asks for recusal with a reason and a note', async () => {
    const user = userEvent.setup();
    const withCheck = accepted({
      conflictCheck: {
        assignmentId: 'a-1',
        mediatorName: '王调解',
        disclosure: '本人与申请人系远房表亲。',
        disclosedAt: '2026-03-02T02:00:00.000Z',
        canAnswer: true,
        parties: [
          { partyId: 'p-applicant', partyName: '张三', answer: 'pending' },
          { partyId: 'p-respondent', partyName: '李四', answer: 'consented' },
        ],
      },
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, withCheck),
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/cases/c-1/conflict-answer': json(201, withCheck),
    });
    renderRoute('/cases/c-1');
    const check = await screen.findByTestId('conflict-check', {}, { timeout: 5000 });
    expect(check).toHaveTextContent('本人与申请人系远房表亲。');
    expect(
      within(check)
        .getAllByTestId('conflict-party')
        .map((li) => li.getAttribute('data-answer')),
    ).toEqual(['pending', 'consented']);
    // Recusal: the note is required before anything is sent.
    await user.click(screen.getByTestId('conflict-recusal'));
    await user.click(screen.getByTestId('recusal-form-submit'));
    expect(postsTo(calls, '/api/cases/c-1/conflict-answer')).toHaveLength(0);
    await user.type(screen.getByTestId('recusal-form-note'), '调解员是申请人的亲戚。');
    await user.click(screen.getByTestId('recusal-form-submit'));
    await waitFor(() =>
      expect(postsTo(calls, '/api/cases/c-1/conflict-answer')[0]?.body).toEqual({ version: 7, answer: 'recusal', reasonCode: 'conflict_of_interest', reasonNote: '调解员是申请人的亲戚。' }),
    );
    await user.click(await screen.findByTestId('conflict-consent'));
    await waitFor(() => expect(postsTo(calls, '/api/cases/c-1/conflict-answer')[1]?.body).toEqual({ version: 7, answer: 'consent' }));
  });

  it('R11: a party asks to change mediator with a coded reason and a note, and sees its own request', async () => {
    const user = userEvent.setup();
    const mediating = accepted({ state: 'MEDIATING', assignments: [{ ...assignment, conflictDisclosure: null }] });
    const asked = { ...mediating, version: 8, mediatorChangeRequests: [request()] };
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': [json(200, mediating), json(200, asked)],
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/cases/c-1/mediator-change-requests': json(201, asked),
    });
    renderRoute('/cases/c-1');
    await user.click(await screen.findByTestId('mediator-change-ask', {}, { timeout: 5000 }));
    await user.click(screen.getByTestId('mediator-change-form-partiality'));
    await user.type(screen.getByTestId('mediator-change-form-note'), '调解员多次打断我的陈述。');
    await user.click(screen.getByTestId('mediator-change-form-submit'));
    await waitFor(() => expect(postsTo(calls, '/api/cases/c-1/mediator-change-requests')[0]?.body).toEqual({ version: 7, reasonCode: 'partiality', reasonNote: '调解员多次打断我的陈述。' }));
    expect(await screen.findByTestId('mediator-change-sent')).toBeInTheDocument();
    const item = await screen.findByTestId('mediator-change-request');
    expect(item).toHaveAttribute('data-status', 'open');
    expect(item).toHaveTextContent('调解员多次打断我的陈述。');
    // The party cannot answer its own request.
    expect(screen.queryByTestId('mediator-change-answer')).not.toBeInTheDocument();
  });

  it('R11: the dispatcher sees the pending badge and an overdue mark, and grants by naming the mediator who takes over', async () => {
    const user = userEvent.setup();
    const dispatcherView = accepted({
      state: 'MEDIATING',
      viewerRole: 'org_admin',
      assignments: [{ ...assignment, conflictDisclosure: null }],
      parties: [party({ consent: 'given' }), party({ id: 'p-respondent', side: 'respondent', name: '李四', consent: 'given' })],
      mediatorChangeRequests: [request({ escalatedAt: '2026-03-06T01:00:00.000Z' })],
      pendingMediatorChanges: 1,
    });
    const answered = { ...dispatcherView, version: 10, mediatorChangeRequests: [request({ status: 'granted', newMediatorName: '钱调解' })], pendingMediatorChanges: 0 };
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-chen', name: '陈主任', roles: ['org_admin'], memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'org_admin' }] })),
      'GET /api/cases/c-1': [json(200, dispatcherView), json(200, answered)],
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/mediator-proposals': json(200, [
        { id: 'u-qian', name: '钱调解', organisations: [], disputeTypes: [], expertise: [], bio: '', yearsOfPractice: 20, chargesFees: false, courtName: null },
      ]),
      'POST /api/cases/c-1/mediator-change-requests/r-1/answer': json(201, answered),
    });
    renderRoute('/cases/c-1');
    const panel = await screen.findByTestId('mediator-change', {}, { timeout: 5000 });
    expect(within(panel).getByTestId('mediator-change-badge')).toHaveTextContent('1');
    expect(within(panel).getByTestId('mediator-change-escalated')).toBeInTheDocument();
    // A dispatcher is no party: no "ask" button.
    expect(within(panel).queryByTestId('mediator-change-ask')).not.toBeInTheDocument();
    // Refusing needs a reason before it can be sent.
    await user.click(within(panel).getByTestId('mediator-change-refuse'));
    expect(within(panel).getByTestId('mediator-change-answer-submit')).toBeDisabled();
    await user.click(within(panel).getByTestId('mediator-change-grant'));
    const select = await within(panel).findByTestId('mediator-change-mediator');
    await waitFor(() => expect(within(select).getByText('钱调解')).toBeInTheDocument());
    await user.selectOptions(select, 'u-qian');
    await user.click(within(panel).getByTestId('mediator-change-answer-submit'));
    await waitFor(() => expect(postsTo(calls, '/api/cases/c-1/mediator-change-requests/r-1/answer')[0]?.body).toEqual({ version: 7, decision: 'grant', mediatorId: 'u-qian' }));
    await waitFor(() => expect(screen.getByTestId('mediator-change-request')).toHaveAttribute('data-status', 'granted'));
    expect(screen.queryByTestId('mediator-change-badge')).not.toBeInTheDocument();
  });
});
