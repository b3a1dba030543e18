import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryView } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import i18n from '../../../lib/i18n';

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
      'GET /api/organisations/o-1/notifications': (call) => json(200, !new URL(call.path, 'http://x').searchParams.get('status') && !retried ? [failed] : []),
      'POST /api/notifications/n-1/retry': () => {
        retried = true;
        return json(202, { ...failed, status: 'pending', attempts: 0, lastError: null });
      },
    });
    const { router } = renderRoute('/home');

    const row = await screen.findByTestId('home-org-notices-row');
    expect(row).toHaveTextContent('西湖区人民调解委员会');
    expect(await within(row).findByTestId('home-org-notices-count')).toHaveTextContent('1 条需处理');
    await user.click(within(row).getByTestId('home-org-notices-link'));
    expect(router.state.location.pathname).toBe('/organisations/o-1/notifications');

    expect(await screen.findByTestId('org-notices-heading')).toHaveTextContent('需处理的通知');
    const item = await screen.findByTestId('org-notice');
    expect(item).toHaveTextContent('调解邀请');
    expect(item).toHaveTextContent('发给被申请人');
    expect(item).toHaveTextContent('138****0002');
    expect(item).toHaveTextContent('isv.MOBILE_NUMBER_ILLEGAL');
    expect(within(item).getByTestId('org-notice-case')).toHaveAttribute('href', '/cases/c-1');

    await user.click(within(item).getByTestId('org-notice-retry'));
    expect(await screen.findByTestId('org-notices-empty')).toHaveTextContent('没有需处理的通知。');
    expect(calls.filter((call) => call.method === 'POST' && call.path === '/api/notifications/n-1/retry')).toHaveLength(1);
    expect(calls.some((call) => call.path === '/api/organisations/o-1/notifications')).toBe(true);
    expect(within(item).queryByTestId('org-notice-delivered')).toBeNull();

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

  describe('an interrupted notice whose outcome is unknown (issue #9)', () => {
    afterEach(async () => {
      await i18n.changeLanguage('zh-CN');
    });
    const unknown: DeliveryView = {
      ...failed,
      id: 'n-2',
      status: 'unknown',
      attempts: 1,
      lastError: 'interrupted while sending: the provider offers no way to check whether it took the message',
    };

    it('is listed with its own label and hint, beside the failed ones, and can be marked delivered', async () => {
      const user = userEvent.setup();
      let decided = false;
      const { calls } = mockFetch({
        'GET /api/me': json(200, dispatcher),
        'GET /api/notifications': json(200, { items: [], unread: 0 }),
        'GET /api/organisations/o-1/notifications': (call) => {
          const status = new URL(call.path, 'http://x').searchParams.get('status');
          if (status === 'unknown') return json(200, decided ? [] : [unknown]);
          return json(200, status ? [] : decided ? [failed] : [failed, unknown]);
        },
        'POST /api/notifications/n-2/delivered': () => {
          decided = true;
          return json(200, { ...unknown, status: 'sent', sentAt: '2026-11-23T09:00:05.000Z' });
        },
      });
      renderRoute('/organisations/o-1/notifications');

      const items = await screen.findAllByTestId('org-notice');
      expect(items.map((item) => item.getAttribute('data-status'))).toEqual(['failed', 'unknown']);
      const item = items[1];
      expect(within(item).getByTestId('delivery-status')).toHaveTextContent('结果未知');
      expect(within(items[0]).getByTestId('delivery-status')).toHaveTextContent('发送失败');
      expect(within(item).getByTestId('org-notice-unknown-hint')).toHaveTextContent('无法确认是否送达');
      expect(item).toHaveTextContent('interrupted while sending');
      // Both decisions are offered for an unknown one; a failed one can only be sent again.
      expect(within(item).getByTestId('org-notice-retry')).toHaveTextContent('重新发送');
      expect(within(items[0]).queryByTestId('org-notice-delivered')).toBeNull();
      await user.click(within(item).getByTestId('org-notice-delivered'));
      await waitFor(() => expect(screen.getAllByTestId('org-notice')).toHaveLength(1));
      expect(calls.filter((call) => call.method === 'POST' && call.path === '/api/notifications/n-2/delivered')).toHaveLength(1);
      expect(screen.getByTestId('org-notice')).toHaveAttribute('data-status', 'failed');

      await user.selectOptions(screen.getByTestId('org-notices-status'), 'unknown');
      await waitFor(() => expect(calls.some((call) => call.path === '/api/organisations/o-1/notifications?status=unknown')).toBe(true));
      expect(await screen.findByTestId('org-notices-heading')).toHaveTextContent('通知：结果未知');
    });

    it('shows the label and both decisions in English', async () => {
      await i18n.changeLanguage('en');
      mockFetch({
        'GET /api/me': json(200, dispatcher),
        'GET /api/notifications': json(200, { items: [], unread: 0 }),
        'GET /api/organisations/o-1/notifications': json(200, [unknown]),
      });
      renderRoute('/organisations/o-1/notifications');
      const item = await screen.findByTestId('org-notice');
      expect(await screen.findByTestId('org-notices-heading')).toHaveTextContent('Notices to check');
      expect(within(item).getByTestId('delivery-status')).toHaveTextContent('Outcome unknown');
      expect(within(item).getByTestId('org-notice-unknown-hint')).toHaveTextContent('cannot be known');
      expect(within(item).getByTestId('org-notice-retry')).toHaveTextContent('Send again');
      expect(within(item).getByTestId('org-notice-delivered')).toHaveTextContent('Mark delivered');
    });
  });
});
