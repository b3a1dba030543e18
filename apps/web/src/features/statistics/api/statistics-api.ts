import type { MonthlyReturnQuery, StatisticsQuery } from '@tiaojie/contracts';
import { call, routeUrl } from '../../../lib/api';

/** Issue #13: the viewer's dashboard (the server decides the scope; filters only narrow it). */
export const fetchDashboard = (q: StatisticsQuery) => call('GET /api/statistics/dashboard', { query: q });

/** The monthly return as a download link (the session cookie authorises it). */
export function monthlyReturnUrl(month: string, format: NonNullable<MonthlyReturnQuery['format']>, organisationId?: string): string {
  return routeUrl('GET /api/statistics/monthly-return', { query: { month, format, organisationId } });
}
