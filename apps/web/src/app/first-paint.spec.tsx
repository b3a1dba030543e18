import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { caseKeys } from '../features/cases/hooks/useCase';
import { json, mockFetch } from '../test/fetch-mock';
import { caseDetail, profile } from '../test/fixtures';
import { renderRoute } from '../test/render';
import { prefetchEntryData } from './entry-data';
import { hasFirstPaint, takeFirstPaintData } from './first-paint';

/**
 * Issue #11, TARGETS P5: the server's first paint of a case page (apps/api/src/cases/case-first-paint.ts)
 * is taken over by the app — its case is not asked for again, and it gives way once the page
 * has rendered, so the heading is never shown twice.
 */
function serverFirstPaint(data: unknown) {
  document.body.insertAdjacentHTML(
    'afterbegin',
    `<div id="first-paint" class="app-shell"><main class="app-main"><h1 class="page-title">案件 TJ-2026-000031</h1></main></div>` +
      `<script type="application/json" id="first-paint-data">${typeof data === 'string' ? data : JSON.stringify(data)}</script>`,
  );
}

afterEach(() => {
  for (const element of document.querySelectorAll('#first-paint, #first-paint-data')) element.remove();
});

describe("the server's first paint of a case page", () => {
  it('gives its case once, and nothing for a broken or mismatched element', () => {
    const c = caseDetail({ id: 'c-31', number: 'TJ-2026-000031' });
    serverFirstPaint({ caseId: 'c-31', case: c });
    expect(takeFirstPaintData()).toEqual({ caseId: 'c-31', case: c });
    expect(takeFirstPaintData()).toBeNull();
    document.getElementById('first-paint')?.remove();
    serverFirstPaint('{"caseId": "c-31", "case": ');
    expect(takeFirstPaintData()).toBeNull();
    document.getElementById('first-paint')?.remove();
    serverFirstPaint({ caseId: 'c-32', case: c });
    expect(takeFirstPaintData()).toBeNull();
  });

  it('puts its case in the cache instead of asking the API, and gives way when the page has rendered', async () => {
    const c = caseDetail({ id: 'c-31', number: 'TJ-2026-000031', state: 'SUBMITTED' });
    serverFirstPaint({ caseId: 'c-31', case: c });
    const { calls } = mockFetch({ 'GET /api/me': json(200, profile()) });
    const { queryClient } = renderRoute('/cases/c-31');
    prefetchEntryData(queryClient, '/cases/c-31');
    expect(queryClient.getQueryData(caseKeys.detail('c-31'))).toEqual(c);
    expect(hasFirstPaint()).toBe(true);

    expect(await screen.findByTestId('case-heading')).toHaveTextContent('案件 TJ-2026-000031');
    await waitFor(() => expect(hasFirstPaint()).toBe(false));
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(calls.filter((call) => call.path.startsWith('/api/cases/c-31'))).toEqual([]);
  });

  it('gives way when the case cannot be shown either', async () => {
    serverFirstPaint({ caseId: 'c-31', case: caseDetail({ id: 'c-31' }) });
    takeFirstPaintData(); // a case the app did not take: it asks, and is refused
    mockFetch({ 'GET /api/me': json(200, profile()), 'GET /api/cases/c-31': json(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Not found' }) });
    renderRoute('/cases/c-31');
    expect(await screen.findByTestId('case-error')).toBeInTheDocument();
    expect(hasFirstPaint()).toBe(false);
  });
});
