import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeliveryView } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, party, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

function delivery(overrides: Partial<DeliveryView> = {}): DeliveryView {
  return {
    id: 'n-1',
    caseId: 'c-1',
    template: 'application_accepted',
    channel: 'in_app',
    recipientRole: 'applicant',
    address: null,
    status: 'sent',
    attempts: 1,
    createdAt: '2026-11-23T09:00:00.000Z',
    sentAt: '2026-11-23T09:00:01.000Z',
    readAt: null,
    lastError: null,
    text: null,
    ...overrides,
  };
}

const accepted = caseDetail({
  number: 'TJ-2026-000007',
  state: 'ACCEPTED',
  organisationId: 'o-1',
  organisationName: '西湖区人民调解委员会',
  parties: [party({ isViewer: true }), party({ id: 'p-respondent', side: 'respondent', name: '李四', mobile: '13800000002', linked: false })],
  actions: [],
});

describe('notices sent, on the case page', () => {
  it("shows a party each step's notices with channel, status, and what was read or opened", async () => {
    const text = '申请TJ-2026-000007已受理，正在指派调解员并联系对方当事人。';
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/notifications': json(200, { items: [], unread: 0 }),
      'GET /api/cases/c-1': json(200, accepted),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/deliveries': json(200, [
        delivery({ id: 'n-0', template: 'case_submitted', createdAt: '2026-11-23T08:00:00.000Z', sentAt: '2026-11-23T08:00:01.000Z', readAt: '2026-11-23T08:05:00.000Z', text: '申请已提交' }),
        delivery({ text, readAt: '2026-11-23T09:10:00.000Z' }),
        delivery({ id: 'n-2', channel: 'sms', address: '138****0001', text, readAt: '2026-11-23T09:20:00.000Z' }),
        delivery({ id: 'n-3', channel: 'email', address: 'z***@example.cn', status: 'failed', attempts: 5, sentAt: null, lastError: 'smtp: 550', text }),
      ]),
    });
    renderRoute('/cases/c-1');

    const panel = await screen.findByTestId('case-deliveries');
    expect(panel).toHaveTextContent('通知记录');
    const groups = await within(panel).findAllByTestId('delivery-group');
    // Newest step first; one step's channels grouped under it.
    expect(groups.map((group) => group.getAttribute('data-template'))).toEqual(['application_accepted', 'case_submitted']);
    expect(groups[0]).toHaveTextContent('申请已受理');
    expect(within(groups[0]).getByTestId('delivery-text')).toHaveTextContent(text);
    const lines = within(groups[0]).getAllByTestId('delivery');
    expect(lines.map((line) => [line.getAttribute('data-channel'), line.getAttribute('data-status'), line.getAttribute('data-read')])).toEqual([
      ['in_app', 'sent', 'true'],
      ['sms', 'sent', 'true'],
      ['email', 'failed', 'false'],
    ]);
    expect(lines[0]).toHaveTextContent('站内消息');
    expect(lines[0]).toHaveTextContent('已送达');
    expect(lines[0]).toHaveTextContent('已读');
    expect(lines[1]).toHaveTextContent('短信');
    expect(lines[1]).toHaveTextContent('138****0001');
    expect(lines[1]).toHaveTextContent('已打开链接');
    expect(lines[2]).toHaveTextContent('发送失败');
    // A party is not shown the provider's error; staff are.
    expect(lines[2]).not.toHaveTextContent('smtp: 550');
  });

  it("shows the case's staff every recipient and why a notice failed", async () => {
    const dispatcher = profile({ id: 'u-chen', name: '陈主任', roles: ['org_admin'], memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'org_admin' }] });
    mockFetch({
      'GET /api/me': json(200, dispatcher),
      'GET /api/notifications': json(200, { items: [], unread: 0 }),
      'GET /api/cases/c-1': json(200, { ...accepted, viewerRole: 'org_admin', parties: accepted.parties.map((p) => ({ ...p, isViewer: false })) }),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/deliveries': json(200, [
        delivery({
          id: 'n-9',
          template: 'some_future_template',
          channel: 'sms',
          recipientRole: 'respondent',
          address: '138****0002',
          status: 'failed',
          attempts: 5,
          sentAt: null,
          lastError: 'aliyun: isv.BUSINESS_LIMIT_CONTROL',
        }),
      ]),
    });
    renderRoute('/cases/c-1');

    const line = await screen.findByTestId('delivery');
    expect(screen.getByTestId('delivery-group')).toHaveTextContent('案件通知'); // a template this client does not name yet
    expect(line).toHaveTextContent('发给被申请人');
    expect(line).toHaveTextContent('138****0002');
    expect(line).toHaveTextContent('已尝试 5 次');
    expect(line).toHaveTextContent('isv.BUSINESS_LIMIT_CONTROL');
    expect(screen.queryByTestId('delivery-text')).not.toBeInTheDocument();
  });

  it('says when nothing was sent yet', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/notifications': json(200, { items: [], unread: 0 }),
      'GET /api/cases/c-1': json(200, accepted),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/deliveries': json(200, []),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('deliveries-empty')).toHaveTextContent('还没有发送通知。');
  });
});
