import { CanActivate, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { AppException } from './app-exception';

/** The session cookies the web client holds (set by accounts/cookies.ts). */
export const ACCESS_COOKIE = 'tj_at';
export const REFRESH_COOKIE = 'tj_rt';

/**
 * How requests reach /api: which pages may change state, in which body formats, and how the
 * answers may be cached. Session cookies are SameSite=Lax, but Lax still lets a top-level form
 * POST from another site carry them; these checks are what keeps another site from acting with
 * a user's web session (a consent under R01, a profile change, a logout).
 */

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCEPTS_FILES = 'tiaojie:accepts-files';

/** Marks a route that takes an uploaded file: only such routes accept multipart/form-data. */
export const AcceptsFiles = () => SetMetadata(ACCEPTS_FILES, true);

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/** API answers are per user and per moment: never stored by a browser or a proxy. */
export function apiNoStore(req: Request, res: Response, next: NextFunction) {
  if (isApiPath(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origins whose pages may change state: the app's own (the Host the request came to, as the
 * socket handshake checks it; PUBLIC_URL) and CORS_ORIGINS.
 */
export function isAllowedRequestOrigin(origin: string, req: Pick<Request, 'headers'>, config: AppConfig): boolean {
  const normalised = originOf(origin);
  if (!normalised) return false; // "null" (sandboxed frames, data: URLs) or not a web origin
  if (config.corsOrigins.some((o) => originOf(o) === normalised)) return true;
  if (originOf(config.publicUrl) === normalised) return true;
  return !!req.headers.host && new URL(normalised).host === req.headers.host;
}

/** The request body's media type without parameters, lower case; '' when there is none. */
function mediaTypeOf(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Browsers send no body (and no Content-Type) for the web client's bodyless POSTs. */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Runs before every other guard on state-changing /api routes:
 *  - Origin: when present it must be allowed (403 ORIGIN_NOT_ALLOWED). A browser sends it on
 *    every cross-origin POST, PUT, PATCH and DELETE. When it is absent and the request carries a
 *    session cookie (an ambient credential), a Referer, if any, must be of an allowed origin.
 *    Bearer-token clients carry no ambient credential and need neither header.
 *  - Content type: application/json, or multipart/form-data on routes marked @AcceptsFiles();
 *    no Content-Type only without a body. Anything else is 415 CONTENT_TYPE_NOT_ACCEPTED, so a
 *    text/plain or form body that the JSON parser skipped never reaches a handler as `{}`.
 */
export class TransportGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!STATE_CHANGING.has(req.method) || !isApiPath(req.path)) return true;
    this.checkOrigin(req);
    this.checkContentType(req, Reflect.getMetadata(ACCEPTS_FILES, context.getHandler()) === true);
    return true;
  }

  private checkOrigin(req: Request) {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!isAllowedRequestOrigin(origin, req, this.config)) throw new AppException('ORIGIN_NOT_ALLOWED', `Requests from origin ${origin} are not allowed`);
      return;
    }
    const bearer = req.headers.authorization?.startsWith('Bearer ');
    const cookies = (req as Request & { cookies?: Record<string, string> }).cookies ?? {};
    const cookieAuthenticated = !bearer && (cookies[ACCESS_COOKIE] !== undefined || cookies[REFRESH_COOKIE] !== undefined);
    const referer = req.headers.referer;
    if (cookieAuthenticated && referer !== undefined) {
      const refererOrigin = originOf(referer);
      if (!refererOrigin || !isAllowedRequestOrigin(refererOrigin, req, this.config)) {
        throw new AppException('ORIGIN_NOT_ALLOWED', `Requests from pages of ${refererOrigin ?? 'another origin'} are not allowed`);
      }
    }
  }

  private checkContentType(req: Request, acceptsFiles: boolean) {
    const type = mediaTypeOf(req);
    if (type === 'application/json') return;
    if (type === 'multipart/form-data' && acceptsFiles) return;
    if (type === '' && !hasBody(req)) return;
    const expected = acceptsFiles ? 'application/json or multipart/form-data' : 'application/json';
    throw new AppException('CONTENT_TYPE_NOT_ACCEPTED', type ? `Content-Type ${type} is not accepted here; send ${expected}` : `A request body needs a Content-Type; send ${expected}`);
  }
}
