import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuthResponse } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { anonymous, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import i18n from '../../../lib/i18n';

const citizen = profile();

describe('login page', () => {
  it('shows a field error from the API, translated, under its own field', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      ...anonymous,
      'POST /api/auth/login/password': errorReply(400, 'VALIDATION_FAILED', 'Validation failed', [
        { field: 'mobile', constraint: 'isMobile', message: 'mobile must be a mainland mobile number' },
        { field: 'password', constraint: 'maxLength', message: 'password is too long' },
      ]),
    });
    renderRoute('/login');

    await user.type(await screen.findByTestId('login-mobile'), '138 0000 0001');
    await user.type(screen.getByTestId('login-password'), 'whatever-password');
    await user.click(screen.getByTestId('login-submit'));

    expect(await screen.findByText('请输入有效的手机号（11 位）')).toBeInTheDocument();
    expect(screen.getByText('密码太长')).toBeInTheDocument();
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
    // What people type is normalised before it is sent.
    expect(calls.find((call) => call.path === '/api/auth/login/password')?.body).toEqual({
      mobile: '13800000001',
      password: 'whatever-password',
      locale: 'zh-CN',
    });
  });

  it('shows wrong credentials as a translated form error, in English after switching', async () => {
    const user = userEvent.setup();
    mockFetch({
      ...anonymous,
      'POST /api/auth/login/password': errorReply(401, 'INVALID_CREDENTIALS', 'Invalid credentials'),
    });
    renderRoute('/login');

    await user.click(await screen.findByTestId('language-switch'));
    // English is fetched on the switch (lib/i18n.ts): the page changes once it is there.
    await waitFor(() => expect(i18n.language).toBe('en'));
    expect(window.localStorage.getItem('tiaojie.locale')).toBe('en');
    await user.type(screen.getByTestId('login-mobile'), '13800000001');
    await user.type(screen.getByTestId('login-password'), 'wrong-password');
    await user.click(screen.getByTestId('login-submit'));

    const alert = await screen.findByTestId('form-error');
    expect(alert).toHaveTextContent('Wrong mobile number or password.');
  });

  it('checks the mobile number before asking the API', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch(anonymous);
    renderRoute('/login');

    await user.type(await screen.findByTestId('login-mobile'), '12345');
    await user.click(screen.getByTestId('login-submit'));

    expect(await screen.findByText('请输入有效的手机号（11 位）')).toBeInTheDocument();
    expect(await screen.findByText('请填写密码')).toBeInTheDocument();
    expect(calls.some((call) => call.path.startsWith('/api/auth/login'))).toBe(false);
  });

  it('logs in with an SMS code and lands on the home page', async () => {
    const user = userEvent.setup();
    const auth: AuthResponse = { user: citizen, accessTokenExpiresAt: '2026-01-01T00:15:00.000Z' };
    const { calls } = mockFetch({
      ...anonymous,
      'POST /api/auth/otp': json(202, { accepted: true, expiresInSeconds: 300, resendInSeconds: 60 }),
      'POST /api/auth/login/otp': json(200, auth),
    });
    const { router } = renderRoute('/login?next=%2Fhome');

    await user.click(await screen.findByTestId('login-tab-sms'));
    await user.type(await screen.findByTestId('otp-mobile'), '13800000001');
    await user.click(screen.getByTestId('otp-send'));
    await waitFor(() => expect(screen.getByTestId('otp-send')).toBeDisabled());
    expect(screen.getByTestId('otp-send')).toHaveTextContent(/秒后重发/);
    expect(calls.find((call) => call.path === '/api/auth/otp')?.body).toEqual({ mobile: '13800000001', purpose: 'login', locale: 'zh-CN' });

    await user.type(screen.getByTestId('otp-code'), '123456');
    await user.click(screen.getByTestId('otp-submit'));

    const section = await screen.findByTestId('home-section-citizen');
    expect(within(section).getByText('我的案件')).toBeInTheDocument();
    expect(screen.getByTestId('home-heading')).toHaveTextContent('您好，张三');
    expect(router.state.location.pathname).toBe('/home');
  });

  it('puts a wrong code on the code field', async () => {
    const user = userEvent.setup();
    mockFetch({
      ...anonymous,
      'POST /api/auth/login/otp': errorReply(401, 'OTP_INVALID', 'Invalid code'),
    });
    renderRoute('/login?tab=sms');

    await user.type(await screen.findByTestId('otp-mobile'), '13800000001');
    await user.type(screen.getByTestId('otp-code'), '000000');
    await user.click(screen.getByTestId('otp-submit'));

    expect(await screen.findByText('验证码不正确。')).toBeInTheDocument();
  });
});

describe('protected pages', () => {
  it('send a visitor to login and keep where they wanted to go', async () => {
    mockFetch(anonymous);
    const { router } = renderRoute('/profile');
    expect(await screen.findByTestId('login-heading')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fprofile');
  });

  it('keeps element ids unique with both ways of logging in mounted', async () => {
    const user = userEvent.setup();
    mockFetch({ ...anonymous });
    renderRoute('/login');
    await user.click(await screen.findByTestId('login-tab-sms'));
    await screen.findByTestId('otp-mobile');
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
