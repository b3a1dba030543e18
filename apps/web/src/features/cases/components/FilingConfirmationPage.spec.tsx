import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NOTICE_TEXT, NOTICE_VERSION } from '@tiaojie/domain';
import { describe, expect, it } from 'vitest';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { anonymous, caseDetail, party, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const CASE_ID = '3f2c7a1e-0000-4000-8000-000000000001';
const SENT = json(202, { accepted: true, expiresInSeconds: 1800, resendInSeconds: 60 });

describe('staff-filed application: the citizen’s own confirmation (R02)', () => {
  it('R02: shows the versioned notice, needs both ticks and the SMS code, and sends the notice version', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      ...anonymous,
      [`POST /api/filing-confirmations/${CASE_ID}/code`]: SENT,
      [`POST /api/filing-confirmations/${CASE_ID}`]: [
        errorReply(401, 'OTP_INVALID', 'The code is wrong', [{ field: 'code', constraint: 'otp_invalid', message: 'The code is wrong' }]),
        json(201, { caseNumber: 'TJ-2026-000042', confirmedAt: '2026-12-02T06:00:00.000Z', noticeVersion: NOTICE_VERSION }),
      ],
    });
    renderRoute(`/confirm/${CASE_ID}`);

    const notice = await screen.findByTestId('filing-confirm-notice');
    expect(notice).toHaveAttribute('data-version', NOTICE_VERSION);
    expect(notice).toHaveTextContent(NOTICE_TEXT['zh-CN'].items[0].body);
    expect(screen.getByTestId('filing-confirm-notice-version')).toHaveTextContent(NOTICE_VERSION);

    await user.click(screen.getByTestId('filing-confirm-submit'));
    expect(await screen.findByTestId('filing-confirm-error')).toHaveTextContent('请阅读并勾选告知书');
    await user.click(screen.getByTestId('filing-confirm-notice-seen'));
    await user.click(screen.getByTestId('filing-confirm-submit'));
    expect(screen.getByTestId('filing-confirm-error')).toHaveTextContent('请勾选同意在线调解');
    await user.click(screen.getByTestId('filing-confirm-consent'));
    await user.click(screen.getByTestId('filing-confirm-submit'));
    expect(screen.getByTestId('filing-confirm-error')).toHaveTextContent('6 位数字');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.click(screen.getByTestId('filing-confirm-resend'));
    expect(await screen.findByTestId('filing-confirm-sent')).toBeInTheDocument();
    await user.type(screen.getByTestId('filing-confirm-code'), '000000');
    await user.click(screen.getByTestId('filing-confirm-submit'));
    await waitFor(() => expect(calls.filter((c) => c.path === `/api/filing-confirmations/${CASE_ID}`)).toHaveLength(1));
    await user.clear(screen.getByTestId('filing-confirm-code'));
    await user.type(screen.getByTestId('filing-confirm-code'), '123456');
    await user.click(screen.getByTestId('filing-confirm-submit'));

    expect(await screen.findByTestId('filing-confirm-done')).toHaveTextContent('TJ-2026-000042');
    expect(calls.filter((c) => c.path === `/api/filing-confirmations/${CASE_ID}`).at(-1)?.body).toEqual({ code: '123456', consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION });
  });

  it('R02: the filer sees that the applicant’s own confirmation is pending and can have the code sent again', async () => {
    const user = userEvent.setup();
    const filed = caseDetail({
      id: 'c-1',
      number: 'TJ-2026-000042',
      state: 'SUBMITTED',
      channel: 'grid_worker',
      viewerRole: 'filer',
      actions: ['withdraw'],
      parties: [party({ name: '赵六', mobile: '13822226666', consent: 'pending', linked: false }), party({ id: 'p-respondent', side: 'respondent', name: '李四', consent: 'pending' })],
    });
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-grid', name: '孙网格员', roles: ['intake'], intakeChannel: 'grid_worker' })),
      'GET /api/cases/c-1': json(200, filed),
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/filing-confirmations/c-1/code': SENT,
    });
    renderRoute('/cases/c-1');

    const pending = await screen.findByTestId('applicant-confirmation-pending');
    expect(pending).toHaveTextContent('等待申请人本人确认');
    expect(pending).toHaveTextContent('13822226666');
    await user.click(screen.getByTestId('applicant-confirmation-resend'));
    expect(await screen.findByTestId('applicant-confirmation-sent')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/filing-confirmations/c-1/code')).toBe(true);
  });

  it('R02: once the applicant confirmed, nothing is pending', async () => {
    mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-grid', roles: ['intake'], intakeChannel: 'grid_worker' })),
      'GET /api/cases/c-1': json(
        200,
        caseDetail({
          state: 'SUBMITTED',
          number: 'TJ-2026-000042',
          channel: 'grid_worker',
          viewerRole: 'filer',
          parties: [party({ consent: 'given', consentChannel: 'sms_code', noticeVersion: NOTICE_VERSION })],
        }),
      ),
      'GET /api/cases/c-1/timeline': json(200, []),
    });
    renderRoute('/cases/c-1');
    await screen.findByTestId('case-heading');
    expect(screen.queryByTestId('applicant-confirmation-pending')).toBeNull();
  });
});
