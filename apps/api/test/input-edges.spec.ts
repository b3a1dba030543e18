import { randomUUID } from 'node:crypto';
import type { ErrorBody } from '@tiaojie/contracts';
import { connectSocket, DEMO, DEMO_PASSWORD, loginAs, startTestApp, type TestApp } from './harness';
import { mediatingCase, type Login } from './fixtures';

/**
 * Nothing a user can send gives a 500 (the rules table: "bad input gets a clear 4xx naming the
 * field"). One global rule per class of input, refused at the edge before any transform or
 * query: nesting depth, the NUL character, integers beyond the database's integer range, and
 * `null` for a field that is not documented as nullable.
 */
const fieldsOf = (body: ErrorBody) => (body.fields ?? []).map((f) => f.field);
const constraintsOf = (body: ErrorBody) => (body.fields ?? []).map((f) => f.constraint);

/** `{"x":{"x":…}}` `levels` deep, built as text (JSON.stringify itself would overflow). */
const nestedObject = (levels: number) => '{"x":'.repeat(levels) + '1' + '}'.repeat(levels);
const nestedArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

function expectRefused(res: { status: number; body: ErrorBody }, field: string, constraint: string) {
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(fieldsOf(res.body)).toContain(field);
  expect(constraintsOf(res.body)).toContain(constraint);
  expect(res.body.requestId).toBeTruthy();
}

describe('input at the edge: every class of malformed input is a 400 naming the field', () => {
  let t: TestApp;
  let citizen: Login;
  let caseId: string;
  let caseVersion: number;
  let channelId: string;
  let mediatingId: string;
  let agreementFree: string;
  beforeAll(async () => {
    t = await startTestApp();
    const [applicant, respondent, dispatcher, mediator] = await Promise.all([loginAs(t, DEMO.citizen), loginAs(t, DEMO.citizen2), loginAs(t, DEMO.orgAdmin), loginAs(t, DEMO.mediator)]);
    citizen = applicant;
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const channels = await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', applicant.auth).expect(200);
    channelId = channels.body.find((ch: { kind: string }) => ch.kind === 'caucus')?.id ?? channels.body[0].id;
    mediatingId = c.id;
    const draft = await t.http().post('/api/cases').set('Authorization', applicant.auth).send({ disputeType: 'private_loan', facts: '一个草稿' }).expect(201);
    caseId = draft.body.id;
    caseVersion = draft.body.version;
    agreementFree = '00000000-0000-4000-8000-000000000000';
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('nesting depth', () => {
    it('refuses a deeply nested body on login, before login, without overflowing the stack', async () => {
      const body = `{"mobile":"${DEMO.citizen}","password":"${DEMO_PASSWORD}","x":${nestedObject(20_000)}}`;
      const res = await t.http().post('/api/auth/login/password').set('Content-Type', 'application/json').send(body);
      expectRefused(res, 'x', 'maxDepth');
    });

    it('refuses deeply nested arrays on register', async () => {
      const body = `{"mobile":"13912345670","code":"123456","password":"correct-horse-1","name":"x","a":${nestedArray(50_000)}}`;
      const res = await t.http().post('/api/auth/register').set('Content-Type', 'application/json').send(body);
      expectRefused(res, 'a', 'maxDepth');
    });

    it('refuses a nested body on an authenticated route and keeps a shallow one working', async () => {
      const res = await t
        .http()
        .post('/api/cases')
        .set('Authorization', citizen.auth)
        .set('Content-Type', 'application/json')
        .send(`{"disputeType":"other","claims":${nestedObject(5_000)}}`);
      expectRefused(res, 'claims', 'maxDepth');
      await t
        .http()
        .post('/api/cases')
        .set('Authorization', citizen.auth)
        .send({ disputeType: 'other', claims: { amount: '10' } })
        .expect(201);
    });
  });

  describe('the NUL character (PostgreSQL text cannot hold 0x00)', () => {
    it('refuses NUL in a JSON string, naming the nested field', async () => {
      const res = await t.http().patch(`/api/cases/${caseId}`).set('Authorization', citizen.auth).send({ version: caseVersion, facts: 'a\u0000b' });
      expectRefused(res, 'facts', 'noNul');
      const nested = await t
        .http()
        .patch(`/api/cases/${caseId}`)
        .set('Authorization', citizen.auth)
        .send({ version: caseVersion, claims: { otherRequests: 'x\u0000' } });
      expectRefused(nested, 'claims.otherRequests', 'noNul');
    });

    it('refuses NUL in a message body and in a profile name', async () => {
      const res = await t.http().post(`/api/channels/${channelId}/messages`).set('Authorization', citizen.auth).send({
        clientId: '6f1c1a43-2a53-4f57-9b4c-9d1f33f1a001',
        body: '你好\u0000',
      });
      expectRefused(res, 'body', 'noNul');
      const me = await t.http().patch('/api/me').set('Authorization', citizen.auth).send({ name: '\u0000' });
      expectRefused(me, 'name', 'noNul');
    });

    it('refuses a lone UTF-16 surrogate (found by the fuzz: it gave 500 on PATCH /api/me)', async () => {
      const me = await t.http().patch('/api/me').set('Authorization', citizen.auth).set('content-type', 'application/json').send('{"name":"张三","email":"\\ud800"}');
      expectRefused(me, 'email', 'wellFormed');
    });

    it('refuses NUL in a query string and in a path, anonymous too', async () => {
      const q = await t.http().get('/api/cases?q=%00abc').set('Authorization', citizen.auth);
      expectRefused(q, 'q', 'noNul');
      const verify = await t.http().get('/api/verify/AB%00CD');
      expectRefused(verify, 'code', 'noNul');
      const invitation = await t.http().get('/api/invitations/abc%00def');
      expectRefused(invitation, 'token', 'noNul');
    });

    it('refuses NUL in a field name', async () => {
      const res = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: 'x', 'a\u0000': 1 });
      expect(res.status).toBe(400);
      expect(constraintsOf(res.body)).toContain('noNul');
    });
  });

  describe('integers beyond the database integer range', () => {
    it('refuses a query integer past int4, naming it', async () => {
      const after = await t.http().get(`/api/channels/${channelId}/messages?afterSeq=99999999999`).set('Authorization', citizen.auth);
      expectRefused(after, 'afterSeq', 'intRange');
      const before = await t.http().get(`/api/channels/${channelId}/messages?beforeSeq=3000000000`).set('Authorization', citizen.auth);
      expectRefused(before, 'beforeSeq', 'intRange');
      const compare = await t.http().get(`/api/agreements/${agreementFree}/compare?from=1&to=99999999999999`).set('Authorization', citizen.auth);
      expectRefused(compare, 'to', 'intRange');
    });

    it('refuses a body integer past int4 (a version)', async () => {
      const res = await t
        .http()
        .patch(`/api/cases/${caseId}`)
        .set('Authorization', citizen.auth)
        .send({ version: 2 ** 40, facts: 'x' });
      expectRefused(res, 'version', 'intRange');
    });

    it('still accepts integers inside the range', async () => {
      await t.http().get(`/api/channels/${channelId}/messages?afterSeq=2147483647`).set('Authorization', citizen.auth).expect(200);
    });
  });

  describe('null for a field that is not nullable', () => {
    it('refuses null for an optional field instead of writing NULL into a NOT NULL column', async () => {
      const me = await t.http().patch('/api/me').set('Authorization', citizen.auth).send({ name: null });
      expectRefused(me, 'name', 'notNull');
      const facts = await t.http().patch(`/api/cases/${caseId}`).set('Authorization', citizen.auth).send({ version: caseVersion, facts: null });
      expectRefused(facts, 'facts', 'notNull');
      const locale = await t.http().patch('/api/me').set('Authorization', citizen.auth).send({ locale: null });
      expectRefused(locale, 'locale', 'notNull');
    });

    it('refuses null for a nested object', async () => {
      const res = await t.http().patch(`/api/cases/${caseId}`).set('Authorization', citizen.auth).send({ version: caseVersion, claims: null });
      expectRefused(res, 'claims', 'notNull');
    });

    it('accepts null where the document says a field is nullable (it clears the value)', async () => {
      await t.http().patch('/api/me').set('Authorization', citizen.auth).send({ email: null }).expect(200);
      const res = await t
        .http()
        .patch(`/api/cases/${caseId}`)
        .set('Authorization', citizen.auth)
        .send({
          version: caseVersion,
          region: null,
          preferredMediatorId: null,
          organisationId: null,
        })
        .expect(200);
      expect(res.body.region).toBeNull();
      caseVersion = res.body.version;
    });
  });

  describe('socket events follow the same rules', () => {
    it('refuses NUL, deep nesting and out-of-range integers in an event, naming the field, and keeps working', async () => {
      const s = connectSocket(t, { token: citizen.accessToken });
      try {
        await new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
        });
        const joined = await s.timeout(5000).emitWithAck('case:join', { caseId: mediatingId });
        expect(joined.ok).toBe(true);
        const nul = await s.timeout(5000).emitWithAck('message:send', {
          channelId,
          clientId: randomUUID(),
          body: '你好\u0000',
        });
        expect(nul).toMatchObject({
          ok: false,
          code: 'VALIDATION_FAILED',
          field: 'body',
        });
        const sync = await s.timeout(5000).emitWithAck('channel:sync', { channelId, afterSeq: 99999999999 });
        expect(sync).toMatchObject({
          ok: false,
          code: 'VALIDATION_FAILED',
          field: 'afterSeq',
        });
        const nested = await s.timeout(5000).emitWithAck('channel:sync', JSON.parse(`{"channelId":"${channelId}","afterSeq":0,"x":${nestedObject(200)}}`));
        expect(nested).toMatchObject({
          ok: false,
          code: 'VALIDATION_FAILED',
          field: 'x',
        });
        const fine = await s.timeout(5000).emitWithAck('channel:sync', { channelId, afterSeq: 0 });
        expect(fine.ok).toBe(true);
      } finally {
        s.disconnect();
      }
    });
  });

  describe('every 4xx body carries the request id', () => {
    it('on body-parser errors (malformed JSON, too large) and it matches the X-Request-Id header', async () => {
      const bad = await t.http().post('/api/auth/login/password').set('Content-Type', 'application/json').send('{"mobile": ');
      expect(bad.status).toBe(400);
      expect(bad.body.requestId).toBeTruthy();
      expect(bad.headers['x-request-id']).toBe(bad.body.requestId);
      const big = await t
        .http()
        .post('/api/auth/login/password')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ password: 'x'.repeat(2 * 1024 * 1024) }));
      expect(big.status).toBe(413);
      expect(big.body.requestId).toBeTruthy();
      const chosen = await t.http().post('/api/auth/login/password').set('X-Request-Id', 'client-chosen-1').set('Content-Type', 'application/json').send('{');
      expect(chosen.body.requestId).toBe('client-chosen-1');
    });

    it('on malformed paths and unknown routes', async () => {
      const malformed = await t.http().get('/api/cases/%E0%A4%A');
      expect(malformed.status).toBeGreaterThanOrEqual(400);
      expect(malformed.status).toBeLessThan(500);
      expect(malformed.body.requestId).toBeTruthy();
      const unknown = await t.http().get('/api/no-such-thing');
      expect(unknown.status).toBe(404);
      expect(unknown.body.requestId).toBeTruthy();
      const anonymous = await t.http().get('/api/me');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.requestId).toBeTruthy();
    });
  });
});
