import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserProfile } from '@tiaojie/contracts';
import { call, isApiError, setSessionHint } from './api';

/** The session is the answer of GET /api/me: a profile, or null when nobody is logged in. */
export const SESSION_QUERY_KEY = ['session', 'me'] as const;

export async function fetchMe(): Promise<UserProfile | null> {
  try {
    // optional: nobody logged in is a 204, not a 401 in the console of every anonymous page.
    return (await call('GET /api/me', { query: { optional: true }, onUnauthenticated: 'throw' })) ?? null;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  const query = useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
  return { user: query.data ?? null, isLoading: query.isPending, query };
}

/**
 * Set when the server ended the session (expired, logged out elsewhere, account disabled), so
 * the login page can say why the user is there. Kept outside the router: the redirect to /login
 * may come from RequireAuth as much as from whoever noticed.
 */
let sessionEndedNotice = false;
/**
 * Set while (and after) the user logs out on purpose, until the next login: the server's own
 * "session ended" (the socket's, or a 401 of a request still on its way) is then no surprise,
 * and the login page must not say the session expired (issue #11).
 */
let loggedOutOnPurpose = false;

export function hasSessionEndedNotice(): boolean {
  return sessionEndedNotice;
}

/** Stores the profile an auth endpoint returned, so the app does not ask /api/me again. */
export function setSessionUser(queryClient: QueryClient, user: UserProfile | null) {
  if (user) {
    sessionEndedNotice = false;
    loggedOutOnPurpose = false;
  }
  queryClient.setQueryData(SESSION_QUERY_KEY, user);
}

/** Forgets everything cached for the previous user; `ended` when the server, not the user, ended it. */
export function clearSession(queryClient: QueryClient, { ended = false }: { ended?: boolean } = {}) {
  sessionEndedNotice = ended && !loggedOutOnPurpose;
  setSessionHint(false);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.queryKey[0] !== 'public' });
  setSessionUser(queryClient, null);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => {
      loggedOutOnPurpose = true;
      return call('POST /api/auth/logout');
    },
    // Logged out locally even when the server could not be reached.
    onSettled: () => clearSession(queryClient),
  });
}
