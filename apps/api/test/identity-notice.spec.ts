import type { CaseDetail, ChannelView, PartyView, SessionView, TimelineEvent } from '@tiaojie/contracts';
import { NOTICE_VERSION } from '@tiaojie/domain';
import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { mediatingCase, PNG, type Login } from './fixtures';
import { connectOutcome, connectSocket, DEMO, inviteTokenFor, latestCode, loginAs, startTestApp, type TestApp } from './harness';

/** R02 (versioned notice, the citizen's own confirmation of a staff filing) and R14 (identity by SMS code before a session). */
describe('identity and notice (R02, R14)', () => {
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, intake: Login;
  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body?: object) =>
      t
        .http()
        .post(url)
        .set('Authorization', who.auth)
        .send(body ?? {}),
  });
  const party = (c: CaseDetail, side: 'applicant' | 'respondent') => c.parties.find((p) => p.side === side) as PartyView;
  const smsTo = async (mobile: string) => (await t.http().get('/api/dev/sms').query({ mobile }).expect(200)).body as Array<{ body: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    [applicant, respondent, dispatcher, mediator, intake] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2, DEMO.intake].map((m) => loginAs(t, m)));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function draftFor(who: Login, applicantInput: object) {
    const draft = await as(who)
      .post('/api/cases', {
        disputeType: 'private_loan',
        facts: '借款两万元，逾期未还，多次催讨无果。',
        claims: { amount: '20000' },
        region: '330106',
        applicant: applicantInput,
        respondents: [{ name: '李四', mobile: DEMO.citizen2, address: '杭州市西湖区文二路2号' }],
      })
      .expect(201);
    await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', who.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
    return draft.body as CaseDetail;
  }

  describe('R02: the notice is stored with the version each participant saw', () => {
    it('R02: a self-filing citizen’s submission records the notice version; an outdated version is refused naming noticeVersion', async () => {
      const draft = await draftFor(applicant, { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X', address: '杭州市西湖区文三路1号' });
      const old = await as(applicant).post(`/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true, noticeVersion: '2020-01-01' }).expect(400);
      expect(old.body.fields).toEqual([expect.objectContaining({ field: 'noticeVersion', constraint: 'currentNotice' })]);
      const bad = await as(applicant).post(`/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true, noticeVersion: 7 }).expect(400);
      expect(bad.body.fields[0].field).toBe('noticeVersion');
      const c = (await as(applicant).post(`/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION }).expect(201)).body as CaseDetail;
      expect(party(c, 'applicant')).toMatchObject({ consent: 'given', noticeVersion: NOTICE_VERSION, consentChannel: 'platform' });
      expect(party(c, 'applicant').noticeSeenAt).not.toBeNull();
    });

    it('R02: a party acting itself that omits the version has the current one recorded', async () => {
      const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
      // The fixture omits the version: the current one is recorded for a party acting itself.
      expect(party(c, 'respondent')).toMatchObject({ consent: 'given', noticeVersion: NOTICE_VERSION, consentChannel: 'platform' });
      expect(party(c, 'applicant')).toMatchObject({ noticeVersion: NOTICE_VERSION, consentChannel: 'platform' });
    });
  });

  describe('R02: staff filing for a citizen cannot give the citizen’s consent', () => {
    const CITIZEN = '13822226666';
    let c: CaseDetail;

    it('R02: on a staff submission the applicant’s consent and notice stay pending and a code goes to the applicant’s mobile', async () => {
      const draft = await draftFor(intake, { name: '赵六', mobile: CITIZEN, idNumber: '11010519491231002X', address: '杭州市西湖区文三路9号' });
      c = (await as(intake).post(`/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true }).expect(201)).body;
      expect(party(c, 'applicant')).toMatchObject({ consent: 'pending', noticeSeenAt: null, noticeVersion: null, consentChannel: null });
      const sms = await smsTo(CITIZEN);
      const body = sms.find((m) => m.body.includes(`/confirm/${c.id}`))!.body;
      // Two segments at most (67 characters each) with a public address (PUBLIC_URL) of up to 40 characters.
      expect(body.length - (body.indexOf('/confirm/') - body.indexOf('http')) + 40).toBeLessThanOrEqual(134);
    });

    it('R02/R01: mediation cannot start until the applicant confirmed by SMS code', async () => {
      c = (await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201)).body;
      c = (await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: c.version, mediatorId: mediator.user.id }).expect(201)).body;
      c = (await as(mediator).post(`/api/cases/${c.id}/assignment/accept`, { version: c.version }).expect(201)).body;
      await t.app.get(NotificationDispatcher).dispatchDue();
      const token = await inviteTokenFor(t, DEMO.citizen2, c.number);
      await as(respondent).post(`/api/invitations/${token}/claim`).expect(201);
      c = (await as(respondent).get(`/api/cases/${c.id}`).expect(200)).body;
      const outdated = await as(respondent).post(`/api/cases/${c.id}/consent`, { version: c.version, consent: 'given', noticeSeen: true, noticeVersion: '2020-01-01' }).expect(400);
      expect(outdated.body.fields[0]).toMatchObject({ field: 'noticeVersion', constraint: 'currentNotice' });
      await as(respondent).post(`/api/cases/${c.id}/consent`, { version: c.version, consent: 'given', noticeSeen: true, noticeVersion: NOTICE_VERSION }).expect(201);
      c = (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body;
      const early = await as(mediator).post(`/api/cases/${c.id}/start`, { version: c.version }).expect(422);
      expect(early.body.fields.map((f: { constraint: string }) => f.constraint)).toContain('R01_all_consented');
    });

    it('R02: the citizen’s confirmation needs the code sent to them and the current notice version; staff cannot give it', async () => {
      const url = `/api/filing-confirmations/${c.id}`;
      const code = await latestCode(t, CITIZEN);
      const missing = await t.http().post(url).send({ code, consent: true, noticeSeen: true }).expect(400);
      expect(missing.body.fields.map((f: { field: string }) => f.field)).toContain('noticeVersion');
      const old = await t.http().post(url).send({ code, consent: true, noticeSeen: true, noticeVersion: '2020-01-01' }).expect(400);
      expect(old.body.fields[0]).toMatchObject({ field: 'noticeVersion', constraint: 'currentNotice' });
      const wrong = await t
        .http()
        .post(url)
        .send({ code: code === '000000' ? '111111' : '000000', consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION });
      expect(wrong.status).toBeGreaterThanOrEqual(400);
      expect(wrong.status).toBeLessThan(500);
      expect(wrong.body.fields[0].field).toBe('code');
      // A staff resend goes to the citizen's number again, after the resend wait.
      t.clock.advance(61_000);
      await as(intake).post(`${url}/code`).expect(202);
      const fresh = await latestCode(t, CITIZEN);
      const ok = await t.http().post(url).send({ code: fresh, consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION }).expect(201);
      expect(ok.body).toMatchObject({ caseNumber: c.number, noticeVersion: NOTICE_VERSION });
      c = (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body;
      expect(party(c, 'applicant')).toMatchObject({ consent: 'given', consentChannel: 'sms_code', noticeVersion: NOTICE_VERSION });
      const items = (await as(mediator).get(`/api/cases/${c.id}/timeline`).expect(200)).body as TimelineEvent[];
      expect(items.find((e) => e.type === 'applicant_confirmed')?.data).toMatchObject({ channel: 'sms_code', noticeVersion: NOTICE_VERSION });
      const audit = await t.app.get(DataSource).query(`SELECT detail, ip FROM audit_log WHERE action = 'case.applicant_confirmed' AND target_id = $1`, [c.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].detail).toMatchObject({ channel: 'sms_code', noticeVersion: NOTICE_VERSION });
      // Done once.
      t.clock.advance(61_000);
      await t.http().post(url).send({ code: fresh, consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION }).expect(409);
      await t.http().post(`${url}/code`).expect(409);
      c = (await as(mediator).post(`/api/cases/${c.id}/start`, { version: c.version }).expect(201)).body;
      expect(c.state).toBe('MEDIATING');
    });

    it('R02: an unknown or malformed case id has no filing confirmation', async () => {
      await t.http().post('/api/filing-confirmations/00000000-0000-4000-8000-000000000000').send({ code: '123456', consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION }).expect(404);
      await t.http().post('/api/filing-confirmations/not-a-uuid/code').expect(404);
    });
  });

  describe('R14: identity re-confirmed by SMS code before a session', () => {
    let c: CaseDetail;
    let session: SessionView;
    beforeAll(async () => {
      c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
      const startsAt = new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString();
      session = (
        await as(mediator)
          .post(`/api/cases/${c.id}/sessions`, { startsAt, mode: 'video', separate: false, partyIds: c.parties.map((p) => p.id) })
          .expect(201)
      ).body;
      t.clock.advance(61_000);
    });

    it('R14: the old last-four check is gone; the code goes to the registered mobile and is checked', async () => {
      const url = `/api/sessions/${session.id}/check-in`;
      const old = await as(applicant).post(url, { idNumberLast4: '002X', shamWarningAcknowledged: true }).expect(400);
      expect(old.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['idNumberLast4', 'code']));
      await as(applicant).post(`${url}/code`).expect(202);
      const code = await latestCode(t, DEMO.citizen);
      const sms = (await smsTo(DEMO.citizen))[0].body;
      expect(sms).toContain(code);
      const wrong = await as(applicant).post(url, { code: code === '000000' ? '111111' : '000000', shamWarningAcknowledged: true });
      expect(wrong.status).toBeGreaterThanOrEqual(400);
      expect(wrong.status).toBeLessThan(500);
      expect(wrong.body.fields[0].field).toBe('code');
      const noWarning = await as(applicant).post(url, { code }).expect(400);
      expect(noWarning.body.fields[0].field).toBe('shamWarningAcknowledged');
      const ok = await as(applicant).post(url, { code, shamWarningAcknowledged: true }).expect(200);
      expect(ok.body.viewer).toEqual({ consented: false, checkedIn: true });
      // The mediator sees who checked in.
      const list = (await as(mediator).get(`/api/cases/${c.id}/sessions`).expect(200)).body as SessionView[];
      expect(list[0].checkedInPartyIds).toEqual([party(c, 'applicant').id]);
    });

    it('R14: a party with no ID number recorded gives it first (validated), and it is recorded', async () => {
      const url = `/api/sessions/${session.id}/check-in`;
      expect(party(c, 'respondent').idNumberMasked).toBeNull();
      const none = await as(respondent).post(`${url}/code`).expect(409);
      expect(none.body.fields[0]).toMatchObject({ field: 'idNumber', constraint: 'noIdRecorded' });
      const invalid = await as(respondent).post(`${url}/code`, { idNumber: '110105194912310021' }).expect(400);
      expect(invalid.body.fields[0]).toMatchObject({ field: 'idNumber', constraint: 'isIdNumber' });
      await as(respondent).post(`${url}/code`, { idNumber: '110105198001010032' }).expect(202);
      const code = await latestCode(t, DEMO.citizen2);
      const without = await as(respondent).post(url, { code, shamWarningAcknowledged: true }).expect(409);
      expect(without.body.fields[0].field).toBe('idNumber');
      await as(respondent).post(url, { code, shamWarningAcknowledged: true, idNumber: '110105198001010032' }).expect(200);
      const after = (await as(respondent).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail;
      expect(party(after, 'respondent').idNumberMasked).toBe('110105********0032');
      // The act is audited with its method.
      const audit = await t.app.get(DataSource).query(`SELECT detail FROM audit_log WHERE action = 'session.checked_in' AND actor_id = $1`, [respondent.user.id]);
      expect(audit[0].detail).toMatchObject({ sessionId: session.id, method: 'sms_code', partyId: party(c, 'respondent').id, idNumberRecorded: true });
    });

    it('R14: a party of a session under way who has not checked in cannot join its joint call', async () => {
      const startsAt = new Date(t.clock.now().getTime() + 10 * 60_000).toISOString();
      const live = (
        await as(mediator)
          .post(`/api/cases/${c.id}/sessions`, { startsAt, mode: 'video', separate: false, partyIds: c.parties.map((p) => p.id) })
          .expect(201)
      ).body as SessionView;
      const joint = (await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200)).body as ChannelView;
      const rs = connectSocket(t, { token: respondent.accessToken });
      const ms = connectSocket(t, { token: mediator.accessToken });
      try {
        // Both listened for at once: the second may connect while the first is awaited.
        expect(await Promise.all([connectOutcome(rs), connectOutcome(ms)])).toEqual([{ connected: true }, { connected: true }]);
        for (const s of [rs, ms]) expect(await s.timeout(5000).emitWithAck('case:join', { caseId: c.id })).toMatchObject({ ok: true });
        const started = await ms.timeout(5000).emitWithAck('call:start', { channelId: joint.id });
        if (!started.ok || !started.call) throw new Error(JSON.stringify(started));
        const consent = () => rs.timeout(5000).emitWithAck('call:consent', { channelId: joint.id, callId: started.call!.callId });
        // Checked in to the earlier session, not to this one, which is under way.
        expect(await consent()).toMatchObject({ ok: false, code: 'CONFLICT', field: 'checkIn' });
        t.clock.advance(61_000);
        await as(respondent).post(`/api/sessions/${live.id}/check-in/code`).expect(202);
        const code = await latestCode(t, DEMO.citizen2);
        await as(respondent).post(`/api/sessions/${live.id}/check-in`, { code, shamWarningAcknowledged: true }).expect(200);
        expect(await consent()).toMatchObject({ ok: true });
      } finally {
        rs.disconnect();
        ms.disconnect();
      }
    });

    it('R14: someone outside the session gets no code', async () => {
      const stranger = await loginAs(t, DEMO.judge);
      await as(stranger).post(`/api/sessions/${session.id}/check-in/code`).expect(404);
    });
  });
});
