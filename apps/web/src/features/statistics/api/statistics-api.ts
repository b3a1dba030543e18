import type { StatisticsQuery } from '@tiaojie/contracts';
import { call } from '../../../lib/api';

const clean = (q: StatisticsQuery) => Object.fromEntries(Object.entries(q).filter(([, v]) => !!v)) as Record<string, string>;

/** Issue #13: the viewer's dashboard (the server decides the scope; filters only narrow it). */
export const fetchDashboard = (q: StatisticsQuery) => call('GET /api/statistics/dashboard', { query: clean(q) });

/** The monthly return as a download link (the session cookie authorises it). */
export function monthlyReturnUrl(month: string, format: 'xlsx' | 'pdf', organisationId?: string): string {
  const params = new URLSearchParams({ month, format, ...(organisationId ? { organisationId } : {}) });
  return `/api/statistics/monthly-return?${params.toString()}`;
}
