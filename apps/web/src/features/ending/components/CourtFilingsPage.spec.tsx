import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CourtFilingView } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const judge = profile({ id: 'u-judge', name: '刘法官', roles: ['judge'], memberships: [{ kind: 'court', id: 'ct-1', name: '杭州市西湖区人民法院', role: 'judge' }] });

const filing: CourtFilingView = {
  id: 'f-1',
  caseId: 'c-1',
  caseNumber: 'TJ-2026-000011',
  route: 'online_filing',
  courtId: 'ct-1',
  courtName: '杭州市西湖区人民法院',
  status: 'submitted',
  disputeType: 'private_loan',
  applicantName: '张三',
  respondentNames: ['李四'],
  organisationName: '西湖区人民调解委员会',
  claimAmount: '20000.00',
  submittedAt: '2026-03-20T01:00:00.000Z',
  registeredAt: null,
  packagePdfUrl: '/api/court/filings/f-1/package.pdf',
  packageJsonUrl: '/api/court/filings/f-1/package.json',
  documents: [{ id: 'd-1', fileName: '借条.png', kind: 'evidence', uploadedBySide: 'applicant', sizeBytes: 10, sha256: 'x', downloadUrl: '/api/court/filings/f-1/documents/d-1' }],
};

describe('court filing queue', () => {
  it('lists the filings sent to the court with the package downloads, and registers one (R24)', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/filings': [json(200, [filing]), json(200, [{ ...filing, status: 'registered' }])],
      'POST /api/court/filings/f-1/register': json(200, { ...filing, status: 'registered' }),
    });
    renderRoute('/court/filings');
    const card = await screen.findByTestId('court-filing');
    expect(card).toHaveTextContent('TJ-2026-000011');
    expect(within(card).getByTestId('court-filing-parties')).toHaveTextContent('张三 诉 李四');
    expect(within(card).getByTestId('court-filing-pdf')).toHaveAttribute('href', '/api/court/filings/f-1/package.pdf');
    expect(within(card).getByTestId('court-filing-json')).toHaveAttribute('href', '/api/court/filings/f-1/package.json');
    // R24: each material of the package opens through the court's own route.
    expect(within(card).getByTestId('court-filing-document')).toHaveAttribute('href', '/api/court/filings/f-1/documents/d-1');
    expect(within(card).getByTestId('court-filing-documents')).toHaveTextContent('案卷材料');
    await user.click(within(card).getByTestId('court-filing-register'));
    await waitFor(() => expect(screen.getByTestId('court-filing')).toHaveAttribute('data-status', 'registered'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/court/filings/f-1/register')).toBe(true);
  });

  it('tells anyone else that only the court’s judges and clerks see it', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/court/filings': errorReply(403, 'FORBIDDEN', 'no'),
    });
    renderRoute('/court/filings');
    expect(await screen.findByTestId('court-filings-error')).toHaveTextContent('只有法院的法官和书记员可以查看立案队列');
    expect(screen.queryByTestId('court-sham-flag')).toBeNull();
  });

  it('lets a judge flag a case by number; an unknown number shows under the field (R36)', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, judge),
      'GET /api/court/filings': json(200, []),
      'POST /api/court/sham-flags': [
        errorReply(404, 'NOT_FOUND', 'No such case', [{ field: 'caseNumber', constraint: 'exists', message: 'No such case' }]),
        json(200, { caseId: 'c-9', state: 'SUSPENDED' }),
      ],
    });
    renderRoute('/court/filings');
    expect(await screen.findByTestId('court-filings-empty')).toBeInTheDocument();
    const form = screen.getByTestId('court-sham-flag');
    await user.type(within(form).getByTestId('court-flag-number'), 'TJ-2026-999999');
    await user.type(within(form).getByTestId('court-flag-note'), '批量相似申请');
    await user.click(within(form).getByTestId('court-flag-submit'));
    await waitFor(() => expect(form.querySelector('.ant-form-item-explain-error')).not.toBeNull());
    await user.click(within(form).getByTestId('court-flag-submit'));
    expect(await within(form).findByTestId('court-flag-result')).toHaveTextContent('已中止该案调解');
    expect(calls.filter((c) => c.method === 'POST')[1].body).toEqual({ caseNumber: 'TJ-2026-999999', note: '批量相似申请' });
  });
});
