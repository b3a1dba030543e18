import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { InvitationPreview, InvitationView } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { anonymous, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';
const view: InvitationView = {
  caseId: 'c-1',
  caseNumber: 'TJ-2026-000001',
  disputeType: 'private_loan',
  applicantName: '张三',
  chargesFees: false,
  feeSchedule: '',
  respondentName: '李四',
  mobileMasked: '138****0002',
  organisationName: '西湖区人民调解委员会',
  factsSummary: '2025年借给李四五万元，约定一年后归还，至今未还。',
  claimAmount: '50000.00',
  state: 'ACCEPTED',
  answerBy: new Date(Date.now() + 2 * 86_400_000 + 3_600_000).toISOString(),
};

const preview: InvitationPreview = { mobileMasked: '138****0002', status: 'open' };

describe('invitation', () => {
  it('R15: the link alone shows nothing of the dispute; the code sent to the invited number shows the summary; the token is kept through login', async () => {
    const user = userEvent.setup();
    mockFetch({
      ...anonymous,
      [`GET /api/invitations/${TOKEN}`]: json(200, preview),
      [`POST /api/invitations/${TOKEN}/code`]: json(202, { accepted: true, expiresInSeconds: 300, resendInSeconds: 60 }),
      [`POST /api/invitations/${TOKEN}/view`]: json(200, view),
    });
    const { router } = renderRoute(`/invite/${TOKEN}`);

    expect(await screen.findByTestId('invitation-verify-lead')).toHaveTextContent('138****0002');
    expect(document.body).not.toHaveTextContent('张三');
    expect(screen.queryByTestId('invitation-summary')).toBeNull();
    await user.click(screen.getByTestId('invitation-code-submit'));
    expect(await screen.findByTestId('invitation-code-error')).toHaveTextContent('6 位数字');
    await user.click(screen.getByTestId('invitation-code-send'));
    expect(await screen.findByTestId('invitation-code-sent')).toHaveTextContent('验证码已发送至 138****0002');
    await waitFor(() => expect(screen.getByTestId('invitation-code-send')).toBeDisabled());
    await user.type(screen.getByTestId('invitation-code'), '123456');
    await user.click(screen.getByTestId('invitation-code-submit'));

    expect(await screen.findByTestId('invitation-lead')).toHaveTextContent('张三申请与您（李四）通过在线调解解决一起民间借贷纠纷。');
    expect(screen.getByTestId('invitation-summary')).toHaveTextContent('¥50,000.00');
    expect(screen.getByTestId('invitation-answer-by')).toHaveTextContent('还剩 2 天');

    await user.click(screen.getByTestId('invitation-login'));
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(`/invite/${TOKEN}?answer=1`);
  });

  it('takes the invitation up after login and opens the case; a wrong number is told which one to use', async () => {
    mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-li', name: '李四', mobile: '13800000002' })),
      [`GET /api/invitations/${TOKEN}`]: json(200, preview),
      [`POST /api/invitations/${TOKEN}/claim`]: json(201, { caseId: 'c-1' }),
      'GET /api/cases/c-1': errorReply(404, 'NOT_FOUND', 'x'),
    });
    const { router } = renderRoute(`/invite/${TOKEN}?answer=1`);
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases/c-1'));
  });

  it('explains a claim refused for another mobile number', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/me': json(200, profile()),
      [`GET /api/invitations/${TOKEN}`]: json(200, preview),
      [`POST /api/invitations/${TOKEN}/claim`]: errorReply(403, 'FORBIDDEN', 'This invitation was sent to 138****0002; log in with that number', [
        { field: 'token', constraint: 'mobileMismatch', message: 'sent to 138****0002' },
      ]),
    });
    renderRoute(`/invite/${TOKEN}`);
    await user.click(await screen.findByTestId('invitation-answer'));
    expect(await screen.findByTestId('invitation-mismatch')).toHaveTextContent('这份邀请发送至 138****0002');
  });

  it('shows a wrong code in the user’s language and no summary', async () => {
    const user = userEvent.setup();
    mockFetch({
      ...anonymous,
      [`GET /api/invitations/${TOKEN}`]: json(200, preview),
      [`POST /api/invitations/${TOKEN}/view`]: errorReply(401, 'OTP_INVALID', 'The code is wrong', [{ field: 'code', constraint: 'otp_invalid', message: 'The code is wrong' }]),
    });
    renderRoute(`/invite/${TOKEN}`);
    await user.type(await screen.findByTestId('invitation-code'), '000000');
    await user.click(screen.getByTestId('invitation-code-submit'));
    expect(await screen.findByTestId('invitation-code-error')).toBeInTheDocument();
    expect(screen.getByTestId('invitation-code-error')).not.toHaveTextContent('The code is wrong');
    expect(screen.queryByTestId('invitation-summary')).toBeNull();
  });

  it('a link already taken up shows no summary and no code step, only how to get to the case', async () => {
    mockFetch({ ...anonymous, [`GET /api/invitations/${TOKEN}`]: json(200, { ...preview, status: 'claimed' }) });
    renderRoute(`/invite/${TOKEN}`);
    expect(await screen.findByTestId('invitation-claimed')).toHaveTextContent('这份邀请已被接收');
    expect(screen.queryByTestId('invitation-verify')).toBeNull();
    expect(screen.queryByTestId('invitation-summary')).toBeNull();
    expect(screen.getByTestId('invitation-login')).toBeInTheDocument();
  });
});
