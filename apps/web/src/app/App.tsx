import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import type { QueryClient } from '@tanstack/react-query';
import { consumeOpenedReceipt } from '../features/notifications/opened-receipt';
import { createQueryClient } from '../lib/query-client';
import { prefetchEntryData } from './entry-data';
import { AppProviders } from './providers';
import { preloadEntryPage, routes } from './routes';

/**
 * What the app asks the network for before anything else: the receipt of an SMS or email link
 * (`?n=`, recorded and taken off the address before the router reads it), the page's code, and a
 * logged-in visitor's session and case (`entryPage` resolves once the page's code is there, or
 * could not be fetched). Called first at start-up, so these requests leave while
 * the rest of the app is still being set up (TARGETS P5, Lighthouse's LCP).
 */
export function startRequests(): { queryClient: QueryClient; entryPage: Promise<void> } {
  consumeOpenedReceipt();
  const entryPage = preloadEntryPage(window.location.pathname);
  const queryClient = createQueryClient();
  prefetchEntryData(queryClient, window.location.pathname);
  return { queryClient, entryPage };
}

export type Router = ReturnType<typeof createBrowserRouter>;

/** The router over the address as it is now (after `startRequests` took any `?n=` off it). */
export function createRouter(): Router {
  return createBrowserRouter(routes);
}

/** The app over a query client and router made by `startRequests` and `createRouter` (main.tsx). */
export function App({ queryClient, router }: { queryClient: QueryClient; router: Router }) {
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
