import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../test/fetch-mock';
import { call, routeUrl } from './api';

/**
 * Issue #12: a route's query string is typed once, as `query` in the route table
 * (libs/contracts/src/routes.ts, checked against the API's query DTOs by apps/api/src/routes.spec.ts).
 * `call` sends it and `routeUrl` links a download with it; the `@ts-expect-error` lines below are
 * checked by `npm run typecheck`: each must stay an error.
 */
describe('query strings typed per route', () => {
  it('sends a route’s query as its contract has it, leaving out the empty values', async () => {
    const { calls } = mockFetch({ 'GET /api/cases': json(200, { items: [], nextCursor: null }), 'GET /api/channels/c-1/messages': json(200, []) });
    await call('GET /api/cases', { query: { scope: 'assigned', bucket: 'mediating', q: '', limit: 50 } });
    await call('GET /api/channels/:id/messages', { params: { id: 'c-1' }, query: { beforeSeq: 12, limit: 30 } });
    expect(calls.map((c) => c.path)).toEqual(['/api/cases?scope=assigned&bucket=mediating&limit=50', '/api/channels/c-1/messages?beforeSeq=12&limit=30']);
  });

  it('links a download with its parameters encoded and its query appended', () => {
    expect(routeUrl('GET /api/statistics/monthly-return', { query: { month: '2026-11', format: 'pdf', organisationId: undefined } })).toBe('/api/statistics/monthly-return?month=2026-11&format=pdf');
    expect(routeUrl('GET /api/complaints/:id/evidence/:evidenceId', { params: { id: 'a/b', evidenceId: 'e 1' } })).toBe('/api/complaints/a%2Fb/evidence/e%201');
  });

  it('does not compile a query the route does not read, a field or a value its contract does not have', () => {
    const wrong = () => {
      // @ts-expect-error GET /api/cases/:id reads no query string
      void call('GET /api/cases/:id', { params: { id: 'x' }, query: { scope: 'mine' } });
      // @ts-expect-error `status` is not a field of CaseListQuery
      void call('GET /api/cases', { query: { status: 'x' } });
      // @ts-expect-error a case list's scope is mine, assigned or organisation
      void call('GET /api/cases', { query: { scope: 'everyone' } });
      // @ts-expect-error the monthly return needs its month
      routeUrl('GET /api/statistics/monthly-return', { query: { format: 'pdf' } });
      // @ts-expect-error a JSON route is fetched, not linked
      routeUrl('GET /api/cases/:id', { params: { id: 'x' } });
    };
    expect(wrong).toBeTypeOf('function');
  });
});
