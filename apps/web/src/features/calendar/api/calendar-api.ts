import type { CalendarStatus, HolidayCalendarOverview, HolidayOverrideRequest, HolidayYearView, PutHolidayYearRequest } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export const calendarKeys = {
  all: ['calendar'] as const,
  status: ['calendar', 'status'] as const,
  overview: ['calendar', 'admin', 'overview'] as const,
  year: (year: number) => ['calendar', 'admin', 'year', year] as const,
};

export function fetchCalendarStatus() {
  return api<CalendarStatus>('/api/calendar');
}

export function fetchCalendarOverview() {
  return api<HolidayCalendarOverview>('/api/admin/calendar');
}

export function fetchHolidayYear(year: number) {
  return api<HolidayYearView>(`/api/admin/calendar/${year}`);
}

export function putHolidayYear(year: number, request: PutHolidayYearRequest) {
  return api<HolidayYearView>(`/api/admin/calendar/${year}`, { method: 'PUT', body: request });
}

/** Issue #13: one day made a holiday or a working day, with the reason. */
export function postHolidayOverride(request: HolidayOverrideRequest) {
  return api<HolidayYearView>('/api/admin/calendar/overrides', { method: 'POST', body: request });
}
