import { Suspense, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate } from 'react-router-dom';
import { PageLoader } from '../components/ui/PageLoader';
import { setUnauthenticatedHandler } from '../lib/api';
import { loginPathFrom } from '../lib/navigation';
import { checkPageShown } from '../lib/page-shown';
import { clearSession, useSession } from '../lib/session';
import { AppHeader } from './AppHeader';
import { useSessionSocket } from './useSessionSocket';

export function AppLayout() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      clearSession(queryClient, { ended: true });
      const { pathname, search } = window.location;
      if (pathname === '/login') return;
      navigate(loginPathFrom(pathname, search), { replace: true });
    });
  }, [navigate, queryClient]);

  // The first page's content, once it shows, lets the socket and the bell start (lib/page-shown.ts).
  useEffect(checkPageShown, []);
  useSessionSocket(user?.id ?? null);

  return (
    <div className="app-shell">
      <AppHeader />
      <main className="app-main">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
