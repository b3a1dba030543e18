import { DEMO, loginAs, startTestApp, type TestApp } from './harness';

/**
 * The web asks who is logged in on every first load. An anonymous visitor is not an error
 * (issue #11: no 401 in the console of every anonymous page load): with `optional=true`, no
 * credentials at all answer 204; a credential that does not work is still a 401, so the
 * client refreshes an expired session as before.
 */
describe('GET /api/me?optional=true (integration, real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 204 with no body to a visitor without credentials, and 401 without optional', async () => {
    const res = await t.http().get('/api/me').query({ optional: 'true' }).expect(204);
    expect(res.text).toBe('');
    await t.http().get('/api/me').expect(401);
  });

  it('answers the profile to a logged-in user, and 401 to a bad or expired credential', async () => {
    const citizen = await loginAs(t, DEMO.citizen);
    const me = await t.http().get('/api/me').query({ optional: 'true' }).set('Authorization', citizen.auth).expect(200);
    expect(me.body).toMatchObject({ mobile: DEMO.citizen });
    const bad = await t.http().get('/api/me').query({ optional: 'true' }).set('Authorization', 'Bearer not-a-token').expect(401);
    expect(bad.body.code).toBe('UNAUTHENTICATED');
    const cookie = await t.http().get('/api/me').query({ optional: 'true' }).set('Cookie', 'tj_at=stale').expect(401);
    expect(cookie.body.code).toBe('UNAUTHENTICATED');
  });

  it('reads optional through its DTO: false is false, anything but true or false is a 400 naming the field (issue #12)', async () => {
    await t.http().get('/api/me').query({ optional: 'false' }).expect(401);
    const bad = await t.http().get('/api/me').query({ optional: 'yes' }).expect(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'optional', constraint: 'isBoolean' })]);
  });

  it('the other /api/me routes still need a login', async () => {
    await t.http().get('/api/me/notification-preferences').query({ optional: 'true' }).expect(401);
  });
});
