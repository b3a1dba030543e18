/**
 * The early script (TARGETS P5, issue #11): what it asks for on which page, and how the app's
 * one client takes its answers — once, and not after a change was sent. The browser journey
 * 'first load: a case link on a slow phone…' (apps/web-e2e/journeys/first-load.js) checks the
 * same in Chromium over a slow link, with the real server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CASE_STATES, ENDING_STATES } from '@tiaojie/domain';
import { EARLY_PAGES, entryPageOf } from '../app/early-pages';
import { caseHasEnding } from '../features/ending/hooks/useEnding';
import { api } from './api';
import { EARLY_GLOBAL, earlyStart, type EarlyConfig } from './early-start';
import { SESSION_HINT_KEY } from './session-hint';

const CASE_ID = '8f0864bf-5601-4d39-a749-97431c3749fa';

const config: EarlyConfig = {
  sessionHintKey: SESSION_HINT_KEY,
  pages: [
    { path: '^/$', preload: ['/assets/LandingPage-x.js'], styles: [], requests: [], dependent: [] },
    {
      path: '^/cases/(?!new/?$)([^/]+)/?$',
      preload: ['/assets/CasePage-x.js', '/assets/ending-x.js'],
      styles: ['/assets/ending-x.css'],
      requests: ['/api/cases/$1'],
      dependent: [{ request: '/api/cases/$1/ending', states: ['MEDIATING', 'TERMINATED'] }],
    },
  ],
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const global = window as unknown as Record<string, unknown>;

describe('the early script', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    delete global[EARLY_GLOBAL];
    document.head.querySelectorAll('link').forEach((link) => link.remove());
    window.localStorage.clear();
    fetchMock = vi.fn((url: string) => Promise.resolve(json({ url })));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  const linksIn = () => [...document.head.querySelectorAll('link')].map((link) => `${link.rel} ${link.getAttribute('href')}${link.as ? ` as ${link.as}` : ''}`);
  const asked = () => fetchMock.mock.calls.map(([url]) => url as string);

  it("on a case page with a session: the page's chunks and styles, the session and the case", () => {
    window.history.replaceState(null, '', `/cases/${CASE_ID}`);
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    earlyStart(config);
    expect(linksIn()).toEqual(['preload /assets/ending-x.css as style', 'modulepreload /assets/CasePage-x.js', 'modulepreload /assets/ending-x.js']);
    expect(asked()).toEqual(['/api/me?optional=true', `/api/cases/${CASE_ID}`]);
    expect(fetchMock.mock.calls[1][1]).toEqual({ credentials: 'include', headers: { Accept: 'application/json' } });
    expect(Object.keys(global[EARLY_GLOBAL] as object)).toEqual(['/api/me?optional=true', `/api/cases/${CASE_ID}`, `/api/cases/${CASE_ID}/ending`]);
  });

  const caseAnswer = (body: Record<string, unknown>) => (url: string) => Promise.resolve(json(url === `/api/cases/${CASE_ID}` ? body : { url }));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("a case in an ending state, seen in full: its ending is asked for as the case's answer comes, and the app still reads the case", async () => {
    window.history.replaceState(null, '', `/cases/${CASE_ID}`);
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    fetchMock.mockImplementation(caseAnswer({ id: CASE_ID, state: 'MEDIATING', limitedView: false }));
    earlyStart(config);
    await expect(api(`/api/cases/${CASE_ID}`)).resolves.toEqual({ id: CASE_ID, state: 'MEDIATING', limitedView: false });
    await expect(api(`/api/cases/${CASE_ID}/ending`)).resolves.toEqual({ url: `/api/cases/${CASE_ID}/ending` });
    expect(asked()).toEqual(['/api/me?optional=true', `/api/cases/${CASE_ID}`, `/api/cases/${CASE_ID}/ending`]);
  });

  for (const [what, body] of [
    ['a draft (no ending)', { state: 'DRAFT', limitedView: false }],
    ['a limited view (a respondent before consent)', { state: 'MEDIATING', limitedView: true }],
    ['a refusal', { statusCode: 404, code: 'CASE_NOT_FOUND' }],
  ] as const) {
    it(`${what}: no ending asked for, and none left for the app`, async () => {
      window.history.replaceState(null, '', `/cases/${CASE_ID}`);
      window.localStorage.setItem(SESSION_HINT_KEY, '1');
      fetchMock.mockImplementation((url: string) => Promise.resolve(url === `/api/cases/${CASE_ID}` ? json(body, 'statusCode' in body ? 404 : 200) : json({ url })));
      earlyStart(config);
      for (let i = 0; i < 3; i++) await settle();
      expect(asked()).toEqual(['/api/me?optional=true', `/api/cases/${CASE_ID}`]);
      expect(Object.keys(global[EARLY_GLOBAL] as object)).not.toContain(`/api/cases/${CASE_ID}/ending`);
    });
  }

  it('asks for the ending of exactly the cases the page asks it for itself (caseHasEnding), in every state and view', async () => {
    window.history.replaceState(null, '', `/cases/${CASE_ID}`);
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    const built: EarlyConfig = { ...config, pages: [{ ...config.pages[1], dependent: [{ request: '/api/cases/$1/ending', states: ENDING_STATES }] }] };
    const mismatches: string[] = [];
    for (const state of CASE_STATES) {
      for (const limitedView of [false, true]) {
        delete global[EARLY_GLOBAL];
        fetchMock.mockClear();
        fetchMock.mockImplementation(caseAnswer({ id: CASE_ID, state, limitedView }));
        earlyStart(built);
        for (let i = 0; i < 3; i++) await settle();
        const early = asked().includes(`/api/cases/${CASE_ID}/ending`);
        if (early !== caseHasEnding({ state, limitedView })) mismatches.push(`${state}${limitedView ? ' (limited)' : ''}: early ${early}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('without a session: the chunks and the session only, no case data', () => {
    window.history.replaceState(null, '', `/cases/${CASE_ID}`);
    earlyStart(config);
    expect(linksIn()).toHaveLength(3);
    expect(asked()).toEqual(['/api/me?optional=true']);
  });

  it('the filing form is not a case: no case asked for, nothing preloaded', () => {
    window.history.replaceState(null, '', '/cases/new');
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    earlyStart(config);
    expect(linksIn()).toEqual([]);
    expect(asked()).toEqual(['/api/me?optional=true']);
  });

  it('a path part is encoded into the URL it asks for', () => {
    window.history.replaceState(null, '', '/cases/a%3Fb');
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    earlyStart(config);
    expect(asked()[1]).toBe('/api/cases/a%253Fb');
  });

  it('does nothing once the app has started (the script came late)', () => {
    global[EARLY_GLOBAL] = {};
    earlyStart(config);
    expect(asked()).toEqual([]);
  });

  it('stands alone: the source the build writes runs with nothing around it', () => {
    window.history.replaceState(null, '', '/');
    new Function(`(${earlyStart.toString()})(${JSON.stringify(config)});`)();
    expect(linksIn()).toEqual(['modulepreload /assets/LandingPage-x.js']);
  });

  it("entryPageOf: EARLY_PAGES's paths match what the router serves (one rule for the early script, the preload and the prefetch)", () => {
    expect(entryPageOf('/')).toEqual({ page: 'landing', params: [] });
    expect(entryPageOf(`/cases/${CASE_ID}/mediation`)).toEqual({ page: 'mediation', params: [CASE_ID] });
    expect(entryPageOf(`/cases/${CASE_ID}`)).toEqual({ page: 'case', params: [CASE_ID] });
    expect(entryPageOf(`/cases/${CASE_ID}/`)).toEqual({ page: 'case', params: [CASE_ID] });
    expect(entryPageOf('/cases/new')).toBeNull();
    expect(entryPageOf('/home')).toBeNull();
    expect(EARLY_PAGES.find((p) => p.page === 'case')?.requests).toEqual(['/api/cases/$1']);
    // Asked in the states in which the page asks for it itself (caseHasEnding: ENDING_STATES).
    expect(EARLY_PAGES.find((p) => p.page === 'case')?.dependent).toEqual([{ request: '/api/cases/$1/ending', states: 'ENDING_STATES' }]);
  });
});

describe("the app's one client takes the early answers", () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(() => Promise.resolve(json({ from: 'network' })));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    delete global[EARLY_GLOBAL];
  });

  it('answers the first GET of the URL with the early answer, the next from the network', async () => {
    global[EARLY_GLOBAL] = { [`/api/cases/${CASE_ID}`]: Promise.resolve(json({ from: 'early' })) };
    await expect(api(`/api/cases/${CASE_ID}`)).resolves.toEqual({ from: 'early' });
    expect(fetchMock).not.toHaveBeenCalled();
    await expect(api(`/api/cases/${CASE_ID}`)).resolves.toEqual({ from: 'network' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('an early 401 goes the way of any 401: refresh, then the request again', async () => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    global[EARLY_GLOBAL] = {
      [`/api/cases/${CASE_ID}`]: Promise.resolve(json({ statusCode: 401, code: 'SESSION_EXPIRED', message: 'expired' }, 401)),
    };
    await expect(api(`/api/cases/${CASE_ID}`)).resolves.toEqual({ from: 'network' });
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/auth/refresh', `/api/cases/${CASE_ID}`]);
  });

  it('a change sent drops the early answers not yet taken', async () => {
    global[EARLY_GLOBAL] = { [`/api/cases/${CASE_ID}/ending`]: Promise.resolve(json({ from: 'early' })) };
    await api('/api/cases/x/withdraw', { method: 'POST', body: {} });
    await expect(api(`/api/cases/${CASE_ID}/ending`)).resolves.toEqual({ from: 'network' });
  });

  it('none after the first seconds of the page', async () => {
    global[EARLY_GLOBAL] = { [`/api/cases/${CASE_ID}`]: Promise.resolve(json({ from: 'early' })) };
    vi.spyOn(performance, 'now').mockReturnValue(60_000);
    await expect(api(`/api/cases/${CASE_ID}`)).resolves.toEqual({ from: 'network' });
  });
});
