import type { HolidayOverrideRequest, PutHolidayYearRequest } from '@tiaojie/contracts';
import { call } from '../../../lib/api';

export const calendarKeys = {
  all: ['calendar'] as const,
  status: ['calendar', 'status'] as const,
  overview: ['calendar', 'admin', 'overview'] as const,
  year: (year: number) => ['calendar', 'admin', 'year', year] as const,
};

export function fetchCalendarStatus() {
  return call('GET /api/calendar');
}

export function fetchCalendarOverview() {
  return call('GET /api/admin/calendar');
}

export function fetchHolidayYear(year: number) {
  return call('GET /api/admin/calendar/:year', { params: { year: String(year) } });
}

export function putHolidayYear(year: number, request: PutHolidayYearRequest) {
  return call('PUT /api/admin/calendar/:year', { params: { year: String(year) }, body: request });
}

/** Issue #13: one day made a holiday or a working day, with the reason. */
export function postHolidayOverride(request: HolidayOverrideRequest) {
  return call('POST /api/admin/calendar/overrides', { body: request });
}
