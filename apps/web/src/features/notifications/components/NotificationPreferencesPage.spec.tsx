import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { NotificationPreferences } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { normaliseTime } from './NotificationPreferencesPage';

const inbox = { 'GET /api/notifications': json(200, { items: [], unread: 0 }) };
const defaults: NotificationPreferences = { sms: true, email: false, quietHours: null };

describe('notification settings page', () => {
  it('is reached from the user menu, turns SMS off, sets quiet hours typed with a Chinese colon, and saves', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      ...inbox,
      'GET /api/me': json(200, profile()),
      'GET /api/cases': json(200, { items: [], nextCursor: null }),
      'GET /api/me/notification-preferences': json(200, defaults),
      'PUT /api/me/notification-preferences': (call) => json(200, call.body),
    });
    const { router } = renderRoute('/home');

    await user.click(await screen.findByTestId('user-menu'));
    await user.click(screen.getByTestId('menu-notification-settings'));
    expect(router.state.location.pathname).toBe('/settings/notifications');
    expect(await screen.findByTestId('prefs-heading')).toHaveTextContent('通知设置');

    const sms = await screen.findByTestId('prefs-sms');
    expect(sms).toHaveAttribute('aria-checked', 'true');
    await user.click(sms);
    expect(screen.queryByTestId('prefs-quiet-start')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('prefs-quiet'));
    const start = screen.getByTestId('prefs-quiet-start');
    await user.clear(start);
    await user.type(start, '23：30');
    const end = screen.getByTestId('prefs-quiet-end');
    await user.clear(end);
    await user.type(end, '7:00');
    await user.click(screen.getByTestId('prefs-save'));

    expect(await screen.findByTestId('prefs-saved')).toHaveTextContent('通知设置已保存');
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ sms: false, email: false, quietHours: { start: '23:30', end: '07:00' } });
    expect(screen.getByTestId('prefs-quiet-end')).toHaveValue('07:00');
  });

  it("shows the API's field error under its field, in the user's language", async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      ...inbox,
      'GET /api/me': json(200, profile()),
      'GET /api/me/notification-preferences': json(200, { ...defaults, quietHours: { start: '22:00', end: '08:00' } }),
      'PUT /api/me/notification-preferences': errorReply(400, 'VALIDATION_FAILED', 'Some fields are invalid', [{ field: 'quietHours.start', constraint: 'matches', message: 'must be a time HH:MM' }]),
    });
    renderRoute('/settings/notifications');

    const start = await screen.findByTestId('prefs-quiet-start');
    expect(start).toHaveValue('22:00');
    await user.clear(start);
    await user.type(start, '25:00');
    await user.click(screen.getByTestId('prefs-save'));

    expect(await screen.findByText('免打扰开始时间的格式不正确')).toBeInTheDocument();
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
    expect(screen.queryByTestId('prefs-saved')).not.toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ sms: true, email: false, quietHours: { start: '25:00', end: '08:00' } });
  });

  it('asks for an empty quiet-hours time before sending, and says when email has no address to go to', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      ...inbox,
      'GET /api/me': json(200, profile({ email: null })),
      'GET /api/me/notification-preferences': json(200, defaults),
    });
    renderRoute('/settings/notifications');

    await user.click(await screen.findByTestId('prefs-email'));
    expect(await screen.findByTestId('prefs-no-email')).toHaveTextContent('您还没有填写电子邮箱');
    await user.click(screen.getByTestId('prefs-quiet'));
    await user.clear(screen.getByTestId('prefs-quiet-start'));
    await user.click(screen.getByTestId('prefs-save'));

    expect(await screen.findByText('请填写免打扰开始时间')).toBeInTheDocument();
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(false));
  });

  it('normalises what people type for a time, and leaves the rest to the API', () => {
    expect(normaliseTime(' 22：00 ')).toBe('22:00');
    expect(normaliseTime('8:05')).toBe('08:05');
    expect(normaliseTime('2230')).toBe('22:30');
    expect(normaliseTime('7.30')).toBe('07:30');
    expect(normaliseTime('25:00')).toBe('25:00');
    expect(normaliseTime('evening')).toBe('evening');
  });
});
