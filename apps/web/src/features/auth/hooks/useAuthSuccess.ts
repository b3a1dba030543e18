import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { AuthResponse } from '@tiaojie/contracts';
import { changeLocale, currentLocale } from '../../../lib/i18n';
import { safeNextPath } from '../../../lib/navigation';
import { setSessionUser } from '../../../lib/session';

/**
 * After login or register: remember the user and go where they meant to go. The login carried
 * the page's language (kept as the account's when it never chose one, issue #11); from here on
 * the page speaks the account's language, the one its SMS and email use.
 */
export function useAuthSuccess() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return useCallback(
    (response: AuthResponse) => {
      setSessionUser(queryClient, response.user);
      if (response.user.locale !== currentLocale()) void changeLocale(response.user.locale);
      navigate(safeNextPath(params.get('next')), { replace: true });
    },
    [navigate, params, queryClient],
  );
}
