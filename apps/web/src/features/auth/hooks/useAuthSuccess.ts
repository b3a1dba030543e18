import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { AuthResponse } from '@tiaojie/contracts';
import { safeNextPath } from '../../../lib/navigation';
import { setSessionUser } from '../../../lib/session';

/** After login or register: remember the user and go where they meant to go. */
export function useAuthSuccess() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return useCallback(
    (response: AuthResponse) => {
      setSessionUser(queryClient, response.user);
      navigate(safeNextPath(params.get('next')), { replace: true });
    },
    [navigate, params, queryClient],
  );
}
