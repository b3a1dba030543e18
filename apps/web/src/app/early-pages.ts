import type { ApiRoute } from '@tiaojie/contracts';
import type { EarlyPage } from '../lib/early-start';

/** `'GET /api/cases/:id'` → `/api/cases/$1`: a route of the contracts' table, its parameters in order. */
function early(route: ApiRoute): string {
  let n = 0;
  return route.slice(route.indexOf(' ') + 1).replace(/:\w+/g, () => `$${++n}`);
}

/** The pages the app treats as entry pages: fetched ahead (routes.tsx) and given early requests. */
export type EntryPage = 'landing' | 'mediation' | 'case';

/**
 * The pages most often opened first (routes.tsx's preloadEntryPage): the landing page, a case
 * from an SMS link, the conversation. `modules` are the page's own lazy parts that render on
 * its first paint (CasePage.tsx preloads the same ones).
 */
export const EARLY_PAGES: (EarlyPage & { page: EntryPage })[] = [
  { page: 'landing', path: '^/$', modules: ['src/features/landing/components/LandingPage.tsx'], requests: [] },
  {
    page: 'mediation',
    path: '^/cases/([^/]+)/mediation/?$',
    modules: ['src/features/mediation/components/MediationPage.tsx'],
    requests: [],
  },
  {
    page: 'case',
    path: '^/cases/(?!new/?$)([^/]+)/?$',
    modules: [
      'src/app/pages/CasePage.tsx',
      'src/features/ending/components/EndingPanel.tsx',
      'src/features/settlement/components/AgreementSection.tsx',
      'src/features/cases/components/view/RespondentConsent.tsx',
      'src/features/cases/components/view/EndMediation.tsx',
    ],
    requests: [early('GET /api/cases/:id')],
    // The page waits for the ending of a case that has one before it shows (CasePage.tsx,
    // caseHasEnding): asked for as the case's answer comes, not once the app has started and read
    // it — one round trip fewer before the page on a phone's link.
    dependent: [{ request: early('GET /api/cases/:id/ending'), states: 'ENDING_STATES' }],
  },
];

/** The entry page a path is, with its path parameters (a case's id), or null: the one matching rule. */
export function entryPageOf(pathname: string): { page: EntryPage; params: string[] } | null {
  for (const entry of EARLY_PAGES) {
    const match = new RegExp(entry.path).exec(pathname);
    if (match) return { page: entry.page, params: match.slice(1) };
  }
  return null;
}
