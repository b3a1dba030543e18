import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CaseDetail, ChannelView, CourtFilingView, EndingView } from '@tiaojie/contracts';
import { PDFParse } from 'pdf-parse';
import { DataSource } from 'typeorm';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { mediatingCase } from './fixtures';

type Login = Awaited<ReturnType<typeof loginAs>>;

async function pdfText(buffer: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** supertest: collect a binary body as a Buffer. */
const binary = (res: IncomingMessage, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('ending a mediation: failure report, escalation, court filing queue, extensions, sham flag (R17, R20–R24, R36)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, bankMediator: Login, judge: Login, clerk: Login, stranger: Login, otherJudge: Login;
  const people = () => ({ applicant, respondent, dispatcher, mediator });
  const version = async (id: string, who = mediator) => (await t.http().get(`/api/cases/${id}`).set('Authorization', who.auth).expect(200)).body.version as number;
  const ending = async (id: string, who: Login) => (await t.http().get(`/api/cases/${id}/ending`).set('Authorization', who.auth).expect(200)).body as EndingView;

  async function register(mobile: string, name: string): Promise<Login> {
    await t.http().post('/api/auth/otp').send({ mobile, purpose: 'register' }).expect(202);
    const code = /(\d{6})/.exec((await t.http().get('/api/dev/sms').query({ mobile })).body[0].body)![1];
    const reg = await t.http().post('/api/auth/register').send({ mobile, code, password: 'outsider-pass', name, transport: 'api' }).expect(201);
    return { ...reg.body, auth: `Bearer ${reg.body.accessToken}` };
  }
  async function relogin() {
    [applicant, respondent, dispatcher, mediator, judge] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2, DEMO.judge].map((m) => loginAs(t, m)));
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator, bankMediator, judge, clerk] = await Promise.all(
      [DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2, DEMO.bankMediator, DEMO.judge, '13700000002'].map((m) => loginAs(t, m)),
    );
    stranger = await register('13766665555', '路人');
    // A judge of another court (set up directly: the platform has no court-admin screen here).
    otherJudge = await register('13766664444', '外院法官');
    const [court] = await db.query(`INSERT INTO court (name, region, level) VALUES ('杭州市上城区人民法院', '330102', 'basic') RETURNING id`);
    await db.query(`INSERT INTO membership (user_id, court_id, role) VALUES ($1, $2, 'judge')`, [otherJudge.user.id, court.id]);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a directly-applied case fails, is reported and sent to online filing', () => {
    let c: CaseDetail;
    beforeAll(async () => {
      c = await mediatingCase(t, people());
      // The joint conversation: one ordinary statement, one concession (R17).
      await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200);
      const channels: ChannelView[] = (await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', applicant.auth).expect(200)).body;
      const joint = channels.find((ch) => ch.kind === 'joint')!;
      await t.http().post(`/api/channels/${joint.id}/messages`).set('Authorization', applicant.auth).send({ clientId: randomUUID(), body: '我方已提交借条原件，借款事实清楚。' }).expect(201);
      await t
        .http()
        .post(`/api/channels/${joint.id}/messages`)
        .set('Authorization', applicant.auth)
        .send({ clientId: randomUUID(), body: '为了和解我可以放弃全部利息。', concession: true })
        .expect(201);
    });

    it('refuses bad input naming the field (R22: coded reason; "other" needs a note; R23: the situation)', async () => {
      const v = c.version;
      const post = (body: object, who = mediator) => t.http().post(`/api/cases/${c.id}/ending/terminate`).set('Authorization', who.auth).send(body);
      const bad = await post({ version: v, reasonCode: 'bored', situation: '双方分歧较大。' }).expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('reasonCode');
      const agreement = await post({ version: v, reasonCode: 'agreement', situation: '双方分歧较大。' }).expect(400);
      expect(agreement.body.fields.map((f: { field: string }) => f.field)).toContain('reasonCode');
      const other = await post({ version: v, reasonCode: 'other', situation: '双方分歧较大。', reasonNote: '  ' }).expect(400);
      expect(other.body.fields).toEqual([expect.objectContaining({ field: 'reasonNote' })]);
      const noSituation = await post({ version: v, reasonCode: 'positions_too_far' }).expect(400);
      expect(noSituation.body.fields.map((f: { field: string }) => f.field)).toContain('situation');
      // R20: "period expired" only once it has.
      await post({ version: v, reasonCode: 'period_expired', situation: '期限。' }).expect(422);
      // A party may not end it; an outsider does not see the case.
      await post({ version: v, reasonCode: 'positions_too_far', situation: 'x' }, applicant).expect(403);
      await post({ version: v, reasonCode: 'positions_too_far', situation: 'x' }, stranger).expect(404);
      await post({ version: v, reasonCode: 'positions_too_far', situation: 'x' }, bankMediator).expect(404);
      expect((await t.http().get(`/api/cases/${c.id}`).set('Authorization', mediator.auth).expect(200)).body.state).toBe('MEDIATING');
    });

    it('ends with the coded reason and the failure report in one step, and tells the parties their routes (R22, R23)', async () => {
      const res = await t
        .http()
        .post(`/api/cases/${c.id}/ending/terminate`)
        .set('Authorization', mediator.auth)
        .send({
          version: await version(c.id),
          reasonCode: 'positions_too_far',
          reasonNote: '还款金额差距过大',
          situation: '经三次联合调解，申请人坚持全额还款，被申请人仅同意偿还一半。',
          costConduct: '被申请人两次无故缺席调解会议。',
        })
        .expect(200);
      const view = res.body as EndingView;
      expect(view.state).toBe('TERMINATED');
      expect(view.failureReport).toMatchObject({ reasonCode: 'positions_too_far', costConduct: '被申请人两次无故缺席调解会议。' });
      expect(view.actions).toContain('escalate');
      expect(view.escalationRoutes).toEqual(['online_filing', 'arbitration']);
      // The parties see the report and their routes.
      const party = await ending(c.id, respondent);
      expect(party.routesAfterFailure).toEqual(['arbitration', 'administrative', 'court']);
      expect(party.failureReport?.situation).toContain('三次联合调解');
      const notices = await db.query(`SELECT recipient_role FROM notification WHERE case_id = $1 AND template = 'mediation_terminated' AND channel = 'sms'`, [c.id]);
      expect(notices.map((n: { recipient_role: string }) => n.recipient_role)).toEqual(expect.arrayContaining(['applicant', 'respondent']));
      // A second end is refused.
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/terminate`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id), reasonCode: 'positions_too_far', situation: 'again' })
        .expect(409);
    });

    it('renders the failure report as a PDF with Chinese text (R23)', async () => {
      const res = await t
        .http()
        .get(`/api/cases/${c.id}/ending/failure-report.pdf`)
        .set('Authorization', applicant.auth)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      const text = await pdfText(res.body);
      for (const s of ['调解不成功报告', c.number!, '双方分歧过大', '还款金额差距过大', '经三次联合调解', '增加对方诉讼成本的行为', '两次无故缺席']) expect(text).toContain(s);
      await t.http().get(`/api/cases/${c.id}/ending/failure-report.pdf`).set('Authorization', stranger.auth).expect(404);
    });

    it('refuses "back to the court" for a directly-applied case (R24), then files online with the package', async () => {
      const wrong = await t
        .http()
        .post(`/api/cases/${c.id}/ending/escalate`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id), route: 'return_to_court' })
        .expect(422);
      expect(JSON.stringify(wrong.body)).toContain('R24_escalation_route');
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/escalate`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id), route: 'nowhere' })
        .expect(400);
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/escalate`)
        .set('Authorization', stranger.auth)
        .send({ version: await version(c.id), route: 'online_filing' })
        .expect(404);
      const res = await t
        .http()
        .post(`/api/cases/${c.id}/ending/escalate`)
        .set('Authorization', mediator.auth)
        .send({ version: await version(c.id), route: 'online_filing' })
        .expect(200);
      expect(res.body.state).toBe('ESCALATED');
      expect(res.body.filing).toMatchObject({ route: 'online_filing', courtName: '杭州市西湖区人民法院', status: 'submitted' });
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/escalate`)
        .set('Authorization', applicant.auth)
        .send({ version: await version(c.id), route: 'online_filing' })
        .expect(409);
    });

    it('shows the filing in the court’s queue to its judges and clerks, with the package (R17: no concession)', async () => {
      for (const who of [judge, clerk]) {
        const list: CourtFilingView[] = (await t.http().get('/api/court/filings').set('Authorization', who.auth).expect(200)).body;
        const mine = list.find((f) => f.caseId === c.id);
        expect(mine).toMatchObject({ caseNumber: c.number, applicantName: '张三', respondentNames: ['李四'], route: 'online_filing' });
      }
      const filing: CourtFilingView = (await t.http().get('/api/court/filings').set('Authorization', judge.auth).expect(200)).body.find((f: CourtFilingView) => f.caseId === c.id);
      const pdf = await t
        .http()
        .get(filing.packagePdfUrl)
        .set('Authorization', judge.auth)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      const text = await pdfText(pdf.body);
      for (const s of ['调解案件移送材料', c.number!, '张三', '李四', '借款两万元', '调解不成功报告', '借条原件', 'id.png']) expect(text).toContain(s);
      expect(text).not.toContain('放弃全部利息');
      const json = (
        await t
          .http()
          .get(filing.packageJsonUrl)
          .set('Authorization', clerk.auth)
          .buffer(true)
          .parse(binary as never)
          .expect(200)
      ).body.toString();
      const pkg = JSON.parse(json);
      expect(pkg.parties.map((p: { name: string; mobile: string }) => [p.name, p.mobile])).toEqual([
        ['张三', DEMO.citizen],
        ['李四', DEMO.citizen2],
      ]);
      expect(pkg.conversation.map((m: { body: string }) => m.body)).toEqual(['我方已提交借条原件，借款事实清楚。']);
      expect(pkg.failureReport.reasonCode).toBe('positions_too_far');
      expect(pkg.timeline.map((e: { type: string }) => e.type)).toContain('mediation_terminated');
      // The parties can download it too (to take it along).
      await t.http().get(`/api/cases/${c.id}/ending/package.pdf`).set('Authorization', respondent.auth).expect(200);
    });

    it('hides the filing from everyone else: outsiders, mediators, a judge of another court', async () => {
      const filing: CourtFilingView = (await t.http().get('/api/court/filings').set('Authorization', judge.auth).expect(200)).body.find((f: CourtFilingView) => f.caseId === c.id);
      for (const who of [stranger, mediator, applicant, dispatcher]) await t.http().get('/api/court/filings').set('Authorization', who.auth).expect(403);
      const other: CourtFilingView[] = (await t.http().get('/api/court/filings').set('Authorization', otherJudge.auth).expect(200)).body;
      expect(other).toEqual([]);
      for (const who of [otherJudge, stranger, mediator]) {
        await t.http().get(`/api/court/filings/${filing.id}`).set('Authorization', who.auth).expect(404);
        await t.http().get(`/api/court/filings/${filing.id}/package.pdf`).set('Authorization', who.auth).expect(404);
        await t.http().get(`/api/court/filings/${filing.id}/package.json`).set('Authorization', who.auth).expect(404);
        await t.http().post(`/api/court/filings/${filing.id}/register`).set('Authorization', who.auth).expect(404);
      }
      await t.http().get(`/api/cases/${c.id}/ending/package.pdf`).set('Authorization', stranger.auth).expect(404);
    });

    it('lets the court’s clerk register the filing; the parties are told', async () => {
      const filing: CourtFilingView = (await t.http().get('/api/court/filings').set('Authorization', clerk.auth).expect(200)).body.find((f: CourtFilingView) => f.caseId === c.id);
      const res = await t.http().post(`/api/court/filings/${filing.id}/register`).set('Authorization', clerk.auth).expect(200);
      expect(res.body).toMatchObject({ status: 'registered' });
      await t.http().post(`/api/court/filings/${filing.id}/register`).set('Authorization', judge.auth).expect(409);
      const timeline = (await t.http().get(`/api/cases/${c.id}/timeline`).set('Authorization', applicant.auth).expect(200)).body;
      expect(timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['mediation_terminated', 'case_escalated', 'court_filing_registered']));
    });
  });

  it('sends a court-delegated case back to its court, and only there (R24)', async () => {
    const c = await mediatingCase(t, people());
    await db.query('UPDATE mediation_case SET court_delegated = true WHERE id = $1', [c.id]);
    await t
      .http()
      .post(`/api/cases/${c.id}/ending/terminate`)
      .set('Authorization', dispatcher.auth)
      .send({ version: await version(c.id), reasonCode: 'party_unwilling', situation: '被申请人表示不再参加调解。' })
      .expect(200);
    const view = await ending(c.id, applicant);
    expect(view.escalationRoutes).toEqual(['return_to_court']);
    for (const route of ['online_filing', 'arbitration']) {
      await t
        .http()
        .post(`/api/cases/${c.id}/ending/escalate`)
        .set('Authorization', applicant.auth)
        .send({ version: await version(c.id), route })
        .expect(422);
    }
    const res = await t
      .http()
      .post(`/api/cases/${c.id}/ending/escalate`)
      .set('Authorization', applicant.auth)
      .send({ version: await version(c.id), route: 'return_to_court' })
      .expect(200);
    expect(res.body.filing).toMatchObject({ route: 'return_to_court', courtName: '杭州市西湖区人民法院' });
    const list: CourtFilingView[] = (await t.http().get('/api/court/filings').set('Authorization', judge.auth).expect(200)).body;
    expect(list.find((f) => f.caseId === c.id)?.route).toBe('return_to_court');
  });

  it('suspends for suspected sham mediation with a report, told to the organisation and the court, and resumes (R36)', async () => {
    const c = await mediatingCase(t, people());
    const suspend = (who: Login, body: object) => t.http().post(`/api/cases/${c.id}/ending/suspend`).set('Authorization', who.auth).send(body);
    await suspend(applicant, { note: '怀疑' }).expect(403);
    await suspend(dispatcher, { note: '怀疑' }).expect(403);
    await suspend(stranger, { note: '怀疑' }).expect(404);
    await suspend(otherJudge, { note: '怀疑' }).expect(404);
    const noNote = await suspend(mediator, { note: ' ' }).expect(400);
    expect(noNote.body.fields.map((f: { field: string }) => f.field)).toContain('note');
    const res = await suspend(mediator, { version: await version(c.id), note: '双方疑似串通，借调解确认虚构债务以逃避执行。' }).expect(200);
    expect(res.body.state).toBe('SUSPENDED');
    expect((await ending(c.id, dispatcher)).shamReport).toMatchObject({ note: '双方疑似串通，借调解确认虚构债务以逃避执行。', reporterRole: 'mediator' });
    expect((await ending(c.id, applicant)).shamReport).toBeNull();
    const told = await db.query(`SELECT DISTINCT recipient_user_id AS id FROM notification WHERE case_id = $1 AND template = 'mediation_suspended' AND channel = 'in_app'`, [c.id]);
    expect(told.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([dispatcher.user.id, judge.user.id, clerk.user.id]));
    // The period does not run out while suspended: the scanner only ends ACCEPTED/MEDIATING cases.
    await t.http().post(`/api/cases/${c.id}/ending/resume`).set('Authorization', applicant.auth).send({}).expect(403);
    const back = await t
      .http()
      .post(`/api/cases/${c.id}/ending/resume`)
      .set('Authorization', mediator.auth)
      .send({ version: await version(c.id), note: '核查无异常。' })
      .expect(200);
    expect(back.body.state).toBe('MEDIATING');
    // A judge of the organisation's court flags by case number; another court's judge cannot.
    await t.http().post('/api/court/sham-flags').set('Authorization', otherJudge.auth).send({ caseNumber: c.number, note: '可疑' }).expect(404);
    await t.http().post('/api/court/sham-flags').set('Authorization', judge.auth).send({ caseNumber: c.number }).expect(400);
    const flagged = await t.http().post('/api/court/sham-flags').set('Authorization', judge.auth).send({ caseNumber: c.number, note: '本院发现同类案件批量申请，疑似虚假调解。' }).expect(200);
    expect(flagged.body.state).toBe('SUSPENDED');
    expect((await ending(c.id, mediator)).shamReport).toMatchObject({ reporterRole: 'judge' });
    await t.http().post(`/api/cases/${c.id}/ending/resume`).set('Authorization', otherJudge.auth).send({}).expect(404);
    expect((await t.http().post(`/api/cases/${c.id}/ending/resume`).set('Authorization', judge.auth).send({}).expect(200)).body.state).toBe('MEDIATING');
  });

  it('extends the mediation period only when every party consents; the scanner honours the new deadline (R20)', async () => {
    const agreed = await mediatingCase(t, people());
    const refused = await mediatingCase(t, people());
    const before = (await ending(agreed.id, mediator)).mediationDeadline!;
    const propose = (id: string, body: object, who = mediator) => t.http().post(`/api/cases/${id}/ending/extensions`).set('Authorization', who.auth).send(body);
    const badDays = await propose(agreed.id, { version: await version(agreed.id), days: 0, reason: '评估' }).expect(400);
    expect(badDays.body.fields.map((f: { field: string }) => f.field)).toContain('days');
    const noReason = await propose(agreed.id, { version: await version(agreed.id), days: 10 }).expect(400);
    expect(noReason.body.fields.map((f: { field: string }) => f.field)).toContain('reason');
    await propose(agreed.id, { version: await version(agreed.id), days: 10, reason: 'x' }, applicant).expect(403);
    let view: EndingView = (await propose(agreed.id, { version: await version(agreed.id), days: 10, reason: '等待房屋评估报告。' }).expect(200)).body;
    await propose(agreed.id, { version: await version(agreed.id), days: 5, reason: '再延' }).expect(409);
    const ext = view.extensions[0];
    expect(ext).toMatchObject({ days: 10, status: 'pending' });
    const parties = (await t.http().get(`/api/cases/${agreed.id}`).set('Authorization', mediator.auth).expect(200)).body.parties as Array<{ id: string; side: string }>;
    const applicantParty = parties.find((p) => p.side === 'applicant')!.id;
    const respondentParty = parties.find((p) => p.side === 'respondent')!.id;
    const answer = (who: Login, partyId: string, consent: boolean, id = agreed.id, extId = ext.id) =>
      t.http().post(`/api/cases/${id}/ending/extensions/${extId}/answer`).set('Authorization', who.auth).send({ partyId, consent });
    // A party answers only for itself.
    await answer(applicant, respondentParty, true).expect(403);
    expect((await ending(agreed.id, applicant)).extensions[0].viewerPendingPartyIds).toEqual([applicantParty]);
    view = (await answer(applicant, applicantParty, true).expect(200)).body;
    expect(view.mediationDeadline).toBe(before);
    view = (await answer(respondent, respondentParty, true).expect(200)).body;
    expect(view.extensions[0].status).toBe('granted');
    const after = view.mediationDeadline!;
    expect(new Date(after).getTime() - new Date(before).getTime()).toBe(10 * 24 * 3600_000);
    // The case's own deadlines show the longer period too.
    const detail = (await t.http().get(`/api/cases/${agreed.id}`).set('Authorization', applicant.auth).expect(200)).body as CaseDetail;
    expect(detail.deadlines.find((d) => d.kind === 'mediationPreFiling')?.dueAt).toBe(after);

    // The other case: one refusal leaves the period as it was.
    const p2 = (await t.http().get(`/api/cases/${refused.id}`).set('Authorization', mediator.auth).expect(200)).body.parties as Array<{ id: string; side: string }>;
    const ext2 = ((await propose(refused.id, { version: await version(refused.id), days: 10, reason: '等待评估。' }).expect(200)).body as EndingView).extensions[0];
    const refusedView = (await answer(respondent, p2.find((p) => p.side === 'respondent')!.id, false, refused.id, ext2.id).expect(200)).body as EndingView;
    expect(refusedView.extensions[0].status).toBe('refused');
    expect(refusedView.mediationDeadline).toBe(before);
    await answer(applicant, p2.find((p) => p.side === 'applicant')!.id, true, refused.id, ext2.id).expect(409);

    // A day past the original period: the refused case ends, the extended one goes on.
    const scanner = t.app.get(DeadlineScanner);
    t.clock.set(new Date(new Date(before).getTime() + 24 * 3600_000));
    await scanner.scan();
    await relogin();
    expect((await t.http().get(`/api/cases/${refused.id}`).set('Authorization', mediator.auth).expect(200)).body).toMatchObject({ state: 'TERMINATED', terminationReason: 'period_expired' });
    expect((await t.http().get(`/api/cases/${agreed.id}`).set('Authorization', mediator.auth).expect(200)).body.state).toBe('MEDIATING');
    // Past the extended period, it ends too.
    t.clock.set(new Date(new Date(after).getTime() + 60_000));
    await scanner.scan();
    await relogin();
    expect((await t.http().get(`/api/cases/${agreed.id}`).set('Authorization', mediator.auth).expect(200)).body).toMatchObject({ state: 'TERMINATED', terminationReason: 'period_expired' });
  });
});
