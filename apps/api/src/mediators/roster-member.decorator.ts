import { createParamDecorator, ParseUUIDPipe, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppException } from '../common/app-exception';

/** The roster member a route names: `organisations/:orgId/roster/:userId/…`. */
export interface RosterMemberPath {
  orgId: string;
  userId: string;
}

const KEYS = ['orgId', 'userId'] as const;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

/** Each id must be a UUID, in path order; any other answers 404, as `@Param(name, uuid)` did. */
const uuids: PipeTransform<RosterMemberPath, Promise<RosterMemberPath>> = {
  async transform(path) {
    for (const key of KEYS) await uuid.transform(path[key], { type: 'param', data: key });
    return path;
  },
};

const member = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): RosterMemberPath => {
    const { orgId, userId } = ctx.switchToHttp().getRequest<Request<RosterMemberPath>>().params;
    return { orgId, userId };
  },
  // A custom decorator is invisible to OpenAPI: document the two path params on the method.
  [(target, key) => KEYS.forEach((name) => key !== undefined && ApiParam({ name, type: String })(target, key, { value: (target as Record<string | symbol, unknown>)[key] }))],
);

/** `@Param('orgId', uuid) orgId, @Param('userId', uuid) userId` in one parameter. */
export const RosterMember = (): ParameterDecorator => member(uuids);
