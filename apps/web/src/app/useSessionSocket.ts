import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { connectSocket, publishNotice, publishResync, type AppSocket } from '../lib/socket';
import { loginPathFrom } from '../lib/navigation';
import { whenPageShown } from '../lib/page-shown';
import { clearSession } from '../lib/session';

/**
 * Keeps a socket open while someone is logged in; the server ending the session sends them to
 * /login. A new notice goes to the bell, and every case query is refreshed: a notice means a
 * case moved, so open case pages and queues show the new state without a reload.
 */
export function useSessionSocket(userId: string | null) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // The socket outlives renders; it calls the latest handler through this ref.
  const onSessionEnded = useRef<() => void>(undefined);
  useEffect(() => {
    onSessionEnded.current = () => {
      clearSession(queryClient, { ended: true });
      const { pathname, search } = window.location;
      navigate(loginPathFrom(pathname, search), { replace: true });
    };
  }, [navigate, queryClient]);

  useEffect(() => {
    if (!userId) return;
    let socket: AppSocket | null = null;
    let cancelled = false;
    // Not before the first page has shown its content (lib/page-shown.ts).
    void whenPageShown()
      .then(() => (cancelled ? Promise.reject(new Error('cancelled')) : connectSocket()))
      .then((connected) => {
        if (cancelled) {
          connected.disconnect();
          return;
        }
        socket = connected;
        // Each (re)connection: notices written meanwhile came with no live event.
        connected.on('connect', () => publishResync());
        if (connected.connected) publishResync();
        connected.on('notice:new', (notice) => {
          publishNotice(notice);
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
        });
        connected.on('session:ended', () => {
          connected.disconnect();
          onSessionEnded.current?.();
        });
      })
      .catch(() => {
        // Realtime is an addition to the page; without it the REST views still work.
      });
    return () => {
      cancelled = true;
      socket?.disconnect();
    };
  }, [userId, queryClient]);
}
