import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser } from './use-current-user';
import { PageError, PageLoading } from '../components/page-state';

/** Lets signed-in users through; everyone else goes to /login and comes back afterwards. */
export function RequireAuth() {
  const location = useLocation();
  const { user, unauthenticated, error, isLoading, refetch } = useCurrentUser();
  if (isLoading) return <PageLoading fullScreen />;
  if (unauthenticated || (!user && !error)) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (error) return <PageError error={error} onRetry={() => void refetch()} fullScreen />;
  return <Outlet />;
}
