import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import './i18n';
import './styles.css';
import { setUnauthenticatedHandler } from './api/client';
import { AppProviders } from './app-providers';
import { createQueryClient } from './query-client';
import { createRouter } from './router';

const queryClient = createQueryClient();
const router = createRouter();

// A 401 from any call means the session ended: forget cached data and go to the login screen.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  void queryClient.cancelQueries();
  queryClient.removeQueries();
  const next = `${pathname}${search}`;
  void router.navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, { replace: true });
});

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}
