import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../test/fetch-mock';
import { profile } from '../test/fixtures';
import { fetchMe } from './session';

describe('fetchMe', () => {
  it('asks optionally, so a visitor is a 204 (no 401 in the console) and means nobody', async () => {
    const { calls } = mockFetch({ 'GET /api/me': json(204) });
    await expect(fetchMe()).resolves.toBeNull();
    expect(calls.map((call) => call.path)).toEqual(['/api/me?optional=true']);
    expect(calls.some((call) => call.path.startsWith('/api/auth/refresh'))).toBe(false);
  });

  it('returns the profile of a logged-in user', async () => {
    mockFetch({ 'GET /api/me': json(200, profile()) });
    await expect(fetchMe()).resolves.toMatchObject({ name: '张三' });
  });
});
