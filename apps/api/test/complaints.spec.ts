import type { CaseAccessLogEntry, CaseDetail, ComplaintDetail, ComplaintView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity';
import { CaseAccessLog } from '../src/cases/case-access-log.entity';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { Notification } from '../src/notifications/notification.entity';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { PNG, mediatingCase, type Login } from './fixtures';

const DAY = 24 * 3600_000;

/**
 * R38: the complaint channel — filing (a case link only by a party), evidence, the handling
 * workflow received → investigating → decided → told, per-organisation permissions, the
 * mediator complained about not seeing the complainant, deadlines escalating to the supervisor
 * (the organisation's 司法局 staff; the system admin for an organisation without one), and R19: a leak complaint shows its handler the case's access log.
 */
describe('R38 complaints (integration)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, bankMediator: Login, intake: Login, admin: Login, bureau: Login;
  let c: CaseDetail;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator, bankMediator, intake, admin, bureau] = await Promise.all(
      [DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator, DEMO.bankMediator, DEMO.intake, DEMO.admin, DEMO.bureau].map((m) => loginAs(t, m)),
    );
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function relogin() {
    for (const who of [applicant, respondent, dispatcher, mediator, bankMediator, intake, admin, bureau]) Object.assign(who, await loginAs(t, who.user.mobile));
  }
  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
  });
  const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((f) => f.field);
  const notices = (template: string) => db.getRepository(Notification).find({ where: { template } });
  const fileAboutMediator = async (who: Login, extra: object = {}): Promise<ComplaintDetail> =>
    (
      await as(who)
        .post('/api/complaints', { subjectKind: 'mediator', mediatorId: mediator.user.id, caseId: c.id, ground: 'rudeness', description: '调解员多次呵斥我，不让我说话。', ...extra })
        .expect(201)
    ).body;

  it('R38: a party files about the mediator of its case with evidence; the organisation’s admin and the complainant are told', async () => {
    const filed = await fileAboutMediator(applicant);
    expect(filed).toMatchObject({ status: 'received', viewerRole: 'complainant', subjectKind: 'mediator', mediatorName: '王调解', caseNumber: c.number, organisationName: '西湖区人民调解委员会' });
    expect(new Date(filed.acknowledgeBy).getTime()).toBeLessThan(new Date(filed.decideBy).getTime());
    expect(filed.actions).toContain('add_evidence');
    const ev = await t.http().post(`/api/complaints/${filed.id}/evidence`).set('Authorization', applicant.auth).attach('file', PNG, 'shot.png').expect(201);
    expect(ev.body).toMatchObject({ mimeType: 'image/png', fileName: 'shot.png' });
    // Sniffed from the bytes: a text file is refused, naming the field.
    const bad = await t.http().post(`/api/complaints/${filed.id}/evidence`).set('Authorization', applicant.auth).attach('file', Buffer.from('hello'), 'x.png').expect(415);
    expect(fieldsOf(bad.body)).toContain('file');
    const mine: ComplaintView[] = (await as(applicant).get('/api/complaints?scope=mine').expect(200)).body;
    expect(mine.map((x) => x.id)).toContain(filed.id);
    const queue: ComplaintView[] = (await as(dispatcher).get('/api/complaints?scope=queue').expect(200)).body;
    expect(queue.find((x) => x.id === filed.id)).toMatchObject({ viewerRole: 'handler', complainantName: '张三' });
    const handlerView: ComplaintDetail = (await as(dispatcher).get(`/api/complaints/${filed.id}`).expect(200)).body;
    expect(handlerView.evidence).toHaveLength(1);
    await as(dispatcher).get(`/api/complaints/${filed.id}/evidence/${ev.body.id}`).expect(200);
    expect((await notices('complaint_filed')).some((n) => n.recipientUserId === applicant.user.id)).toBe(true);
    expect((await notices('complaint_received')).some((n) => n.recipientUserId === dispatcher.user.id)).toBe(true);
    expect(await db.getRepository(AuditLog).count({ where: { targetId: filed.id, action: 'complaint.filed' } })).toBe(1);
  });

  it('R38: only a party of a case may link it; anyone logged in may file a public complaint about an organisation', async () => {
    const notParty = await as(intake).post('/api/complaints', { subjectKind: 'organisation', caseId: c.id, ground: 'delay', description: '一直没人处理。' }).expect(422);
    expect(fieldsOf(notParty.body)).toContain('caseId');
    const orgs = (await t.http().get('/api/organisations').expect(200)).body as Array<{ id: string; name: string }>;
    const people = orgs.find((o) => o.name === '西湖区人民调解委员会')!;
    const pub = await as(intake).post('/api/complaints', { subjectKind: 'organisation', organisationId: people.id, ground: 'refusal_to_mediate', description: '窗口拒绝受理邻里纠纷。' }).expect(201);
    expect(pub.body).toMatchObject({ caseId: null, organisationId: people.id });
    // From the case: the organisation is the case's.
    const fromCase = await as(respondent).post('/api/complaints', { subjectKind: 'organisation', caseId: c.id, ground: 'forced_mediation', description: '被要求必须接受调解方案。' }).expect(201);
    expect(fromCase.body.organisationId).toBe(people.id);
  });

  it('R38: an org admin sees only complaints about its organisation or its mediators; others get 404; the mediator complained about never sees who complained', async () => {
    const aboutBank: ComplaintDetail = (
      await as(respondent).post('/api/complaints', { subjectKind: 'mediator', mediatorId: bankMediator.user.id, ground: 'bribery_or_favours', description: '调解员暗示要好处费。' }).expect(201)
    ).body;
    const queue: ComplaintView[] = (await as(dispatcher).get('/api/complaints?scope=queue').expect(200)).body;
    expect(queue.map((x) => x.id)).not.toContain(aboutBank.id);
    await as(dispatcher).get(`/api/complaints/${aboutBank.id}`).expect(404);
    await as(dispatcher).post(`/api/complaints/${aboutBank.id}/investigate`).expect(404);
    await as(applicant).get(`/api/complaints/${aboutBank.id}`).expect(404);
    expect((await as(applicant).get('/api/complaints?scope=mine').expect(200)).body.map((x: ComplaintView) => x.id)).not.toContain(aboutBank.id);
    // A mediator has no queue; a citizen neither.
    await as(mediator).get('/api/complaints?scope=queue').expect(403);
    // The mediator complained about: ground and status, never the complainant, description, evidence or case.
    const own = await fileAboutMediator(applicant, { ground: 'delay', description: '拖了两周不联系。' });
    const aboutMe: ComplaintView[] = (await as(mediator).get('/api/complaints?scope=about_me').expect(200)).body;
    const seen = aboutMe.find((x) => x.id === own.id)!;
    expect(seen).toMatchObject({ viewerRole: 'subject', complainantName: null, description: null, caseId: null, caseNumber: null, ground: 'delay' });
    const seenDetail: ComplaintDetail = (await as(mediator).get(`/api/complaints/${own.id}`).expect(200)).body;
    expect(seenDetail.evidence).toEqual([]);
    expect(JSON.stringify(seenDetail)).not.toContain('张三');
    await as(mediator).post(`/api/complaints/${own.id}/investigate`).expect(403);
  });

  it('R38: received → investigating → decided → told; internal notes never reach the complainant; every step audited', async () => {
    const filed = await fileAboutMediator(applicant);
    const early = await as(dispatcher).post(`/api/complaints/${filed.id}/decide`, { outcome: 'upheld', reasons: '成立' }).expect(409);
    expect(fieldsOf(early.body)).toContain('status');
    await as(applicant).post(`/api/complaints/${filed.id}/investigate`).expect(403);
    const inv: ComplaintDetail = (await as(dispatcher).post(`/api/complaints/${filed.id}/investigate`, { note: '已调取调解录音，内部核查。' }).expect(201)).body;
    expect(inv.status).toBe('investigating');
    expect(inv.history.some((e) => e.internal && e.text === '已调取调解录音，内部核查。')).toBe(true);
    await as(dispatcher).post(`/api/complaints/${filed.id}/notes`, { text: '调解员承认语气过重。' }).expect(201);
    const mid: ComplaintDetail = (await as(applicant).get(`/api/complaints/${filed.id}`).expect(200)).body;
    expect(mid.status).toBe('investigating');
    expect(mid.history.map((e) => e.type)).toEqual(['filed', 'investigating']);
    expect(JSON.stringify(mid)).not.toContain('内部核查');
    expect((await notices('complaint_investigating')).some((n) => n.recipientUserId === applicant.user.id)).toBe(true);
    const decided: ComplaintDetail = (
      await as(dispatcher).post(`/api/complaints/${filed.id}/decide`, { outcome: 'partly_upheld', reasons: '调解员态度不当，已批评教育；其他诉求不成立。' }).expect(201)
    ).body;
    expect(decided).toMatchObject({ status: 'decided', outcome: 'partly_upheld' });
    expect((await notices('complaint_decided')).some((n) => n.recipientUserId === applicant.user.id)).toBe(true);
    await as(dispatcher).post(`/api/complaints/${filed.id}/decide`, { outcome: 'upheld', reasons: '再次' }).expect(409);
    const told: ComplaintDetail = (await as(applicant).get(`/api/complaints/${filed.id}`).expect(200)).body;
    expect(told).toMatchObject({ status: 'told', outcome: 'partly_upheld', reasons: '调解员态度不当，已批评教育；其他诉求不成立。' });
    expect(told.history.map((e) => e.type)).toEqual(['filed', 'investigating', 'decided', 'told']);
    await t.http().post(`/api/complaints/${filed.id}/evidence`).set('Authorization', applicant.auth).attach('file', PNG, 'late.png').expect(409);
    const actions = (await db.getRepository(AuditLog).find({ where: { targetId: filed.id } })).map((a) => a.action).sort();
    expect(actions).toEqual(['complaint.decided', 'complaint.filed', 'complaint.investigating', 'complaint.note_added', 'complaint.told']);
  });

  it('R19, R38: a leak complaint shows its handler the case’s access log, and that reading is logged; nobody else reads it', async () => {
    const leak: ComplaintDetail = (
      await as(applicant).post('/api/complaints', { subjectKind: 'organisation', caseId: c.id, ground: 'privacy_leak', description: '我的借款情况被传到小区群里。' }).expect(201)
    ).body;
    expect(leak.actions).not.toContain('read_access_log');
    const handled: ComplaintDetail = (await as(dispatcher).get(`/api/complaints/${leak.id}`).expect(200)).body;
    expect(handled.actions).toContain('read_access_log');
    const log: CaseAccessLogEntry[] = (await as(dispatcher).get(`/api/complaints/${leak.id}/case-access-log`).expect(200)).body;
    expect(log.length).toBeGreaterThan(0);
    expect(log.some((e) => e.userName === '王调解')).toBe(true);
    expect(await db.getRepository(CaseAccessLog).count({ where: { caseId: c.id, action: 'complaint_access_log_read', userId: dispatcher.user.id } })).toBe(1);
    expect(await db.getRepository(AuditLog).count({ where: { targetId: leak.id, action: 'complaint.access_log_read' } })).toBe(1);
    await as(applicant).get(`/api/complaints/${leak.id}/case-access-log`).expect(403);
    // The refused attempt is on the case's access log too.
    expect(await db.getRepository(CaseAccessLog).count({ where: { caseId: c.id, action: 'complaint_access_log_read', userId: applicant.user.id, allowed: false } })).toBe(1);
    // Not a leak complaint: no access log.
    const rude = await fileAboutMediator(applicant);
    await as(dispatcher).get(`/api/complaints/${rude.id}/case-access-log`).expect(403);
  });

  it('R38: bad input gets a 4xx naming the field', async () => {
    const noGround = await as(applicant).post('/api/complaints', { subjectKind: 'organisation', caseId: c.id, description: 'x' }).expect(400);
    expect(fieldsOf(noGround.body)).toContain('ground');
    const noMediator = await as(applicant).post('/api/complaints', { subjectKind: 'mediator', ground: 'rudeness', description: 'x' }).expect(400);
    expect(fieldsOf(noMediator.body)).toContain('mediatorId');
    const noOrg = await as(applicant).post('/api/complaints', { subjectKind: 'organisation', ground: 'rudeness', description: 'x' }).expect(400);
    expect(fieldsOf(noOrg.body)).toContain('organisationId');
    const blank = await as(applicant).post('/api/complaints', { subjectKind: 'organisation', caseId: c.id, ground: 'rudeness', description: '   ' }).expect(400);
    expect(fieldsOf(blank.body)).toContain('description');
    const notMediator = await as(applicant).post('/api/complaints', { subjectKind: 'mediator', mediatorId: dispatcher.user.id, ground: 'rudeness', description: 'x' }).expect(422);
    expect(fieldsOf(notMediator.body)).toContain('mediatorId');
    const otherMediator = await as(applicant).post('/api/complaints', { subjectKind: 'mediator', mediatorId: bankMediator.user.id, caseId: c.id, ground: 'rudeness', description: 'x' }).expect(422);
    expect(fieldsOf(otherMediator.body)).toContain('mediatorId');
    const filed = await fileAboutMediator(applicant);
    await as(dispatcher).post(`/api/complaints/${filed.id}/investigate`).expect(201);
    const badOutcome = await as(dispatcher).post(`/api/complaints/${filed.id}/decide`, { outcome: 'maybe', reasons: 'x' }).expect(400);
    expect(fieldsOf(badOutcome.body)).toContain('outcome');
    const noReasons = await as(dispatcher).post(`/api/complaints/${filed.id}/decide`, { outcome: 'upheld' }).expect(400);
    expect(fieldsOf(noReasons.body)).toContain('reasons');
    const badScope = await as(applicant).get('/api/complaints?scope=everything').expect(400);
    expect(fieldsOf(badScope.body)).toContain('scope');
    await as(applicant).get('/api/complaints/not-a-uuid').expect(404);
  });

  it('R38: not taken up in 3 working days, then not decided in 15 → escalated once each to the supervisor (the organisation’s 司法局 staff, not the system admin), who may then handle it', async () => {
    const filed = await fileAboutMediator(applicant, { ground: 'delay', description: '无人答复。' });
    // Monday 2 March 2026: 3 working days → Thursday; the scan a day later escalates.
    t.clock.set(new Date(new Date(filed.acknowledgeBy).getTime() + DAY));
    await relogin();
    // Before escalation the supervisor may read but not act.
    expect((await as(bureau).get(`/api/complaints/${filed.id}`).expect(200)).body.actions).not.toContain('investigate');
    // The people's committee has a 司法局: the system admin is not its supervisor.
    await as(admin).get(`/api/complaints/${filed.id}`).expect(404);
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    const after: ComplaintDetail = (await as(applicant).get(`/api/complaints/${filed.id}`).expect(200)).body;
    expect(after.escalatedAt).not.toBeNull();
    expect(after.history.filter((e) => e.type === 'escalated').map((e) => e.text)).toEqual(['acknowledge']);
    const overdue = (await notices('complaint_overdue')).filter((n) => n.dedupKey.includes(filed.id));
    expect(overdue.some((n) => n.recipientUserId === bureau.user.id)).toBe(true);
    expect(overdue.some((n) => n.recipientUserId === admin.user.id)).toBe(false);
    expect(overdue.some((n) => n.recipientUserId === dispatcher.user.id)).toBe(true);
    expect((await notices('complaint_escalated')).some((n) => n.dedupKey.includes(filed.id) && n.recipientUserId === applicant.user.id)).toBe(true);
    const supQueue: ComplaintView[] = (await as(bureau).get('/api/complaints?scope=queue').expect(200)).body;
    expect(supQueue.find((x) => x.id === filed.id)).toMatchObject({ viewerRole: 'supervisor' });
    expect(((await as(admin).get('/api/complaints?scope=queue').expect(200)).body as ComplaintView[]).some((x) => x.id === filed.id)).toBe(false);
    await as(bureau).post(`/api/complaints/${filed.id}/investigate`).expect(201);
    // The decision deadline passes too.
    t.clock.set(new Date(new Date(filed.decideBy).getTime() + DAY));
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    const late: ComplaintDetail = (await as(dispatcher).get(`/api/complaints/${filed.id}`).expect(200)).body;
    expect(late.history.filter((e) => e.type === 'escalated').map((e) => e.text)).toEqual(['acknowledge', 'decide']);
    await as(bureau).post(`/api/complaints/${filed.id}/decide`, { outcome: 'upheld', reasons: '组织未按期处理，督办成立。' }).expect(201);
    expect(await db.getRepository(AuditLog).count({ where: { targetId: filed.id, action: 'complaint.escalated' } })).toBe(2);
  });
  it('R38: an organisation without a 司法局 escalates to the system admin (the fallback supervisor); the bureau staff do not see it', async () => {
    const bank = (await db.query(`SELECT id FROM organisation WHERE type = 'banking_insurance' AND bureau_id IS NULL LIMIT 1`))[0] as { id: string };
    await relogin();
    const filed: ComplaintDetail = (
      await as(intake).post('/api/complaints', { subjectKind: 'organisation', organisationId: bank.id, ground: 'delay', description: '银行调解中心一直没有答复。' }).expect(201)
    ).body;
    t.clock.set(new Date(new Date(filed.acknowledgeBy).getTime() + DAY));
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    const overdue = (await notices('complaint_overdue')).filter((n) => n.dedupKey.includes(filed.id));
    expect(overdue.some((n) => n.recipientUserId === admin.user.id)).toBe(true);
    expect(overdue.some((n) => n.recipientUserId === bureau.user.id)).toBe(false);
    expect((await as(admin).get(`/api/complaints/${filed.id}`).expect(200)).body).toMatchObject({ viewerRole: 'supervisor' });
    await as(bureau).get(`/api/complaints/${filed.id}`).expect(404);
  });
});
