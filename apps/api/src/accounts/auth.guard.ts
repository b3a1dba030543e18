import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, type Permission, type Role } from '@tiaojie/domain';
import type { Request } from 'express';
import { AppException } from '../common/app-exception';
import { AuthContext, TokensService } from './tokens.service';

import { ACCESS_COOKIE } from '../common/transport';

export { ACCESS_COOKIE, REFRESH_COOKIE } from '../common/transport';

const PUBLIC_KEY = 'tiaojie:public';
const ROLES_KEY = 'tiaojie:roles';
const PERMISSION_KEY = 'tiaojie:permission';

/** The route needs no login. Everything else does: the guard is global. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
const OPTIONAL_KEY = 'authOptional';
/** A route that also answers a visitor without any credentials (then `req.auth` is unset); a credential given is checked as usual. */
export const AuthOptional = () => SetMetadata(OPTIONAL_KEY, true);
/** The caller must hold one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** The caller's roles must grant this permission (libs/domain permissions). */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

export type AuthedRequest = Request & { auth?: AuthContext };

export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<AuthedRequest>().auth;
  if (!auth) throw new AppException('UNAUTHENTICATED');
  return auth;
});

/** Bearer header for API clients, httpOnly cookie for the web. */
export function accessTokenFrom(req: Pick<Request, 'headers' | 'cookies'>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return req.cookies?.[ACCESS_COOKIE];
}

/** Who is asking, checked on the server on every request (logout and disabling apply at once). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const token = accessTokenFrom(req);
    if (!token && this.reflector.getAllAndOverride<boolean>(OPTIONAL_KEY, targets)) return true;
    if (!token) throw new AppException('UNAUTHENTICATED', 'Log in first');
    req.auth = await this.tokens.authenticate(token);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // user.roles holds every role, membership roles included (kept in step by whoever grants them).
    const held = req.auth.user.roles;
    if (roles && !roles.some((r) => held.includes(r))) throw new AppException('FORBIDDEN', 'Your role may not do this');
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (permission && !can(held, permission)) throw new AppException('FORBIDDEN', 'Your role may not do this');
    return true;
  }
}
