/**
 * The early start of a page load (TARGETS P5, issue #11): a few hundred bytes of script that the
 * HTML loads before the app's start chunk, which on a phone's slow link takes a second or more
 * to arrive. Meanwhile this script asks for the chunk of the page the visitor arrives on (and the
 * chunks it imports, and its styles) and, for a visitor whose browser holds a session, for the
 * page's data — the requests the app would otherwise make only once its start chunk has come and
 * run, a round trip or two later.
 *
 * The app takes the data answers as answers to its own first requests (lib/api.ts,
 * `takeEarlyResponse`): the same URL, the same credentials and Accept header, so the same
 * server-side checks and the same answer it would have got a moment later; nothing is stored.
 *
 * `earlyStart` is written into its own file by the web build (apps/web/vite.config.ts) as
 * `(earlyStart)(config)`, config from app/early-pages.ts: it must stand alone, using nothing
 * from outside its body.
 */

/** One kind of page the early script recognises. */
export interface EarlyPage {
  /** A regular expression (its source) over `location.pathname`; its groups fill `$1`… below. */
  path: string;
  /** Source files (relative to apps/web) whose chunks the page renders first. */
  modules: string[];
  /** GETs the page makes first, for a visitor with a session: paths with `$1`… for the groups. */
  requests: string[];
  /**
   * GETs the page makes once its first request's answer is there, asked as soon as that answer
   * comes — only if it is a case the visitor sees in full (`limitedView` false) whose `state` is
   * in the domain's table `states` (the build writes the table's states into EarlyConfig): the
   * rule by which the page asks for them itself (caseHasEnding, CasePage.tsx).
   */
  dependent?: { request: string; states: EarlyStateTable }[];
}

/** The libs/domain state tables a dependent request may name (apps/web/vite.config.ts fills them in). */
export type EarlyStateTable = 'ENDING_STATES';

/** What the build writes into the early script: EARLY_PAGES with the chunks' file names. */
export interface EarlyConfig {
  /** lib/api.ts's session hint (localStorage): set while this browser holds a session. */
  sessionHintKey: string;
  pages: { path: string; preload: string[]; styles: string[]; requests: string[]; dependent: { request: string; states: readonly string[] }[] }[];
}

/** Where the early answers wait for the app: a map from URL to the answer's promise. */
export const EARLY_GLOBAL = '__tiaojieEarly';

export type EarlyResponses = Record<string, Promise<Response>>;

/** The early script itself (see the module's comment: it must use nothing from outside). */
export function earlyStart(config: EarlyConfig): void {
  const w = window as unknown as Record<string, unknown>;
  // The app already started (this script came late): it asked for everything itself.
  if (w.__tiaojieEarly !== undefined) return;
  const responses: Record<string, Promise<Response>> = {};
  w.__tiaojieEarly = responses;
  const path = location.pathname;
  let hasSession = false;
  try {
    hasSession = localStorage.getItem(config.sessionHintKey) === '1';
  } catch {
    // no storage (private mode): no early data, the app asks as usual
  }
  const ask = (url: string) => fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } });
  const get = (url: string) => {
    const answer = ask(url);
    answer.catch(() => undefined); // an answer nobody takes may fail unseen; the app sees its own
    responses[url] = answer;
  };
  const link = (rel: string, href: string, as?: string) => {
    if (document.querySelector(`link[href="${href}"]`)) return;
    const element = document.createElement('link');
    element.rel = rel;
    element.href = href;
    element.crossOrigin = '';
    if (as) element.as = as;
    document.head.appendChild(element);
  };
  // The session, which every page asks for first (lib/session.ts, fetchMe).
  get('/api/me?optional=true');
  for (const page of config.pages) {
    const match = new RegExp(page.path).exec(path);
    if (!match) continue;
    for (const href of page.styles) link('preload', href, 'style');
    for (const href of page.preload) link('modulepreload', href);
    if (!hasSession) break;
    const fill = (template: string) => template.replace(/\$(\d)/g, (_, n: string) => encodeURIComponent(match[Number(n)] ?? ''));
    for (const request of page.requests) get(fill(request));
    const first = page.requests.length ? responses[fill(page.requests[0])] : undefined;
    for (const { request, states } of first ? page.dependent : []) {
      const url = fill(request);
      // In the table at once, so that the app, reading the same first answer, takes this one
      // rather than asking again; the request itself waits for that answer.
      const answer: Promise<Response> = (first as Promise<Response>)
        .then((response) => (response.ok ? (response.clone().json() as Promise<{ state?: string; limitedView?: boolean }>) : null))
        .catch(() => null)
        .then((body) => {
          const wanted = !!body && !body.limitedView && typeof body.state === 'string' && states.includes(body.state);
          // Asked for if the page will want it, or if the app took it all the same; else gone.
          if (wanted || responses[url] !== answer) return ask(url);
          delete responses[url];
          return Response.error();
        });
      answer.catch(() => undefined);
      responses[url] = answer;
    }
    break;
  }
}
