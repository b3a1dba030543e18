import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '@tiaojie/contracts';
import { AppProviders } from '../../../app/providers';
import { createQueryClient } from '../../../lib/query-client';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { caseDetail, party } from '../../../test/fixtures';
import '../../../locales/mediation';
import { describeAckError } from '../errors';
import { MediationContext, type MediationContextValue } from './MediationContext';
import { SessionsPanel } from './SessionsPanel';

const session = (overrides: Partial<SessionView> = {}): SessionView => ({
  id: 's-1',
  caseId: 'c-1',
  startsAt: '2026-12-03T02:00:00.000Z',
  durationMinutes: 60,
  mode: 'video',
  separate: false,
  partyIds: ['p-applicant', 'p-respondent'],
  status: 'scheduled',
  consentedPartyIds: [],
  checkedInPartyIds: [],
  viewer: { consented: false, checkedIn: false },
  ...overrides,
});

function renderPanel(idNumberMasked: string | null) {
  const detail = caseDetail({
    state: 'MEDIATING',
    parties: [party({ isViewer: true, idNumberMasked }), party({ id: 'p-respondent', side: 'respondent', name: '李四', idNumberMasked: null })],
  });
  const value = { caseId: 'c-1', detail, isMediator: false, writable: true, viewer: { id: 'u-1', name: '张三' }, mediatorIds: new Set<string>() } as unknown as MediationContextValue;
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  return render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter>
        <MediationContext.Provider value={value}>
          <SessionsPanel />
        </MediationContext.Provider>
      </MemoryRouter>
    </AppProviders>,
  );
}

describe('session check-in (R14)', () => {
  it('R14: confirms identity with the SMS code sent to the registered mobile, never the ID number’s last four', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/cases/c-1/sessions': [json(200, [session()]), json(200, [session({ checkedInPartyIds: ['p-applicant'], viewer: { consented: false, checkedIn: true } })])],
      'POST /api/sessions/s-1/check-in/code': json(202, { accepted: true, expiresInSeconds: 300, resendInSeconds: 60 }),
      'POST /api/sessions/s-1/check-in': [
        errorReply(401, 'OTP_INVALID', 'The code is wrong', [{ field: 'code', constraint: 'otp_invalid', message: 'The code is wrong' }]),
        json(200, session({ checkedInPartyIds: ['p-applicant'], viewer: { consented: false, checkedIn: true } })),
      ],
    });
    renderPanel('110105********002X');

    await user.click(await screen.findByTestId('session-check-in'));
    expect(screen.getByTestId('sham-warning')).toHaveTextContent('虚假调解');
    expect(screen.queryByTestId('checkin-id-last4')).toBeNull();
    // An ID number is on record: the form does not ask for it.
    expect(screen.queryByTestId('checkin-id-number')).toBeNull();
    await user.click(screen.getByTestId('checkin-submit'));
    expect(screen.getByTestId('checkin-form')).toHaveTextContent('请输入 6 位数字验证码');
    expect(calls.some((c) => c.path.endsWith('/check-in'))).toBe(false);

    await user.click(screen.getByTestId('checkin-code-send'));
    expect(await screen.findByTestId('checkin-code-sent')).toHaveTextContent('登记的手机');
    expect(calls.find((c) => c.path.endsWith('/check-in/code'))?.body).toEqual({});
    await waitFor(() => expect(screen.getByTestId('checkin-code-send')).toBeDisabled());
    await user.type(screen.getByTestId('checkin-code'), '000000');
    await user.click(screen.getByTestId('checkin-warning'));
    await user.click(screen.getByTestId('checkin-submit'));
    expect(await screen.findByTestId('checkin-error')).toBeInTheDocument();

    await user.clear(screen.getByTestId('checkin-code'));
    await user.type(screen.getByTestId('checkin-code'), '123456');
    await user.click(screen.getByTestId('checkin-submit'));
    expect(await screen.findByTestId('session-checked-in')).toBeInTheDocument();
    expect(calls.filter((c) => c.path.endsWith('/check-in')).at(-1)?.body).toEqual({ code: '123456', shamWarningAcknowledged: true });
  });

  it('R14: a party with no ID number recorded gives it first, checked like a resident ID', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/cases/c-1/sessions': json(200, [session()]),
      'POST /api/sessions/s-1/check-in/code': json(202, { accepted: true, expiresInSeconds: 300, resendInSeconds: 60 }),
      'POST /api/sessions/s-1/check-in': json(200, session({ viewer: { consented: false, checkedIn: true } })),
    });
    renderPanel(null);

    await user.click(await screen.findByTestId('session-check-in'));
    await user.type(screen.getByTestId('checkin-id-number'), '110105194912310021');
    await user.click(screen.getByTestId('checkin-code-send'));
    expect(screen.getByTestId('checkin-id-invalid')).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/check-in/code'))).toBe(false);

    await user.clear(screen.getByTestId('checkin-id-number'));
    await user.type(screen.getByTestId('checkin-id-number'), '11010519491231002x');
    await user.click(screen.getByTestId('checkin-code-send'));
    await screen.findByTestId('checkin-code-sent');
    expect(calls.find((c) => c.path.endsWith('/check-in/code'))?.body).toEqual({ idNumber: '11010519491231002X' });
    await user.type(screen.getByTestId('checkin-code'), '123456');
    await user.click(screen.getByTestId('checkin-warning'));
    await user.click(screen.getByTestId('checkin-submit'));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/check-in'))).toBe(true));
    expect(calls.find((c) => c.path.endsWith('/check-in'))?.body).toEqual({ code: '123456', shamWarningAcknowledged: true, idNumber: '11010519491231002X' });
  });

  it('R14, issue #11: "no ID recorded" links to the profile, where it is recorded', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/cases/c-1/sessions': json(200, [session()]),
      'POST /api/sessions/s-1/check-in/code': errorReply(409, 'CONFLICT', 'Record your real name and ID number in your profile first', [
        { field: 'idNumber', constraint: 'noIdRecorded', message: 'Record your real name and ID number in your profile first' },
      ]),
    });
    renderPanel('110105********002X');
    await user.click(await screen.findByTestId('session-check-in'));
    await user.click(screen.getByTestId('checkin-code-send'));
    const link = await screen.findByTestId('checkin-error-profile-link');
    expect(link).toHaveAttribute('href', '/profile');
    expect(link).toHaveTextContent('个人资料');
    // The form now asks for the number, and says where it is kept.
    expect(screen.getByTestId('checkin-profile-link')).toHaveAttribute('href', '/profile');
  });

  it('R14: a refused joint-call join says to check in first', () => {
    expect(describeAckError({ code: 'CONFLICT', message: 'Check in to the session first', field: 'checkIn' })).toContain('签到');
  });
});
