import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ComplaintDetail, ComplaintView } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, party, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const view = (overrides: Partial<ComplaintView> = {}): ComplaintView => ({
  id: 'k-1',
  viewerRole: 'complainant',
  subjectKind: 'mediator',
  organisationId: 'o-1',
  organisationName: '西湖区人民调解委员会',
  mediatorId: 'u-med',
  mediatorName: '王调解',
  caseId: 'c-1',
  caseNumber: 'TJ-2026-000001',
  ground: 'rudeness',
  description: '调解员多次呵斥我。',
  complainantName: '张三',
  status: 'received',
  outcome: null,
  reasons: null,
  filedAt: '2026-03-02T01:00:00.000Z',
  acknowledgeBy: '2026-03-05T01:00:00.000Z',
  decideBy: '2026-03-23T01:00:00.000Z',
  escalatedAt: null,
  decidedAt: null,
  actions: [],
  ...overrides,
});
const detail = (overrides: Partial<ComplaintDetail> = {}): ComplaintDetail => ({
  ...view(),
  history: [{ id: 'e-1', type: 'filed', internal: false, at: '2026-03-02T01:00:00.000Z', text: null, outcome: null }],
  evidence: [],
  ...overrides,
});
const posts = (calls: { method: string; path: string; body: unknown }[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

describe('R38: complaints in the web client', () => {
  it('R38: from the case page a party files a complaint about the case’s mediator; nothing is sent until the ground and description are given', async () => {
    const user = userEvent.setup();
    const c = caseDetail({
      state: 'MEDIATING',
      number: 'TJ-2026-000001',
      organisationId: 'o-1',
      organisationName: '西湖区人民调解委员会',
      parties: [party({ isViewer: true })],
      assignments: [
        {
          id: 'a-1',
          mediatorId: 'u-med',
          mediatorName: '王调解',
          role: 'presiding',
          status: 'accepted',
          assignedAt: '2026-03-02T01:00:00.000Z',
          respondBy: '2026-03-05T01:00:00.000Z',
          respondedAt: null,
          declineReason: null,
          conflictDisclosure: null,
        },
      ],
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, c),
      'POST /api/complaints': json(201, detail()),
      'GET /api/complaints/k-1': json(200, detail()),
    });
    renderRoute('/complaints/new?caseId=c-1');
    expect(await screen.findByTestId('complaint-file-case', {}, { timeout: 5000 })).toHaveTextContent('TJ-2026-000001');
    await user.click(screen.getByTestId('complaint-submit'));
    expect(posts(calls, '/api/complaints')).toHaveLength(0);
    expect(screen.getAllByRole('alert').length).toBeGreaterThan(0);
    await user.click(screen.getByTestId('complaint-subject-mediator-u-med'));
    await user.click(screen.getByTestId('complaint-ground-rudeness'));
    await user.type(screen.getByTestId('complaint-description'), '调解员多次呵斥我。');
    await user.click(screen.getByTestId('complaint-submit'));
    await waitFor(() =>
      expect(posts(calls, '/api/complaints')[0]?.body).toEqual({ subjectKind: 'mediator', mediatorId: 'u-med', ground: 'rudeness', description: '调解员多次呵斥我。', caseId: 'c-1' }),
    );
    expect(await screen.findByTestId('complaint-filed')).toBeInTheDocument();
  });

  it('R38: the complainant sees the outcome and reasons and the public history, with no handling controls', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/complaints/k-1': json(
        200,
        detail({
          status: 'told',
          outcome: 'partly_upheld',
          reasons: '调解员态度不当，已批评教育。',
          actions: [],
          history: [
            { id: 'e-1', type: 'filed', internal: false, at: '2026-03-02T01:00:00.000Z', text: null, outcome: null },
            { id: 'e-2', type: 'investigating', internal: false, at: '2026-03-03T01:00:00.000Z', text: null, outcome: null },
            { id: 'e-3', type: 'decided', internal: false, at: '2026-03-04T01:00:00.000Z', text: '调解员态度不当，已批评教育。', outcome: 'partly_upheld' },
          ],
        }),
      ),
    });
    renderRoute('/complaints/k-1');
    const page = await screen.findByTestId('complaint-page', {}, { timeout: 5000 });
    expect(page).toHaveAttribute('data-status', 'told');
    expect(screen.getByTestId('complaint-outcome')).toHaveAttribute('data-outcome', 'partly_upheld');
    expect(screen.getByTestId('complaint-reasons-text')).toHaveTextContent('调解员态度不当');
    expect(
      within(screen.getByTestId('complaint-history'))
        .getAllByTestId('complaint-event')
        .map((li) => li.getAttribute('data-type')),
    ).toEqual(['filed', 'investigating', 'decided']);
    expect(screen.queryByTestId('complaint-handle')).toBeNull();
  });

  it('R38: the mediator complained about sees no complainant', async () => {
    mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-med', name: '王调解', roles: ['mediator'] })),
      'GET /api/complaints/k-1': json(200, detail({ viewerRole: 'subject', complainantName: null, description: null, caseId: null, caseNumber: null })),
    });
    renderRoute('/complaints/k-1');
    expect(await screen.findByTestId('complaint-complainant', {}, { timeout: 5000 })).not.toHaveTextContent('张三');
    expect(screen.queryByTestId('complaint-description-text')).toBeNull();
  });

  it('R38: the org admin’s queue lists status and deadline, overdue first; the handling page takes up and decides with a coded outcome and reasons', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-admin', name: '陈主任', roles: ['org_admin'] })),
      'GET /api/complaints': json(200, [
        view({ id: 'k-2', status: 'investigating', viewerRole: 'handler', decideBy: '2026-03-30T01:00:00.000Z' }),
        view({ id: 'k-3', status: 'told', outcome: 'not_upheld', viewerRole: 'handler' }),
        view({ id: 'k-1', status: 'received', viewerRole: 'handler', escalatedAt: '2026-03-06T01:00:00.000Z' }),
      ]),
      'GET /api/complaints/k-1': json(200, detail({ viewerRole: 'handler', actions: ['investigate', 'note'] })),
      'POST /api/complaints/k-1/investigate': json(201, detail({ viewerRole: 'handler', status: 'investigating', actions: ['note', 'decide'] })),
      'POST /api/complaints/k-1/decide': json(201, detail({ viewerRole: 'handler', status: 'decided', outcome: 'upheld', reasons: '成立。', actions: [] })),
    });
    const { router } = renderRoute('/org/complaints');
    await waitFor(() => expect(screen.getAllByTestId('complaint-queue-row').map((r) => r.getAttribute('data-id'))).toEqual(['k-1', 'k-2', 'k-3']), { timeout: 5000 });
    expect(calls.some((c) => c.path === '/api/complaints?scope=queue')).toBe(true);
    await router.navigate('/complaints/k-1');
    await user.click(await screen.findByTestId('complaint-investigate', {}, { timeout: 5000 }));
    await waitFor(() => expect(posts(calls, '/api/complaints/k-1/investigate')).toHaveLength(1));
    await user.click(await screen.findByTestId('complaint-decide'));
    expect(posts(calls, '/api/complaints/k-1/decide')).toHaveLength(0);
    await user.click(screen.getByTestId('complaint-outcome-upheld'));
    await user.type(screen.getByTestId('complaint-reasons'), '成立。');
    await user.click(screen.getByTestId('complaint-decide'));
    await waitFor(() => expect(posts(calls, '/api/complaints/k-1/decide')[0]?.body).toEqual({ outcome: 'upheld', reasons: '成立。' }));
    expect(await screen.findByTestId('complaint-reasons-text')).toHaveTextContent('成立。');
  });
});

describe('R38: a mediator’s own list', () => {
  it('R38: shows the complaints about the mediator, without the complainant', async () => {
    mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-med', name: '王调解', roles: ['mediator'] })),
      'GET /api/complaints': json(200, [view({ viewerRole: 'subject', complainantName: null, description: null, caseId: null, caseNumber: null })]),
    });
    renderRoute('/complaints');
    const about = await screen.findByTestId('complaints-about-me', {}, { timeout: 5000 });
    expect(within(about).getAllByTestId('complaint-about-me')).toHaveLength(1);
    expect(about).not.toHaveTextContent('张三');
  });
});
