import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

type WithId = IncomingMessage & { id?: unknown };

/**
 * The request's id: the caller's X-Request-Id when it is a plain token, else a new UUID; set
 * once, echoed in the X-Request-Id header, logged, and carried by every error body. Assigned
 * by the first middleware, so errors raised before the logger runs (a body the parser
 * refuses, a malformed path) carry it too; the logger reuses it.
 */
export function requestIdFor(req: WithId, res: ServerResponse): string {
  if (typeof req.id === 'string' && req.id) return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  req.id = id;
  if (!res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}

export function assignRequestId(req: WithId, res: ServerResponse, next: () => void) {
  requestIdFor(req, res);
  next();
}
