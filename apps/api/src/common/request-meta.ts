import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Where a request came from: recorded with every audit entry. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function requestMeta(req: Request & { id?: unknown }): RequestMeta {
  return {
    ip: req.ip ?? null,
    userAgent: (req.headers['user-agent'] as string | undefined) ?? null,
    requestId: req.id ? String(req.id) : null,
  };
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext) => requestMeta(ctx.switchToHttp().getRequest()));
