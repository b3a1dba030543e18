import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { isApiError } from '../../../lib/api';
import { describeApiError } from '../../../lib/form-errors';
import { caseKeys } from './useCase';

export interface StepFeedback {
  type: 'success' | 'warning' | 'error';
  text: string;
}

interface StepVariables {
  run: () => Promise<unknown>;
  /** Shown when the step succeeded. */
  success: string;
  onDone?: (result: unknown) => void;
}

function isCaseDetail(value: unknown): value is CaseDetail {
  return typeof value === 'object' && value !== null && 'actions' in value && 'parties' in value;
}

/**
 * Runs one state-changing step on a case. The step sends the version the page shows; when the
 * case moved meanwhile (409 STALE_VERSION, or a state conflict) the page reloads the case and
 * says so, and the user decides again on what is now there.
 */
export function useCaseStep(caseId: string) {
  const { t } = useTranslation('casePage');
  const queryClient = useQueryClient();
  const [feedback, setFeedback] = useState<StepFeedback | null>(null);

  const mutation = useMutation({
    mutationFn: ({ run }: StepVariables) => run(),
    onMutate: () => setFeedback(null),
    onSuccess: (result, { success, onDone }) => {
      if (isCaseDetail(result)) queryClient.setQueryData(caseKeys.detail(caseId), result);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      setFeedback({ type: 'success', text: success });
      onDone?.(result);
    },
    onError: (error) => {
      if (isApiError(error) && (error.code === 'STALE_VERSION' || error.code === 'CONFLICT')) {
        void queryClient.invalidateQueries({ queryKey: caseKeys.all });
        const reason = error.code === 'CONFLICT' ? describeApiError(error) : '';
        setFeedback({ type: 'warning', text: [t('stale'), reason].filter(Boolean).join(' ') });
        return;
      }
      setFeedback({ type: 'error', text: describeApiError(error) });
    },
  });

  return { run: mutation.mutate, pending: mutation.isPending, variables: mutation.variables, feedback, setFeedback };
}
