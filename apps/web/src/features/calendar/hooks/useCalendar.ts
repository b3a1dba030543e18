import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PutHolidayYearRequest } from '@tiaojie/contracts';
import { calendarKeys, fetchCalendarOverview, fetchCalendarStatus, fetchHolidayYear, putHolidayYear } from '../api/calendar-api';

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
