import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DeliveryView } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const dispatcher = profile({
  id: 'u-chen',
  name: '陈主任',
  roles: ['org_admin'],
  memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'org_admin' }],
});

const failed: DeliveryView = {
  id: 'n-1',
  caseId: 'c-1',
  template: 'respondent_invited',
  channel: 'sms',
  recipientRole: 'respondent',
  address: '138****0002',
  status: 'failed',
  attempts: 5,
  createdAt: '2026-11-23T09:00:00.000Z',
  sentAt: null,
  readAt: null,
  lastError: 'aliyun: isv.MOBILE_NUMBER_ILLEGAL',
  text: null,
};

describe("the organisation's failed notices", () => {
  it('are counted on the home page, listed with the reason, and sent again with the retry button', async () => {
    const user = userEvent.setup();
    let retried = false;
    const { calls } = mockFetch({
      'GET /api/me': json(200, dispatcher),
      'GET /api/notifications': json(200, { items: [], unread: 0 }),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/organisations/o-1/notifications': (call) =>
        json(200, new URL(call.path, 'http://x').searchParams.get('status') === 'failed' && !retried ? [failed] : []),
      'POST /api/notifications/n-1/retry': () => {
        retried = true;
        return json(202, { ...failed, status: 'pending', attempts: 0, lastError: null });
      },
    });
    const { router } = renderRoute('/home');

    const row = await screen.findByTestId('home-org-notices-row');
    expect(row).toHaveTextContent('西湖区人民调解委员会');
    expect(await within(row).findByTestId('home-org-notices-count')).toHaveTextContent('1 条发送失败');
    await user.click(within(row).getByTestId('home-org-notices-link'));
    expect(router.state.location.pathname).toBe('/organisations/o-1/notifications');

    expect(await screen.findByTestId('org-notices-heading')).toHaveTextContent('发送失败的通知');
    const item = await screen.findByTestId('org-notice');
    expect(item).toHaveTextContent('调解邀请');
    expect(item).toHaveTextContent('发给被申请人');
    expect(item).toHaveTextContent('138****0002');
    expect(item).toHaveTextContent('isv.MOBILE_NUMBER_ILLEGAL');
    expect(within(item).getByTestId('org-notice-case')).toHaveAttribute('href', '/cases/c-1');

    await user.click(within(item).getByTestId('org-notice-retry'));
    expect(await screen.findByTestId('org-notices-empty')).toHaveTextContent('没有发送失败的通知。');
    expect(calls.filter((call) => call.method === 'POST' && call.path === '/api/notifications/n-1/retry')).toHaveLength(1);
    expect(calls.some((call) => call.path === '/api/organisations/o-1/notifications?status=failed')).toBe(true);

    await user.selectOptions(screen.getByTestId('org-notices-status'), 'sent');
    await waitFor(() => expect(calls.some((call) => call.path === '/api/organisations/o-1/notifications?status=sent')).toBe(true));
    expect(await screen.findByTestId('org-notices-heading')).toHaveTextContent('通知：已送达');
  });

  it("tells someone who is not the organisation's admin so", async () => {
    mockFetch({
      'GET /api/me': json(200, dispatcher),
      'GET /api/notifications': json(200, { items: [], unread: 0 }),
      'GET /api/organisations/o-2/notifications': errorReply(404, 'NOT_FOUND', 'Not found'),
    });
    renderRoute('/organisations/o-2/notifications');
    expect(await screen.findByTestId('org-notices-error')).toHaveTextContent('您不是该调解组织的管理员。');
  });
});
