import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StatisticsDashboard } from '@tiaojie/contracts';
import { errorReply, json, mockFetch } from '../../../test/fetch-mock';
import { profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? numerator / denominator : null });
const sla = { kept: 1, missed: 1, pending: 0, rate: 0.5 };
const dashboard = (overrides: Partial<StatisticsDashboard> = {}): StatisticsDashboard => ({
  scope: {
    kind: 'bureau',
    organisations: [
      { id: 'o-1', name: '西湖区人民调解委员会', nameEn: null },
      { id: 'o-2', name: '警调衔接调解室', nameEn: null },
    ],
    bureauName: '杭州市西湖区司法局',
    courtName: null,
  },
  filters: { from: null, to: null, organisationId: null, mediatorId: null },
  totals: { filed: 6, settled: 2, failed: 2, withdrawn: 1, open: 1 },
  byState: [{ key: 'SETTLED', count: 2 }],
  byDisputeType: [{ key: 'private_loan', count: 6 }],
  byRegion: [{ key: '330106', count: 6 }],
  byChannel: [{ key: 'self', count: 6 }],
  successRate: { ...rate(2, 4), definition: 'settled / (settled + failed)' },
  timeToSettle: { count: 2, medianDays: 3.5, p90Days: 6 },
  sla: { sameDayContact: sla, contactRespondent: sla, mediatorAccept: sla },
  confirmation: { confirmed: 1, rejected: 0, refused: 0, rate: rate(1, 1) },
  complaints: { total: 1, byStatus: [{ key: 'received', count: 1 }], byOutcome: [] },
  mediators: [
    { mediatorId: 'u-m', name: '王调解', handled: 2, settled: 1, failed: 1, successRate: rate(1, 2), medianDaysToSettle: 3.5, sla, complaintsUpheld: 0, satisfaction: { count: 3, average: 4.3 } },
  ],
  satisfaction: { count: 3, average: 4.3 },
  ...overrides,
});

describe('issue #13: the statistics page', () => {
  it('shows the 司法局’s numbers, the success rate’s definition with its denominator, and narrows by organisation', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-b', name: '吴科长', roles: ['bureau'] })),
      'GET /api/statistics/dashboard': json(200, dashboard()),
    });
    renderRoute('/statistics');
    expect(await screen.findByTestId('statistics-scope', {}, { timeout: 5000 })).toHaveTextContent('杭州市西湖区司法局');
    expect(screen.getByTestId('stat-filed')).toHaveTextContent('6');
    expect(screen.getByTestId('stat-success-rate')).toHaveTextContent('50.0%');
    expect(screen.getByTestId('statistics-definition')).toHaveTextContent('2 ÷ 4');
    expect(screen.getByTestId('statistics-mediators')).toHaveTextContent('王调解');
    expect(screen.getByTestId('statistics-download-xlsx').getAttribute('href')).toMatch(/^\/api\/statistics\/monthly-return\?month=\d{4}-\d{2}&format=xlsx$/);
    fireEvent.change(screen.getByTestId('statistics-from'), { target: { value: '2026-11-01' } });
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/api/statistics/dashboard?from=2026-11-01'))).toBe(true));
    await user.click(screen.getByRole('combobox', { name: '调解组织' }));
    await user.click(await screen.findByText('警调衔接调解室'));
    await waitFor(() => expect(calls.some((c) => c.path.includes('organisationId=o-2'))).toBe(true));
  });

  it('a viewer outside every scope sees the server’s refusal, not an empty dashboard', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/statistics/dashboard': errorReply(403, 'FORBIDDEN', 'Statistics are for staff'),
    });
    renderRoute('/statistics');
    expect(await screen.findByTestId('statistics-error', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByTestId('stat-filed')).toBeNull();
  });
});
