import { LIMITS, type ErrorBody } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { User } from '../src/accounts/user.entity';
import { AuditLog } from '../src/audit/audit-log.entity';
import { DEMO, DEMO_PASSWORD, latestCode, loginAs, startTestApp, type TestApp } from './harness';

const cookiesOf = (res: { headers: Record<string, unknown> }) => (res.headers['set-cookie'] as string[] | undefined) ?? [];
const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ');
const fieldsOf = (body: ErrorBody) => (body.fields ?? []).map((f) => f.field);

describe('accounts and sessions (integration, real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('registration', () => {
    it('registers with a code sent to the mobile, and logs in', async () => {
      await t.http().post('/api/auth/otp').send({ mobile: '13912345678', purpose: 'register' }).expect(202);
      const code = await latestCode(t, '13912345678');
      const res = await t.http().post('/api/auth/register').send({ mobile: '13912345678', code, password: 'correct-horse-1', name: '  王五 ' }).expect(201);
      expect(res.body.user).toMatchObject({ mobile: '13912345678', name: '王五', roles: ['citizen'], locale: 'zh-CN' });
      // Web transport: tokens only in httpOnly cookies, never in the body.
      expect(res.body.accessToken).toBeUndefined();
      const cookies = cookiesOf(res);
      expect(cookies.find((c) => c.startsWith('tj_at='))).toMatch(/HttpOnly/i);
      expect(cookies.find((c) => c.startsWith('tj_rt='))).toMatch(/Path=\/api\/auth.*HttpOnly.*SameSite=Strict/i);
      const me = await t.http().get('/api/me').set('Cookie', cookieHeader(cookies)).expect(200);
      expect(me.body.mobile).toBe('13912345678');

      const stored = await t.app.get(DataSource).getRepository(User).findOneByOrFail({ mobile: '13912345678' });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      const audit = await t.app.get(DataSource).getRepository(AuditLog).findBy({ targetId: stored.id, action: 'account.register' });
      expect(audit).toHaveLength(1);
      expect(audit[0].ip).toBeTruthy();
    });

    it('refuses a wrong code and names the field', async () => {
      await t.http().post('/api/auth/otp').send({ mobile: '13912340000', purpose: 'register' }).expect(202);
      const code = await latestCode(t, '13912340000');
      const wrong = code === '000000' ? '111111' : '000000';
      const res = await t.http().post('/api/auth/register').send({ mobile: '13912340000', code: wrong, password: 'correct-horse-1', name: 'x' }).expect(401);
      expect(res.body.code).toBe('OTP_INVALID');
      expect(fieldsOf(res.body)).toEqual(['code']);
      expect(await t.app.get(DataSource).getRepository(User).existsBy({ mobile: '13912340000' })).toBe(false);
    });

    it('does not reveal that a number is registered, and sends no usable code for it', async () => {
      const res = await t.http().post('/api/auth/otp').send({ mobile: DEMO.citizen2, purpose: 'register' }).expect(202);
      expect(res.body).toEqual({ accepted: true, expiresInSeconds: LIMITS.otpTtlSeconds, resendInSeconds: LIMITS.otpResendSeconds });
      const sms = await t.http().get('/api/dev/sms').query({ mobile: DEMO.citizen2 }).expect(200);
      expect(sms.body[0].body).toContain('已注册');
      expect(sms.body[0].body).not.toMatch(/\d{6}/);
      const unknown = await t.http().post('/api/auth/otp').send({ mobile: '13111111111', purpose: 'login' }).expect(202);
      expect(unknown.body).toEqual(res.body);
      const none = await t.http().get('/api/dev/sms').query({ mobile: '13111111111' }).expect(200);
      expect(none.body).toEqual([]);
    });

    it('answers bad input field by field, refuses unknown fields, and writes nothing', async () => {
      const res = await t.http().post('/api/auth/register').send({ mobile: '12345', code: 'abc', password: 'short', name: '', isAdmin: true }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['mobile', 'code', 'password', 'name', 'isAdmin']));
      expect(res.body.fields.find((f: { field: string }) => f.field === 'isAdmin').constraint).toBe('whitelist');
      expect(res.body.requestId).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    });

    it('refuses a body over the limit with 413, malformed JSON with 400, unknown routes with JSON 404', async () => {
      const big = await t
        .http()
        .post('/api/auth/login/password')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ mobile: DEMO.citizen, password: 'x'.repeat(LIMITS.jsonBodyBytes + 10) }))
        .expect(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
      const bad = await t.http().post('/api/auth/login/password').set('Content-Type', 'application/json').send('{"mobile": ').expect(400);
      expect(bad.body.code).toBe('BAD_REQUEST');
      const missing = await t.http().get('/api/no-such-thing').expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });
  });

  describe('password login', () => {
    it('logs in with the right password and refuses a wrong one without saying which part was wrong', async () => {
      const ok = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: DEMO_PASSWORD }).expect(200);
      expect(ok.body.user.name).toBe('张三');
      // A number typed the way people write it is the same number.
      await t.http().post('/api/auth/login/password').send({ mobile: '+86 138-0000-0001', password: DEMO_PASSWORD }).expect(200);
      const wrong = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: 'nope-nope' }).expect(401);
      const unknown = await t.http().post('/api/auth/login/password').send({ mobile: '13122223333', password: 'nope-nope' }).expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('locks a number after repeated failures, registered or not, until the window passes', async () => {
      for (const mobile of [DEMO.judge, '13199998888']) {
        for (let i = 0; i < 5; i++) {
          await t.http().post('/api/auth/login/password').send({ mobile, password: 'wrong-password' }).expect(401);
        }
        const locked = await t.http().post('/api/auth/login/password').send({ mobile, password: DEMO_PASSWORD }).expect(429);
        expect(locked.body.code).toBe('RATE_LIMITED');
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      }
      t.clock.advance(16 * 60_000);
      await t.http().post('/api/auth/login/password').send({ mobile: DEMO.judge, password: DEMO_PASSWORD }).expect(200);
    });
  });

  describe('SMS code login', () => {
    it('logs in with a fresh code, once', async () => {
      t.clock.advance(2 * 60_000);
      await t.http().post('/api/auth/otp').send({ mobile: DEMO.citizen, purpose: 'login' }).expect(202);
      const code = await latestCode(t, DEMO.citizen);
      const res = await t.http().post('/api/auth/login/otp').send({ mobile: DEMO.citizen, code }).expect(200);
      expect(res.body.user.mobile).toBe(DEMO.citizen);
      const again = await t.http().post('/api/auth/login/otp').send({ mobile: DEMO.citizen, code }).expect(401);
      expect(again.body.code).toBe('OTP_INVALID');
    });

    it('limits resends per number', async () => {
      t.clock.advance(2 * 60_000);
      await t.http().post('/api/auth/otp').send({ mobile: DEMO.citizen2, purpose: 'login' }).expect(202);
      const res = await t.http().post('/api/auth/otp').send({ mobile: DEMO.citizen2, purpose: 'login' }).expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(LIMITS.otpResendSeconds);
    });

    it('expires a code after five minutes', async () => {
      t.clock.advance(2 * 60_000);
      await t.http().post('/api/auth/otp').send({ mobile: DEMO.mediator, purpose: 'login' }).expect(202);
      const code = await latestCode(t, DEMO.mediator);
      t.clock.advance(LIMITS.otpTtlSeconds * 1000 + 1000);
      const res = await t.http().post('/api/auth/login/otp').send({ mobile: DEMO.mediator, code }).expect(401);
      expect(res.body.code).toBe('OTP_EXPIRED');
    });

    it('burns a code after too many wrong guesses, even if the right one follows', async () => {
      t.clock.advance(2 * 60_000);
      await t.http().post('/api/auth/otp').send({ mobile: DEMO.orgAdmin, purpose: 'login' }).expect(202);
      const code = await latestCode(t, DEMO.orgAdmin);
      const wrong = code === '999999' ? '000000' : String(Number(code) + 1).padStart(6, '0');
      const codes: string[] = [];
      for (let i = 0; i < LIMITS.otpMaxAttempts; i++) {
        const r = await t.http().post('/api/auth/login/otp').send({ mobile: DEMO.orgAdmin, code: wrong });
        codes.push(r.body.code);
      }
      expect(codes.slice(0, -1).every((c) => c === 'OTP_INVALID')).toBe(true);
      expect(codes.at(-1)).toBe('OTP_TOO_MANY_ATTEMPTS');
      await t.http().post('/api/auth/login/otp').send({ mobile: DEMO.orgAdmin, code }).expect(401);
    });
  });

  describe('tokens', () => {
    it('rotates refresh tokens and ends the session when an old one is replayed', async () => {
      const login = await loginAs(t, DEMO.citizen);
      const first = await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200);
      expect(first.body.refreshToken).toBeTruthy();
      expect(first.body.refreshToken).not.toBe(login.refreshToken);
      await t.http().get('/api/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);

      const replay = await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(401);
      expect(replay.body.code).toBe('REFRESH_REUSED');
      // The thief's replay ended the session for the legitimate holder too.
      await t.http().get('/api/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    });

    it('rotates through the cookie for the web', async () => {
      const login = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen2, password: DEMO_PASSWORD }).expect(200);
      const res = await t
        .http()
        .post('/api/auth/refresh')
        .set('Cookie', cookieHeader(cookiesOf(login)))
        .send({})
        .expect(200);
      expect(res.body.refreshToken).toBeUndefined();
      expect(cookiesOf(res).some((c) => c.startsWith('tj_rt='))).toBe(true);
    });

    it('answers SESSION_EXPIRED once the access token is past its life, and refresh still works', async () => {
      const login = await loginAs(t, DEMO.citizen);
      t.clock.advance(16 * 60_000);
      const res = await t.http().get('/api/me').set('Authorization', login.auth).expect(401);
      expect(res.body.code).toBe('SESSION_EXPIRED');
      await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200);
    });

    it('logout revokes the session at once', async () => {
      const login = await loginAs(t, DEMO.citizen);
      await t.http().post('/api/auth/logout').set('Authorization', login.auth).expect(204);
      await t.http().get('/api/me').set('Authorization', login.auth).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(401);
    });

    it('refuses anonymous and forged tokens', async () => {
      expect((await t.http().get('/api/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
      await t.http().get('/api/me').set('Authorization', 'Bearer not.a.token').expect(401);
    });
  });

  describe('roles and account administration', () => {
    it('lets only an admin list and disable accounts; disabling ends every session', async () => {
      const citizen = await loginAs(t, DEMO.citizen2);
      const forbidden = await t.http().get('/api/admin/users').set('Authorization', citizen.auth).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');

      const admin = await loginAs(t, DEMO.admin);
      const users = await t.http().get('/api/admin/users').set('Authorization', admin.auth).expect(200);
      const target = users.body.find((u: { mobile: string }) => u.mobile === DEMO.citizen2);
      await t.http().patch(`/api/admin/users/${target.id}`).set('Authorization', admin.auth).send({ disabled: true, reason: 'test' }).expect(200);

      await t.http().get('/api/me').set('Authorization', citizen.auth).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: citizen.refreshToken }).expect(401);
      const relogin = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen2, password: DEMO_PASSWORD }).expect(403);
      expect(relogin.body.code).toBe('ACCOUNT_DISABLED');

      await t.http().patch(`/api/admin/users/${target.id}`).set('Authorization', admin.auth).send({ disabled: false }).expect(200);
      await loginAs(t, DEMO.citizen2);
      const audit = await t.app.get(DataSource).getRepository(AuditLog).findBy({ targetId: target.id });
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['account.disabled', 'account.enabled']));

      await t.http().patch('/api/admin/users/not-a-uuid').set('Authorization', admin.auth).send({ disabled: true }).expect(404);
      const bad = await t.http().patch(`/api/admin/users/${target.id}`).set('Authorization', admin.auth).send({ disabled: 'yes' }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['disabled']);
    });
  });

  describe('profile and real name', () => {
    it('records a valid resident ID number encrypted and shows it masked', async () => {
      const me = await loginAs(t, DEMO.citizen);
      const res = await t.http().put('/api/me/real-name').set('Authorization', me.auth).send({ realName: '张三', idNumber: '11010519491231002x' }).expect(200);
      expect(res.body.idNumberMasked).toBe('110105********002X');
      expect(JSON.stringify(res.body)).not.toContain('11010519491231002X');
      const row = await t.app.get(DataSource).getRepository(User).findOneByOrFail({ mobile: DEMO.citizen });
      expect(row.idNumberEnc).toBeTruthy();
      expect(row.idNumberEnc).not.toContain('110105');

      const other = await loginAs(t, DEMO.mediator);
      const taken = await t.http().put('/api/me/real-name').set('Authorization', other.auth).send({ realName: '王', idNumber: '11010519491231002X' }).expect(409);
      expect(fieldsOf(taken.body)).toEqual(['idNumber']);
    });

    it('refuses an ID number with a wrong check digit or impossible birth date, naming the field', async () => {
      const me = await loginAs(t, DEMO.citizen);
      for (const idNumber of ['110105194912310021', '110105194902300023', '1101051949']) {
        const res = await t.http().put('/api/me/real-name').set('Authorization', me.auth).send({ realName: '张三', idNumber }).expect(400);
        expect(fieldsOf(res.body)).toEqual(['idNumber']);
      }
    });

    it('updates name, email and language, and validates them', async () => {
      const me = await loginAs(t, DEMO.citizen);
      const res = await t.http().patch('/api/me').set('Authorization', me.auth).send({ name: '张三丰', email: 'zhang@example.cn', locale: 'en' }).expect(200);
      expect(res.body).toMatchObject({ name: '张三丰', email: 'zhang@example.cn', locale: 'en' });
      const bad = await t.http().patch('/api/me').set('Authorization', me.auth).send({ email: 'not-an-email', locale: 'fr' }).expect(400);
      expect(new Set(fieldsOf(bad.body))).toEqual(new Set(['email', 'locale']));
    });

    it('changes the password, ending the other sessions', async () => {
      const a = await loginAs(t, DEMO.orgAdmin);
      const b = await loginAs(t, DEMO.orgAdmin);
      await t.http().post('/api/me/password').set('Authorization', a.auth).send({ currentPassword: 'wrong', newPassword: 'new-password-1' }).expect(401);
      await t.http().post('/api/me/password').set('Authorization', a.auth).send({ currentPassword: DEMO_PASSWORD, newPassword: 'new-password-1' }).expect(204);
      await t.http().get('/api/me').set('Authorization', a.auth).expect(200);
      await t.http().get('/api/me').set('Authorization', b.auth).expect(401);
      await loginAs(t, DEMO.orgAdmin, 'new-password-1');
    });
  });

  describe('platform', () => {
    it('reports health with the database reachable', async () => {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.body.info.database.status).toBe('up');
    });

    it('serves the OpenAPI document', async () => {
      const res = await t.http().get('/api/docs/openapi.json').expect(200);
      expect(res.body.paths['/api/auth/login/password']).toBeDefined();
    });

    it('lists the organisations publicly (R05)', async () => {
      const res = await t.http().get('/api/organisations').expect(200);
      expect(res.body.map((o: { type: string }) => o.type)).toEqual(expect.arrayContaining(['peoples_mediation_committee', 'banking_insurance', 'maritime_fishery', 'police_mediation']));
    });

    it('sets security headers', async () => {
      const res = await t.http().get('/api/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toBeTruthy();
    });
  });
});
