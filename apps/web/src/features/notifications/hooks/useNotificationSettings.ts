import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeliveryView, NotificationPreferences } from '@tiaojie/contracts';
import { fetchDeliveries, fetchOrganisationNotices, fetchPreferences, markNoticeDelivered, retryNotice, savePreferences, type DeliveryStatus, type NoticeFilter } from '../api/notifications-api';

const PREFERENCES_KEY = ['notifications', 'preferences'] as const;

export const organisationNoticeKeys = {
  all: ['notifications', 'organisation'] as const,
  list: (organisationId: string, filter: NoticeFilter) => ['notifications', 'organisation', organisationId, filter] as const,
};

/** Under 'cases': a live notice refreshes every case query (app/useSessionSocket), this one too. */
export const deliveriesKey = (caseId: string) => ['cases', 'deliveries', caseId] as const;

const UNSETTLED = new Set<DeliveryStatus>(['pending', 'queued', 'sending']);

export function usePreferences() {
  return useQuery({ queryKey: PREFERENCES_KEY, queryFn: fetchPreferences });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: NotificationPreferences) => savePreferences(preferences),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES_KEY, saved),
  });
}

/** A case's deliveries; polled while some are still on their way (SMS and email are not pushed). */
export function useDeliveries(caseId: string) {
  return useQuery({
    queryKey: deliveriesKey(caseId),
    queryFn: () => fetchDeliveries(caseId),
    refetchInterval: (query) => (query.state.data?.some((d) => UNSETTLED.has(d.status)) ? 5_000 : false),
  });
}

export function useOrganisationNotices(organisationId: string, filter: NoticeFilter, enabled = true) {
  return useQuery({
    queryKey: organisationNoticeKeys.list(organisationId, filter),
    queryFn: () => fetchOrganisationNotices(organisationId, filter),
    enabled: enabled && !!organisationId,
  });
}

export function useRetryNotice() {
  return useNoticeDecision(retryNotice);
}

/** An admin's decision on a notice whose outcome is unknown: it did arrive. */
export function useMarkNoticeDelivered() {
  return useNoticeDecision(markNoticeDelivered);
}

function useNoticeDecision(decide: (id: string) => Promise<DeliveryView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => decide(id),
    onSuccess: (view: DeliveryView) => {
      // The notice leaves the list it was decided in at once; the lists are then fetched again.
      queryClient.setQueriesData<DeliveryView[]>({ queryKey: organisationNoticeKeys.all }, (list) => list?.map((item) => (item.id === view.id ? view : item)));
      void queryClient.invalidateQueries({ queryKey: organisationNoticeKeys.all });
      if (view.caseId) void queryClient.invalidateQueries({ queryKey: deliveriesKey(view.caseId) });
    },
  });
}
