import type { CaseDetail, PublicOrganisation } from '@tiaojie/contracts';
import { PNG } from './fixtures';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';

/**
 * Issue #11 "Routing to an office nobody staffs": automatic routing goes only to organisations
 * that can take the case now — an active dispatcher and an active mediator for the dispute
 * type — and the public list says which those are, so the filing screen recommends the same.
 */
describe('routing only to organisations that can take the case now (issue #11)', () => {
  let t: TestApp;
  let citizen: Awaited<ReturnType<typeof loginAs>>;
  let admin: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    t = await startTestApp();
    citizen = await loginAs(t, DEMO.citizen);
    admin = await loginAs(t, DEMO.admin);
  });
  afterAll(() => t.close());

  async function file(disputeType: string, organisationId?: string) {
    const draft = await t
      .http()
      .post('/api/cases')
      .set('Authorization', citizen.auth)
      .send({
        disputeType,
        facts: '邻居装修噪音持续三个月，多次沟通无果。',
        claims: { otherRequests: '停止夜间施工' },
        region: '330106',
        ...(organisationId ? { organisationId } : {}),
        applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X' },
        respondents: [{ name: '李四', mobile: DEMO.citizen2 }],
      })
      .expect(201);
    await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', citizen.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
    return t.http().post(`/api/cases/${draft.body.id}/submit`).set('Authorization', citizen.auth).send({ version: draft.body.version, consent: true, noticeSeen: true });
  }
  const organisations = async () => (await t.http().get('/api/organisations').expect(200)).body as PublicOrganisation[];

  it('the public list tells which dispute types each organisation can take now', async () => {
    const list = await organisations();
    const police = list.find((o) => o.type === 'police_mediation')!;
    const people = list.find((o) => o.type === 'peoples_mediation_committee')!;
    // The police office handles neighbour disputes but has neither a dispatcher nor a mediator.
    expect(police.disputeTypes).toContain('family_neighbour');
    expect(police.takesNow).toEqual([]);
    expect(people.takesNow).toEqual(expect.arrayContaining(['family_neighbour', 'private_loan', 'labour']));
  });

  it('a neighbour dispute goes to the staffed committee, not the nearer police office nobody staffs', async () => {
    const res = await file('family_neighbour');
    expect(res.status).toBe(201);
    expect((res.body as CaseDetail).organisationName).toBe('西湖区人民调解委员会');
  });

  it('a chosen organisation that cannot take the case now is passed over for one that can', async () => {
    const police = (await organisations()).find((o) => o.type === 'police_mediation')!;
    const res = await file('family_neighbour', police.id);
    expect(res.status).toBe(201);
    expect((res.body as CaseDetail).organisationName).toBe('西湖区人民调解委员会');
  });

  it('with its only mediator for the type disabled, the committee no longer takes that type; with no one, a clear 422 on region', async () => {
    // 王调解 (13900000001) is the committee's only mediator for neighbour disputes.
    const users = (await t.http().get('/api/admin/users').set('Authorization', admin.auth).expect(200)).body as Array<{ id: string; mobile: string }>;
    const wang = users.find((u) => u.mobile === DEMO.mediator)!;
    await t.http().patch(`/api/admin/users/${wang.id}`).set('Authorization', admin.auth).send({ disabled: true, reason: 'issue #11 test' }).expect(200);
    try {
      const people = (await organisations()).find((o) => o.type === 'peoples_mediation_committee')!;
      expect(people.takesNow).not.toContain('family_neighbour');
      expect(people.takesNow).toContain('private_loan'); // 钱调解 still handles loans
      const res = await file('family_neighbour');
      expect(res.status).toBe(422);
      expect(res.body.fields).toEqual([expect.objectContaining({ field: 'region', constraint: 'noOrganisation' })]);
    } finally {
      await t.http().patch(`/api/admin/users/${wang.id}`).set('Authorization', admin.auth).send({ disabled: false }).expect(200);
    }
  });

  it('with its dispatcher disabled, the committee takes nothing', async () => {
    const users = (await t.http().get('/api/admin/users').set('Authorization', admin.auth).expect(200)).body as Array<{ id: string; mobile: string }>;
    const chen = users.find((u) => u.mobile === DEMO.orgAdmin)!;
    await t.http().patch(`/api/admin/users/${chen.id}`).set('Authorization', admin.auth).send({ disabled: true }).expect(200);
    try {
      const people = (await organisations()).find((o) => o.type === 'peoples_mediation_committee')!;
      expect(people.takesNow).toEqual([]);
      expect((await file('private_loan')).status).toBe(422);
    } finally {
      await t.http().patch(`/api/admin/users/${chen.id}`).set('Authorization', admin.auth).send({ disabled: false }).expect(200);
    }
  });
});
