import type { CaseDetail } from '@tiaojie/contracts';

/**
 * The first paint the server wrote into index.html for a logged-in visitor's case page
 * (apps/api/src/cases/case-first-paint.ts, TARGETS P5): the header and the case's heading, shown
 * while the app's start chunk comes and runs, and the case as GET /api/cases/:id answered it.
 *
 * The app's root stays hidden while the first paint is there (styles.css); `dismissFirstPaint`
 * removes it, so the app's page takes its place in one frame — the page React renders has the
 * same header and heading in the same place. It is called when the case page has rendered, on
 * any move to another page or a route error (App.tsx), and after FIRST_PAINT_LIMIT_MS at the
 * latest, so a page that never comes cannot leave the visitor before a shell that does nothing.
 */
export interface FirstPaintData {
  caseId: string;
  case: CaseDetail;
}

const FIRST_PAINT_LIMIT_MS = 15_000;

/** The case the server read for this page load, once (the element goes): a later read gets null. */
export function takeFirstPaintData(): FirstPaintData | null {
  const element = typeof document === 'undefined' ? null : document.getElementById('first-paint-data');
  if (!element?.textContent) return null;
  try {
    const parsed = JSON.parse(element.textContent) as FirstPaintData;
    if (typeof parsed?.caseId !== 'string' || parsed.case?.id !== parsed.caseId) return null;
    return parsed;
  } catch {
    return null;
  } finally {
    element.remove();
  }
}

/** Whether the server's first paint is still on the screen. */
export function hasFirstPaint(): boolean {
  return typeof document !== 'undefined' && !!document.getElementById('first-paint');
}

/** Takes the first paint away and shows the app (idempotent). */
export function dismissFirstPaint(): void {
  if (typeof document === 'undefined') return;
  document.getElementById('first-paint')?.remove();
  document.getElementById('first-paint-data')?.remove();
}

if (hasFirstPaint()) setTimeout(dismissFirstPaint, FIRST_PAINT_LIMIT_MS);
