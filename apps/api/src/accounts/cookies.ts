import type { AuthResponse, TokenTransport } from '@tiaojie/contracts';
import type { CookieOptions, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { LoginResult } from './accounts.service';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './auth.guard';

/** Refresh cookies only travel to the auth endpoints. */
const REFRESH_PATH = '/api/auth';

function base(config: AppConfig): CookieOptions {
  return { httpOnly: true, secure: config.env.COOKIE_SECURE, sameSite: 'lax' };
}

/** Sets the web's cookies and shapes the body: tokens in the body only for `api` clients. */
export function respondWithSession(res: Response, config: AppConfig, result: LoginResult, transport: TokenTransport = 'web'): AuthResponse {
  const { tokens } = result;
  res.cookie(ACCESS_COOKIE, tokens.accessToken, { ...base(config), path: '/', expires: tokens.refreshTokenExpiresAt });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...base(config), sameSite: 'strict', path: REFRESH_PATH, expires: tokens.refreshTokenExpiresAt });
  const body: AuthResponse = { user: result.user, accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString() };
  if (transport === 'api') {
    body.accessToken = tokens.accessToken;
    body.refreshToken = tokens.refreshToken;
  }
  return body;
}

export function clearSessionCookies(res: Response, config: AppConfig) {
  res.clearCookie(ACCESS_COOKIE, { ...base(config), path: '/' });
  res.clearCookie(REFRESH_COOKIE, { ...base(config), sameSite: 'strict', path: REFRESH_PATH });
}
