import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import { PageLoader } from '../components/ui/PageLoader';
import { loginPathFrom, safeNextPath } from '../lib/navigation';
import { useSession } from '../lib/session';

/** Pages for logged-in users: others go to /login and come back afterwards. */
export function RequireAuth() {
  const { user, isLoading } = useSession();
  const location = useLocation();
  if (isLoading) return <PageLoader />;
  if (!user) {
    return <Navigate to={loginPathFrom(location.pathname, location.search)} replace />;
  }
  return <Outlet />;
}

/** Login and register: someone already logged in goes on to where they wanted to be. */
export function GuestOnly() {
  const { user, isLoading } = useSession();
  const [params] = useSearchParams();
  if (isLoading) return <PageLoader />;
  if (user) return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return <Outlet />;
}
