import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../../../test/fetch-mock';
import { caseDetail, party, profile } from '../../../../test/fixtures';
import { renderRoute } from '../../../../test/render';

const mediator = profile({ id: 'u-qian', name: '钱调解', roles: ['mediator'], memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'mediator' }] });
const assignment = {
  id: 'a-1',
  mediatorId: 'u-qian',
  mediatorName: '钱调解',
  role: 'presiding' as const,
  status: 'accepted' as const,
  assignedAt: '2026-03-02T01:00:00.000Z',
  respondBy: '2026-03-05T09:59:59.000Z',
  respondedAt: '2026-03-02T02:00:00.000Z',
  declineReason: null,
  conflictDisclosure: null,
};

describe('R01, R12: consent gates on the case page', () => {
  it('R01 (PML 23): a party ends mediation itself with a coded reason, after a confirmation', async () => {
    const user = userEvent.setup();
    const mediating = caseDetail({
      number: 'TJ-2026-000021',
      state: 'MEDIATING',
      version: 9,
      viewerRole: 'respondent',
      actions: ['party_refuse'],
      parties: [party({ mobile: '138****0001' }), party({ id: 'p-2', side: 'respondent', name: '李四', consent: 'given', isViewer: true })],
    });
    const ended = { ...mediating, state: 'TERMINATED' as const, version: 10, actions: [], terminationReason: 'party_unwilling' as const };
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-li', name: '李四', mobile: '13800000002' })),
      'GET /api/cases/c-1': [json(200, mediating), json(200, ended)],
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/cases/c-1/end-mediation': json(200, ended),
    });
    renderRoute('/cases/c-1');

    await user.click(await screen.findByTestId('end-mediation-open', {}, { timeout: 5000 }));
    const form = await screen.findByTestId('end-mediation-form');
    // "other" needs a note; nothing is sent until the form is complete and confirmed.
    await user.click(within(form).getByTestId('end-reason-other'));
    await user.click(within(form).getByTestId('end-mediation-next'));
    expect(await screen.findByTestId('end-mediation-error')).toHaveTextContent('请写明说明');
    await user.click(within(form).getByTestId('end-reason-going_to_court'));
    await user.type(within(form).getByTestId('end-note'), '我想直接起诉');
    await user.click(within(form).getByTestId('end-mediation-next'));
    const confirm = await screen.findByTestId('end-mediation-confirm');
    expect(confirm).toHaveTextContent('不能撤销');
    expect(confirm).toHaveTextContent('准备通过诉讼或仲裁解决');
    expect(calls.some((c) => c.path === '/api/cases/c-1/end-mediation')).toBe(false);
    await user.click(within(confirm).getByTestId('end-mediation-submit'));

    await waitFor(() => expect(calls.find((c) => c.path === '/api/cases/c-1/end-mediation')?.body).toEqual({ version: 9, reasonCode: 'going_to_court', reasonNote: '我想直接起诉' }));
    expect(await screen.findByTestId('case-feedback')).toHaveTextContent('您已退出调解');
    await waitFor(() => expect(screen.getByTestId('case-state')).toHaveAttribute('data-state', 'TERMINATED'));
  });

  it('R12: the mediator records the respondent’s answer when reached; saving needs it', async () => {
    const user = userEvent.setup();
    const accepted = caseDetail({
      number: 'TJ-2026-000022',
      state: 'ACCEPTED',
      version: 5,
      viewerRole: 'mediator',
      organisationId: 'o-1',
      assignments: [assignment],
      actions: [],
      parties: [party(), party({ id: 'p-2', side: 'respondent', name: '李四', mobile: '13800000002', consent: 'pending', linked: false })],
    });
    const after = { ...accepted, version: 6, parties: [accepted.parties[0], { ...accepted.parties[1], contactAnswer: 'agreed' as const }] };
    const { calls } = mockFetch({
      'GET /api/me': json(200, mediator),
      'GET /api/cases/c-1': [json(200, accepted), json(200, after)],
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/cases/c-1/contacts': json(201, after),
    });
    renderRoute('/cases/c-1');

    const contactButtons = await screen.findAllByTestId('party-contact', {}, { timeout: 5000 });
    await user.click(contactButtons[1]);
    const form = await screen.findByTestId('contact-form');
    expect(within(form).getByTestId('contact-answer-hint')).toHaveTextContent('请选择被申请人的答复');
    expect(within(form).getByTestId('contact-save')).toBeDisabled();
    await user.click(within(form).getByTestId('contact-answer-agreed'));
    // Agreement by phone is not consent: the hint says the respondent confirms by SMS link.
    expect(within(form).getByTestId('contact-answer-hint')).toHaveTextContent('短信链接');
    await user.click(within(form).getByTestId('contact-save'));
    await waitFor(() => expect(calls.find((c) => c.path === '/api/cases/c-1/contacts')?.body).toEqual({ version: 5, partyId: 'p-2', method: 'phone', reached: true, answer: 'agreed' }));
    expect(await screen.findByTestId('party-contact-answer')).toHaveTextContent('电话中表示同意，待本人确认');

    // Not reached: no answer is asked for or sent.
    await user.click((await screen.findAllByTestId('party-contact'))[1]);
    const again = await screen.findByTestId('contact-form');
    await user.click(within(again).getByTestId('contact-reached-false'));
    expect(within(again).queryByTestId('contact-answer')).not.toBeInTheDocument();
  });

  it('R12: a respondent who agreed by phone is asked to confirm it on the case page', async () => {
    const invited = caseDetail({
      number: 'TJ-2026-000023',
      state: 'ACCEPTED',
      version: 6,
      viewerRole: 'respondent',
      limitedView: true,
      documents: [],
      actions: ['respondent_consent', 'respondent_decline'],
      parties: [party({ mobile: '138****0001', idNumberMasked: null }), party({ id: 'p-2', side: 'respondent', name: '李四', consent: 'pending', isViewer: true, contactAnswer: 'agreed' })],
    });
    mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-li', name: '李四', mobile: '13800000002' })),
      'GET /api/cases/c-1': json(200, invited),
      'GET /api/cases/c-1/timeline': json(200, []),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('consent-phone-agreed', {}, { timeout: 5000 })).toHaveTextContent('您在电话中已向调解员表示同意调解');
    expect(screen.getByTestId('consent-give')).toBeDisabled();
    expect(screen.queryByTestId('end-mediation-open')).not.toBeInTheDocument();
  });
});
