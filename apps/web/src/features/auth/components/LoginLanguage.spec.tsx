import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuthResponse } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../test/fetch-mock';
import { anonymous, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import i18n from '../../../lib/i18n';

const authAs = (locale: 'zh-CN' | 'en'): AuthResponse => ({ user: profile({ locale }), accessTokenExpiresAt: '2026-01-01T00:15:00.000Z' });

/**
 * Issue #11: the language chosen on the login page goes with the login (the server keeps it as
 * the account's SMS and email language when the account never chose one), and after login the
 * page speaks the account's language.
 */
describe('the language of a login', () => {
  it('a password login on the English page sends locale en', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ ...anonymous, 'POST /api/auth/login/password': json(200, authAs('en')) });
    renderRoute('/login');
    await user.click(await screen.findByTestId('language-switch'));
    await user.type(await screen.findByTestId('login-mobile'), '13800000001');
    await user.type(screen.getByTestId('login-password'), 'demo-password');
    await user.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(calls.find((call) => call.path === '/api/auth/login/password')).toBeDefined());
    expect(calls.find((call) => call.path === '/api/auth/login/password')?.body).toEqual({ mobile: '13800000001', password: 'demo-password', locale: 'en' });
    expect(await screen.findByTestId('home-heading')).toHaveTextContent('张三');
    expect(i18n.language).toBe('en');
  });

  it('an SMS-code login on the English page sends locale en', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ ...anonymous, 'POST /api/auth/login/otp': json(200, authAs('en')) });
    renderRoute('/login?tab=sms');
    await user.click(await screen.findByTestId('language-switch'));
    await user.type(await screen.findByTestId('otp-mobile'), '13800000001');
    await user.type(screen.getByTestId('otp-code'), '123456');
    await user.click(screen.getByTestId('otp-submit'));
    await waitFor(() => expect(calls.find((call) => call.path === '/api/auth/login/otp')?.body).toEqual({ mobile: '13800000001', code: '123456', locale: 'en' }));
  });

  it("after login the page follows the account's language (chosen on another device)", async () => {
    const user = userEvent.setup();
    mockFetch({ ...anonymous, 'POST /api/auth/login/password': json(200, authAs('en')) });
    renderRoute('/login');
    expect(i18n.language).toBe('zh-CN');
    await user.type(await screen.findByTestId('login-mobile'), '13800000001');
    await user.type(screen.getByTestId('login-password'), 'demo-password');
    await user.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('home-heading');
    await waitFor(() => expect(i18n.language).toBe('en'));
    expect(window.localStorage.getItem('tiaojie.locale')).toBe('en');
  });

  it('switching the language while logged in saves it to the account', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ 'GET /api/me': json(200, profile()), 'PATCH /api/me': json(200, profile({ locale: 'en' })) });
    renderRoute('/profile');
    await user.click(await screen.findByTestId('language-switch'));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH' && call.path === '/api/me')?.body).toEqual({ locale: 'en' }));
    expect(i18n.language).toBe('en');
  });
});
