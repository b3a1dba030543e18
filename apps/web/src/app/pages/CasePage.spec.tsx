import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NOTICE_VERSION } from '@tiaojie/domain';
import { describe, expect, it } from 'vitest';
import { errorReply, json, mockFetch } from '../../test/fetch-mock';
import { caseDetail, party, profile } from '../../test/fixtures';
import { renderRoute } from '../../test/render';

const dispatcher = profile({
  id: 'u-chen',
  name: '陈主任',
  roles: ['org_admin'],
  memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'org_admin' }],
});

describe('case page', () => {
  it('shows a returned case on the progress bar at "submitted", with the reason and the way back to editing', async () => {
    const user = userEvent.setup();
    const returned = caseDetail({
      number: 'TJ-2026-000007',
      state: 'RETURNED',
      organisationId: 'o-1',
      organisationName: '西湖区人民调解委员会',
      returnReason: 'incomplete',
      reasonNote: '请补充借条照片',
      actions: ['withdraw', 'submit'],
    });
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, returned),
      'GET /api/cases/c-1/timeline': json(200, [
        {
          id: 'e-1',
          seq: 1,
          type: 'case_submitted',
          fromState: 'DRAFT',
          toState: 'SUBMITTED',
          actorName: '张三',
          actorRole: 'citizen',
          data: { organisationName: '西湖区人民调解委员会' },
          createdAt: '2026-11-23T08:00:00.000Z',
        },
        {
          id: 'e-2',
          seq: 2,
          type: 'application_returned',
          fromState: 'SUBMITTED',
          toState: 'RETURNED',
          actorName: '陈主任',
          actorRole: 'org_admin',
          data: { reasonCode: 'incomplete', reasonNote: '请补充借条照片' },
          createdAt: '2026-11-23T09:00:00.000Z',
        },
      ]),
    });
    const { router } = renderRoute('/cases/c-1');

    expect(await screen.findByTestId('case-heading')).toHaveTextContent('案件 TJ-2026-000007');
    const progress = screen.getByTestId('case-progress');
    expect(progress).toHaveAttribute('data-current', 'SUBMITTED');
    expect(progress).toHaveAttribute('data-side-state', 'RETURNED');
    expect(progress).toHaveAttribute('data-outcome', 'attention');
    expect(screen.getByTestId('case-progress-current')).toHaveTextContent('提交申请 · 已退回');
    const steps = within(progress).getAllByRole('listitem');
    expect(steps.map((step) => step.getAttribute('data-status'))).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(screen.getByTestId('case-returned')).toHaveTextContent('申请被退回：材料不全');
    expect(screen.getByTestId('case-returned')).toHaveTextContent('请补充借条照片');

    const events = await screen.findAllByTestId('timeline-event');
    expect(events[0]).toHaveTextContent('陈主任退回了申请：材料不全');
    expect(events[1]).toHaveTextContent('张三提交了申请，由西湖区人民调解委员会处理');

    await user.click(screen.getByTestId('case-edit'));
    expect(router.state.location.pathname).toBe('/cases/c-1/edit');
  });

  it('reloads the case and says so when a step meets a stale version', async () => {
    const user = userEvent.setup();
    const submitted = caseDetail({
      number: 'TJ-2026-000008',
      state: 'SUBMITTED',
      version: 3,
      viewerRole: 'org_admin',
      organisationId: 'o-1',
      organisationName: '西湖区人民调解委员会',
      // As the API lists them: `return` needs a reason code, so it is never among `actions`.
      actions: ['accept_application'],
      parties: [party(), party({ id: 'p-2', side: 'respondent', name: '李四', mobile: '138****0002', consent: 'pending' })],
    });
    const accepted = { ...submitted, state: 'ACCEPTED' as const, version: 4, actions: [] };
    const { calls } = mockFetch({
      'GET /api/me': json(200, dispatcher),
      'GET /api/cases/c-1': [json(200, submitted), json(200, accepted)],
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/cases/c-1/accept': errorReply(409, 'STALE_VERSION', 'The case changed since you loaded it', [{ field: 'version', constraint: 'stale', message: 'stale' }]),
    });
    renderRoute('/cases/c-1');

    expect(await screen.findByTestId('case-return')).toBeInTheDocument();
    await user.click(screen.getByTestId('case-accept'));
    const feedback = await screen.findByTestId('case-feedback');
    expect(feedback).toHaveAttribute('data-type', 'warning');
    expect(feedback).toHaveTextContent('案件刚刚有了新变化，页面已刷新，请确认后再操作。');
    expect(calls.find((call) => call.path === '/api/cases/c-1/accept')?.body).toEqual({ version: 3 });
    // Reloaded: someone else accepted it meanwhile, so the button is gone.
    await waitFor(() => expect(screen.getByTestId('case-state')).toHaveAttribute('data-state', 'ACCEPTED'));
    await waitFor(() => expect(screen.queryByTestId('case-accept')).not.toBeInTheDocument());
    expect(await screen.findByTestId('case-assign')).toBeInTheDocument();
  });

  it('lets a respondent consent only after ticking the notice, with a limited view before', async () => {
    const user = userEvent.setup();
    const invited = caseDetail({
      number: 'TJ-2026-000009',
      state: 'ACCEPTED',
      version: 6,
      viewerRole: 'respondent',
      limitedView: true,
      documents: [],
      actions: ['withdraw', 'respondent_consent', 'respondent_decline'],
      parties: [party({ mobile: '138****0001', idNumberMasked: null }), party({ id: 'p-2', side: 'respondent', name: '李四', mobile: '13800000002', consent: 'pending', isViewer: true })],
    });
    const consented = {
      ...invited,
      limitedView: false,
      actions: [],
      parties: [invited.parties[0], { ...invited.parties[1], consent: 'given' as const }],
    };
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-li', name: '李四', mobile: '13800000002' })),
      'GET /api/cases/c-1': [json(200, invited), json(200, consented)],
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/cases/c-1/consent': json(201, consented),
    });
    renderRoute('/cases/c-1');

    expect(await screen.findByTestId('case-limited')).toBeInTheDocument();
    expect(screen.queryByTestId('case-documents')).not.toBeInTheDocument();
    // A respondent never withdraws the applicant's application.
    expect(screen.queryByTestId('case-withdraw')).not.toBeInTheDocument();
    const give = await screen.findByTestId('consent-give');
    expect(give).toBeDisabled();
    // R02: the versioned notice text, with its version; the version goes with the tick.
    expect(screen.getByTestId('consent-notice')).toHaveAttribute('data-version', NOTICE_VERSION);
    expect(screen.getByTestId('consent-notice-version')).toHaveTextContent(NOTICE_VERSION);
    await user.click(screen.getByTestId('consent-notice-seen'));
    await user.click(give);

    expect(await screen.findByTestId('case-feedback')).toHaveTextContent('您已同意调解');
    expect(calls.find((call) => call.path.endsWith('/consent'))?.body).toEqual({ version: 6, consent: 'given', noticeSeen: true, noticeVersion: NOTICE_VERSION });
    expect(screen.queryByTestId('respondent-consent')).not.toBeInTheDocument();
  });
});
