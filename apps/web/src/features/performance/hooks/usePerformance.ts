import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PerformanceView } from '@tiaojie/contracts';
import { confirmPerformed, disputePerformed, fetchPerformance, markPerformed } from '../api/performance-api';

/** Under 'cases' so a live notice on the case refreshes it with the rest of the case. */
export const performanceKey = (caseId: string) => ['cases', 'performance', caseId] as const;

export function usePerformance(caseId: string, enabled: boolean) {
  return useQuery({ queryKey: performanceKey(caseId), queryFn: () => fetchPerformance(caseId), enabled });
}

export type PerformanceStep =
  { step: 'mark_performed'; obligationId: string; proofDocumentId?: string } | { step: 'confirm'; obligationId: string } | { step: 'dispute'; obligationId: string; note: string };

export function usePerformanceStep(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PerformanceStep): Promise<PerformanceView> => {
      if (input.step === 'mark_performed') return markPerformed(caseId, input.obligationId, input.proofDocumentId);
      if (input.step === 'confirm') return confirmPerformed(caseId, input.obligationId);
      return disputePerformed(caseId, input.obligationId, input.note);
    },
    onSuccess: (view) => {
      queryClient.setQueryData(performanceKey(caseId), view);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'timeline', caseId] });
    },
  });
}
