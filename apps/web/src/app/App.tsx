import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { consumeOpenedReceipt } from '../features/notifications/opened-receipt';
import { createQueryClient } from '../lib/query-client';
import { prefetchEntryData } from './entry-data';
import { dismissFirstPaint, hasFirstPaint } from './first-paint';
import { AppProviders } from './providers';
import { preloadEntryPage, routes } from './routes';

// A link from an SMS or email (`?n=`): record that it was opened, before the router reads the address.
consumeOpenedReceipt();
preloadEntryPage(window.location.pathname);
const router = createBrowserRouter(routes);
// The server's first paint of the entry page goes as soon as the app moves to another page
// (a redirect to the login page included): it belongs to the entry page only.
if (hasFirstPaint()) {
  const entryPath = window.location.pathname;
  const stop = router.subscribe((state) => {
    if (state.location.pathname === entryPath) return;
    dismissFirstPaint();
    stop();
  });
}

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
