import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from '../accounts/auth.guard';
import { AppException } from '../common/app-exception';
import type { User } from '../accounts/user.entity';

/** Who calls a case service: the account and where it calls from (R19 logs the address). */
export interface Viewer {
  userId: string;
  user: User;
  ip: string | null;
}

/** The authenticated account and where it calls from, for case services. */
export const CurrentViewer = createParamDecorator((_: unknown, ctx: ExecutionContext): Viewer => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.auth) throw new AppException('UNAUTHENTICATED');
  return { userId: req.auth.userId, user: req.auth.user, ip: req.ip ?? null };
});
