import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../../test/fetch-mock';
import { caseDetail, party, profile } from '../../../../test/fixtures';
import { renderRoute } from '../../../../test/render';

const dispatcher = profile({
  id: 'u-chen',
  name: '陈主任',
  roles: ['org_admin'],
  memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'org_admin' }],
});

const accepted = (overrides: Partial<CaseDetail>) =>
  caseDetail({
    number: 'TJ-2026-000031',
    state: 'ACCEPTED',
    organisationId: 'o-1',
    organisationName: '西湖区人民调解委员会',
    actions: [],
    parties: [party({ consent: 'given' }), party({ id: 'p-respondent', side: 'respondent', name: '李四', mobile: '138****0002', linked: true, consent: 'pending' })],
    ...overrides,
  });

describe('Issue #11: the staff case view shows each party’s important notices read or unread', () => {
  it('a dispatcher sees the respondent’s invitation unread with the time sent, and a deadline notice read with the time read', async () => {
    const detail = accepted({
      viewerRole: 'org_admin',
      partyNotices: [
        { partyId: 'p-respondent', template: 'respondent_invited', kind: 'invitation', sentAt: '2026-11-23T08:00:00.000Z', readAt: null, escalatedAt: '2026-11-23T08:30:00.000Z' },
        { partyId: 'p-applicant', template: 'session_reminder', kind: 'deadline', sentAt: '2026-11-23T09:00:00.000Z', readAt: '2026-11-23T09:05:00.000Z', escalatedAt: null },
      ],
    });
    mockFetch({ 'GET /api/me': json(200, dispatcher), 'GET /api/cases/c-1': json(200, detail), 'GET /api/cases/c-1/timeline': json(200, []) });
    renderRoute('/cases/c-1');
    const parties = await screen.findAllByTestId('party');
    const respondent = parties.find((p) => p.getAttribute('data-side') === 'respondent')!;
    const invite = within(respondent).getByTestId('party-notice');
    expect(invite).toHaveAttribute('data-read', 'unread');
    expect(invite).toHaveTextContent('调解邀请');
    expect(invite).toHaveTextContent('未读');
    expect(invite).toHaveTextContent(/11-23 \d\d:00 发出/);
    expect(within(invite).getByTestId('party-notice-escalated')).toHaveTextContent('短信提醒未读');
    const applicant = parties.find((p) => p.getAttribute('data-side') === 'applicant')!;
    const reminder = within(applicant).getByTestId('party-notice');
    expect(reminder).toHaveAttribute('data-read', 'read');
    expect(within(reminder).getByTestId('party-notice-read')).toHaveTextContent(/已读 11-23 \d\d:05/);
  });

  it('a party’s view (partyNotices null, R19) shows no read receipts', async () => {
    mockFetch({ 'GET /api/me': json(200, profile()), 'GET /api/cases/c-1': json(200, accepted({ viewerRole: 'applicant', partyNotices: null })), 'GET /api/cases/c-1/timeline': json(200, []) });
    renderRoute('/cases/c-1');
    await screen.findAllByTestId('party');
    expect(screen.queryByTestId('party-notices')).toBeNull();
  });
});
