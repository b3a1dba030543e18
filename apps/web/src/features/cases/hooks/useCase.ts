import { useQuery } from '@tanstack/react-query';
import type { DisputeType } from '@tiaojie/contracts';
import { fetchCase, fetchMediatorProposals, fetchOrganisations, fetchRoster, fetchTimeline } from '../api/cases-api';

/** Every case query starts with 'cases': a live notice refreshes them all (app/useSessionSocket). */
export const caseKeys = {
  all: ['cases'] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  timeline: (id: string) => ['cases', 'timeline', id] as const,
  proposals: (id: string) => ['cases', 'proposals', id] as const,
};

export function useCaseDetail(id: string | undefined) {
  return useQuery({ queryKey: caseKeys.detail(id ?? ''), queryFn: () => fetchCase(id ?? ''), enabled: !!id });
}

export function useTimeline(id: string, enabled = true) {
  return useQuery({ queryKey: caseKeys.timeline(id), queryFn: () => fetchTimeline(id), enabled });
}

export function useMediatorProposals(id: string, enabled: boolean) {
  return useQuery({ queryKey: caseKeys.proposals(id), queryFn: () => fetchMediatorProposals(id), enabled });
}

export function useOrganisations() {
  return useQuery({ queryKey: ['public', 'organisations'], queryFn: fetchOrganisations, staleTime: 10 * 60_000 });
}

export function useRoster(disputeType: DisputeType | undefined) {
  return useQuery({
    queryKey: ['public', 'roster', disputeType],
    queryFn: () => fetchRoster(disputeType ?? 'other'),
    enabled: !!disputeType,
    staleTime: 10 * 60_000,
  });
}
