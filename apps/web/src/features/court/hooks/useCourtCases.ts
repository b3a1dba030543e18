import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createCourtCase, fetchCourtCases } from '../api/court-cases-api';

export const courtCaseKeys = { list: ['court', 'cases'] as const };

export function useCourtCases() {
  return useQuery({ queryKey: courtCaseKeys.list, queryFn: fetchCourtCases, retry: false });
}

export function useCreateCourtCase() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createCourtCase, onSuccess: () => client.invalidateQueries({ queryKey: courtCaseKeys.list }) });
}
