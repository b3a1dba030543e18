import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { clearSession, hasSessionEndedNotice, setSessionUser, useLogout } from './session';

vi.mock('./api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./api')>()), call: vi.fn(async () => ({})) }));

function wrapper(queryClient: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

describe('the login page’s "session ended" notice (issue #11: stale texts)', () => {
  it('is set when the server ends the session', () => {
    const queryClient = new QueryClient();
    clearSession(queryClient, { ended: true });
    expect(hasSessionEndedNotice()).toBe(true);
    setSessionUser(queryClient, { id: 'u1' } as never);
    expect(hasSessionEndedNotice()).toBe(false);
  });

  it('is not set by a deliberate logout, even when the server then reports the session ended', async () => {
    const queryClient = new QueryClient();
    setSessionUser(queryClient, { id: 'u1' } as never);
    const { result } = renderHook(() => useLogout(), { wrapper: wrapper(queryClient) });
    act(() => result.current.mutate());
    // the socket's `session:ended` for this very logout, and a late 401 of a request on its way
    clearSession(queryClient, { ended: true });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    clearSession(queryClient, { ended: true });
    expect(hasSessionEndedNotice()).toBe(false);
    // the next session that the server ends is announced again
    setSessionUser(queryClient, { id: 'u1' } as never);
    clearSession(queryClient, { ended: true });
    expect(hasSessionEndedNotice()).toBe(true);
  });
});
