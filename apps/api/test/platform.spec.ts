import { DEMO, startTestApp, type TestApp } from './harness';

describe('platform limits (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3', DEV_TOOLS: 'false' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rate-limits the auth endpoints per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: 'wrong-password' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.code).toBe('RATE_LIMITED');
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Other routes are not counted against the auth limit.
    await t.http().get('/api/organisations').expect(200);
  });

  it('has no development SMS inbox when DEV_TOOLS is off', async () => {
    const res = await t.http().get('/api/dev/sms').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
