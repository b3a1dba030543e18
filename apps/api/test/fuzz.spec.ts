import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { mediatingCase, PNG, type Login } from './fixtures';
import { DEMO, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { fuzzGenerators } from './fuzz-generators';
import { EVIL, Rand, type Operation, type Schema } from './fuzz-inputs';

/**
 * A seeded fuzz over the OpenAPI document: every documented route, as every kind of user,
 * with real ids (a case in mediation, its parties, channels, a message, a session, an
 * agreement draft) so the deep routes are reached, and with bodies, queries and paths both
 * plausible and malformed. Nothing a user sends may give a 5xx, and every 4xx carries the
 * request id. Deterministic per seed: FUZZ_SEED and FUZZ_COUNT override the defaults, and a
 * failure prints the seed and the request's index to replay it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2500);

describe(`fuzz over the OpenAPI document (seed ${SEED}, ${COUNT} requests): no 5xx, request id on every 4xx`, () => {
  let t: TestApp;
  const roles: Array<{ name: string; login?: Login }> = [{ name: 'anonymous' }];
  const schemas: Record<string, Schema> = {};
  let operations: Operation[] = [];
  /** Real ids by the resource a path names (`cases`, `channels`…) or by a parameter's name. */
  const ids: Record<string, string[]> = {};
  const add = (key: string, ...values: Array<string | undefined | null>) => {
    ids[key] = [...(ids[key] ?? []), ...values.filter((v): v is string => !!v)];
  };

  beforeAll(async () => {
    t = await startTestApp();
    const [applicant, respondent, dispatcher, mediator, judge, admin, intake] = await Promise.all([
      loginAs(t, DEMO.citizen),
      loginAs(t, DEMO.citizen2),
      loginAs(t, DEMO.orgAdmin),
      loginAs(t, DEMO.mediator),
      loginAs(t, DEMO.judge),
      loginAs(t, DEMO.admin),
      loginAs(t, DEMO.intake),
    ]);
    roles.push(
      { name: 'citizen', login: applicant },
      { name: 'respondent', login: respondent },
      { name: 'mediator', login: mediator },
      { name: 'orgAdmin', login: dispatcher },
      { name: 'judge', login: judge },
      { name: 'admin', login: admin },
      { name: 'intake', login: intake },
    );

    // Real things for the deep routes.
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const draft = await t.http().post('/api/cases').set('Authorization', applicant.auth).send({ disputeType: 'private_loan', facts: '草稿' }).expect(201);
    add('cases', c.id, draft.body.id);
    add('partyId', ...c.parties.map((p) => p.id));
    add('documentId', ...c.documents.map((d) => d.id));
    add('assignmentId', ...c.assignments.map((a) => a.id));
    const channels = await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', mediator.auth).expect(200);
    add('channels', ...channels.body.map((ch: { id: string }) => ch.id));
    add('toChannelId', ...ids.channels);
    add('mediatorId', mediator.user.id);
    add('obligorPartyId', ...ids.partyId);
    add('obligeePartyId', ...ids.partyId);
    const message = await t.http().post(`/api/channels/${ids.channels[0]}/messages`).set('Authorization', mediator.auth).send({ clientId: '6f1c1a43-2a53-4f57-9b4c-9d1f33f1a002', body: '你好' });
    add('messages', message.body?.message?.id);
    const applicantParty = c.parties.find((p) => p.side === 'applicant');
    const respondentParty = c.parties.find((p) => p.side === 'respondent');
    const session = await t
      .http()
      .post(`/api/cases/${c.id}/sessions`)
      .set('Authorization', mediator.auth)
      .send({
        startsAt: new Date(t.clock.now().getTime() + 7200_000).toISOString(),
        mode: 'video',
        separate: true,
        partyIds: [applicantParty?.id],
      });
    add('sessions', session.body?.id);
    const agreement = await t
      .http()
      .post(`/api/cases/${c.id}/agreements`)
      .set('Authorization', mediator.auth)
      .send({
        partial: false,
        content: {
          facts: '李四向张三借款两万元，到期未还。',
          disputedMatters: '借款本金。',
          responsibilities: '李四应还款。',
          otherTerms: '无。',
        },
        obligations: [
          {
            obligorPartyId: respondentParty?.id,
            obligeePartyId: applicantParty?.id,
            kind: 'payment',
            description: '偿还借款',
            amount: '20000.00',
            method: '转账',
            place: '杭州',
            dueDate: '2026-06-30',
          },
        ],
      });
    add('agreements', agreement.body?.id);
    const orgs = await t.http().get('/api/organisations').expect(200);
    add('organisations', ...orgs.body.slice(0, 3).map((o: { id: string }) => o.id));
    // A stranger the admin may disable without ending a fuzzing role's session.
    await t.http().post('/api/auth/otp').send({ mobile: '13766660000', purpose: 'register' }).expect(202);
    const reg = await t
      .http()
      .post('/api/auth/register')
      .send({
        mobile: '13766660000',
        code: await latestCode(t, '13766660000'),
        password: 'stranger-pass',
        name: '路人',
        transport: 'api',
      })
      .expect(201);
    add('users', reg.body.user.id, admin.user.id);
    const notes = await t.app.get(DataSource).query('SELECT id FROM notification ORDER BY created_at LIMIT 5');
    add('notifications', ...notes.map((n: { id: string }) => n.id));

    const docs = await t.http().get('/api/docs/openapi.json').expect(200);
    Object.assign(schemas, docs.body.components?.schemas ?? {});
    operations = Object.entries(
      docs.body.paths as Record<
        string,
        Record<
          string,
          {
            parameters?: Array<{ name: string; in: string }>;
            requestBody?: { content: Record<string, { schema: Schema }> };
          }
        >
      >,
    ).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        return {
          method: method as Operation['method'],
          path,
          params: op.parameters ?? [],
          body: content['application/json']?.schema ?? content['multipart/form-data']?.schema,
          multipart: !content['application/json'] && !!content['multipart/form-data'],
        };
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const { plausible, mutate, pathFor, queryFor } = fuzzGenerators(() => t.clock.now(), schemas, ids);

  it('answers every request with a status below 500, and every 4xx names its request id', async () => {
    const r = new Rand(SEED);
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    const reached = new Set<string>();
    for (let i = 0; i < COUNT; i++) {
      const op = r.pick(operations);
      // Ending one's own session would only make the rest of that role's requests 401s.
      const role = op.path === '/api/auth/logout' ? roles[0] : r.chance(0.15) ? roles[0] : r.pick(roles.slice(1));
      const url = pathFor(r, op) + queryFor(r, op);
      let req: Test = t.http()[op.method](url);
      if (role.login) req = req.set('Authorization', role.login.auth);
      let sent = '';
      const form = r.float();
      if (op.multipart && form < 0.7) {
        const fields = plausible(r, op.body) as Record<string, unknown>;
        for (const [k, v] of Object.entries(fields && typeof fields === 'object' ? fields : {})) {
          if (k === 'file' || v === undefined || v === null || typeof v === 'object') continue;
          req = req.field(k, String(r.chance(0.2) ? r.pick(EVIL.filter((e) => typeof e === 'string')) : v));
        }
        if (r.chance(0.8))
          req = req.attach('file', r.chance(0.7) ? PNG : Buffer.from(r.pick(['%PDF-1.4 junk', 'MZ\u0090\u0000', 'plain text', ''])), r.pick(['a.png', 'a.pdf', 'a.exe', '../a.png', '张.jpg']));
        sent = `multipart ${JSON.stringify(fields).slice(0, 200)}`;
      } else if (op.method !== 'get' && (op.body || r.chance(0.3))) {
        if (form < 0.06) {
          const raw = r.pick(['{"a":', '[', 'null', '"x"', '1', '{"a":1}{', '\u0000', '{"__proto__":{"x":1}}', `{"a":${'['.repeat(3000)}`]);
          req = req.set('Content-Type', r.pick(['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded'])).send(raw);
          sent = `raw ${JSON.stringify(raw).slice(0, 100)}`;
        } else {
          const body = plausible(r, op.body);
          const final = r.chance(0.6) ? mutate(r, body) : body;
          req = req.set('Content-Type', 'application/json').send(JSON.stringify(final ?? null));
          sent = (JSON.stringify(final) ?? 'undefined').slice(0, 300);
        }
      }
      const res = await req.ok(() => true);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status < 400) reached.add(`${op.method.toUpperCase()} ${op.path}`);
      const describe = `#${i} ${role.name} ${op.method.toUpperCase()} ${url.slice(0, 200)} ${sent} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      if (res.status >= 500) failures.push(describe);
      else if (res.status >= 400 && res.type === 'application/json' && !res.body?.requestId) failures.push(`no requestId: ${describe}`);
    }
    console.log(`fuzz seed ${SEED}: ${COUNT} requests over ${operations.length} routes; statuses ${JSON.stringify(statuses)}; ${reached.size} routes answered 2xx/3xx`);
    if (failures.length) {
      failures.sort((x, y) => Number(y.includes('→ 5')) - Number(x.includes('→ 5')));
      throw new Error(`${failures.length} failing responses (replay: FUZZ_SEED=${SEED} FUZZ_COUNT=${COUNT}):\n${failures.slice(0, 15).join('\n')}`);
    }
    expect(operations.length).toBeGreaterThan(100);
  }, 300_000);
});
