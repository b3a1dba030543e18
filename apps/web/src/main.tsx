import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n';
import 'antd/dist/antd.css';
import './styles.css';
import { App, createRouter, startRequests } from './app/App';

/** A new task: the browser may paint and handle input in between (scheduler.yield where there is one). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

// Start-up in steps, each its own task, not one long task after the scripts are evaluated (a
// phone's main thread is blocked for all of it; TARGETS P5, Lighthouse's total blocking time):
// the requests first, then the router, then (with the page's code) the first render, which is a transition — React
// renders it in slices and gives the main thread back between them.
// The page's code (usually there already, asked for by the early script) before the first render,
// so that the header and the page come in one paint; not more than ENTRY_PAGE_WAIT_MS.
const ENTRY_PAGE_WAIT_MS = 3000;
const { queryClient, entryPage } = startRequests();
void (async () => {
  await nextTask();
  const router = createRouter();
  await Promise.race([entryPage, new Promise((resolve) => setTimeout(resolve, ENTRY_PAGE_WAIT_MS))]);
  await nextTask();
  startTransition(() => {
    createRoot(document.getElementById('root') as HTMLElement).render(
      <StrictMode>
        <App queryClient={queryClient} router={router} />
      </StrictMode>,
    );
  });
})();
