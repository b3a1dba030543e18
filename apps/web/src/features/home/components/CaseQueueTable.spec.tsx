import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const deadline = (dueAt: string | null) => (dueAt ? { kind: 'sameDayContact', rule: 'R05', dueAt, overdue: false, dueSoon: false } : null);

describe('staff queue table (issue #11)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the organisation queue as a table, nearest deadline first, reversed on a click, and searches', async () => {
    const user = userEvent.setup();
    // A laptop: the table is for 1024 px and up (a phone keeps the card list).
    const matchMedia = window.matchMedia;
    vi.stubGlobal('matchMedia', (query: string) => ({ ...matchMedia(query), matches: query === '(min-width: 1024px)' }));
    const { viewerRole: _role, ...base } = caseDetail({ state: 'SUBMITTED' });
    const items = [
      { ...base, id: 'c-late', number: 'TJ-2026-000001', viewerRole: 'org_admin', nextDeadline: deadline('2026-12-20T08:00:00.000Z') },
      { ...base, id: 'c-none', number: 'TJ-2026-000002', viewerRole: 'org_admin', nextDeadline: null },
      { ...base, id: 'c-soon', number: 'TJ-2026-000003', viewerRole: 'org_admin', nextDeadline: deadline('2026-12-03T08:00:00.000Z'), pendingMediatorChanges: 1 },
    ];
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ roles: ['org_admin'], memberships: [] })),
      'GET /api/cases': (call) => json(200, { items: call.path.includes('q=') ? items.slice(0, 1) : items, nextCursor: null }),
    });
    renderRoute('/home');
    const section = await screen.findByTestId('home-section-org_admin', {}, { timeout: 5000 });
    const ids = () =>
      within(section)
        .getAllByTestId('case-item')
        .map((row) => row.getAttribute('data-id'));
    await waitFor(() => expect(ids()).toEqual(['c-soon', 'c-late', 'c-none']));
    expect(within(section).getByRole('columnheader', { name: /最近期限/ })).toBeInTheDocument();
    expect(within(section).getAllByTestId('case-item')[0]).toHaveTextContent('TJ-2026-000003');
    expect(within(section).getByTestId('case-item-mediator-changes')).toBeInTheDocument();
    await user.click(within(section).getByRole('columnheader', { name: /最近期限/ }));
    await waitFor(() => expect(ids()).toEqual(['c-none', 'c-late', 'c-soon']));
    await user.type(within(section).getByPlaceholderText('案件编号或当事人姓名'), 'TJ-2026-000001{Enter}');
    await waitFor(() => expect(ids()).toEqual(['c-late']));
    expect(calls.some((call) => call.path.includes('q=TJ-2026-000001'))).toBe(true);
  });
});
