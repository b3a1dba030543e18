import { useQuery } from '@tanstack/react-query';
import { fetchPublicOrganisations } from '../api/organisations-api';

export function usePublicOrganisations() {
  return useQuery({
    queryKey: ['public', 'organisations'],
    queryFn: fetchPublicOrganisations,
    staleTime: 10 * 60_000,
    retry: false,
  });
}
