import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { consumeOpenedReceipt } from '../features/notifications/opened-receipt';
import { createQueryClient } from '../lib/query-client';
import { prefetchEntryData } from './entry-data';
import { AppProviders } from './providers';
import { preloadEntryPage, routes } from './routes';

// A link from an SMS or email (`?n=`): record that it was opened, before the router reads the address.
consumeOpenedReceipt();
preloadEntryPage(window.location.pathname);
const router = createBrowserRouter(routes);

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    prefetchEntryData(client, window.location.pathname);
    return client;
  });
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
