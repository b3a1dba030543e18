import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AgreementVerification } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { anonymous } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const record: AgreementVerification = {
  document: 'agreement',
  match: true,
  verificationCode: 'ABCDEFGHJKLM',
  caseNumber: 'TJ-2026-000012',
  parties: ['张*', '李*'],
  effectiveAt: '2026-03-02T05:00:00.000Z',
  sealedByOrg: '西湖区人民调解委员会',
  pdfSha256: 'b'.repeat(64),
  status: 'effective',
};

describe('public verification page', () => {
  it('checks a code from the link on the PDF, and says when no agreement has it', async () => {
    const user = userEvent.setup();
    mockFetch({
      ...anonymous,
      'GET /api/verify/ABCDEFGHJKLM': json(200, record),
      'GET /api/verify/NOSUCHCODE': errorReply(404, 'NOT_FOUND', 'No agreement has this verification code'),
    });
    renderRoute('/verify?code=ABCDEFGHJKLM');
    expect(await screen.findByTestId('verify-code')).toHaveValue('ABCDEFGHJKLM');
    await user.click(screen.getByTestId('verify-check'));
    expect(await screen.findByTestId('verify-case-number')).toHaveTextContent('TJ-2026-000012');
    expect(screen.getByTestId('verify-result')).toHaveTextContent('张*、李*');

    await user.clear(screen.getByTestId('verify-code'));
    await user.type(screen.getByTestId('verify-code'), 'nosuchcode');
    await user.click(screen.getByTestId('verify-check'));
    expect(await screen.findByTestId('verify-error')).toHaveTextContent('没有找到使用该验证码的协议');
  });

  it('uploads a PDF and reports a file that differs from the record', async () => {
    const { calls } = mockFetch({ ...anonymous, 'POST /api/verify': json(200, { ...record, match: false, uploadedSha256: 'c'.repeat(64) }) });
    renderRoute('/verify');
    const input = (await screen.findByTestId('verify-file')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.7 altered'], 'agreement.pdf', { type: 'application/pdf' })] } });
    const outcome = await screen.findByTestId('verify-outcome');
    expect(outcome).toHaveAttribute('data-match', 'false');
    expect(outcome).toHaveTextContent('核验未通过');
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/verify')).toBe(true);
  });

  it('shows a court ruling found by its code with the ruling number and the court', async () => {
    const user = userEvent.setup();
    mockFetch({
      ...anonymous,
      'GET /api/verify/RULING000001': json(200, {
        ...record,
        document: 'ruling',
        verificationCode: 'RULING000001',
        rulingNumber: '(2026)浙0106民特1号',
        sealedByOrg: '杭州市西湖区人民法院',
        status: null,
      }),
    });
    renderRoute('/verify?code=RULING000001');
    await user.click(await screen.findByTestId('verify-check'));
    expect(await screen.findByTestId('verify-ruling-number')).toHaveTextContent('(2026)浙0106民特1号');
    expect(screen.getByTestId('verify-document')).toHaveAttribute('data-document', 'ruling');
    expect(screen.getByText('杭州市西湖区人民法院')).toBeInTheDocument();
  });
});
