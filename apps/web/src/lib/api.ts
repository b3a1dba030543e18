import { isErrorCode, type ApiDownload, type ApiRoute, type ApiRoutes, type ApiUpload, type ErrorBody, type ErrorCode } from '@tiaojie/contracts';
import { EARLY_GLOBAL, type EarlyResponses } from './early-start';
import { loginPathFrom } from './navigation';
import { SESSION_HINT_KEY } from './session-hint';

/** Codes the client answers by refreshing the session once and retrying the request. */
const REFRESHABLE: readonly ErrorCode[] = ['SESSION_EXPIRED', 'UNAUTHENTICATED'];

/** Error codes the web adds for failures that never reached the API's error filter. */
export type ClientErrorCode = 'NETWORK' | 'UNKNOWN';

/** Any failed API call: holds the server's ErrorBody (or one the client made up for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly clientCode?: ClientErrorCode;
  /** Seconds to wait before trying again (a 429's Retry-After header), when the server said. */
  readonly retryAfterSeconds?: number;

  constructor(status: number, body: ErrorBody, clientCode?: ClientErrorCode, retryAfterSeconds?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.clientCode = clientCode;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get code(): ErrorCode {
    return this.body.code;
  }

  /** The key under the `errors` namespace that translates this error. */
  get translationKey(): string {
    return this.clientCode ?? this.body.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Sent as JSON; a FormData is sent as it is, as multipart (issue #12: uploads too go through
   * here), with no Content-Type of the client's: the browser writes it, with the boundary.
   */
  body?: unknown;
  /** The query string; through `call`, the route's contract (`query` in `ApiRoutes`). Empty values are left out. */
  query?: object;
  signal?: AbortSignal;
  /**
   * What to do when the session cannot be restored: `redirect` (default) sends the user to
   * /login keeping the intended route; `throw` only throws (used by GET /api/me, whose 401
   * simply means "not logged in").
   */
  onUnauthenticated?: 'redirect' | 'throw';
  /**
   * With a FormData body: the share of it sent so far, in percent, at most 99 until the server
   * has accepted it, then 100. The request goes by XMLHttpRequest then: fetch does not report
   * upload progress.
   */
  onUploadProgress?: (percent: number) => void;
}

type UnauthenticatedHandler = () => void;

let unauthenticatedHandler: UnauthenticatedHandler = () => {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  window.location.assign(loginPathFrom(pathname, search));
};

/** The app installs a handler that navigates inside the router (and forgets the session). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler) {
  unauthenticatedHandler = handler;
}

/**
 * Whether this browser may hold a session. The session cookies are httpOnly, so the client
 * keeps this hint itself: without it, an anonymous visitor's 401 UNAUTHENTICATED is final and
 * does not cost a refresh call (which counts against the auth endpoints' rate limit).
 */
export function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true; // storage unavailable: behave as if there may be a session
  }
}

export function setSessionHint(present: boolean) {
  try {
    if (present) window.localStorage.setItem(SESSION_HINT_KEY, '1');
    else window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // storage unavailable (private mode): the hint is only an optimisation
  }
}

/** Endpoints whose success starts (or renews) a session. */
const SESSION_STARTERS = new Set(['/api/auth/register', '/api/auth/login/password', '/api/auth/login/otp', '/api/auth/refresh']);

let refreshInFlight: Promise<boolean> | null = null;

/** POST /api/auth/refresh, shared by every request that is waiting for it. */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'include',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: '{}',
  })
    .then((response) => {
      setSessionHint(response.ok);
      return response.ok;
    })
    .catch(() => false)
    .finally(() => {
      refreshInFlight = null;
    });
  return refreshInFlight;
}

function buildUrl(path: string, query: ApiRequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && isErrorCode((value as ErrorBody).code) && typeof (value as ErrorBody).message === 'string';
}

/** Retry-After as seconds from now: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns a non-2xx response into an ApiError, whatever its body looks like. */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = retryAfterSeconds(response.headers?.get?.('Retry-After'));
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // not JSON (a proxy's HTML page, an empty body): fall through to a generic error
  }
  if (isErrorBody(payload)) {
    return new ApiError(response.status, { ...payload, statusCode: payload.statusCode ?? response.status }, undefined, retryAfter);
  }
  const code = statusToCode(response.status);
  return new ApiError(
    response.status,
    {
      statusCode: response.status,
      code,
      message: response.statusText || code,
    },
    undefined,
    retryAfter,
  );
}

function statusToCode(status: number): ErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

/** The response's headers, as XMLHttpRequest hands them over (`name: value` lines). */
function xhrHeaders(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr.getAllResponseHeaders().split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * A FormData sent by XMLHttpRequest, for its upload progress; the answer comes back as a
 * Response, so refresh, retry and errors are api()'s own. A network failure rejects with a
 * TypeError and an abort with an AbortError, as fetch does.
 */
function sendWithProgress(url: string, method: string, form: FormData, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('The upload was aborted', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304 || !xhr.responseText;
      resolve(new Response(empty ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers: xhrHeaders(xhr) }));
    };
    xhr.onerror = () => reject(new TypeError('Network error'));
    xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    xhr.onloadend = () => signal?.removeEventListener('abort', abort);
    xhr.send(form);
  });
}

/** How long after the page load the early script's answers may stand for the app's first requests. */
const EARLY_ANSWER_MS = 10_000;

/**
 * The answer the early script (lib/early-start.ts) got for this GET, taken once: the app's first
 * request for the URL, made with the same credentials and Accept header a moment later, is
 * answered by it. None after EARLY_ANSWER_MS from the page load, nor after this client sent its
 * first change (what the early script read may be older than the change); a request with its
 * own signal (a query that may be cancelled) is made anew.
 */
export function takeEarlyResponse(url: string): Promise<Response> | undefined {
  const early = (window as unknown as Record<string, EarlyResponses | undefined>)[EARLY_GLOBAL];
  const answer = early?.[url];
  if (!early || !answer) return undefined;
  delete early[url];
  return performance.now() < EARLY_ANSWER_MS ? answer : undefined;
}

/** The early script's answers go unused from here on (a change was sent). */
function dropEarlyResponses(): void {
  const early = (window as unknown as Record<string, EarlyResponses | undefined>)[EARLY_GLOBAL];
  if (early) for (const url of Object.keys(early)) delete early[url];
}

async function send(url: string, options: ApiRequestOptions): Promise<Response> {
  const form = options.body instanceof FormData ? options.body : undefined;
  const json = options.body !== undefined && !form;
  const method = options.method ?? 'GET';
  if (method !== 'GET') dropEarlyResponses();
  try {
    const early = method === 'GET' && !options.signal ? takeEarlyResponse(url) : undefined;
    if (early) return await early;
    if (form && options.onUploadProgress) return await sendWithProgress(url, method, form, options.onUploadProgress, options.signal);
    return await fetch(url, {
      method,
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        ...(json ? { 'Content-Type': 'application/json' } : {}),
      },
      body: form ?? (json ? JSON.stringify(options.body) : undefined),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: 'Network error' }, 'NETWORK');
  }
}

/**
 * The one way the web talks to the API: JSON in and out (or a FormData out, see `body`), cookies
 * included. A 401 saying the session expired triggers one refresh and one retry, which sends
 * the same body again; if that fails the user goes to /login.
 */
export async function api<T = void>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.query);
  let response = await send(url, options);

  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    const error = await toApiError(response);
    if (!REFRESHABLE.includes(error.code)) throw error;
    const mayHaveSession = error.code === 'SESSION_EXPIRED' || hasSessionHint();
    const refreshed = mayHaveSession && (await refreshSession());
    if (refreshed) response = await send(url, options);
    if (!refreshed || response.status === 401) {
      const finalError = refreshed ? await toApiError(response) : error;
      if ((options.onUnauthenticated ?? 'redirect') === 'redirect') unauthenticatedHandler();
      throw finalError;
    }
  }

  if (!response.ok) throw await toApiError(response);
  if (options.body instanceof FormData) options.onUploadProgress?.(100);
  if (SESSION_STARTERS.has(path)) setSessionHint(true);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** `'GET /api/cases/:id/documents/:documentId'` → `{ id: string; documentId: string }`. */
export type RouteParams<R extends string> = R extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & RouteParams<`/${Rest}`>
  : R extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

type RouteBody<R extends ApiRoute> = ApiRoutes[R] extends { body: infer B } ? B : never;

/** What a route's body is on the web: its contract, a FormData where the route takes a file. */
type BodyOption<B> = [B] extends [never] ? { body?: Record<string, never> } : ApiUpload extends B ? { body: Exclude<B, ApiUpload> | FormData } : { body: B };

type ParamsOption<R extends string> = keyof RouteParams<R> extends never ? { params?: undefined } : { params: RouteParams<R> };

type RouteQuery<R extends ApiRoute> = ApiRoutes[R] extends { query: infer Q } ? Q : never;

/** A route's query string: its contract (required where the contract has a required field); none for a route that reads none. */
type QueryOption<Q> = [Q] extends [never] ? { query?: undefined } : Record<never, never> extends Q ? { query?: Q } : { query: Q };

/** Everything `call` takes for a route: its path parameters, its body, its query, and the client's own options. */
export type CallOptions<R extends ApiRoute> = Omit<ApiRequestOptions, 'method' | 'body' | 'query'> & BodyOption<RouteBody<R>> & ParamsOption<R> & QueryOption<RouteQuery<R>>;

/** The path of a route with its parameters filled in (each encoded). */
export function routePath<R extends ApiRoute>(route: R, ...[params]: keyof RouteParams<R> extends never ? [] : [RouteParams<R>]): string {
  const values = (params ?? {}) as Record<string, string>;
  return route.slice(route.indexOf(' ') + 1).replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string') throw new Error(`${route}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/**
 * A route of the API's table (`ApiRoutes` in contracts, issue #12), through api(): the method
 * and path come from the route, the answer's type and the body's from the table, so a route,
 * a body, a query or an answer that drifted from the API does not compile.
 */
export function call<R extends ApiRoute>(route: R, ...[options]: Record<never, never> extends CallOptions<R> ? [CallOptions<R>?] : [CallOptions<R>]): Promise<ApiRoutes[R]['response']> {
  const { params, ...rest } = (options ?? {}) as ApiRequestOptions & { params?: Record<string, string> };
  const path = (routePath as (r: string, p?: Record<string, string>) => string)(route, params);
  return api<ApiRoutes[R]['response']>(path, { ...rest, method: route.slice(0, route.indexOf(' ')) as ApiRequestOptions['method'] });
}

/** The routes that answer a file: linked (an `<a href>`, an `<img src>`) as often as fetched. */
export type DownloadRoute = { [R in ApiRoute]: ApiRoutes[R]['response'] extends ApiDownload ? R : never }[ApiRoute];

type LinkOptions<R extends ApiRoute> = ParamsOption<R> & QueryOption<RouteQuery<R>>;

/**
 * The address of a download route, for a link: its parameters filled in and its query string (the
 * route's contract, empty values left out) appended, so a link drifts from the API no more than a
 * `call` does. The session cookie authorises the request the browser makes.
 */
export function routeUrl<R extends DownloadRoute>(route: R, ...[options]: Record<never, never> extends LinkOptions<R> ? [LinkOptions<R>?] : [LinkOptions<R>]): string {
  const { params, query } = (options ?? {}) as { params?: Record<string, string>; query?: object };
  return buildUrl((routePath as (r: string, p?: Record<string, string>) => string)(route, params), query);
}

export interface UploadOptions extends Pick<ApiRequestOptions, 'signal' | 'onUnauthenticated' | 'onUploadProgress'> {
  file: File;
  /** Text fields, sent before the file; one without a value is left out. */
  fields?: Record<string, string | undefined>;
}

/**
 * One file (as the field `file`, under its own name) and text fields, POSTed as multipart
 * through api(): issue #12, the uploads of every feature.
 */
export function upload<R extends UploadRoute>(route: R, { file, fields = {}, params, ...options }: UploadOptions & ParamsOption<R>): Promise<ApiRoutes[R]['response']> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  form.append('file', file, file.name);
  return call(route, { ...options, params, body: form } as unknown as CallOptions<R>);
}

/** The routes that take a file. */
export type UploadRoute = { [R in ApiRoute]: ApiUpload extends RouteBody<R> ? R : never }[ApiRoute];
