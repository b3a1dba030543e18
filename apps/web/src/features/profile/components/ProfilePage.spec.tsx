import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

describe('profile page', () => {
  it('saves the real name and then shows only the masked ID number', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile()),
      'PUT /api/me/real-name': json(200, profile({ realName: '张三', idNumberMasked: '110105********002X', realNameRecordedAt: null })),
    });
    renderRoute('/profile');

    await user.type(await screen.findByTestId('real-name-input'), '张三');
    await user.type(screen.getByTestId('id-number-input'), '11010519491231002x');
    await user.click(screen.getByTestId('real-name-save'));

    expect(await screen.findByTestId('id-number-masked')).toHaveTextContent('110105********002X');
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ realName: '张三', idNumber: '11010519491231002X' });
    expect(document.body.textContent).not.toContain('11010519491231002');
    expect(screen.queryByTestId('id-number-input')).not.toBeInTheDocument();
  });

  it('refuses an ID number whose check digit is wrong before sending it', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ 'GET /api/me': json(200, profile()) });
    renderRoute('/profile');

    await user.type(await screen.findByTestId('real-name-input'), '张三');
    await user.type(screen.getByTestId('id-number-input'), '110105194912310021');
    await user.click(screen.getByTestId('real-name-save'));

    expect(await screen.findByText('请输入有效的 18 位居民身份证号码')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
  });

  it('shows a wrong current password under that field', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/me': json(200, profile()),
      'POST /api/me/password': errorReply(401, 'INVALID_CREDENTIALS', 'The current password is wrong', [
        { field: 'currentPassword', constraint: 'currentPassword', message: 'The current password is wrong' },
      ]),
    });
    renderRoute('/profile');

    await user.type(await screen.findByTestId('current-password'), 'not-my-password');
    await user.type(screen.getByTestId('new-password'), 'New-password-1');
    await user.type(screen.getByTestId('confirm-password'), 'New-password-1');
    await user.click(screen.getByTestId('password-save'));

    expect(await screen.findByText('当前密码不正确')).toBeInTheDocument();
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
  });
});
