import type { CaseDetail, CourtBroughtCase } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { deadlineFrom, NOTICE_VERSION } from '@tiaojie/domain';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { HolidayCalendarService } from '../src/calendar/holiday-calendar.service';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { DEMO, inviteTokenFor, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { binary, draftAgreement, loanAgreement, pdfText, PNG, mediatingCase, sealAgreement, signAgreement, type Login } from './fixtures';

const DAY = 24 * 3600_000;

/** SETTLED through the settlement API (every party and the mediator sign; a committee's seal where it applies). */
async function settle(t: TestApp, caseId: string, who: { mediator: Login; applicant: Login; respondent: Login; dispatcher: Login }) {
  const parties = (await t.http().get(`/api/cases/${caseId}`).set('Authorization', who.mediator.auth).expect(200)).body.parties as { id: string; side: string }[];
  const draft = await draftAgreement(t, caseId, who.mediator, loanAgreement(parties, { dueDate: '2027-04-30' }));
  let a = await signAgreement(t, draft, who.mediator, [
    [who.mediator, DEMO.mediator],
    [who.applicant, DEMO.citizen],
    [who.respondent, DEMO.citizen2],
  ]);
  if (a.status === 'awaiting_seal') a = await sealAgreement(t, a, who.dispatcher);
  expect(a.status).toBe('effective');
}

describe('court-brought cases (R21, R20) and closing with the archived case file (R27, R40)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, judge: Login, clerk: Login, otherJudge: Login;
  let orgId: string;
  const people = () => ({ applicant, respondent, dispatcher, mediator });
  const version = async (id: string, who = dispatcher) => (await t.http().get(`/api/cases/${id}`).set('Authorization', who.auth).expect(200)).body.version as number;

  const body = (over: Record<string, unknown> = {}) => ({
    kind: 'delegated',
    courtCaseNumber: '(2026)浙0106民诉前调123号',
    organisationId: orgId,
    disputeType: 'private_loan',
    facts: '借款五万元，到期未还。',
    claims: { amount: '50000' },
    region: '330106',
    applicant: { name: '王五', mobile: '13811112222', address: '杭州市西湖区文一路1号' },
    respondents: [{ name: '赵六', mobile: '13811113333', address: '杭州市西湖区文一路2号' }],
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator, judge, clerk] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator, DEMO.judge, '13700000002'].map((m) => loginAs(t, m)));
    [{ organisation_id: orgId }] = await db.query(`SELECT organisation_id FROM membership WHERE user_id = $1 AND role = 'org_admin'`, [dispatcher.user.id]);
    // A judge of another court.
    const [court] = await db.query(`INSERT INTO court (name, region, level) VALUES ('杭州市上城区人民法院', '330102', 'basic') RETURNING id`);
    await t.http().post('/api/auth/otp').send({ mobile: '13766664444', purpose: 'register' }).expect(202);
    const sms = await t.http().get('/api/dev/sms').query({ mobile: '13766664444' });
    const otp = /(\d{6})/.exec(sms.body[0].body)![1];
    const reg = await t.http().post('/api/auth/register').send({ mobile: '13766664444', code: otp, password: 'outsider-pass', name: '外院法官', transport: 'api' }).expect(201);
    otherJudge = { ...reg.body, auth: `Bearer ${reg.body.accessToken}` };
    await db.query(`INSERT INTO membership (user_id, court_id, role) VALUES ($1, $2, 'judge')`, [otherJudge.user.id, court.id]);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('R21: a court brings a case', () => {
    let created: CaseDetail;

    it('R21: refuses a missing or malformed court case number, a missing procedure, and non-court staff', async () => {
      const bad = await t
        .http()
        .post('/api/court/cases')
        .set('Authorization', judge.auth)
        .send(body({ courtCaseNumber: 'TJ-2026-1' }))
        .expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('courtCaseNumber');
      const none = await t
        .http()
        .post('/api/court/cases')
        .set('Authorization', judge.auth)
        .send(body({ courtCaseNumber: undefined }))
        .expect(400);
      expect(none.body.fields.map((f: { field: string }) => f.field)).toContain('courtCaseNumber');
      const proc = await t
        .http()
        .post('/api/court/cases')
        .set('Authorization', judge.auth)
        .send(body({ kind: 'entrusted', courtCaseNumber: '(2026)浙0106民初1号' }))
        .expect(400);
      expect(proc.body.fields.map((f: { field: string }) => f.field)).toContain('procedure');
      await t
        .http()
        .post('/api/court/cases')
        .set('Authorization', judge.auth)
        .send(body({ kind: 'sideways' }))
        .expect(400);
      await t.http().post('/api/court/cases').set('Authorization', dispatcher.auth).send(body()).expect(403);
      await t.http().post('/api/court/cases').set('Authorization', applicant.auth).send(body()).expect(403);
    });

    it('R21: a judge creates a delegated case; it enters the organisation queue as SUBMITTED with the court number', async () => {
      const res = await t.http().post('/api/court/cases').set('Authorization', judge.auth).send(body()).expect(201);
      created = res.body;
      expect(created.state).toBe('SUBMITTED');
      expect(created.number).toMatch(/^TJ-\d{4}-\d{6}$/);
      expect(created.courtCase).toMatchObject({ kind: 'delegated', courtCaseNumber: '（2026）浙0106民诉前调123号', courtName: '杭州市西湖区人民法院', procedure: null, periodDays: 30 });
      const queue = await t.http().get(`/api/organisations/${orgId}/cases`).set('Authorization', dispatcher.auth);
      if (queue.status === 200) expect(JSON.stringify(queue.body)).toContain(created.id);
      const seen = (await t.http().get(`/api/cases/${created.id}`).set('Authorization', dispatcher.auth).expect(200)).body as CaseDetail;
      expect(seen.courtCase?.courtCaseNumber).toBe('（2026）浙0106民诉前调123号');
    });

    it('R21: the court case number is unique per court (either bracket form)', async () => {
      const dup = await t
        .http()
        .post('/api/court/cases')
        .set('Authorization', clerk.auth)
        .send(body({ courtCaseNumber: '（2026）浙0106民诉前调123号' }))
        .expect(409);
      expect(dup.body.fields[0].field).toBe('courtCaseNumber');
      // Another court may use the same number.
      await t.http().post('/api/court/cases').set('Authorization', otherJudge.auth).send(body()).expect(201);
    });

    it('R21: an organisation configured not to take entrusted cases refuses them', async () => {
      await db.query(`UPDATE organisation SET court_case_kinds = '{delegated}' WHERE id = $1`, [orgId]);
      try {
        const res = await t
          .http()
          .post('/api/court/cases')
          .set('Authorization', judge.auth)
          .send(body({ kind: 'entrusted', procedure: 'simple', courtCaseNumber: '(2026)浙0106民初9号' }))
          .expect(422);
        expect(res.body.fields[0]).toMatchObject({ field: 'kind', constraint: 'R21_kind_not_accepted' });
      } finally {
        await db.query(`UPDATE organisation SET court_case_kinds = '{delegated,entrusted}' WHERE id = $1`, [orgId]);
      }
    });

    it('R21: the court lists the cases it brought; another court does not see them', async () => {
      const mine = (await t.http().get('/api/court/cases').set('Authorization', clerk.auth).expect(200)).body as CourtBroughtCase[];
      expect(mine.find((x) => x.caseId === created.id)).toMatchObject({ kind: 'delegated', state: 'SUBMITTED', courtCaseNumber: '（2026）浙0106民诉前调123号' });
      const theirs = (await t.http().get('/api/court/cases').set('Authorization', otherJudge.auth).expect(200)).body as CourtBroughtCase[];
      expect(theirs.some((x) => x.caseId === created.id)).toBe(false);
      await t.http().get('/api/court/cases').set('Authorization', dispatcher.auth).expect(403);
    });

    it('R21/R01: a court case reaches mediation: the applicant confirms by the code sent, the respondent takes up the invitation', async () => {
      let c: CaseDetail = (
        await t
          .http()
          .post('/api/court/cases')
          .set('Authorization', clerk.auth)
          .send(
            body({
              courtCaseNumber: '(2026)浙0106民诉前调200号',
              applicant: { name: '张三', mobile: DEMO.citizen, address: '杭州市西湖区文三路1号' },
              respondents: [{ name: '李四', mobile: DEMO.citizen2, address: '杭州市西湖区文二路2号' }],
            }),
          )
          .expect(201)
      ).body;
      // R02: the court cannot consent for the applicant; the applicant's own code does.
      expect(c.parties.find((p) => p.side === 'applicant')?.consent).toBe('pending');
      const code = await latestCode(t, DEMO.citizen);
      await t.http().post(`/api/filing-confirmations/${c.id}`).send({ code, consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION }).expect(201);
      c = (
        await t
          .http()
          .post(`/api/cases/${c.id}/accept`)
          .set('Authorization', dispatcher.auth)
          .send({ version: await version(c.id) })
          .expect(201)
      ).body;
      c = (await t.http().post(`/api/cases/${c.id}/assignments`).set('Authorization', dispatcher.auth).send({ version: c.version, mediatorId: mediator.user.id }).expect(201)).body;
      c = (await t.http().post(`/api/cases/${c.id}/assignment/accept`).set('Authorization', mediator.auth).send({ version: c.version }).expect(201)).body;
      await t.app.get(NotificationDispatcher).dispatchDue();
      const token = await inviteTokenFor(t, DEMO.citizen2, c.number);
      await t.http().post(`/api/invitations/${token}/claim`).set('Authorization', respondent.auth).expect(201);
      await t
        .http()
        .post(`/api/cases/${c.id}/consent`)
        .set('Authorization', respondent.auth)
        .send({ version: await version(c.id, respondent), consent: 'given', noticeSeen: true, noticeVersion: NOTICE_VERSION })
        .expect(201);
      c = (
        await t
          .http()
          .post(`/api/cases/${c.id}/start`)
          .set('Authorization', mediator.auth)
          .send({ version: await version(c.id, mediator) })
          .expect(201)
      ).body;
      expect(c.state).toBe('MEDIATING');
      expect(c.courtCase?.courtCaseNumber).toBe('（2026）浙0106民诉前调200号');
    });

    it('R21/R04: the organisation may return a court case with a coded reason; the court sees it and is told', async () => {
      const v = await version(created.id);
      await t.http().post(`/api/cases/${created.id}/return`).set('Authorization', dispatcher.auth).send({ version: v, reasonCode: 'outside_scope' }).expect(201);
      const mine = (await t.http().get('/api/court/cases').set('Authorization', judge.auth).expect(200)).body as CourtBroughtCase[];
      expect(mine.find((x) => x.caseId === created.id)?.state).toBe('RETURNED');
      const told = await db.query(`SELECT count(*)::int AS n FROM notification WHERE case_id = $1 AND template = 'court_case_outcome'`, [created.id]);
      expect(told[0].n).toBeGreaterThan(0);
    });
  });

  describe('R20: an entrusted case under the simple procedure has 7 days, then goes back to its court', () => {
    it('R20: 7 days from the mediator acceptance; expiry returns it to the court that brought it (R21, R24)', async () => {
      let c: CaseDetail = (
        await t
          .http()
          .post('/api/court/cases')
          .set('Authorization', judge.auth)
          .send(body({ kind: 'entrusted', procedure: 'simple', courtCaseNumber: '(2026)浙0106民初77号' }))
          .expect(201)
      ).body;
      expect(c.courtCase).toMatchObject({ kind: 'entrusted', procedure: 'simple', periodDays: 7 });
      c = (await t.http().post(`/api/cases/${c.id}/accept`).set('Authorization', dispatcher.auth).send({ version: c.version }).expect(201)).body;
      c = (await t.http().post(`/api/cases/${c.id}/assignments`).set('Authorization', dispatcher.auth).send({ version: c.version, mediatorId: mediator.user.id }).expect(201)).body;
      c = (await t.http().post(`/api/cases/${c.id}/assignment/accept`).set('Authorization', mediator.auth).send({ version: c.version }).expect(201)).body;
      const period = c.deadlines.find((d) => d.rule === 'R20')!;
      expect(period.kind).toBe('mediationSimple');
      const accepted = Date.parse((await db.query(`SELECT mediator_accepted_at FROM mediation_case WHERE id = $1`, [c.id]))[0].mediator_accepted_at);
      // 7 calendar days (to the end of the 7th day), not the 30 of pre-filing mediation.
      const calendar = t.app.get(HolidayCalendarService).calendar();
      expect(period.dueAt).toBe(deadlineFrom('mediationSimple', accepted, calendar).toISOString());
      expect(Date.parse(period.dueAt) - accepted).toBeLessThan(8 * DAY);

      const scan = () => t.app.get(DeadlineScanner).scan();
      const stateOf = async () => (await db.query(`SELECT state FROM mediation_case WHERE id = $1`, [c.id]))[0].state as string;
      // The parties answered (R12 is not what this test is about): set directly, the consent flow has its own specs.
      await db.query(`UPDATE case_party SET consent = 'given', consent_at = now() WHERE case_id = $1`, [c.id]);
      const start = t.clock.now();
      try {
        t.clock.set(new Date(Date.parse(period.dueAt) - 3600_000));
        await scan();
        expect(await stateOf()).toBe('ACCEPTED');
        t.clock.set(new Date(Date.parse(period.dueAt) + 60_000));
        await scan();
        await scan(); // the return to the court is done once, whatever the number of scans
      } finally {
        t.clock.set(start); // the logins' tokens stay valid
      }
      const after = (await t.http().get(`/api/cases/${c.id}`).set('Authorization', dispatcher.auth).expect(200)).body as CaseDetail;
      expect(after.state).toBe('ESCALATED');
      const filings = await db.query(`SELECT route, court_id FROM court_filing WHERE case_id = $1`, [c.id]);
      expect(filings).toHaveLength(1);
      expect(filings[0].route).toBe('return_to_court');
      const listed = ((await t.http().get('/api/court/cases').set('Authorization', judge.auth).expect(200)).body as CourtBroughtCase[]).find((x) => x.caseId === c.id)!;
      expect(listed).toMatchObject({ state: 'ESCALATED', terminationReason: 'period_expired', returnedToCourt: true });
      // The court opens the file of the case it brought (logged, R19); another court cannot.
      const file = await t
        .http()
        .get(`/api/court/cases/${c.id}/file.pdf`)
        .set('Authorization', judge.auth)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(await pdfText(file.body)).toContain('（2026）浙0106民初77号');
      await t.http().get(`/api/court/cases/${c.id}/file.pdf`).set('Authorization', otherJudge.auth).expect(404);
      // R21: the court's judges and clerks were told of the outcome.
      const told = await db.query(`SELECT DISTINCT recipient_user_id FROM notification WHERE case_id = $1 AND template = 'court_case_outcome'`, [c.id]);
      expect(told.map((r: { recipient_user_id: string }) => r.recipient_user_id).sort()).toEqual([judge.user.id, clerk.user.id].sort());
      const logged = await db.query(`SELECT allowed FROM case_access_log WHERE case_id = $1 AND action = 'court_case_file'`, [c.id]);
      expect(logged.length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('R27: closing a case archives its file and makes it read-only', () => {
    let c: CaseDetail;
    beforeAll(async () => {
      c = await mediatingCase(t, people());
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/terminate`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id), reasonCode: 'positions_too_far', situation: '双方差距过大。' })
        .expect(200);
    });

    it('R27: only staff of the case close it; a party may not', async () => {
      await t
        .http()
        .post(`/api/cases/${c.id}/close`)
        .set('Authorization', applicant.auth)
        .send({ version: await version(c.id) })
        .expect(403);
      await t
        .http()
        .post(`/api/cases/${c.id}/close`)
        .set('Authorization', otherJudge.auth)
        .send({ version: await version(c.id) })
        .expect(404);
      await t.http().post(`/api/cases/${c.id}/close`).set('Authorization', dispatcher.auth).send({}).expect(400);
    });

    it('R27/R40: closing makes the archive PDF with parties, timeline, service proofs and documents; staff download it, logged', async () => {
      const res = await t
        .http()
        .post(`/api/cases/${c.id}/close`)
        .set('Authorization', dispatcher.auth)
        .send({ version: await version(c.id) })
        .expect(201);
      expect(res.body.state).toBe('CLOSED');
      expect(res.body.archive).toMatchObject({ pdfUrl: `/api/cases/${c.id}/archive.pdf` });
      const pdf = await t
        .http()
        .get(`/api/cases/${c.id}/archive.pdf`)
        .set('Authorization', mediator.auth)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      const text = await pdfText(pdf.body);
      for (const s of ['案件卷宗', c.number!, '张三', '李四', '案件经过', '送达回证', '证据材料清单', 'id.png', '双方分歧过大']) expect(text).toContain(s);
      await t.http().get(`/api/cases/${c.id}/archive.pdf`).set('Authorization', applicant.auth).expect(404);
      const logged = await db.query(`SELECT allowed FROM case_access_log WHERE case_id = $1 AND action = 'download_archive'`, [c.id]);
      expect(logged.map((r: { allowed: boolean }) => r.allowed).sort()).toEqual([false, true]);
    });

    it('R27: a closed case is read-only: every write is refused with 409 R27_archived', async () => {
      const v = await version(c.id);
      const writes = [
        t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', applicant.auth).field('kind', 'evidence').attach('file', PNG, 'late.png'),
        t.http().post(`/api/cases/${c.id}/ending/escalate`).set('Authorization', mediator.auth).send({ version: v, route: 'online_filing' }),
        t.http().post(`/api/cases/${c.id}/close`).set('Authorization', dispatcher.auth).send({ version: v }),
        t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }),
      ];
      for (const w of writes) {
        const r = await w;
        expect(r.status).toBe(409);
        expect(JSON.stringify(r.body)).toContain('R27_archived');
      }
      // Another court's judge learns nothing (404, not "archived").
      await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', otherJudge.auth).field('kind', 'evidence').attach('file', PNG, 'x.png').expect(404);
      // Reads still work.
      await t.http().get(`/api/cases/${c.id}`).set('Authorization', applicant.auth).expect(200);
    });
  });

  describe('R40: proofs of service in the escalation package; R27: an escalated case is archived too', () => {
    it('R40: the escalation package PDF carries the proofs of service', async () => {
      const c = await mediatingCase(t, people());
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/terminate`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id), reasonCode: 'positions_too_far', situation: '差距过大。' })
        .expect(200);
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/escalate`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id), route: 'online_filing' })
        .expect(200);
      const pdf = await t
        .http()
        .get(`/api/cases/${c.id}/ending/package.pdf`)
        .set('Authorization', mediator.auth)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(await pdfText(pdf.body)).toContain('送达回证');
      // R27: an escalated case is closed and archived too.
      const closed = await t
        .http()
        .post(`/api/cases/${c.id}/close`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id) })
        .expect(201);
      expect(closed.body.state).toBe('CLOSED');
    });
  });

  describe('R27: a settled case is closed only once the R29 window has passed', () => {
    it('R27: refuses to close inside the 30-day confirmation window, closes after it', async () => {
      const c = await mediatingCase(t, people());
      await settle(t, c.id, people());
      const early = await t
        .http()
        .post(`/api/cases/${c.id}/close`)
        .set('Authorization', dispatcher.auth)
        .send({ version: await version(c.id) })
        .expect(422);
      expect(JSON.stringify(early.body)).toContain('R27_confirmation_window_over');
      const start = t.clock.now();
      try {
        t.clock.set(new Date(start.getTime() + 35 * DAY));
        const later = await loginAs(t, DEMO.orgAdmin);
        const v = (await t.http().get(`/api/cases/${c.id}`).set('Authorization', later.auth).expect(200)).body as CaseDetail;
        expect(v.actions).toContain('close');
        const closed = await t.http().post(`/api/cases/${c.id}/close`).set('Authorization', later.auth).send({ version: v.version }).expect(201);
        expect(closed.body.state).toBe('CLOSED');
        const pdf = await t
          .http()
          .get(`/api/cases/${c.id}/archive.pdf`)
          .set('Authorization', later.auth)
          .buffer(true)
          .parse(binary as never)
          .expect(200);
        const text = await pdfText(pdf.body);
        for (const s of ['调解协议', '李四愿意归还借款', '归还借款', '签名']) expect(text).toContain(s);
      } finally {
        t.clock.set(start);
      }
    });
  });
});
