import type { CaseDetail, MediatorRatingsSummary, PublicMediatorProfile, RosterMediatorView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { mediatingCase, PNG, type Login } from './fixtures';
import { DEMO, latestCode, loginAs, startTestApp, type TestApp } from './harness';

/**
 * Issue #13: the roster (R05, R39) and satisfaction. Against the real application and database:
 * org admins manage their own roster only; an invited mediator gets an account and logs in by
 * SMS code; a suspended mediator is not offered, not assignable and takes no new case; a party
 * rates an ended case once; the mediator sees aggregates only.
 */
describe('issue #13: roster and mediators (R05, R39)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: Login, bankAdmin: Login, sysAdmin: Login, mediator: Login, mediator2: Login, applicant: Login, respondent: Login;
  let orgId: string, bankOrgId: string;
  const http = () => t.http();

  async function newCase(): Promise<CaseDetail> {
    const draft = await http()
      .post('/api/cases')
      .set('Authorization', applicant.auth)
      .send({
        disputeType: 'private_loan',
        facts: '借款一万元，逾期未还。',
        claims: { amount: '10000' },
        region: '330106',
        applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X', address: '杭州市西湖区文三路1号' },
        respondents: [{ name: '王五', mobile: '13800000009', address: '杭州市西湖区文二路2号' }], // not 李四: the fixture reads 李四's newest invitation
      })
      .expect(201);
    await http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', applicant.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
    const c = (await http().post(`/api/cases/${draft.body.id}/submit`).set('Authorization', applicant.auth).send({ version: draft.body.version, consent: true, noticeSeen: true }).expect(201)).body;
    return (await http().post(`/api/cases/${c.id}/accept`).set('Authorization', admin.auth).send({ version: c.version }).expect(201)).body;
  }
  const roster = async (who = admin, org = orgId) => (await http().get(`/api/organisations/${org}/roster`).set('Authorization', who.auth).expect(200)).body as RosterMediatorView[];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, bankAdmin, sysAdmin, mediator, mediator2, applicant, respondent] = await Promise.all(
      [DEMO.orgAdmin, '13900000005', DEMO.admin, DEMO.mediator, DEMO.mediator2, DEMO.citizen, DEMO.citizen2].map((m) => loginAs(t, m)),
    );
    orgId = (await http().get('/api/roster/organisations').set('Authorization', admin.auth).expect(200)).body[0].id;
    bankOrgId = (await http().get('/api/roster/organisations').set('Authorization', bankAdmin.auth).expect(200)).body[0].id;
    expect(orgId).not.toBe(bankOrgId);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an org admin manages only its own roster: another organisation’s is 404; a mediator or citizen gets 404; a system admin may', async () => {
    const list = await roster();
    expect(list.map((m) => m.name)).toEqual(expect.arrayContaining(['王调解', '钱调解']));
    expect(list.every((m) => m.status === 'active')).toBe(true);
    const bankMediatorId = (await roster(bankAdmin, bankOrgId))[0].userId;
    await http().get(`/api/organisations/${bankOrgId}/roster`).set('Authorization', admin.auth).expect(404);
    await http().post(`/api/organisations/${bankOrgId}/roster`).set('Authorization', admin.auth).send({ mobile: '13911110000', name: '外人' }).expect(404);
    await http()
      .patch(`/api/organisations/${bankOrgId}/roster/${bankMediatorId}`)
      .set('Authorization', admin.auth)
      .send({ expertise: ['x'] })
      .expect(404);
    await http().post(`/api/organisations/${bankOrgId}/roster/${bankMediatorId}/suspend`).set('Authorization', admin.auth).send({ reason: 'x' }).expect(404);
    await http().get(`/api/organisations/${bankOrgId}/ratings`).set('Authorization', admin.auth).expect(404);
    // A mediator of A is on A's roster, not its admin; a mediator of A is not on B's roster (admin of B editing it: 404).
    await http().get(`/api/organisations/${orgId}/roster`).set('Authorization', mediator.auth).expect(404);
    await http().get(`/api/organisations/${orgId}/roster`).set('Authorization', applicant.auth).expect(404);
    await http()
      .patch(`/api/organisations/${bankOrgId}/roster/${mediator.user.id}`)
      .set('Authorization', bankAdmin.auth)
      .send({ expertise: ['x'] })
      .expect(404);
    expect((await roster(sysAdmin)).length).toBe(list.length);
  });

  it('invites a new mediator by mobile: the account and membership are created, an SMS goes out, the mediator logs in by code; again is 409', async () => {
    const bad = await http().post(`/api/organisations/${orgId}/roster`).set('Authorization', admin.auth).send({ mobile: '1234', name: '' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['mobile', 'name']));
    const res = await http().post(`/api/organisations/${orgId}/roster`).set('Authorization', admin.auth).send({ mobile: '139 1111 2222', name: '孙新调' }).expect(201);
    const view = res.body as RosterMediatorView;
    expect(view).toMatchObject({ name: '孙新调', mobile: '13911112222', status: 'active' });
    const [user] = await db.query(`SELECT id, roles, password_hash FROM app_user WHERE mobile = '13911112222'`);
    expect(user.roles).toEqual(expect.arrayContaining(['mediator']));
    expect(user.password_hash).toBeNull();
    expect(await db.query(`SELECT status FROM membership WHERE user_id = $1 AND organisation_id = $2 AND role = 'mediator'`, [user.id, orgId])).toEqual([{ status: 'active' }]);
    await t.app.get(NotificationDispatcher).dispatchDue();
    const sms = (await http().get('/api/dev/sms').query({ mobile: '13911112222' }).expect(200)).body as Array<{ body: string }>;
    expect(sms.some((m) => m.body.includes('调解员') && m.body.includes('/login'))).toBe(true);
    await http().post(`/api/organisations/${orgId}/roster`).set('Authorization', admin.auth).send({ mobile: '13911112222', name: '孙新调' }).expect(409);
    // The new mediator logs in by SMS code and is on the public roster (R05, R07).
    t.clock.advance(61_000);
    await http().post('/api/auth/otp').send({ mobile: '13911112222', purpose: 'login' }).expect(202);
    const code = await latestCode(t, '13911112222');
    const login = await http().post('/api/auth/login/otp').send({ mobile: '13911112222', code, transport: 'api' }).expect(200);
    expect(login.body.user.roles).toContain('mediator');
    const publicRoster = (await http().get('/api/mediators').query({ organisationId: orgId }).expect(200)).body as Array<{ id: string }>;
    expect(publicRoster.map((m) => m.id)).toContain(user.id);
    // Every change audited.
    expect(await db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'roster.%'`, [user.id])).toEqual([{ action: 'roster.invite' }]);
  });

  it('edits the profile and keeps certification and training records with their expiry (R39); bad input names the field', async () => {
    const url = `/api/organisations/${orgId}/roster/${mediator.user.id}`;
    const bad = await http()
      .patch(url)
      .set('Authorization', admin.auth)
      .send({ disputeTypes: ['astrology'], regions: ['abc'] })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['disputeTypes', 'regions']));
    const edited = (
      await http()
        .patch(url)
        .set('Authorization', admin.auth)
        .send({ languages: ['普通话', '杭州话'], regions: ['330106'], expertise: ['民间借贷'], bioEn: 'Ten years of loans.' })
        .expect(200)
    ).body as RosterMediatorView;
    expect(edited).toMatchObject({ languages: ['普通话', '杭州话'], regions: ['330106'], bioEn: 'Ten years of loans.' });
    // Today is 2026-03-02 (China).
    const cred = (body: object) => http().post(`${url}/credentials`).set('Authorization', admin.auth).send(body);
    await cred({ kind: 'certification', title: '人民调解员证', issuedOn: '2020-01-01', expiresOn: '2026-02-01' }).expect(201);
    await cred({ kind: 'training', title: '民法典培训', issuedOn: '2025-03-01', expiresOn: '2026-03-20' }).expect(201);
    const last = (await cred({ kind: 'certification', title: '律师资格', issuedOn: '2021-01-01', expiresOn: '2030-01-01' }).expect(201)).body as RosterMediatorView;
    expect(Object.fromEntries(last.credentials.map((c) => [c.title, c.expiry]))).toEqual({ 人民调解员证: 'expired', 民法典培训: 'expiring', 律师资格: 'valid' });
    const badDate = await cred({ kind: 'degree', title: 'x', issuedOn: '2021-13-01' }).expect(400);
    expect(badDate.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['kind', 'issuedOn']));
    await cred({ kind: 'training', title: 'x', issuedOn: '2025-01-01', expiresOn: '2024-01-01' }).expect(400);
    // The photo is sniffed from the bytes: text named .png is refused; a PNG is served publicly.
    await http().post(`${url}/photo`).set('Authorization', admin.auth).attach('file', Buffer.from('not an image'), 'a.png').expect(400);
    const withPhoto = (await http().post(`${url}/photo`).set('Authorization', admin.auth).attach('file', PNG, 'me.png').expect(200)).body as RosterMediatorView;
    expect(withPhoto.photoUrl).toBe(`/api/mediators/${mediator.user.id}/photo`);
    const photo = await http().get(withPhoto.photoUrl!).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');
    const actions = (await db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'roster.%'`, [mediator.user.id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['roster.profile_updated', 'roster.credential_added', 'roster.photo_set']));
  });

  it('R39: a suspended mediator is not offered for choice, not proposed, not assignable and cannot take a new case; open cases show for reassignment; resume and leave', async () => {
    const c = await newCase();
    const pending = (await http().post(`/api/cases/${c.id}/assignments`).set('Authorization', admin.auth).send({ version: c.version, mediatorId: mediator2.user.id }).expect(201)).body as CaseDetail;
    const url = `/api/organisations/${orgId}/roster/${mediator2.user.id}`;
    await http().post(`${url}/suspend`).set('Authorization', admin.auth).send({ reason: '' }).expect(400);
    const suspended = (await http().post(`${url}/suspend`).set('Authorization', admin.auth).send({ reason: '投诉调查期间' }).expect(200)).body as RosterMediatorView;
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: '投诉调查期间' });
    expect(suspended.needsReassignment.map((x) => x.caseId)).toEqual([c.id]);
    // Not offered to parties (R07), not proposed, not on the public roster, no public profile.
    const choice = (await http().get(`/api/cases/${c.id}/mediator-choice`).set('Authorization', applicant.auth).expect(200)).body;
    expect(choice.roster.map((m: { id: string }) => m.id)).not.toContain(mediator2.user.id);
    const proposals = (await http().get(`/api/cases/${c.id}/mediator-proposals`).set('Authorization', admin.auth).expect(200)).body;
    expect(proposals.map((m: { id: string }) => m.id)).not.toContain(mediator2.user.id);
    expect(((await http().get('/api/mediators').expect(200)).body as Array<{ id: string }>).map((m) => m.id)).not.toContain(mediator2.user.id);
    await http().get(`/api/mediators/${mediator2.user.id}/profile`).expect(404);
    // Cannot take the pending case, nor be assigned another.
    const take = await http().post(`/api/cases/${c.id}/assignment/accept`).set('Authorization', mediator2.auth).send({ version: pending.version }).expect(409);
    expect(take.body.fields[0].constraint).toBe('R39_not_active');
    const other = await newCase();
    const refused = await http().post(`/api/cases/${other.id}/assignments`).set('Authorization', admin.auth).send({ version: other.version, mediatorId: mediator2.user.id }).expect(400);
    expect(refused.body.fields[0].field).toBe('mediatorId');
    // Resumed: takes the case again.
    await http().post(`${url}/resume`).set('Authorization', admin.auth).send({}).expect(200);
    const v = (await http().get(`/api/cases/${c.id}`).set('Authorization', mediator2.auth).expect(200)).body.version;
    await http().post(`/api/cases/${c.id}/assignment/accept`).set('Authorization', mediator2.auth).send({ version: v }).expect(201);
    // Leaves: the membership ends but stays as history; the open case needs reassignment; leaving again is 409.
    const left = (await http().post(`${url}/leave`).set('Authorization', admin.auth).send({ reason: '调离' }).expect(200)).body as RosterMediatorView;
    expect(left.status).toBe('left');
    expect(left.needsReassignment.map((x) => x.caseId)).toEqual([c.id]);
    await http().post(`${url}/leave`).set('Authorization', admin.auth).send({}).expect(409);
    // The profile is the mediator's: an organisation they left no longer edits it, nor its photo.
    await http()
      .patch(url)
      .set('Authorization', admin.auth)
      .send({ expertise: ['改写'] })
      .expect(409);
    await http().post(`${url}/photo`).set('Authorization', admin.auth).attach('file', PNG, 'me.png').expect(409);
    // R39: one who left no longer acts on the organisation's cases, though still assigned until reassigned.
    await http().get(`/api/cases/${c.id}`).set('Authorization', mediator2.auth).expect(404);
    expect((await http().get(`/api/cases/${c.id}/channels`).set('Authorization', mediator2.auth)).body).not.toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'notes' })]));
    const queue = (await http().get('/api/cases?scope=assigned').set('Authorization', mediator2.auth).expect(200)).body;
    expect(queue.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    await http().post(`${url}/resume`).set('Authorization', admin.auth).send({}).expect(409);
    expect((await roster()).find((m) => m.userId === mediator2.user.id)?.status).toBe('left');
    const audit = (await db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'roster.%' ORDER BY created_at`, [mediator2.user.id])).map((r: { action: string }) => r.action);
    expect(audit).toEqual(['roster.suspend', 'roster.resume', 'roster.leave']);
    // Invited again after leaving: active again (the same membership row).
    await http().post(`/api/organisations/${orgId}/roster`).set('Authorization', admin.auth).send({ mobile: DEMO.mediator2, name: '钱调解' }).expect(201);
    expect(await db.query(`SELECT count(*)::int AS n FROM membership WHERE user_id = $1 AND role = 'mediator'`, [mediator2.user.id])).toEqual([{ n: 1 }]);
  });

  describe('satisfaction: a party rates an ended case once; the mediator sees aggregates only', () => {
    let caseId: string;
    let stranger: Login;

    beforeAll(async () => {
      const c = await mediatingCase(t, { applicant, respondent, dispatcher: admin, mediator });
      caseId = c.id;
      await http().post('/api/auth/otp').send({ mobile: '13766667777', purpose: 'register' }).expect(202);
      const code = await latestCode(t, '13766667777');
      const reg = await http().post('/api/auth/register').send({ mobile: '13766667777', code, password: 'outsider-pass', name: '路人', transport: 'api' }).expect(201);
      stranger = { ...reg.body, auth: `Bearer ${reg.body.accessToken}` };
    });

    it('refuses a rating before the end (409), from a non-party (404) and from staff (403)', async () => {
      await http().post(`/api/cases/${caseId}/rating`).set('Authorization', applicant.auth).send({ score: 5 }).expect(409);
      expect((await http().get(`/api/cases/${caseId}/rating`).set('Authorization', applicant.auth).expect(200)).body).toMatchObject({ ended: false, canRate: false });
      expect(await db.query(`SELECT count(*)::int AS n FROM notification WHERE case_id = $1 AND template = 'rating_invited'`, [caseId])).toEqual([{ n: 0 }]);
    });

    it('asks each party once (in-app and SMS with a link, R19: no content), takes one rating per party', async () => {
      const v = (await http().get(`/api/cases/${caseId}`).set('Authorization', mediator.auth).expect(200)).body.version;
      await http()
        .post(`/api/cases/${caseId}/ending/terminate`)
        .set('Authorization', mediator.auth)
        .send({ version: v, reasonCode: 'positions_too_far', situation: '双方分歧较大，无法达成一致。' })
        .expect(200);
      const notices = await db.query(`SELECT recipient_role, channel FROM notification WHERE case_id = $1 AND template = 'rating_invited' ORDER BY recipient_role, channel`, [caseId]);
      expect(notices).toEqual([
        { recipient_role: 'applicant', channel: 'in_app' },
        { recipient_role: 'applicant', channel: 'sms' },
        { recipient_role: 'respondent', channel: 'in_app' },
        { recipient_role: 'respondent', channel: 'sms' },
      ]);
      await t.app.get(NotificationDispatcher).dispatchDue();
      const sms = ((await http().get('/api/dev/sms').query({ mobile: DEMO.citizen }).expect(200)).body as Array<{ body: string }>).find((m) => m.body.includes('?rate=1'));
      expect(sms?.body).toContain(`/cases/${caseId}?rate=1`);
      expect(sms?.body).not.toMatch(/借款|分歧|张三|李四/);

      await http().post(`/api/cases/${caseId}/rating`).set('Authorization', stranger.auth).send({ score: 1 }).expect(404);
      await http().post(`/api/cases/${caseId}/rating`).set('Authorization', mediator.auth).send({ score: 5 }).expect(403);
      const bad = await http()
        .post(`/api/cases/${caseId}/rating`)
        .set('Authorization', applicant.auth)
        .send({ score: 6, comment: 'x'.repeat(501) })
        .expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['score', 'comment']));
      const done = (await http().post(`/api/cases/${caseId}/rating`).set('Authorization', applicant.auth).send({ score: 4, comment: '调解员很耐心' }).expect(201)).body;
      expect(done).toMatchObject({ canRate: false, ended: true, mine: { score: 4, comment: '调解员很耐心' } });
      await http().post(`/api/cases/${caseId}/rating`).set('Authorization', applicant.auth).send({ score: 1 }).expect(409);
      const [row] = await db.query(`SELECT mediator_user_id, organisation_id, score FROM case_rating WHERE case_id = $1`, [caseId]);
      expect(row).toEqual({ mediator_user_id: mediator.user.id, organisation_id: orgId, score: 4 });
    });

    it('the mediator sees the aggregate only (no comment below 3 ratings; then shuffled bare text); the admin sees comments; the public profile from 3', async () => {
      let mine = (await http().get('/api/me/ratings').set('Authorization', mediator.auth).expect(200)).body as MediatorRatingsSummary;
      expect(mine).toEqual({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0], comments: [] });
      let profile = (await http().get(`/api/mediators/${mediator.user.id}/profile`).expect(200)).body as PublicMediatorProfile;
      expect(profile.satisfaction).toBeNull();
      expect(profile.casesHandled).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(profile)).not.toContain(DEMO.mediator);
      // R27: the case closed and archived; its parties may still rate (the rating is not the case file).
      await db.query(`UPDATE mediation_case SET archived_at = now() WHERE id = $1`, [caseId]);
      await http().post(`/api/cases/${caseId}/rating`).set('Authorization', respondent.auth).send({ score: 2, comment: '不够中立' }).expect(201);
      // A third rating (another ended case's party), written directly: the fixture needs only the row.
      await db.query(`INSERT INTO case_rating (case_id, user_id, mediator_user_id, organisation_id, score, comment) VALUES ($1, $2, $3, $4, 5, '')`, [
        caseId,
        stranger.user.id,
        mediator.user.id,
        orgId,
      ]);
      mine = (await http().get('/api/me/ratings').set('Authorization', mediator.auth).expect(200)).body;
      expect(mine.count).toBe(3);
      expect(mine.average).toBe(3.7);
      expect([...mine.comments].sort()).toEqual(['不够中立', '调解员很耐心'].sort());
      // No comment is linked to a party: bare strings, no ids, dates or names anywhere in the answer.
      const text = JSON.stringify(mine);
      for (const leak of [applicant.user.id, respondent.user.id, caseId, '张三', '李四', '2026-']) expect(text).not.toContain(leak);
      expect(mine.comments.every((c) => typeof c === 'string')).toBe(true);
      profile = (await http().get(`/api/mediators/${mediator.user.id}/profile`).expect(200)).body;
      expect(profile.satisfaction).toEqual({ average: 3.7, count: 3 });
      const org = (await http().get(`/api/organisations/${orgId}/ratings`).set('Authorization', admin.auth).expect(200)).body as Array<{ comment: string; mediatorName: string }>;
      expect(org.map((r) => r.comment)).toEqual(expect.arrayContaining(['调解员很耐心', '不够中立']));
      const view = (await roster()).find((m) => m.userId === mediator.user.id);
      expect(view).toMatchObject({ ratingCount: 3, ratingAverage: 3.7 });
    });

    it('回访: follow-ups need an agreement, are for staff only (a party gets 404) and are recorded once', async () => {
      // The terminated case has no agreement.
      await http().post(`/api/cases/${caseId}/follow-ups`).set('Authorization', admin.auth).send({ dueOn: '2026-03-10', method: 'phone' }).expect(409);
      await db.query(`UPDATE mediation_case SET state = 'SETTLED' WHERE id = $1`, [caseId]);
      const bad = await http().post(`/api/cases/${caseId}/follow-ups`).set('Authorization', mediator.auth).send({ dueOn: 'soon', method: 'fax' }).expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['dueOn', 'method']));
      const list = (await http().post(`/api/cases/${caseId}/follow-ups`).set('Authorization', mediator.auth).send({ dueOn: '2026-03-02', method: 'visit', notes: '上门了解还款情况' }).expect(201))
        .body;
      expect(list).toEqual([expect.objectContaining({ method: 'visit', due: true, performanceStatus: null, scheduledByName: '王调解' })]);
      await http().get(`/api/cases/${caseId}/follow-ups`).set('Authorization', applicant.auth).expect(404);
      await http().get(`/api/cases/${caseId}/follow-ups`).set('Authorization', stranger.auth).expect(404);
      expect((await http().get('/api/me/follow-ups').set('Authorization', admin.auth).expect(200)).body.map((f: { caseId: string }) => f.caseId)).toContain(caseId);
      const done = (
        await http().post(`/api/cases/${caseId}/follow-ups/${list[0].id}/result`).set('Authorization', admin.auth).send({ performanceStatus: 'partly', resultNotes: '已还一半' }).expect(201)
      ).body;
      expect(done[0]).toMatchObject({ performanceStatus: 'partly', resultNotes: '已还一半', due: false });
      await http().post(`/api/cases/${caseId}/follow-ups/${list[0].id}/result`).set('Authorization', admin.auth).send({ performanceStatus: 'performed' }).expect(409);
      // The case page of a party carries nothing of it.
      const partyView = JSON.stringify((await http().get(`/api/cases/${caseId}`).set('Authorization', applicant.auth).expect(200)).body);
      expect(partyView).not.toContain('上门了解还款情况');
    });
  });
});
