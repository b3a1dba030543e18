import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorReply, json, mockFetch } from '../test/fetch-mock';
import { api, ApiError, setSessionHint, setUnauthenticatedHandler } from './api';

describe('api client', () => {
  const onUnauthenticated = vi.fn();
  setUnauthenticatedHandler(onUnauthenticated);
  afterEach(() => onUnauthenticated.mockReset());

  it('sends JSON with cookies and parses the answer', async () => {
    const { fetchMock, calls } = mockFetch({ 'PATCH /api/me': json(200, { name: '张三' }) });
    await expect(api('/api/me', { method: 'PATCH', body: { name: '张三' } })).resolves.toEqual({ name: '张三' });
    expect(calls).toEqual([{ method: 'PATCH', path: '/api/me', body: { name: '张三' } }]);
    const init = fetchMock.mock.calls[0][1] as RequestInit;
    expect(init.credentials).toBe('include');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('leaves out empty query parameters', async () => {
    const { calls } = mockFetch({ 'GET /api/dev/sms': json(200, []) });
    await api('/api/dev/sms', { query: { mobile: undefined } });
    await api('/api/dev/sms', { query: { mobile: '13800000001' } });
    expect(calls.map((call) => call.path)).toEqual(['/api/dev/sms', '/api/dev/sms?mobile=13800000001']);
  });

  it('throws an ApiError holding the ErrorBody, fields included', async () => {
    const fields = [{ field: 'mobile', constraint: 'isMobile', message: 'mobile must be a mainland mobile number' }];
    mockFetch({ 'POST /api/auth/otp': errorReply(400, 'VALIDATION_FAILED', 'Validation failed', fields) });
    const error = await api('/api/auth/otp', { method: 'POST', body: { mobile: '123' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    expect((error as ApiError).body.fields).toEqual(fields);
    expect((error as ApiError).body.requestId).toBe('req-test');
  });

  it('turns a body that is not an ErrorBody into a generic error for its status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    const error = (await api('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(502);
  });

  it('reports a network failure as NETWORK', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = (await api('/api/organisations').catch((e: unknown) => e)) as ApiError;
    expect(error.translationKey).toBe('NETWORK');
  });

  it('answers 204 with undefined', async () => {
    mockFetch({ 'POST /api/me/password': json(204) });
    await expect(api('/api/me/password', { method: 'POST', body: { newPassword: 'x' } })).resolves.toBeUndefined();
  });

  it('refreshes an expired session once and retries the request', async () => {
    const { calls } = mockFetch({
      'GET /api/admin/users': [errorReply(401, 'SESSION_EXPIRED', 'Session expired'), json(200, [{ id: 'u1' }])],
      'POST /api/auth/refresh': json(200, {}),
    });
    await expect(api('/api/admin/users')).resolves.toEqual([{ id: 'u1' }]);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/admin/users', 'POST /api/auth/refresh', 'GET /api/admin/users']);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('sends the user to login when the refresh fails', async () => {
    setSessionHint(true);
    const { calls } = mockFetch({
      'GET /api/admin/users': errorReply(401, 'UNAUTHENTICATED', 'No session'),
      'POST /api/auth/refresh': errorReply(401, 'REFRESH_REUSED', 'Refresh token reused'),
    });
    const error = (await api('/api/admin/users').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(calls).toHaveLength(2);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(window.localStorage.getItem('tiaojie.session')).toBeNull();
  });

  it('does not try to refresh for a visitor who never logged in', async () => {
    const { calls } = mockFetch({ 'GET /api/me': errorReply(401, 'UNAUTHENTICATED', 'Log in first') });
    await expect(api('/api/me', { onUnauthenticated: 'throw' })).rejects.toBeInstanceOf(ApiError);
    expect(calls.map((call) => call.path)).toEqual(['/api/me']);
  });

  it('remembers that a login started a session, so a later 401 is refreshed', async () => {
    const { calls } = mockFetch({
      'POST /api/auth/login/password': json(200, { user: {}, accessTokenExpiresAt: '' }),
      'GET /api/me': [errorReply(401, 'UNAUTHENTICATED', 'Log in first'), json(200, { id: 'u1' })],
      'POST /api/auth/refresh': json(200, {}),
    });
    await api('/api/auth/login/password', { method: 'POST', body: {} });
    await expect(api('/api/me')).resolves.toEqual({ id: 'u1' });
    expect(calls.map((call) => call.path)).toEqual(['/api/auth/login/password', '/api/me', '/api/auth/refresh', '/api/me']);
  });

  it('only throws, without redirecting, when asked to', async () => {
    setSessionHint(true);
    mockFetch({
      'GET /api/me': errorReply(401, 'UNAUTHENTICATED', 'No session'),
      'POST /api/auth/refresh': errorReply(401, 'UNAUTHENTICATED', 'No session'),
    });
    await expect(api('/api/me', { onUnauthenticated: 'throw' })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('never refreshes for wrong credentials or for auth endpoints', async () => {
    const { calls } = mockFetch({
      'POST /api/auth/login/password': errorReply(401, 'INVALID_CREDENTIALS', 'Wrong mobile or password'),
    });
    const error = (await api('/api/auth/login/password', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INVALID_CREDENTIALS');
    expect(calls).toHaveLength(1);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent requests', async () => {
    const { calls } = mockFetch({
      'GET /api/me': [errorReply(401, 'SESSION_EXPIRED', 'expired'), errorReply(401, 'SESSION_EXPIRED', 'expired'), json(200, {})],
      'POST /api/auth/refresh': json(200, {}),
    });
    await Promise.all([api('/api/me'), api('/api/me')]);
    expect(calls.filter((call) => call.path === '/api/auth/refresh')).toHaveLength(1);
  });
});
