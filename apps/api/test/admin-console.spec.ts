import type {
  AdminAccountDetail,
  AdminAccountRow,
  AdminBureau,
  AdminCourt,
  AdminOrganisation,
  AdminPage,
  AuditEntryView,
  CaseDetail,
  HolidayYearView,
  PlatformSettingView,
  PublicOrganisation,
  TemplatePreview,
} from '@tiaojie/contracts';
import { checkInterest, ROLES } from '@tiaojie/domain';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity';
import type { MediationCase } from '../src/cases/case.entity';
import { effectRuleOf } from '../src/settlement/agreement-views';
import { TEMPLATES } from '../src/notifications/templates';
import { PNG, mediatingCase, type Login } from './fixtures';
import { DEMO, DEMO_PASSWORD, loginAs, startTestApp, type TestApp } from './harness';

/** An instant given as China local time. */
const cn = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => cn(`${day}T23:59:59.999`).toISOString();
const fieldsOf = (res: { body: { fields?: Array<{ field: string }> } }) => (res.body.fields ?? []).map((f) => f.field);

const ORG = {
  name: '测试区人民调解委员会',
  nameEn: null,
  type: 'peoples_mediation_committee',
  region: '330106',
  regions: ['330106'],
  disputeTypes: ['private_loan', 'family_neighbour'],
  chargesFees: false,
  description: '测试用组织',
  courtCaseKinds: ['delegated'],
};

/** Every admin route of the console (issue #13): each checks the admin role on the server. */
const ROUTES: Array<[method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string, body?: object]> = [
  ['get', '/api/admin/organisations'],
  ['get', '/api/admin/organisations/00000000-0000-4000-8000-000000000000'],
  ['post', '/api/admin/organisations', ORG],
  ['put', '/api/admin/organisations/00000000-0000-4000-8000-000000000000', ORG],
  ['get', '/api/admin/courts'],
  ['get', '/api/admin/bureaus'],
  ['post', '/api/admin/courts', { name: 'x', region: '330106', level: 'basic' }],
  ['put', '/api/admin/courts/00000000-0000-4000-8000-000000000000', { name: 'x', region: '330106', level: 'basic' }],
  ['get', '/api/admin/calendar'],
  ['get', '/api/admin/calendar/2026'],
  ['put', '/api/admin/calendar/2026', { holidays: [], workdays: [] }],
  ['post', '/api/admin/calendar/overrides', { date: '2026-03-04', kind: 'holiday', reason: 'x' }],
  ['get', '/api/admin/settings'],
  ['put', '/api/admin/settings/lpr.oneYearPercent', { value: '3.10' }],
  ['get', '/api/admin/templates'],
  ['get', '/api/admin/dispute-types'],
  ['put', '/api/admin/dispute-types/private_loan/agreement-template', { disputedMatters: 'x', responsibilities: 'x', otherTerms: 'x' }],
  ['delete', '/api/admin/dispute-types/private_loan/agreement-template'],
  ['get', '/api/admin/accounts'],
  ['get', '/api/admin/accounts/00000000-0000-4000-8000-000000000000'],
  ['put', '/api/admin/accounts/00000000-0000-4000-8000-000000000000/disabled', { disabled: true }],
  ['put', '/api/admin/accounts/00000000-0000-4000-8000-000000000000/roles', { roles: ['citizen'] }],
  ['get', '/api/admin/users'],
  ['patch', '/api/admin/users/00000000-0000-4000-8000-000000000000', { disabled: true }],
  ['get', '/api/admin/audit'],
];

describe('the system admin console (issue #13)', () => {
  let t: TestApp;
  let admin: Login;
  let others: Login[];
  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object) => t.http().post(url).set('Authorization', who.auth).send(body),
    put: (url: string, body: object) => t.http().put(url).set('Authorization', who.auth).send(body),
  });
  const audit = (action: string) =>
    t.app
      .get(DataSource)
      .getRepository(AuditLog)
      .find({ where: { action }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAs(t, DEMO.admin);
    others = await Promise.all([DEMO.citizen, DEMO.orgAdmin, DEMO.mediator, DEMO.judge, DEMO.intake].map((m) => loginAs(t, m)));
  });
  afterAll(() => t?.close());

  it('every admin route answers 403 to every other role and 401 signed out — checked on the server', async () => {
    const send = (method: (typeof ROUTES)[number][0], url: string, body?: object, who?: Login) => {
      const req = t.http()[method](url);
      return (who ? req.set('Authorization', who.auth) : req).send(body ?? {});
    };
    for (const [method, url, body] of ROUTES) {
      for (const who of others) expect([method, url, who.user.roles, (await send(method, url, body, who)).status]).toEqual([method, url, who.user.roles, 403]);
      expect([method, url, (await send(method, url, body)).status]).toEqual([method, url, 401]);
    }
    expect(await audit('organisation.created')).toHaveLength(0);
  });

  it('organisations: created and edited with English name and description (issue #11), audited with before and after, shown on the public list', async () => {
    const created: AdminOrganisation = (await as(admin).post('/api/admin/organisations', ORG).expect(201)).body;
    expect(created).toMatchObject({ name: ORG.name, nameEn: null, chargesFees: false, feeSchedule: '', courtCaseKinds: ['delegated'] });
    const courts: AdminCourt[] = (await as(admin).get('/api/admin/courts').expect(200)).body;
    // The supervising 司法局 (R38 escalation, the bureau's statistics) is set here too.
    const bureaus: AdminBureau[] = (await as(admin).get('/api/admin/bureaus').expect(200)).body;
    expect(bureaus.length).toBeGreaterThan(0);
    const edited: AdminOrganisation = (
      await as(admin)
        .put(`/api/admin/organisations/${created.id}`, {
          ...ORG,
          nameEn: 'Test District Committee',
          descriptionEn: 'For tests',
          courtId: courts[0].id,
          bureauId: bureaus[0].id,
          chargesFees: true,
          feeSchedule: '每件200元',
        })
        .expect(200)
    ).body;
    expect(edited).toMatchObject({
      nameEn: 'Test District Committee',
      descriptionEn: 'For tests',
      courtName: courts[0].name,
      bureauId: bureaus[0].id,
      bureauName: bureaus[0].name,
      chargesFees: true,
      feeSchedule: '每件200元',
    });
    expect((await t.app.get(DataSource).query(`SELECT bureau_id FROM organisation WHERE id = $1`, [created.id]))[0].bureau_id).toBe(bureaus[0].id);

    const list: PublicOrganisation[] = (await t.http().get('/api/organisations').expect(200)).body;
    expect(list.find((o) => o.id === created.id)).toMatchObject({ nameEn: 'Test District Committee', descriptionEn: 'For tests', feeSchedule: '每件200元' });

    const [c] = await audit('organisation.created');
    const [u] = await audit('organisation.updated');
    expect(c).toMatchObject({ actorId: admin.user.id, targetType: 'organisation', targetId: created.id });
    expect(u.detail).toMatchObject({
      changes: { nameEn: { before: null, after: 'Test District Committee' }, chargesFees: { before: false, after: true }, bureauId: { before: null, after: bureaus[0].id } },
    });
  });

  it('organisations and courts: bad input is a 400 naming the field, a duplicate name a 409, and nothing is written', async () => {
    const bad: Array<[object, string]> = [
      [{ ...ORG, name: '' }, 'name'],
      [{ ...ORG, type: 'bank' }, 'type'],
      [{ ...ORG, region: '33' }, 'region'],
      [{ ...ORG, regions: ['x'] }, 'regions'],
      [{ ...ORG, disputeTypes: [] }, 'disputeTypes'],
      [{ ...ORG, disputeTypes: ['piracy'] }, 'disputeTypes'],
      [{ ...ORG, courtId: 'nope' }, 'courtId'],
      [{ ...ORG, courtId: '00000000-0000-4000-8000-000000000000' }, 'courtId'],
      [{ ...ORG, bureauId: 'nope' }, 'bureauId'],
      [{ ...ORG, bureauId: '00000000-0000-4000-8000-000000000000' }, 'bureauId'],
      [{ ...ORG, chargesFees: 'yes' }, 'chargesFees'],
      [{ ...ORG, chargesFees: true }, 'feeSchedule'], // R35: one who charges publishes the fees
      [{ ...ORG, nameEn: 'x'.repeat(201) }, 'nameEn'],
      [{ ...ORG, courtCaseKinds: ['pre'] }, 'courtCaseKinds'],
    ];
    const before = (await as(admin).get('/api/admin/organisations').expect(200)).body;
    for (const [body, field] of bad) {
      const res = await as(admin).post('/api/admin/organisations', { ...body, name: (body as { name: string }).name === '' ? '' : `新组织${field}` });
      expect([field, res.status, fieldsOf(res)]).toEqual([field, 400, expect.arrayContaining([field])]);
    }
    const dup = await as(admin)
      .post('/api/admin/organisations', { ...ORG, name: ' 西湖区人民调解委员会 ' })
      .expect(409);
    expect(fieldsOf(dup)).toEqual(['name']);
    expect((await as(admin).get('/api/admin/organisations').expect(200)).body).toEqual(before);

    const court: AdminCourt = (await as(admin).post('/api/admin/courts', { name: '测试市中级人民法院', region: '330100', level: 'intermediate' }).expect(201)).body;
    expect(fieldsOf(await as(admin).post('/api/admin/courts', { name: '测试市中级人民法院', region: '330100', level: 'basic' }).expect(409))).toEqual(['name']);
    expect(fieldsOf(await as(admin).put(`/api/admin/courts/${court.id}`, { name: '测试', region: '330100', level: 'supreme' }).expect(400))).toEqual(['level']);
    await as(admin).put(`/api/admin/courts/${court.id}`, { name: '测试市中级人民法院', region: '330100', level: 'high' }).expect(200);
    expect((await audit('court.updated'))[0].detail).toMatchObject({ changes: { level: { before: 'intermediate', after: 'high' } } });
  });

  it('accounts: found by name or mobile with the mobile masked, roles and memberships shown; roles granted and revoked, audited', async () => {
    const byName: AdminPage<AdminAccountRow> = (await as(admin).get('/api/admin/accounts?q=王调解').expect(200)).body;
    expect(byName.items).toEqual([expect.objectContaining({ name: '王调解', mobileMasked: '139****0001', roles: ['mediator'] })]);
    expect(JSON.stringify(byName)).not.toContain(DEMO.mediator);
    const byMobile: AdminPage<AdminAccountRow> = (await as(admin).get(`/api/admin/accounts?q=${DEMO.citizen2}`).expect(200)).body;
    expect(byMobile.items.map((u) => u.name)).toEqual(['李四']);
    // LIKE's wildcards in the search text are literal: '%' and '_' match no account, not every one.
    for (const q of ['%', '_', '\\']) expect([q, (await as(admin).get('/api/admin/accounts').query({ q }).expect(200)).body.total]).toEqual([q, 0]);
    const page: AdminPage<AdminAccountRow> = (await as(admin).get('/api/admin/accounts?pageSize=3&page=2').expect(200)).body;
    expect(page).toMatchObject({ page: 2, pageSize: 3 });
    expect(page.items).toHaveLength(3);
    expect(fieldsOf(await as(admin).get('/api/admin/accounts?pageSize=1000').expect(400))).toEqual(['pageSize']);

    const mediatorId = byName.items[0].id;
    const detail: AdminAccountDetail = (await as(admin).get(`/api/admin/accounts/${mediatorId}`).expect(200)).body;
    expect(detail.memberships).toEqual([expect.objectContaining({ kind: 'organisation', name: '西湖区人民调解委员会', role: 'mediator' })]);
    // A role held through a membership is ended where the membership is managed.
    expect(
      fieldsOf(
        await as(admin)
          .put(`/api/admin/accounts/${mediatorId}/roles`, { roles: ['citizen'] })
          .expect(409),
      ),
    ).toEqual(['roles']);
    expect(
      fieldsOf(
        await as(admin)
          .put(`/api/admin/accounts/${mediatorId}/roles`, { roles: ['pirate'] })
          .expect(400),
      ),
    ).toEqual(['roles']);

    const li = byMobile.items[0].id;
    const granted: AdminAccountDetail = (
      await as(admin)
        .put(`/api/admin/accounts/${li}/roles`, { roles: ['citizen', 'intake'] })
        .expect(200)
    ).body;
    expect(granted.roles).toEqual(['citizen', 'intake']);
    const [row] = await audit('account.roles');
    expect(row).toMatchObject({ actorId: admin.user.id, targetType: 'user', targetId: li, detail: { before: ['citizen'], after: ['citizen', 'intake'] } });
    await as(admin)
      .put(`/api/admin/accounts/${li}/roles`, { roles: ['citizen'] })
      .expect(200);
    // Every role of the domain can be granted (a new one appears without a change here).
    expect(ROLES.length).toBeGreaterThanOrEqual(8);
  });

  it('accounts: a disabled account cannot log in and its token stops at once; an admin cannot disable or demote themself', async () => {
    const li = (await as(admin).get(`/api/admin/accounts?q=${DEMO.citizen2}`).expect(200)).body.items[0].id as string;
    const session = await loginAs(t, DEMO.citizen2);
    await as(session).get('/api/me').expect(200);
    const off: AdminAccountDetail = (await as(admin).put(`/api/admin/accounts/${li}/disabled`, { disabled: true, reason: '冒用他人身份' }).expect(200)).body;
    expect(off).toMatchObject({ disabled: true, disabledReason: '冒用他人身份' });
    await as(session).get('/api/me').expect(401);
    const refused = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen2, password: DEMO_PASSWORD, transport: 'api' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await audit('account.disabled')).at(-1)).toMatchObject({ actorId: admin.user.id, targetId: li, detail: { reason: '冒用他人身份' } });
    await as(admin).put(`/api/admin/accounts/${li}/disabled`, { disabled: false }).expect(200);
    await loginAs(t, DEMO.citizen2);

    expect(fieldsOf(await as(admin).put(`/api/admin/accounts/${admin.user.id}/disabled`, { disabled: true }).expect(422))).toEqual(['disabled']);
    expect(
      fieldsOf(
        await as(admin)
          .put(`/api/admin/accounts/${admin.user.id}/roles`, { roles: ['citizen'] })
          .expect(422),
      ),
    ).toEqual(['roles']);
  });

  it('the last enabled admin stays: two admins disabling each other at once — one succeeds, the other is refused', async () => {
    const zhang = (await as(admin).get(`/api/admin/accounts?q=${DEMO.citizen}`).expect(200)).body.items[0].id as string;
    await as(admin)
      .put(`/api/admin/accounts/${zhang}/roles`, { roles: ['citizen', 'admin'] })
      .expect(200);
    const second = await loginAs(t, DEMO.citizen);
    const [a, b] = await Promise.all([as(admin).put(`/api/admin/accounts/${zhang}/disabled`, { disabled: true }), as(second).put(`/api/admin/accounts/${admin.user.id}/disabled`, { disabled: true })]);
    const statuses = [a.status, b.status].sort();
    // Concurrent (PostgreSQL): the second to commit would leave no admin — 409 on `disabled`.
    // One after the other (PGlite runs one statement at a time): the second asker is already
    // disabled, so its session is refused — 401. Either way exactly one change happened.
    expect([
      [200, 409],
      [200, 401],
    ]).toContainEqual(statuses);
    const loser = a.status === 200 ? b : a;
    if (loser.status === 409) expect(fieldsOf(loser)).toEqual(['disabled']);
    // Restore: whoever is still enabled re-enables the other, then the extra admin role goes.
    if (a.status === 200) {
      await as(admin).put(`/api/admin/accounts/${zhang}/disabled`, { disabled: false }).expect(200);
    } else {
      await as(second).put(`/api/admin/accounts/${admin.user.id}/disabled`, { disabled: false }).expect(200);
      admin = await loginAs(t, DEMO.admin);
    }
    await as(admin)
      .put(`/api/admin/accounts/${zhang}/roles`, { roles: ['citizen'] })
      .expect(200);
  });

  it('settings: the LPR is validated, audited, and the consultation and its interest check use the new value', async () => {
    const list: PlatformSettingView[] = (await as(admin).get('/api/admin/settings').expect(200)).body;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'lpr.oneYearPercent', value: '3.00', defaultValue: '3.00', updatedAt: null })]));
    const before = (await t.http().get('/api/consultation').expect(200)).body;
    expect(before.lprPercent).toBe('3.00');
    // 12.5 % is above 4 × 3.00 % = 12 %.
    expect(checkInterest('12.5', before.lprPercent)).toMatchObject({ aboveCap: true });

    for (const value of ['abc', '0', '25', '3.123', '']) {
      const res = await as(admin).put('/api/admin/settings/lpr.oneYearPercent', { value }).expect(400);
      expect([value, fieldsOf(res)]).toEqual([value, ['value']]);
    }
    await as(admin).put('/api/admin/settings/no.such', { value: '1' }).expect(404);
    const saved: PlatformSettingView = (await as(admin).put('/api/admin/settings/lpr.oneYearPercent', { value: '3.2' }).expect(200)).body;
    expect(saved).toMatchObject({ value: '3.20', updatedById: admin.user.id });

    const after = (await t.http().get('/api/consultation').expect(200)).body;
    expect(after.lprPercent).toBe('3.20');
    // The cap is now 12.8 %: 12.5 % is within it.
    expect(checkInterest('12.5', after.lprPercent)).toMatchObject({ aboveCap: false });
    expect((await audit('setting.put'))[0]).toMatchObject({ actorId: admin.user.id, targetType: 'setting', detail: { key: 'lpr.oneYearPercent', before: '3.00', after: '3.20' } });
  });

  it("settings: R26 — the moment an agreement takes effect is configurable per organisation type, except the people's committee (PML 29: the seal)", async () => {
    const list: PlatformSettingView[] = (await as(admin).get('/api/admin/settings').expect(200)).body;
    expect(list.find((s) => s.key === 'agreement.effect.banking_insurance')).toMatchObject({ kind: 'choice', value: 'last_party_signature', choices: ['seal', 'last_party_signature'] });
    expect(list.find((s) => s.key === 'agreement.effect.peoples_mediation_committee')).toBeUndefined();
    await as(admin).put('/api/admin/settings/agreement.effect.peoples_mediation_committee', { value: 'last_party_signature' }).expect(404);
    const bad = await as(admin).put('/api/admin/settings/agreement.effect.banking_insurance', { value: 'sometimes' }).expect(400);
    expect(fieldsOf(bad)).toEqual(['value']);

    const db = t.app.get(DataSource);
    const bank = (await db.query(`SELECT id FROM organisation WHERE type = 'banking_insurance' LIMIT 1`))[0].id as string;
    const people = (await db.query(`SELECT id FROM organisation WHERE type = 'peoples_mediation_committee' LIMIT 1`))[0].id as string;
    const ruleOf = (organisationId: string) => effectRuleOf(db.manager, { organisationId } as MediationCase);
    expect(await ruleOf(bank)).toBe('last_party_signature');
    await as(admin).put('/api/admin/settings/agreement.effect.banking_insurance', { value: 'seal' }).expect(200);
    // The signing ceremony reads the rule in its transaction: the banking centre's next agreement waits for the seal.
    expect(await ruleOf(bank)).toBe('seal');
    expect(await ruleOf(people)).toBe('seal');
    expect((await audit('setting.put')).at(-1)).toMatchObject({ detail: { key: 'agreement.effect.banking_insurance', before: 'last_party_signature', after: 'seal' } });
    await as(admin).put('/api/admin/settings/agreement.effect.banking_insurance', { value: 'last_party_signature' }).expect(200);
  });

  it('calendar: a holiday override moves a working-day deadline computed afterwards (R07), with its reason audited', async () => {
    // Mon 2026-03-02 09:00 China: R07's 3 working days are 03-03, 03-04, 03-05.
    t.clock.set(cn('2026-03-02T09:00'));
    const applicant = await loginAs(t, DEMO.citizen);
    admin = await loginAs(t, DEMO.admin);
    const draft = await as(applicant)
      .post('/api/cases', {
        disputeType: 'private_loan',
        facts: '借款两万元，逾期未还，多次催讨无果。',
        claims: { amount: '20000' },
        region: '330106',
        applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X' },
        respondents: [{ name: '李四', mobile: DEMO.citizen2 }],
      })
      .expect(201);
    await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', applicant.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
    const c: CaseDetail = (await as(applicant).post(`/api/cases/${draft.body.id}/submit`, { version: draft.body.version, consent: true, noticeSeen: true }).expect(201)).body;
    const due = (x: CaseDetail) => x.deadlines.find((d) => d.kind === 'designateMediator')?.dueAt;
    expect(due(c)).toBe(endOf('2026-03-05'));

    for (const [body, field] of [
      [{ date: '2026-02-30', kind: 'holiday', reason: 'x' }, 'date'],
      [{ date: 'tomorrow', kind: 'holiday', reason: 'x' }, 'date'],
      [{ date: '2026-03-04', kind: 'off', reason: 'x' }, 'kind'],
      [{ date: '2026-03-04', kind: 'holiday', reason: ' ' }, 'reason'],
    ] as Array<[object, string]>) {
      expect([field, fieldsOf(await as(admin).post('/api/admin/calendar/overrides', body).expect(400))]).toEqual([field, [field]]);
    }
    const year: HolidayYearView = (await as(admin).post('/api/admin/calendar/overrides', { date: '2026-03-04', kind: 'holiday', reason: '台风停工' }).expect(201)).body;
    expect(year).toMatchObject({ source: 'admin', published: true });
    expect(year.holidays).toContain('2026-03-04');
    const after: CaseDetail = (await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body;
    expect(due(after)).toBe(endOf('2026-03-06'));
    expect((await audit('holiday_calendar.override'))[0]).toMatchObject({ actorId: admin.user.id, detail: { date: '2026-03-04', kind: 'holiday', reason: '台风停工' } });

    // And back: the day is worked again.
    await as(admin).post('/api/admin/calendar/overrides', { date: '2026-03-04', kind: 'working', reason: '恢复' }).expect(201);
    expect(due((await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body)).toBe(endOf('2026-03-05'));
    // Beyond the package's years: a year known only by its statutory holidays takes an override and stays unpublished.
    const far: HolidayYearView = (await as(admin).post('/api/admin/calendar/overrides', { date: '2099-10-09', kind: 'holiday', reason: '国庆调休' }).expect(201)).body;
    expect(far).toMatchObject({ year: 2099, source: 'admin', published: false });
    expect(far.holidays).toEqual(expect.arrayContaining(['2099-10-01', '2099-10-09']));
  });

  it('templates and dispute types: every notice previewed in both languages with its SMS length; each type with its questionnaire and agreement template', async () => {
    const previews: TemplatePreview[] = (await as(admin).get('/api/admin/templates?role=applicant').expect(200)).body;
    expect(previews.map((p) => p.key)).toEqual(Object.keys(TEMPLATES).sort());
    const submitted = previews.find((p) => p.key === 'case_submitted');
    expect(submitted?.text['zh-CN']).toContain('TJ-2026-000123');
    expect(submitted?.text.en).toContain('Application TJ-2026-000123');
    expect(submitted?.sms['zh-CN']).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    for (const p of previews) expect(p.sms['zh-CN'].segments).toBeLessThanOrEqual(2);
    expect(fieldsOf(await as(admin).get('/api/admin/templates?role=king').expect(400))).toEqual(['role']);

    const types = (await as(admin).get('/api/admin/dispute-types').expect(200)).body;
    const loan = types.find((d: { disputeType: string }) => d.disputeType === 'private_loan');
    expect(loan.questions.map((q: { id: string }) => q.id)).toContain('annual_rate_percent');
    expect(loan.agreementTemplate.disputedMatters).toContain('借款');
  });

  it('dispute types: the agreement template is worded by the admin (R25), audited, and the mediator’s template uses it; a reset restores the coded text', async () => {
    const mediator = await loginAs(t, DEMO.mediator);
    const who = { applicant: await loginAs(t, DEMO.citizen), respondent: await loginAs(t, DEMO.citizen2), dispatcher: await loginAs(t, DEMO.orgAdmin), mediator };
    const c = await mediatingCase(t, who);
    const coded = (await as(mediator).get(`/api/cases/${c.id}/agreement-template`).expect(200)).body.content;
    expect(coded.disputedMatters).toContain('借款本金');

    const wording = { disputedMatters: '借款本金、利息及还款安排（平台措辞）。', responsibilities: '借款人按期还款。', otherTerms: '本协议自各方签名并盖章后生效。' };
    for (const [body, field] of [
      [{ ...wording, disputedMatters: ' ' }, 'disputedMatters'],
      [{ ...wording, otherTerms: 'x'.repeat(4001) }, 'otherTerms'],
      [{ disputedMatters: 'x', responsibilities: 'x' }, 'otherTerms'],
    ] as Array<[object, string]>) {
      expect([field, [...new Set(fieldsOf(await as(admin).put('/api/admin/dispute-types/private_loan/agreement-template', body).expect(400)))]]).toEqual([field, [field]]);
    }
    await as(admin).put('/api/admin/dispute-types/piracy/agreement-template', wording).expect(404);
    const saved = (await as(admin).put('/api/admin/dispute-types/private_loan/agreement-template', wording).expect(200)).body;
    expect(saved).toMatchObject({ disputeType: 'private_loan', templateEdited: true, agreementTemplate: wording });
    const now = (await as(mediator).get(`/api/cases/${c.id}/agreement-template`).expect(200)).body.content;
    expect(now).toMatchObject({ ...wording, facts: '借款两万元，逾期未还，多次催讨无果。' });
    expect((await audit('agreement_template.put'))[0]).toMatchObject({
      actorId: admin.user.id,
      targetType: 'dispute_type',
      detail: { disputeType: 'private_loan', before: { disputedMatters: coded.disputedMatters }, after: wording },
    });

    await t.http().delete('/api/admin/dispute-types/private_loan/agreement-template').set('Authorization', admin.auth).expect(200);
    expect((await as(mediator).get(`/api/cases/${c.id}/agreement-template`).expect(200)).body.content.disputedMatters).toBe(coded.disputedMatters);
  });

  it('the audit view lists each change with who and when, filtered by actor, entity and date, paginated', async () => {
    const all: AdminPage<AuditEntryView> = (await as(admin).get('/api/admin/audit?pageSize=100').expect(200)).body;
    expect(all.total).toBeGreaterThan(5);
    const times = all.items.map((a) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const orgs: AdminPage<AuditEntryView> = (await as(admin).get('/api/admin/audit?entity=organisation').expect(200)).body;
    expect(orgs.items.map((a) => a.action).sort()).toEqual(['organisation.created', 'organisation.updated']);
    expect(orgs.items[0]).toMatchObject({ actorName: '系统管理员', targetType: 'organisation' });
    const byActor: AdminPage<AuditEntryView> = (
      await as(admin)
        .get(`/api/admin/audit?actor=${encodeURIComponent('系统管理员')}&entity=setting`)
        .expect(200)
    ).body;
    // The LPR change and R26's two changes of the banking centre's rule (earlier tests), the admin's only setting rows.
    expect(byActor.items.map((a) => a.action)).toEqual(['setting.put', 'setting.put', 'setting.put']);
    expect((await as(admin).get('/api/admin/audit?actor=nobody-at-all').expect(200)).body.total).toBe(0);
    const page2: AdminPage<AuditEntryView> = (await as(admin).get('/api/admin/audit?pageSize=2&page=2').expect(200)).body;
    expect(page2.items.map((a) => a.id)).toEqual(all.items.slice(2, 4).map((a) => a.id));
    // Audit rows carry the database's time (not the test clock's): today, in China.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await as(admin).get(`/api/admin/audit?from=${today}&to=${today}&entity=holiday_calendar`).expect(200)).body.total).toBe(3);
    expect((await as(admin).get('/api/admin/audit?from=2000-01-01&to=2000-01-02').expect(200)).body.total).toBe(0);
    expect(fieldsOf(await as(admin).get('/api/admin/audit?from=2026-02-30').expect(400))).toEqual(['from']);
    expect(fieldsOf(await as(admin).get('/api/admin/audit?entity=DROP TABLE').expect(400))).toEqual(['entity']);
  });
});
