import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseDetail } from '@tiaojie/contracts';
import { ENDING_STATES, inStates } from '@tiaojie/domain';
import { caseKeys } from '../../cases/hooks/useCase';
import { courtShamFlag, fetchCourtFilings, fetchEnding, registerFiling } from '../api/ending-api';

/** Under 'cases' so that a live notice (and every case step) refreshes it with the case. */
export const endingKeys = {
  view: (caseId: string) => [...caseKeys.all, 'ending', caseId] as const,
  filings: ['court', 'filings'] as const,
};

/** Whether a case shows its ending (GET .../ending): in the ending states, and not a limited view. */
export function caseHasEnding(detail: Pick<CaseDetail, 'state' | 'limitedView'>): boolean {
  return inStates(ENDING_STATES, detail.state) && !detail.limitedView;
}

export function useEnding(caseId: string, enabled = true) {
  return useQuery({ queryKey: endingKeys.view(caseId), queryFn: () => fetchEnding(caseId), enabled });
}

/** Runs an ending step, then reloads the case and its ending. */
export function useEndingStep(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    // The case (version, state, deadlines) and its ending (under the same 'cases' key).
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: endingKeys.view(caseId) }), client.invalidateQueries({ queryKey: caseKeys.all })]),
  });
}

export function useCourtFilings() {
  return useQuery({ queryKey: endingKeys.filings, queryFn: fetchCourtFilings, retry: false });
}

export function useRegisterFiling() {
  const client = useQueryClient();
  return useMutation({ mutationFn: registerFiling, onSuccess: () => client.invalidateQueries({ queryKey: endingKeys.filings }) });
}

export function useCourtShamFlag() {
  return useMutation({ mutationFn: courtShamFlag });
}
