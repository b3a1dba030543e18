import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { InAppNotice } from '@tiaojie/contracts';
import { publishNotice, publishResync } from '../../../lib/socket';
import { json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

function notice(overrides: Partial<InAppNotice> = {}): InAppNotice {
  return {
    id: 'n-1',
    caseId: 'c-1',
    caseNumber: 'TJ-2026-000001',
    template: 'application_accepted',
    text: '调解申请TJ-2026-000001已受理，正在指派调解员并联系对方当事人。',
    createdAt: '2026-11-23T09:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

describe('notification bell', () => {
  it('counts unread notices, takes live ones, and marks one read when it is opened', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/notifications': json(200, {
        items: [notice(), notice({ id: 'n-0', template: 'case_submitted', text: '调解申请已提交', readAt: '2026-11-23T08:30:00.000Z' })],
        unread: 1,
      }),
      'POST /api/notifications/n-2/read': json(204),
    });
    const { router } = renderRoute('/home');

    expect(await screen.findByTestId('bell-count')).toHaveTextContent('1');
    act(() => publishNotice(notice({ id: 'n-2', template: 'mediator_assigned', text: '案件TJ-2026-000001已指派调解员钱调解。' })));
    await waitFor(() => expect(screen.getByTestId('bell-count')).toHaveTextContent('2'));
    expect(screen.getByTestId('bell')).toHaveAccessibleName('消息，2 条未读');

    await user.click(screen.getByTestId('bell'));
    const items = screen.getAllByTestId('bell-item');
    expect(items.map((item) => item.getAttribute('data-read'))).toEqual(['false', 'false', 'true']);
    expect(items[0]).toHaveTextContent('已指派调解员钱调解');

    await user.click(items[0]);
    expect(router.state.location.pathname).toBe('/cases/c-1');
    expect(calls.some((call) => call.method === 'POST' && call.path === '/api/notifications/n-2/read')).toBe(true);
    expect(screen.getByTestId('bell-count')).toHaveTextContent('1');
  });

  it('issue #11: “the mediator sent you a message” (no content) opens the conversation page', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/notifications': json(200, { items: [notice({ template: 'mediator_message', text: '案件TJ-2026-000001的调解员给您发来了新消息，请登录查看。' })], unread: 1 }),
      'POST /api/notifications/n-1/read': json(204),
    });
    const { router } = renderRoute('/home');
    await user.click(await screen.findByTestId('bell'));
    const [item] = await screen.findAllByTestId('bell-item');
    expect(item).toHaveTextContent('调解员给您发来了新消息');
    await user.click(item);
    expect(router.state.location.pathname).toBe('/cases/c-1/mediation');
  });

  it('asks the server again when the live connection (re)connects: a notice sent before it is not missed', async () => {
    let unread = 0;
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/notifications': () => json(200, { items: unread ? [notice()] : [], unread }),
    });
    renderRoute('/home');
    await screen.findByTestId('bell');
    expect(screen.queryByTestId('bell-count')).toBeNull();
    // A notice was written while the socket was still connecting (or was down): no live event.
    unread = 1;
    act(() => publishResync());
    await waitFor(() => expect(screen.getByTestId('bell-count')).toHaveTextContent('1'));
  });
});
