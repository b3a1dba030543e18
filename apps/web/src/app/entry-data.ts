import type { QueryClient } from '@tanstack/react-query';
import type { CaseDetail } from '@tiaojie/contracts';
import { fetchEnding } from '../features/ending/api/ending-api';
import { caseHasEnding, endingKeys } from '../features/ending/hooks/useEnding';
import { fetchCase } from '../features/cases/api/cases-api';
import { caseKeys } from '../features/cases/hooks/useCase';
import { hasSessionHint } from '../lib/api';
import { fetchMe, SESSION_QUERY_KEY } from '../lib/session';
import { entryPageOf } from './early-pages';

/**
 * Asks for the data of the page a logged-in visitor arrives on as the app starts, beside the
 * session: a case page otherwise waits for GET /api/me, then for the page to render, before it
 * asks for the case — two round trips more before a citizen coming from an SMS link sees it
 * (TARGETS P5, Lighthouse's LCP; apps/web-e2e/journeys/lighthouse.js). Only when this browser
 * holds a session (lib/api.ts's hint): an anonymous visitor goes to the login page unasked.
 */
export function prefetchEntryData(queryClient: QueryClient, pathname: string): void {
  if (!hasSessionHint()) return;
  const entry = entryPageOf(pathname);
  if (entry?.page !== 'case') return;
  const caseId = entry.params[0];
  void queryClient.prefetchQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
  void queryClient.prefetchQuery({ queryKey: caseKeys.detail(caseId), queryFn: () => fetchCase(caseId) }).then(() => {
    // The case page waits for a case's ending before it shows (CasePage.tsx): asked for as soon
    // as the case says it has one, not once the page has rendered.
    const detail = queryClient.getQueryData<CaseDetail>(caseKeys.detail(caseId));
    if (detail && caseHasEnding(detail)) {
      void queryClient.prefetchQuery({ queryKey: endingKeys.view(caseId), queryFn: () => fetchEnding(caseId) });
    }
  });
}
