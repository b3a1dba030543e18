import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HolidayOverrideRequest, PutHolidayYearRequest } from '@tiaojie/contracts';
import { calendarKeys, fetchCalendarOverview, fetchCalendarStatus, fetchHolidayYear, postHolidayOverride, putHolidayYear } from '../api/calendar-api';

/** Which years are published (for provisional deadlines); changes rarely, so cached for 10 minutes. */
export function useCalendarStatus() {
  return useQuery({ queryKey: calendarKeys.status, queryFn: fetchCalendarStatus, staleTime: 10 * 60_000 });
}

export function useCalendarOverview() {
  return useQuery({ queryKey: calendarKeys.overview, queryFn: fetchCalendarOverview });
}

export function useHolidayYear(year: number | null) {
  return useQuery({ queryKey: calendarKeys.year(year ?? 0), queryFn: () => fetchHolidayYear(year ?? 0), enabled: year !== null });
}

export function usePutHolidayYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, request }: { year: number; request: PutHolidayYearRequest }) => putHolidayYear(year, request),
    onSuccess: (saved) => {
      queryClient.setQueryData(calendarKeys.year(saved.year), saved);
      void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      // Deadlines shown on cases were computed with the old calendar.
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** Issue #13: one day's override; the year, the overview and every case deadline are then stale. */
export function useHolidayOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: HolidayOverrideRequest) => postHolidayOverride(request),
    onSuccess: (saved) => {
      queryClient.setQueryData(calendarKeys.year(saved.year), saved);
      void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] });
    },
  });
}
