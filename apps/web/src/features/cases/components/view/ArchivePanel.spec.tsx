import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../../../test/fetch-mock';
import { caseDetail, profile } from '../../../../test/fixtures';
import { renderRoute } from '../../../../test/render';
import i18n from '../../../../lib/i18n';

const dispatcher = profile({ id: 'u-chen', name: '陈主任', roles: ['org_admin'], memberships: [{ kind: 'organisation', id: 'o-1', name: '西湖区人民调解委员会', role: 'org_admin' }] });
const courtCase = { kind: 'entrusted' as const, courtCaseNumber: '（2026）浙0106民初77号', courtId: 'ct-1', courtName: '杭州市西湖区人民法院', procedure: 'simple' as const, periodDays: 7 };

describe('case page: court case and archive (R21, R20, R27)', () => {
  it('shows the court, its case number, the kind and the 7-day period; staff close and archive the case', async () => {
    const user = userEvent.setup();
    const terminated = caseDetail({
      number: 'TJ-2026-000012',
      state: 'TERMINATED',
      version: 5,
      viewerRole: 'org_admin',
      organisationId: 'o-1',
      terminationReason: 'positions_too_far',
      actions: ['close'],
      courtCase,
      archive: null,
    });
    const closed = { ...terminated, state: 'CLOSED' as const, version: 6, actions: [], archive: { archivedAt: '2026-12-01T02:00:00.000Z', pdfUrl: '/api/cases/c-1/archive.pdf', sha256: 'ab' } };
    const { calls } = mockFetch({
      'GET /api/me': json(200, dispatcher),
      'GET /api/cases/c-1': [json(200, terminated), json(200, closed)],
      'GET /api/cases/c-1/timeline': json(200, []),
      'POST /api/cases/c-1/close': json(201, closed),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('case-court-number')).toHaveTextContent('（2026）浙0106民初77号');
    expect(screen.getByTestId('case-court-name')).toHaveTextContent('杭州市西湖区人民法院');
    expect(screen.getByTestId('case-court-kind')).toHaveTextContent('诉中委托调解');
    expect(screen.getByTestId('case-court-procedure')).toHaveTextContent('简易程序');
    expect(screen.getByTestId('case-court-period')).toHaveTextContent('7 日');

    await user.click(screen.getByTestId('case-close'));
    await user.click(screen.getByTestId('case-close-confirm'));
    expect(await screen.findByTestId('case-archived')).toHaveTextContent('已结案归档');
    expect(screen.getByTestId('case-archive-pdf')).toHaveAttribute('href', '/api/cases/c-1/archive.pdf');
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.path === '/api/cases/c-1/close')?.body).toEqual({ version: 5 }));
  });

  it('shows nothing of either to a direct case that cannot be closed', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, caseDetail({ number: 'TJ-2026-000013', state: 'SUBMITTED', actions: [] })),
      'GET /api/cases/c-1/timeline': json(200, []),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('case-heading')).toHaveTextContent('TJ-2026-000013');
    expect(screen.queryByTestId('case-court')).toBeNull();
    expect(screen.queryByTestId('case-archive')).toBeNull();
  });

  it('in English too', async () => {
    await i18n.changeLanguage('en');
    mockFetch({
      'GET /api/me': json(200, dispatcher),
      'GET /api/cases/c-1': json(
        200,
        caseDetail({ number: 'TJ-2026-000014', state: 'SUBMITTED', viewerRole: 'org_admin', actions: [], courtCase: { ...courtCase, kind: 'delegated', procedure: null, periodDays: 30 } }),
      ),
      'GET /api/cases/c-1/timeline': json(200, []),
    });
    renderRoute('/cases/c-1');
    const period = await screen.findByTestId('case-court-period');
    expect(period).toHaveTextContent('30 days');
    expect(screen.getByTestId('case-court-kind')).toHaveTextContent('Delegated before filing');
  });
});
