/**
 * Links in SMS and email carry `?n=<notification id>` (apps/api dispatcher). Opening such a link
 * records a read receipt (POST /api/notifications/:id/opened, public: the person may not be
 * logged in yet) once, and the parameter leaves the address bar at once, so a reload, a
 * bookmark or the login redirect does not carry it further.
 *
 * Runs before the router is created (app/App.tsx): the router, and a redirect to /login,
 * then only ever see the address without it. Kept free of imports for the first load.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function consumeOpenedReceipt(win: Pick<Window, 'location' | 'history'> = window, send: typeof fetch = (...args) => fetch(...args)): string | null {
  const url = new URL(win.location.href);
  const id = url.searchParams.get('n');
  if (id === null) return null;
  url.searchParams.delete('n');
  win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  if (!UUID.test(id)) return null;
  void send(`/api/notifications/${encodeURIComponent(id)}/opened`, { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => {
    // A receipt is a courtesy: the page works without it.
  });
  return id;
}
