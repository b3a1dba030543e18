import type { CaseDetail } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { CaseAccessLog } from '../src/cases/case-access-log.entity';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { Notification } from '../src/notifications/notification.entity';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { DEMO, inviteTokenFor, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { PNG } from './fixtures';

/** A 1×1 PNG: a real image by its magic bytes. */
const ID = '11010519491231002X';

type Login = Awaited<ReturnType<typeof loginAs>>;

describe('intake and assignment (integration, real database)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, mediator2: Login, bankMediator: Login, stranger: Login;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator, mediator2, bankMediator] = await Promise.all(
      [DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator, DEMO.mediator2, DEMO.bankMediator].map((m) => loginAs(t, m)),
    );
    // A third citizen, registered through the real flow.
    await t.http().post('/api/auth/otp').send({ mobile: '13700009999', purpose: 'register' }).expect(202);
    const sms = await t.http().get('/api/dev/sms').query({ mobile: '13700009999' });
    const code = /(\d{6})/.exec(sms.body[0].body)![1];
    const reg = await t.http().post('/api/auth/register').send({ mobile: '13700009999', code, password: 'stranger-pass', name: '路人', transport: 'api' }).expect(201);
    stranger = { ...reg.body, auth: `Bearer ${reg.body.accessToken}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  /** After moving the clock past the access tokens' life, log everyone in again. */
  async function relogin() {
    for (const who of [applicant, respondent, dispatcher, mediator, mediator2, bankMediator]) {
      Object.assign(who, await loginAs(t, who.user.mobile));
    }
  }

  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set('Authorization', who.auth).send(body),
  });

  async function draftLoan(who: Login = applicant, respondentMobile = DEMO.citizen2) {
    const res = await as(who)
      .post('/api/cases', {
        disputeType: 'private_loan',
        facts: '2025年3月借给李四两万元，约定半年归还，至今未还。',
        claims: { amount: '20000.00', otherRequests: '支付逾期利息' },
        region: '330106',
        applicant: { name: '张三', mobile: DEMO.citizen, idNumber: ID, address: '杭州市西湖区文三路1号' },
        respondents: [{ name: '李四', mobile: respondentMobile, address: '杭州市西湖区天目山路2号' }],
      })
      .expect(201);
    return res.body as CaseDetail;
  }

  function uploadId(caseId: string, who: Login = applicant, name = '身份证.png') {
    return t.http().post(`/api/cases/${caseId}/documents`).set('Authorization', who.auth).field('kind', 'id_card').attach('file', PNG, name);
  }

  async function submitted(who: Login = applicant) {
    const draft = await draftLoan(who);
    await uploadId(draft.id, who).expect(201);
    const res = await as(who).post(`/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true }).expect(201);
    return res.body as CaseDetail;
  }

  describe('filing', () => {
    it('saves a resumable draft, refuses an incomplete submission field by field, then submits in one transaction', async () => {
      const draft = await as(applicant).post('/api/cases', { disputeType: 'private_loan' }).expect(201);
      expect(draft.body).toMatchObject({ state: 'DRAFT', number: null, channel: 'self', viewerRole: 'applicant' });
      // The applicant is the filing citizen.
      expect(draft.body.parties).toEqual([expect.objectContaining({ side: 'applicant', name: '张三' })]);

      const incomplete = await as(applicant).post(`/api/cases/${draft.body.id}/submit`, { version: draft.body.version, consent: true, noticeSeen: true }).expect(422);
      expect(incomplete.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['facts', 'region', 'claims', 'respondents', 'documents']));

      const noConsent = await as(applicant).post(`/api/cases/${draft.body.id}/submit`, { version: draft.body.version, consent: false, noticeSeen: true }).expect(400);
      expect(noConsent.body.fields.map((f: { field: string }) => f.field)).toEqual(['consent']);

      const edited = await as(applicant)
        .patch(`/api/cases/${draft.body.id}`, {
          version: draft.body.version,
          facts: '邻居装修噪音持续三个月，多次沟通无果。',
          region: '330106',
          claims: { otherRequests: '停止夜间施工' },
          applicant: { name: '张三', mobile: DEMO.citizen, idNumber: ID },
          respondents: [{ name: '王五', mobile: '13811112222' }],
        })
        .expect(200);
      const stale = await as(applicant).patch(`/api/cases/${draft.body.id}`, { version: draft.body.version, facts: 'again and again' }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      // Nothing half-written: the stale edit changed nothing.
      expect((await as(applicant).get(`/api/cases/${draft.body.id}`).expect(200)).body.facts).toBe('邻居装修噪音持续三个月，多次沟通无果。');

      await uploadId(draft.body.id).expect(201);
      const sub = await as(applicant).post(`/api/cases/${draft.body.id}/submit`, { version: edited.body.version, consent: true, noticeSeen: true }).expect(201);
      expect(sub.body.state).toBe('SUBMITTED');
      expect(sub.body.number).toMatch(/^TJ-2026-\d{6}$/);
      expect(sub.body.organisationName).toBe('西湖区人民调解委员会');
      expect(sub.body.parties[0]).toMatchObject({ consent: 'given' });
      expect(sub.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['sameDayContact', 'designateMediator']));

      // The submission wrote exactly its notices: a receipt to the applicant (in-app + SMS) and the dispatcher (in-app + SMS).
      const rows = await db.getRepository(Notification).find({ where: { caseId: draft.body.id, template: 'case_submitted' } });
      expect(rows.map((r) => `${r.recipientRole}:${r.channel}`).sort()).toEqual(['applicant:in_app', 'applicant:sms', 'dispatcher:in_app', 'dispatcher:sms']);
      const timeline = await as(applicant).get(`/api/cases/${draft.body.id}/timeline`).expect(200);
      // The ID card is kept to the applicant's side: its upload is announced to the organisation only.
      expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(['draft_created', 'case_submitted']);
      const orgTimeline = await as(dispatcher).get(`/api/cases/${draft.body.id}/timeline`).expect(200);
      expect(orgTimeline.body.map((e: { type: string }) => e.type)).toEqual(['draft_created', 'document_uploaded', 'case_submitted']);
      // What each side is offered follows from the state machine and the viewer's side.
      expect(sub.body.actions).toEqual(['withdraw']);
      const forDispatcher = (await as(dispatcher).get(`/api/cases/${draft.body.id}`).expect(200)).body as CaseDetail;
      expect(forDispatcher.actions.sort()).toEqual(['accept_application', 'return']);
    });

    it('numbers cases sequentially, routes by type and region, and records the channel for intake staff', async () => {
      const a = await submitted();
      const b = await submitted();
      const seq = (n: string) => Number(n.slice(-6));
      expect(seq(b.number!)).toBe(seq(a.number!) + 1);

      const intake = await loginAs(t, DEMO.intake);
      const draft = await as(intake)
        .post('/api/cases', {
          disputeType: 'banking_insurance',
          facts: '信用卡分期手续费争议，银行拒绝退还。',
          claims: { amount: '1234.56' },
          region: '330106',
          applicant: { name: '赵六', mobile: '13822223333', idNumber: ID },
          respondents: [{ kind: 'organisation', name: '某银行杭州分行', mobile: '13833334444' }],
        })
        .expect(201);
      expect(draft.body.channel).toBe('grid_worker');
      await uploadId(draft.body.id, intake).expect(201);
      const sub = await as(intake).post(`/api/cases/${draft.body.id}/submit`, { version: draft.body.version, consent: true, noticeSeen: true }).expect(201);
      expect(sub.body.organisationName).toBe('浙江银行业保险业纠纷调解中心');
      expect(sub.body.claims.amount).toBe('1234.56');
    });

    it('answers bad filing input field by field', async () => {
      const res = await as(applicant)
        .post('/api/cases', { disputeType: 'alien_abduction', claims: { amount: '12.345' }, region: 'Hangzhou', respondents: [{ name: '', mobile: '123' }], extra: 1 })
        .expect(400);
      expect(new Set(res.body.fields.map((f: { field: string }) => f.field))).toEqual(new Set(['disputeType', 'claims.amount', 'region', 'respondents.0.name', 'respondents.0.mobile', 'extra']));
      const badId = await as(applicant)
        .post('/api/cases', { disputeType: 'private_loan', applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '110105194912310021' } })
        .expect(400);
      expect(badId.body.fields[0].field).toBe('applicant.idNumber');
      await as(applicant).get('/api/cases/not-a-uuid').expect(404);
    });

    it('forbids judges and mediators from filing', async () => {
      const judge = await loginAs(t, DEMO.judge);
      await as(judge).post('/api/cases', { disputeType: 'private_loan' }).expect(403);
    });
  });

  describe('uploads', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (await draftLoan()).id;
    });

    it('refuses a file whose bytes are not what its name claims, an empty file, and a missing file', async () => {
      const spoofed = await t
        .http()
        .post(`/api/cases/${caseId}/documents`)
        .set('Authorization', applicant.auth)
        .field('kind', 'evidence')
        .attach('file', Buffer.from('#!/bin/sh\nrm -rf /\n'), { filename: 'photo.jpg', contentType: 'image/jpeg' })
        .expect(415);
      expect(spoofed.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', fields: [{ field: 'file' }] });
      const empty = await t.http().post(`/api/cases/${caseId}/documents`).set('Authorization', applicant.auth).field('kind', 'evidence').attach('file', Buffer.alloc(0), 'empty.png').expect(400);
      expect(empty.body.fields[0].field).toBe('file');
      await t.http().post(`/api/cases/${caseId}/documents`).set('Authorization', applicant.auth).field('kind', 'evidence').expect(400);
      const badKind = await t.http().post(`/api/cases/${caseId}/documents`).set('Authorization', applicant.auth).field('kind', 'selfie').attach('file', PNG, 'a.png').expect(400);
      expect(badKind.body.fields[0].field).toBe('kind');
    });

    it('refuses an oversize file with 413', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(21 * 1024 * 1024)]);
      const res = await t.http().post(`/api/cases/${caseId}/documents`).set('Authorization', applicant.auth).field('kind', 'evidence').attach('file', big, 'big.png').expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('sanitises a path-traversal name, keeps the sha-256, and serves the bytes only through the authorised download', async () => {
      const res = await uploadId(caseId, applicant, '../../../etc/passwd.png').expect(201);
      expect(res.body.fileName).toBe('passwd.png');
      expect(res.body.sha256).toBe(require('node:crypto').createHash('sha256').update(PNG).digest('hex'));
      const dl = await as(applicant).get(res.body.downloadUrl).expect(200);
      expect(Buffer.compare(dl.body as Buffer, PNG)).toBe(0);
      expect(dl.headers['content-disposition']).toMatch(/attachment; filename="passwd.png"/);
      expect(dl.headers['content-type']).toBe('image/png');
      await as(stranger).get(res.body.downloadUrl).expect(404);
      await t.http().get(res.body.downloadUrl).expect(401);
    });
  });

  describe('access (R19)', () => {
    it('lets only the case’s people read it, and logs every access, refused ones too', async () => {
      const c = await submitted();
      await as(applicant).get(`/api/cases/${c.id}`).expect(200);
      await as(stranger).get(`/api/cases/${c.id}`).expect(404);
      await as(stranger).get(`/api/cases/${c.id}/timeline`).expect(404);
      await as(bankMediator).get(`/api/cases/${c.id}`).expect(404); // another organisation's mediator
      await t.http().get(`/api/cases/${c.id}`).expect(401);
      // The respondent before taking up the invitation is nobody to the case.
      await as(respondent).get(`/api/cases/${c.id}`).expect(404);
      await as(dispatcher).get(`/api/cases/${c.id}`).expect(200);
      const log = await db.getRepository(CaseAccessLog).find({ where: { caseId: c.id } });
      expect(log.filter((l) => !l.allowed).map((l) => l.userId)).toEqual(expect.arrayContaining([stranger.user.id, bankMediator.user.id, respondent.user.id]));
      expect(log.filter((l) => l.allowed).map((l) => l.userId)).toEqual(expect.arrayContaining([applicant.user.id, dispatcher.user.id]));
      // Lists show only one's own cases.
      const mine = await as(stranger).get('/api/cases?scope=mine').expect(200);
      expect(mine.body.items).toEqual([]);
      const queue = await as(bankMediator).get('/api/cases?scope=organisation').expect(200);
      expect(queue.body.items.find((i: { id: string }) => i.id === c.id)).toBeUndefined();
    });
  });

  describe('from submission to mediation', () => {
    it('runs the whole path: accept, assign, decline, reassign, accept, contact, invitation, consent, start', async () => {
      const c = await submitted();
      // Wrong roles are refused.
      await as(applicant).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(403);
      await as(mediator).post(`/api/cases/${c.id}/return`, { version: c.version, reasonCode: 'outside_scope' }).expect(403);

      const accepted = await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201);
      expect(accepted.body.state).toBe('ACCEPTED');
      const stale = await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      // The invitation goes out by SMS once the dispatcher sends the outbox.
      await t.app.get(NotificationDispatcher).dispatchDue();
      const sms = await t.http().get('/api/dev/sms').query({ mobile: DEMO.citizen2 }).expect(200);
      const link = /\/invite\/([A-Za-z0-9_-]+)/.exec(sms.body.map((m: { body: string }) => m.body).join('\n'));
      expect(link).not.toBeNull();
      const token = link![1];

      const proposals = await as(dispatcher).get(`/api/cases/${c.id}/mediator-proposals`);
      if (proposals.status !== 200) throw new Error(JSON.stringify(proposals.body));
      expect(proposals.body.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['王调解', '钱调解']));
      expect(proposals.body.every((p: { activeCases: number }) => typeof p.activeCases === 'number')).toBe(true);

      let detail = (await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: accepted.body.version, mediatorId: mediator.user.id }).expect(201)).body as CaseDetail;
      expect(detail.assignments[0]).toMatchObject({ mediatorName: '王调解', status: 'pending', role: 'presiding' });
      // An assignment changes the case: the version it was made on is now stale.
      expect(detail.version).toBeGreaterThan(accepted.body.version);
      const staleAssign = await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: accepted.body.version, mediatorId: mediator2.user.id }).expect(409);
      expect(staleAssign.body.code).toBe('STALE_VERSION');
      const notOrgMediator = await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: detail.version, mediatorId: bankMediator.user.id }).expect(400);
      expect(notOrgMediator.body.fields[0].field).toBe('mediatorId');

      // The mediator sees it as new in the queue, then declines with a reason (R09).
      const queue = await as(mediator).get('/api/cases?scope=assigned&bucket=new').expect(200);
      expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
      const noReason = await as(mediator).post(`/api/cases/${c.id}/assignment/decline`, { version: detail.version }).expect(400);
      expect(noReason.body.fields[0].field).toBe('reasonCode');
      await as(mediator).post(`/api/cases/${c.id}/assignment/decline`, { version: detail.version, reasonCode: 'conflict_of_interest', reasonNote: '与被申请人系亲属' }).expect(201);
      await as(mediator).get(`/api/cases/${c.id}`).expect(200); // still an org member: may read
      const declineNotice = await db.getRepository(Notification).find({ where: { caseId: c.id, template: 'assignment_declined', channel: 'in_app' } });
      expect(declineNotice.map((n) => n.recipientUserId)).toEqual([dispatcher.user.id]);
      // The decline reason is internal to the organisation.
      const applicantTimeline = await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200);
      expect(applicantTimeline.body.map((e: { type: string }) => e.type)).not.toContain('assignment_declined');

      detail = (await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)).body;
      detail = (await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: detail.version, mediatorId: mediator2.user.id }).expect(201)).body;
      detail = (await as(mediator2).post(`/api/cases/${c.id}/assignment/accept`, { version: detail.version }).expect(201)).body;
      expect(detail.actions).not.toContain('start_mediation');
      const tooEarly = await as(mediator2).post(`/api/cases/${c.id}/start`, { version: detail.version }).expect(422);
      expect(tooEarly.body.fields.map((f: { constraint: string }) => f.constraint)).toContain('R01_all_consented');

      // Same-day contact is measured.
      const applicantParty = detail.parties.find((p) => p.side === 'applicant')!;
      detail = (await as(mediator2).post(`/api/cases/${c.id}/contacts`, { version: detail.version, partyId: applicantParty.id, method: 'phone', reached: true }).expect(201)).body;
      expect(detail.contactSla).toMatchObject({ met: true });
      const sla = await as(dispatcher).get(`/api/organisations/${detail.organisationId}/sla`).expect(200);
      expect(sla.body.contactedWithinSla).toBeGreaterThanOrEqual(1);

      // The respondent follows the link: nothing of the dispute from the link alone (R15); with
      // the code sent to the invited number, a summary — never documents.
      const preview = await t.http().get(`/api/invitations/${token}`).expect(200);
      expect(preview.body).toEqual({ mobileMasked: '138****0002', status: 'open' });
      await t.http().post(`/api/invitations/${token}/code`).send({}).expect(202);
      const invitation = await t
        .http()
        .post(`/api/invitations/${token}/view`)
        .send({ code: await latestCode(t, DEMO.citizen2) })
        .expect(200);
      expect(invitation.body).toMatchObject({ applicantName: '张三', respondentName: '李四', mobileMasked: '138****0002' });
      expect(JSON.stringify(invitation.body)).not.toMatch(/documents|sha256|idNumber/);
      await as(stranger).post(`/api/invitations/${token}/claim`).expect(403);
      await as(respondent).post(`/api/invitations/${token}/claim`).expect(201);
      const seen = (await as(respondent).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail;
      expect(seen.limitedView).toBe(true);
      expect(seen.documents).toEqual([]);
      expect(seen.viewerRole).toBe('respondent');
      // A respondent answers; withdrawing is the applicant's.
      expect(seen.actions.sort()).toEqual(['respondent_consent', 'respondent_decline']);
      expect(seen.parties.find((p) => p.side === 'applicant')!.mobile).toBe('138****0001');
      // Not even by URL.
      const idDoc = (await as(applicant).get(`/api/cases/${c.id}`)).body.documents[0];
      await as(respondent).get(idDoc.downloadUrl).expect(404);

      const noNotice = await as(respondent).post(`/api/cases/${c.id}/consent`, { version: seen.version, consent: 'given', noticeSeen: false }).expect(400);
      expect(noNotice.body.fields[0].field).toBe('noticeSeen');
      detail = (await as(respondent).post(`/api/cases/${c.id}/consent`, { version: seen.version, consent: 'given', noticeSeen: true }).expect(201)).body;
      expect(detail.limitedView).toBe(false);

      detail = (await as(mediator2).get(`/api/cases/${c.id}`).expect(200)).body;
      expect(detail.actions).toContain('start_mediation');
      detail = (await as(mediator2).post(`/api/cases/${c.id}/start`, { version: detail.version }).expect(201)).body;
      expect(detail.state).toBe('MEDIATING');
      const timeline = await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200);
      expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['case_submitted', 'application_accepted', 'respondent_invited', 'mediator_assigned', 'assignment_accepted', 'respondent_consented', 'mediation_started']),
      );
      const seqs = timeline.body.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));
    });

    it('ends the case when the respondent refuses, and tells the applicant (R01, R12)', async () => {
      const c = await submitted();
      await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201);
      await t.app.get(NotificationDispatcher).dispatchDue();
      const token = await inviteTokenFor(t, DEMO.citizen2, c.number);
      await as(respondent).post(`/api/invitations/${token}/claim`).expect(201);
      const current = (await as(respondent).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail;
      const refused = await as(respondent).post(`/api/cases/${c.id}/consent`, { version: current.version, consent: 'refused', noticeSeen: false });
      if (refused.status !== 201) throw new Error(JSON.stringify(refused.body));
      expect(refused.body).toMatchObject({ state: 'TERMINATED', terminationReason: 'party_unwilling' });
      const told = await db.getRepository(Notification).find({ where: { caseId: c.id, template: 'respondent_declined' } });
      expect(told.map((n) => n.recipientRole)).toEqual(expect.arrayContaining(['applicant', 'dispatcher']));
    });

    it('returns an application with a coded reason (R04) and takes it back corrected', async () => {
      const c = await submitted();
      const bad = await as(dispatcher).post(`/api/cases/${c.id}/return`, { version: c.version, reasonCode: 'because' }).expect(400);
      expect(bad.body.fields[0].field).toBe('reasonCode');
      const noNote = await as(dispatcher).post(`/api/cases/${c.id}/return`, { version: c.version, reasonCode: 'other' }).expect(422);
      expect(noNote.body.fields[0].constraint).toBe('R04_note_for_other');
      const ret = await as(dispatcher).post(`/api/cases/${c.id}/return`, { version: c.version, reasonCode: 'incomplete', reasonNote: '请补充借条照片' }).expect(201);
      expect(ret.body).toMatchObject({ state: 'RETURNED', returnReason: 'incomplete' });
      const resub = await as(applicant).post(`/api/cases/${c.id}/submit`, { version: ret.body.version, consent: true, noticeSeen: true }).expect(201);
      expect(resub.body.state).toBe('SUBMITTED');
      expect(resub.body.number).toBe(c.number);
    });
  });

  describe('deadlines (controllable clock)', () => {
    it('expires an unanswered assignment after 3 working days and tells the dispatcher (R09)', async () => {
      const c = await submitted();
      const acc = (await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201)).body;
      const assigned = (await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: acc.version, mediatorId: mediator.user.id }).expect(201)).body as CaseDetail;
      const respondBy = new Date(assigned.assignments[0].respondBy);
      t.clock.set(new Date(respondBy.getTime() - 3600_000));
      await t.app.get(DeadlineScanner).scan();
      expect(await db.getRepository(Notification).count({ where: { caseId: c.id, template: 'assignment_reminder' } })).toBeGreaterThan(0);
      await t.app.get(DeadlineScanner).scan(); // no second reminder
      expect(await db.getRepository(Notification).count({ where: { caseId: c.id, template: 'assignment_reminder', channel: 'in_app' } })).toBe(1);

      t.clock.set(new Date(respondBy.getTime() + 1000));
      await t.app.get(DeadlineScanner).scan();
      await relogin();
      const after = (await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail;
      expect(after.assignments[0].status).toBe('expired');
      expect(await db.getRepository(Notification).count({ where: { caseId: c.id, template: 'assignment_expired', recipientUserId: dispatcher.user.id, channel: 'in_app' } })).toBe(1);
      const late = await as(mediator).post(`/api/cases/${c.id}/assignment/accept`, { version: after.version }).expect(409);
      expect(late.body.fields[0].field).toBe('assignment');
    });

    it('ends the case when the respondent does not answer within 3 working days of the mediator’s acceptance (R12)', async () => {
      t.clock.set(new Date('2026-03-09T02:00:00Z')); // Monday, 10:00 in China
      await relogin();
      const c = await submitted();
      const acc = (await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201)).body;
      const assigned = (await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: acc.version, mediatorId: mediator2.user.id }).expect(201)).body;
      await as(mediator2).post(`/api/cases/${c.id}/assignment/accept`, { version: assigned.version }).expect(201);
      t.clock.set(new Date('2026-03-12T15:00:00Z')); // Thursday 23:00: the third working day has just ended... not yet
      await t.app.get(DeadlineScanner).scan();
      await relogin();
      expect((await as(applicant).get(`/api/cases/${c.id}`)).body.state).toBe('ACCEPTED');
      t.clock.set(new Date('2026-03-12T16:00:01Z')); // past midnight, Friday in China
      await t.app.get(DeadlineScanner).scan();
      await relogin();
      const ended = (await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail;
      expect(ended).toMatchObject({ state: 'TERMINATED', terminationReason: 'respondent_unreachable' });
      expect(await db.getRepository(Notification).count({ where: { caseId: c.id, template: 'respondent_no_answer', recipientRole: 'applicant' } })).toBeGreaterThan(0);
    });
  });

  describe('inbox', () => {
    it('lists the account’s own in-app notices and marks them read', async () => {
      await relogin();
      const inbox = await as(dispatcher).get('/api/notifications').expect(200);
      expect(inbox.body.unread).toBeGreaterThan(0);
      const first = inbox.body.items[0];
      expect(first.text).toMatch(/TJ-2026-/);
      await as(dispatcher).post(`/api/notifications/${first.id}/read`).expect(204);
      await as(applicant).post(`/api/notifications/${first.id}/read`).expect(404);
    });
  });
});
