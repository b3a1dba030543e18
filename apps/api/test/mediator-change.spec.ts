import type { CaseDetail, MediatorChangeRequestView, TimelineEvent } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { Notification } from '../src/notifications/notification.entity';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { PNG, mediatingCase, type Login } from './fixtures';

const DAY = 24 * 3600_000;

/**
 * R10 (conflict disclosed → each party consents or asks for recusal) and R11 (a party asks to
 * change mediator; the dispatcher answers within 3 working days; an unanswered request is
 * escalated). Real API on a real database.
 */
describe('R10 recusal and R11 change of mediator (integration)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, mediator2: Login;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator, mediator2] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator, DEMO.mediator2].map((m) => loginAs(t, m)));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function relogin() {
    for (const who of [applicant, respondent, dispatcher, mediator, mediator2]) Object.assign(who, await loginAs(t, who.user.mobile));
  }

  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
  });
  const detail = async (who: Login, id: string): Promise<CaseDetail> => (await as(who).get(`/api/cases/${id}`).expect(200)).body;
  const notices = (caseId: string, template: string) => db.getRepository(Notification).find({ where: { caseId, template } });

  /** An ACCEPTED case whose mediator accepted with a disclosed conflict; the respondent took up the invitation and consented to mediation. */
  async function disclosedCase(): Promise<CaseDetail> {
    const draft = await as(applicant)
      .post('/api/cases', {
        disputeType: 'private_loan',
        facts: '借款两万元，逾期未还，多次催讨无果。',
        claims: { amount: '20000' },
        region: '330106',
        applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X', address: '杭州市西湖区文三路1号' },
        respondents: [{ name: '李四', mobile: DEMO.citizen2, address: '杭州市西湖区文二路2号' }],
      })
      .expect(201);
    await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', applicant.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
    let c: CaseDetail = (await as(applicant).post(`/api/cases/${draft.body.id}/submit`, { version: draft.body.version, consent: true, noticeSeen: true }).expect(201)).body;
    c = (await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201)).body;
    c = (await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: c.version, mediatorId: mediator.user.id }).expect(201)).body;
    c = (await as(mediator).post(`/api/cases/${c.id}/assignment/accept`, { version: c.version, conflictDisclosure: '本人与申请人系远房表亲。' }).expect(201)).body;
    const party = c.parties.find((p) => p.side === 'respondent')!;
    // The respondent's invitation is taken up directly (its SMS flow is tested elsewhere).
    await db.query('UPDATE case_party SET user_id = $1 WHERE id = $2', [respondent.user.id, party.id]);
    c = await detail(respondent, c.id);
    c = (await as(respondent).post(`/api/cases/${c.id}/consent`, { version: c.version, consent: 'given', noticeSeen: true }).expect(201)).body;
    return c;
  }

  it('R10: after a disclosure every party is told and asked; mediation cannot start until each consents to that mediator, and a party who consented before is asked again', async () => {
    const c = await disclosedCase();
    // Each party is told of the disclosure and asked (in-app and SMS), both languages exist.
    const asked = await notices(c.id, 'conflict_disclosed');
    expect(new Set(asked.map((n) => n.recipientRole))).toEqual(new Set(['applicant', 'respondent']));
    const a = await detail(applicant, c.id);
    expect(a.conflictCheck).toMatchObject({ disclosure: '本人与申请人系远房表亲。', mediatorName: expect.any(String) });
    // The applicant consented to mediation at filing, before the disclosure: asked again.
    expect(a.conflictCheck!.parties.every((p) => p.answer === 'pending')).toBe(true);
    expect(a.conflictCheck!.canAnswer).toBe(true);
    const m = await detail(mediator, c.id);
    const refused = await as(mediator).post(`/api/cases/${c.id}/start`, { version: m.version }).expect(422);
    expect(refused.body.fields.map((f: { constraint: string }) => f.constraint)).toContain('R10_conflict_consented');

    // The applicant consents to this mediator; the respondent asks for recusal.
    let cur = (await as(applicant).post(`/api/cases/${c.id}/conflict-answer`, { version: a.version, answer: 'consent' }).expect(201)).body as CaseDetail;
    const bad = await as(respondent).post(`/api/cases/${c.id}/conflict-answer`, { version: cur.version, answer: 'recusal' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('reasonCode');
    cur = (
      await as(respondent)
        .post(`/api/cases/${c.id}/conflict-answer`, { version: cur.version, answer: 'recusal', reasonCode: 'conflict_of_interest', reasonNote: '调解员是申请人的亲戚，担心不公正。' })
        .expect(201)
    ).body;
    // The recusal request is the respondent's own item: the dispatcher sees it, the applicant and the mediator do not.
    const forDispatcher = (await as(dispatcher).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body as MediatorChangeRequestView[];
    expect(forDispatcher).toHaveLength(1);
    expect(forDispatcher[0]).toMatchObject({ kind: 'recusal', status: 'open', reasonCode: 'conflict_of_interest', reasonNote: '调解员是申请人的亲戚，担心不公正。', partyName: '李四' });
    expect((await as(applicant).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body).toEqual([]);
    expect((await as(mediator).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body).toEqual([]);
    expect((await as(respondent).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body).toHaveLength(1);
    const applicantTimeline = (await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)).body as TimelineEvent[];
    expect(applicantTimeline.some((e) => e.type.startsWith('mediator_change') || JSON.stringify(e.data).includes('担心不公正'))).toBe(false);
    const mediatorTimeline = (await as(mediator).get(`/api/cases/${c.id}/timeline`).expect(200)).body as TimelineEvent[];
    expect(JSON.stringify(mediatorTimeline)).not.toContain('担心不公正');
    expect((await detail(dispatcher, c.id)).pendingMediatorChanges).toBe(1);
    expect((await detail(applicant, c.id)).pendingMediatorChanges).toBe(0);
    expect((await notices(c.id, 'mediator_change_requested')).map((n) => n.recipientRole)).toContain('dispatcher');
    expect((await notices(c.id, 'mediator_change_requested')).some((n) => n.recipientRole !== 'dispatcher')).toBe(false);

    // No start while the recusal request is open.
    const m2 = await detail(mediator, c.id);
    await as(mediator).post(`/api/cases/${c.id}/start`, { version: m2.version }).expect(422);

    // The dispatcher refuses with a reason (a note is required); the respondent is told and asked again.
    const d = await detail(dispatcher, c.id);
    const noNote = await as(dispatcher).post(`/api/cases/${c.id}/mediator-change-requests/${forDispatcher[0].id}/answer`, { version: d.version, decision: 'refuse' }).expect(400);
    expect(noNote.body.fields.map((f: { field: string }) => f.field)).toContain('answerNote');
    await as(dispatcher)
      .post(`/api/cases/${c.id}/mediator-change-requests/${forDispatcher[0].id}/answer`, { version: d.version, decision: 'refuse', answerNote: '亲属关系较远，不影响公正调解。' })
      .expect(201);
    expect((await notices(c.id, 'mediator_change_refused')).map((n) => n.recipientRole)).toContain('respondent');
    expect((await notices(c.id, 'mediator_change_refused')).some((n) => n.recipientRole === 'applicant')).toBe(false);
    const r = await detail(respondent, c.id);
    expect(r.conflictCheck!.canAnswer).toBe(true);
    await as(respondent).post(`/api/cases/${c.id}/conflict-answer`, { version: r.version, answer: 'consent' }).expect(201);
    const m3 = await detail(mediator, c.id);
    const started = (await as(mediator).post(`/api/cases/${c.id}/start`, { version: m3.version }).expect(201)).body as CaseDetail;
    expect(started.state).toBe('MEDIATING');
  });

  it('R10: a granted recusal removes the mediator at once and assigns another', async () => {
    const c = await disclosedCase();
    const r = await detail(respondent, c.id);
    await as(respondent).post(`/api/cases/${c.id}/conflict-answer`, { version: r.version, answer: 'recusal', reasonCode: 'conflict_of_interest', reasonNote: '亲属关系' }).expect(201);
    const [req] = (await as(dispatcher).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body as MediatorChangeRequestView[];
    const d = await detail(dispatcher, c.id);
    const noMediator = await as(dispatcher).post(`/api/cases/${c.id}/mediator-change-requests/${req.id}/answer`, { version: d.version, decision: 'grant' }).expect(400);
    expect(noMediator.body.fields.map((f: { field: string }) => f.field)).toContain('mediatorId');
    const sameMediator = await as(dispatcher).post(`/api/cases/${c.id}/mediator-change-requests/${req.id}/answer`, { version: d.version, decision: 'grant', mediatorId: mediator.user.id }).expect(422);
    expect(sameMediator.body.fields.map((f: { field: string }) => f.field)).toContain('mediatorId');
    const granted = (await as(dispatcher).post(`/api/cases/${c.id}/mediator-change-requests/${req.id}/answer`, { version: d.version, decision: 'grant', mediatorId: mediator2.user.id }).expect(201))
      .body as CaseDetail;
    expect(granted.assignments.find((a) => a.mediatorId === mediator.user.id)!.status).toBe('removed');
    expect(granted.assignments.find((a) => a.mediatorId === mediator2.user.id)!.status).toBe('pending');
    // Access of the removed mediator ends at once.
    await as(mediator).get(`/api/cases/${c.id}`).expect(404);
    expect((await notices(c.id, 'mediator_change_granted')).map((n) => n.recipientRole)).toContain('respondent');
    // The new mediator accepts without a conflict: the case can start once both parties consented.
    const m = await detail(mediator2, c.id);
    await as(mediator2).post(`/api/cases/${c.id}/assignment/accept`, { version: m.version }).expect(201);
    const m2 = await detail(mediator2, c.id);
    expect(m2.conflictCheck).toBeNull();
    expect((await as(mediator2).post(`/api/cases/${c.id}/start`, { version: m2.version }).expect(201)).body.state).toBe('MEDIATING');
  });

  it('R11: a party asks to change mediator with a coded reason; the dispatcher must answer within 3 working days or the request is escalated; a grant removes and reassigns', async () => {
    const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    // Reason required: a code and a note, each named when missing or bad.
    const none = await as(applicant).post(`/api/cases/${c.id}/mediator-change-requests`, { version: c.version }).expect(400);
    expect(none.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['reasonCode', 'reasonNote']));
    await as(applicant).post(`/api/cases/${c.id}/mediator-change-requests`, { version: c.version, reasonCode: 'bribery', reasonNote: 'x' }).expect(400);
    // Staff may not ask on a party's behalf.
    await as(mediator).post(`/api/cases/${c.id}/mediator-change-requests`, { version: c.version, reasonCode: 'partiality', reasonNote: '偏袒' }).expect(403);
    const created = (await as(applicant).post(`/api/cases/${c.id}/mediator-change-requests`, { version: c.version, reasonCode: 'partiality', reasonNote: '调解员多次打断我的陈述。' }).expect(201))
      .body as CaseDetail;
    // One open request at a time per party.
    await as(applicant).post(`/api/cases/${c.id}/mediator-change-requests`, { version: created.version, reasonCode: 'other', reasonNote: '再次申请' }).expect(409);
    const [req] = (await as(applicant).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body as MediatorChangeRequestView[];
    expect(req).toMatchObject({ kind: 'change', status: 'open', reasonCode: 'partiality', mediatorName: '王调解' });
    // 2026-03-02 (Mon) + 3 working days.
    expect(new Date(req.answerBy).getTime()).toBeGreaterThan(new Date('2026-03-04T15:00:00Z').getTime());
    expect((await detail(applicant, c.id)).deadlines.map((x) => x.kind)).toContain('mediatorChangeAnswer');
    expect((await detail(dispatcher, c.id)).deadlines.map((x) => x.kind)).toContain('mediatorChangeAnswer');
    expect((await detail(respondent, c.id)).deadlines.map((x) => x.kind)).not.toContain('mediatorChangeAnswer');
    expect((await detail(mediator, c.id)).deadlines.map((x) => x.kind)).not.toContain('mediatorChangeAnswer');
    // Private to the asking party: not the respondent, not the mediator concerned.
    expect((await as(respondent).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body).toEqual([]);
    expect((await as(mediator).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body).toEqual([]);
    // The dispatcher's queue carries the pending badge; a mediator's does not.
    const queue = (await as(dispatcher).get('/api/cases?scope=organisation&limit=50').expect(200)).body.items as Array<{ id: string; pendingMediatorChanges?: number }>;
    expect(queue.find((i) => i.id === c.id)?.pendingMediatorChanges).toBe(1);
    const mediatorQueue = (await as(mediator).get('/api/cases?scope=organisation&limit=50').expect(200)).body.items as Array<{ id: string; pendingMediatorChanges?: number }>;
    expect(mediatorQueue.find((i) => i.id === c.id)?.pendingMediatorChanges).toBeUndefined();

    // The deadline passes unanswered: the scanner escalates (once) to the dispatcher and tells the party.
    t.clock.set(new Date(new Date(req.answerBy).getTime() + DAY));
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    const overdue = await notices(c.id, 'mediator_change_overdue');
    expect(overdue.filter((n) => n.recipientRole === 'dispatcher' && n.channel === 'in_app')).toHaveLength(1);
    expect(overdue.some((n) => n.recipientRole === 'applicant')).toBe(true);
    expect(overdue.some((n) => n.recipientRole === 'respondent' || n.recipientRole === 'mediator')).toBe(false);
    const [late] = (await as(dispatcher).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body as MediatorChangeRequestView[];
    expect(late.escalatedAt).not.toBeNull();
    expect(late.status).toBe('open');

    // The dispatcher grants: the mediator is removed and another assigned, in one step.
    const d = await detail(dispatcher, c.id);
    const badDecision = await as(dispatcher).post(`/api/cases/${c.id}/mediator-change-requests/${req.id}/answer`, { version: d.version, decision: 'maybe' }).expect(400);
    expect(badDecision.body.fields.map((f: { field: string }) => f.field)).toContain('decision');
    // Only the dispatcher answers.
    await as(applicant).post(`/api/cases/${c.id}/mediator-change-requests/${req.id}/answer`, { version: d.version, decision: 'grant', mediatorId: mediator2.user.id }).expect(403);
    const granted = (
      await as(dispatcher)
        .post(`/api/cases/${c.id}/mediator-change-requests/${req.id}/answer`, { version: d.version, decision: 'grant', mediatorId: mediator2.user.id, answerNote: '已改派钱调解。' })
        .expect(201)
    ).body as CaseDetail;
    expect(granted.state).toBe('MEDIATING');
    expect(granted.assignments.filter((a) => a.status === 'pending' || a.status === 'accepted').map((a) => a.mediatorId)).toEqual([mediator2.user.id]);
    await as(mediator).get(`/api/cases/${c.id}`).expect(404);
    // … nor finds it in the organisation's queue.
    const after = (await as(mediator).get('/api/cases?scope=organisation&limit=50').expect(200)).body.items as Array<{ id: string }>;
    expect(after.some((i) => i.id === c.id)).toBe(false);
    expect((await notices(c.id, 'mediator_change_granted')).map((n) => n.recipientRole)).toEqual(expect.arrayContaining(['applicant']));
    expect((await notices(c.id, 'mediator_change_granted')).some((n) => n.recipientRole === 'respondent')).toBe(false);
    // Answered once: a second answer is refused.
    const d2 = await detail(dispatcher, c.id);
    await as(dispatcher).post(`/api/cases/${c.id}/mediator-change-requests/${req.id}/answer`, { version: d2.version, decision: 'refuse', answerNote: '晚了' }).expect(409);
    const [done] = (await as(applicant).get(`/api/cases/${c.id}/mediator-change-requests`).expect(200)).body as MediatorChangeRequestView[];
    expect(done).toMatchObject({ status: 'granted', answerNote: '已改派钱调解。' });
    expect((await detail(dispatcher, c.id)).pendingMediatorChanges).toBe(0);
  });

  it('R11: a mediator the dispatcher removes directly is told, and loses the case at once', async () => {
    const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    const a = c.assignments.find((x) => x.mediatorId === mediator.user.id)!;
    const d = await detail(dispatcher, c.id);
    await as(dispatcher).post(`/api/cases/${c.id}/assignments/${a.id}/remove`, { version: d.version }).expect(201);
    const told = await notices(c.id, 'mediator_removed');
    expect(told.some((n) => n.recipientUserId === mediator.user.id)).toBe(true);
    await as(mediator).get(`/api/cases/${c.id}`).expect(404);
  });

  it('R11: no request outside ACCEPTED/MEDIATING; an unknown request is 404', async () => {
    const draft = await as(applicant)
      .post('/api/cases', {
        disputeType: 'private_loan',
        facts: '借款两万元，逾期未还。',
        claims: { amount: '20000' },
        region: '330106',
        applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X', address: '杭州市西湖区文三路1号' },
        respondents: [{ name: '李四', mobile: DEMO.citizen2 }],
      })
      .expect(201);
    const res = await as(applicant).post(`/api/cases/${draft.body.id}/mediator-change-requests`, { version: draft.body.version, reasonCode: 'partiality', reasonNote: '偏袒' }).expect(409);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('state');
    const d = await detail(applicant, draft.body.id);
    await as(dispatcher)
      .post(`/api/cases/${draft.body.id}/mediator-change-requests/00000000-0000-4000-8000-000000000000/answer`, { version: d.version, decision: 'refuse', answerNote: 'x' })
      .expect(404);
  });
});
