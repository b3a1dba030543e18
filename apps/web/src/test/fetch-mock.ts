import { vi } from 'vitest';
import type { ErrorBody, ErrorCode } from '@tiaojie/contracts';

export interface MockCall {
  method: string;
  path: string;
  body: unknown;
}

type Reply = { status: number; body?: unknown };
type Handler = (call: MockCall) => Reply | undefined;

export function json(status: number, body?: unknown): Reply {
  return { status, body };
}

export function errorReply(status: number, code: ErrorCode, message: string, fields?: ErrorBody['fields']): Reply {
  return { status, body: { statusCode: status, code, message, fields, requestId: 'req-test' } satisfies ErrorBody };
}

/**
 * Replaces fetch with routes answered in order; anything unrouted is a 404 NOT_FOUND.
 * Returns the calls made, to assert on.
 */
export function mockFetch(routes: Record<string, Handler | Reply | Reply[]>) {
  const calls: MockCall[] = [];
  const queues = new Map<string, Reply[]>();
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
    const call = { method, path: url.pathname + url.search, body };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    let reply: Reply | undefined;
    if (typeof route === 'function') reply = route(call);
    else if (Array.isArray(route)) {
      const key = `${method} ${url.pathname}`;
      if (!queues.has(key)) queues.set(key, [...route]);
      const queue = queues.get(key)!;
      reply = queue.length > 1 ? queue.shift() : queue[0];
    } else reply = route;
    reply ??= errorReply(404, 'NOT_FOUND', 'Not found');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
