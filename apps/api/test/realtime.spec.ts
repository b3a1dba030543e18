import { DEMO, connectOutcome, connectSocket, loginAs, startTestApp, type TestApp } from './harness';

describe('socket.io gateway: authentication at the handshake (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://allowed.example' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses an anonymous connection', async () => {
    const socket = connectSocket(t);
    const outcome = await connectOutcome(socket);
    socket.close();
    expect(outcome).toEqual({ connected: false, code: 'UNAUTHENTICATED' });
  });

  it('refuses a forged token', async () => {
    const socket = connectSocket(t, { token: 'forged.token.value' });
    const outcome = await connectOutcome(socket);
    socket.close();
    expect(outcome).toEqual({ connected: false, code: 'UNAUTHENTICATED' });
  });

  it('accepts the bearer token, says ready and answers a ping', async () => {
    const login = await loginAs(t, DEMO.citizen);
    const socket = connectSocket(t, { token: login.accessToken });
    const ready = new Promise<{ userId: string }>((resolve) => socket.once('session:ready', resolve));
    expect(await connectOutcome(socket)).toEqual({ connected: true });
    expect((await ready).userId).toBe(login.user.id);
    const pong = await socket.timeout(2000).emitWithAck('session:ping');
    expect(new Date(pong.serverTime).getTime()).not.toBeNaN();
    socket.close();
  });

  it('accepts the web session cookie', async () => {
    const res = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen2, password: 'Tiaojie@2026' }).expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const socket = connectSocket(t, { cookie });
    expect(await connectOutcome(socket)).toEqual({ connected: true });
    socket.close();
  });

  it('checks the Origin against the allow-list', async () => {
    const login = await loginAs(t, DEMO.citizen);
    const evil = connectSocket(t, { token: login.accessToken, origin: 'https://evil.example' });
    const refused = await connectOutcome(evil);
    evil.close();
    expect(refused.connected).toBe(false);
    const good = connectSocket(t, { token: login.accessToken, origin: 'https://allowed.example' });
    expect(await connectOutcome(good)).toEqual({ connected: true });
    good.close();
  });

  it('disconnects the sockets of a session at logout, and of every session when the account is disabled', async () => {
    const a = await loginAs(t, DEMO.mediator);
    const socketA = connectSocket(t, { token: a.accessToken });
    await connectOutcome(socketA);
    const ended = new Promise<{ reason: string }>((resolve) => socketA.once('session:ended', resolve));
    const closed = new Promise<string>((resolve) => socketA.once('disconnect', resolve));
    await t.http().post('/api/auth/logout').set('Authorization', a.auth).expect(204);
    expect(await ended).toEqual({ reason: 'logout' });
    expect(await closed).toBe('io server disconnect');

    const b = await loginAs(t, DEMO.mediator);
    const c = await loginAs(t, DEMO.mediator);
    const sockets = [connectSocket(t, { token: b.accessToken }), connectSocket(t, { token: c.accessToken })];
    await Promise.all(sockets.map(connectOutcome));
    const reasons = Promise.all(sockets.map((s) => new Promise<{ reason: string }>((resolve) => s.once('session:ended', resolve))));
    const admin = await loginAs(t, DEMO.admin);
    await t.http().patch(`/api/admin/users/${b.user.id}`).set('Authorization', admin.auth).send({ disabled: true }).expect(200);
    expect(await reasons).toEqual([{ reason: 'disabled' }, { reason: 'disabled' }]);
    await t.http().patch(`/api/admin/users/${b.user.id}`).set('Authorization', admin.auth).send({ disabled: false }).expect(200);
    // A token of the ended session cannot reconnect.
    const again = connectSocket(t, { token: b.accessToken });
    expect(await connectOutcome(again)).toEqual({ connected: false, code: 'UNAUTHENTICATED' });
    again.close();
  });
});
