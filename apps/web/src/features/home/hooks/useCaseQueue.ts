import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CaseListQuery } from '@tiaojie/contracts';
import { fetchCaseList, fetchOrganisationSla } from '../api/case-queues-api';

export type QueueQuery = Omit<CaseListQuery, 'cursor'>;

/** One queue with cursor pagination ("load more"); keys start with 'cases' so live notices refresh it. */
export function useCaseQueue(query: QueueQuery) {
  return useInfiniteQuery({
    queryKey: ['cases', 'list', query],
    queryFn: ({ pageParam }) => fetchCaseList({ ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useOrganisationSla(organisationId: string) {
  return useQuery({ queryKey: ['cases', 'sla', organisationId], queryFn: () => fetchOrganisationSla(organisationId) });
}
