import type { CaseDetail, ConfirmationOverview, CourtApplicationDetail, CourtQueueItem, TimelineEvent } from '@tiaojie/contracts';
import { deadlineFrom } from '@tiaojie/domain';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service';
import { User } from '../src/accounts/user.entity';
import { HolidayCalendarService } from '../src/calendar/holiday-calendar.service';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { Court } from '../src/organisations/court.entity';
import { Membership } from '../src/organisations/membership.entity';
import { DEMO, DEMO_PASSWORD, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { mediatingCase, settle, PNG } from './fixtures';

const { PDFParse } = require('pdf-parse');

type Login = Awaited<ReturnType<typeof loginAs>>;
const DAY = 24 * 3600_000;

describe('judicial confirmation and the court portal (R29–R35)', () => {
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, judge: Login, clerk: Login, otherJudge: Login;
  const OTHER_JUDGE = '13700000099';

  async function relogin() {
    applicant = await loginAs(t, DEMO.citizen);
    respondent = await loginAs(t, DEMO.citizen2);
    dispatcher = await loginAs(t, DEMO.orgAdmin);
    mediator = await loginAs(t, DEMO.mediator);
    judge = await loginAs(t, DEMO.judge);
    clerk = await loginAs(t, '13700000002');
    otherJudge = await loginAs(t, OTHER_JUDGE);
  }
  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
  });
  const overview = async (who: Login, caseId: string): Promise<ConfirmationOverview> => (await as(who).get(`/api/cases/${caseId}/confirmation`).expect(200)).body;

  /** Both parties sign with their codes; returns the application id. */
  async function applyJointly(caseId: string) {
    for (const [who, mobile] of [
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ] as const) {
      t.clock.advance(61_000); // the resend interval of one-time codes
      await as(who).post(`/api/cases/${caseId}/confirmation/code`).expect(202);
      const code = await latestCode(t, mobile);
      const o = await overview(who, caseId);
      await as(who).post(`/api/cases/${caseId}/confirmation/sign`, { code, answers: {}, version: o.caseVersion }).expect(201);
    }
    const o = await overview(applicant, caseId);
    expect(o.caseState).toBe('CONFIRMATION_REQUESTED');
    return o.application!.id;
  }

  async function settledCase() {
    const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    await settle(t, c.id, { mediator, applicant, respondent, dispatcher });
    // The respondent's ID proof completes the package (R31).
    await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'id_card').attach('file', PNG, 'id2.png').expect(201);
    return c;
  }

  beforeAll(async () => {
    t = await startTestApp();
    // A judge of another court, for the 404 check.
    const db = t.app.get(DataSource);
    const court = await db.getRepository(Court).save({ name: '杭州市上城区人民法院', region: '330102', level: 'basic' as const });
    const user = await db
      .getRepository(User)
      .save(db.getRepository(User).create({ mobile: OTHER_JUDGE, name: '赵法官', passwordHash: await t.app.get(AccountsService).hashPassword(DEMO_PASSWORD), roles: ['judge'], locale: 'zh-CN' }));
    await db.getRepository(Membership).save({ userId: user.id, organisationId: null, courtId: court.id, role: 'judge' as const });
    await relogin();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('applies jointly with one-time codes, after the pre-checks; the court accepts, asks for a document, and confirms with a ruling PDF', async () => {
    const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    await settle(t, c.id, { mediator, applicant, respondent, dispatcher });

    // Outsiders (a judge included) do not see the case's confirmation section.
    await as(judge).get(`/api/cases/${c.id}/confirmation`).expect(404);

    let o = await overview(applicant, c.id);
    // R29 countdown, R30 court and basis, R35 free of charge.
    expect(o.windowOpen).toBe(true);
    expect(new Date(o.windowEndsAt!).getTime()).toBeGreaterThan(t.clock.now().getTime() + 29 * DAY);
    expect(o.proposal).toMatchObject({ courtName: '杭州市西湖区人民法院', basis: 'subject_matter', region: '330106' });
    expect(o.free).toBe(true);
    expect(o.exclusions).toEqual([]);
    // R31: the respondent's ID proof is missing, so signing is refused and says what is missing.
    expect(o.packageComplete).toBe(false);
    const res31 = await as(applicant).post(`/api/cases/${c.id}/confirmation/sign`, { code: '123456', answers: {}, version: o.caseVersion }).expect(422);
    expect(res31.body.fields.map((f: { constraint: string }) => f.constraint)).toEqual(['R31_id_proof']);
    await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'id_card').attach('file', PNG, 'id2.png').expect(201);
    o = await overview(applicant, c.id);
    expect(o.packageComplete).toBe(true);
    expect(o.packageItems.map((i) => i.kind)).toEqual(['application', 'agreement', 'id_proof', 'contacts', 'id_proof', 'contacts', 'property_proof']);
    // Both ID proofs are present; only the applicant's own is listed to it by file (R15).
    const idProofs = o.packageItems.filter((i) => i.kind === 'id_proof');
    expect(idProofs.map((i) => [i.partyName, i.present, i.documents.length])).toEqual([
      ['张三', true, 1],
      ['李四', true, 0],
    ]);
    expect(o.actions).toContain('sign');

    // R32: a declared excluded matter refuses the application, naming the answer.
    const res32 = await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/sign`, { code: '123456', answers: { personalStatus: true }, version: o.caseVersion })
      .expect(422);
    expect(res32.body.fields).toEqual([expect.objectContaining({ field: 'answers.personalStatus', constraint: 'R32_personal_status' })]);

    // Only parties sign; a wrong code is refused.
    await as(mediator).post(`/api/cases/${c.id}/confirmation/code`).expect(403);
    await as(applicant).post(`/api/cases/${c.id}/confirmation/code`).expect(202);
    const code = await latestCode(t, DEMO.citizen);
    await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/sign`, { code: code === '000000' ? '111111' : '000000', answers: {}, version: o.caseVersion })
      .expect(401);
    await as(applicant).post(`/api/cases/${c.id}/confirmation/sign`, { code: 'abc', answers: {}, version: o.caseVersion }).expect(400);
    o = (await as(applicant).post(`/api/cases/${c.id}/confirmation/sign`, { code, answers: {}, version: o.caseVersion }).expect(201)).body;
    // One signature is not a joint application yet.
    expect(o.caseState).toBe('SETTLED');
    expect(o.application?.status).toBe('signing');
    expect(o.actions).not.toContain('sign');
    expect(o.application!.parties.map((p) => !!p.signedAt)).toEqual([true, false]);
    // The court does not see an application still being signed.
    expect((await as(judge).get('/api/court/confirmations').expect(200)).body).toEqual([]);

    t.clock.advance(61_000);
    await as(respondent).post(`/api/cases/${c.id}/confirmation/code`).expect(202);
    const code2 = await latestCode(t, DEMO.citizen2);
    const ro = await overview(respondent, c.id);
    expect(ro.actions).toContain('sign');
    o = (await as(respondent).post(`/api/cases/${c.id}/confirmation/sign`, { code: code2, answers: {}, version: ro.caseVersion }).expect(201)).body;
    expect(o.caseState).toBe('CONFIRMATION_REQUESTED');
    expect(o.application).toMatchObject({ status: 'submitted', courtName: '杭州市西湖区人民法院', basis: 'subject_matter' });
    const submittedAt = new Date(o.application!.submittedAt!);
    expect(o.application!.deadlines.acceptBy).toBe(deadlineFrom('courtAccept', submittedAt, t.app.get(HolidayCalendarService).calendar()).toISOString());
    expect(o.actions).toEqual(expect.arrayContaining(['withdraw', 'message']));

    // The application PDF (R31) is the parties' and the court's.
    const appPdf = await as(applicant)
      .get(`/api/cases/${c.id}/confirmation/application.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const appText: string = (await new PDFParse({ data: appPdf.body }).getText()).text;
    expect(appText).toContain('司法确认申请书');
    expect(appText).toContain('张三');
    expect(appText).toContain('不收取费用');

    // The court queue: the judge and the clerk of that court, with the R33 deadline.
    const queue: CourtQueueItem[] = (await as(judge).get('/api/court/confirmations').expect(200)).body;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ caseId: c.id, status: 'submitted', parties: ['张三', '李四'], deadlines: { acceptBy: o.application!.deadlines.acceptBy, ruleBy: null } });
    const appId = queue[0].id;
    expect((await as(clerk).get('/api/court/confirmations').expect(200)).body).toHaveLength(1);
    // Another court's judge and non-court users see nothing and get 404.
    expect((await as(otherJudge).get('/api/court/confirmations').expect(200)).body).toEqual([]);
    await as(otherJudge).get(`/api/court/confirmations/${appId}`).expect(404);
    await as(otherJudge).post(`/api/court/confirmations/${appId}/accept`).expect(404);
    await as(mediator).get(`/api/court/confirmations/${appId}`).expect(404);
    await as(applicant).post(`/api/court/confirmations/${appId}/confirm`).expect(404);

    // The full package for the court.
    let d: CourtApplicationDetail = (await as(judge).get(`/api/court/confirmations/${appId}`).expect(200)).body;
    expect(d.packageItems.filter((i) => i.kind === 'id_proof')).toHaveLength(2);
    expect(d.agreement.obligations).toEqual([expect.objectContaining({ amount: '20000.00', obligorName: '李四', obligeeName: '张三' })]);
    expect(d.actions).toEqual(expect.arrayContaining(['accept', 'request_supplement', 'message']));
    expect(d.actions).not.toContain('confirm');
    const idDoc = d.packageItems.find((i) => i.kind === 'id_proof')!.documents[0].id;
    await as(clerk).get(`/api/court/confirmations/${appId}/documents/${idDoc}`).expect(200);
    await as(otherJudge).get(`/api/court/confirmations/${appId}/documents/${idDoc}`).expect(404);
    await as(judge).get(`/api/court/confirmations/${appId}/agreement.pdf`).expect(200);

    // A ruling before acceptance is refused; the clerk accepts (R33: ruling within 15 days).
    await as(judge).post(`/api/court/confirmations/${appId}/confirm`).expect(409);
    d = (await as(clerk).post(`/api/court/confirmations/${appId}/accept`).expect(201)).body;
    expect(d.status).toBe('accepted');
    expect(d.deadlines.ruleBy).toBe(deadlineFrom('courtRule', t.clock.now(), t.app.get(HolidayCalendarService).calendar()).toISOString());
    expect(d.viewerRole).toBe('clerk');
    expect(d.actions).not.toContain('confirm');
    await as(clerk).post(`/api/court/confirmations/${appId}/confirm`).expect(403);

    // One extension by 10 days.
    const ruleBy = d.deadlines.ruleBy!;
    d = (await as(judge).post(`/api/court/confirmations/${appId}/extend`, { reason: '需要核实借款事实', approvedBy: '院长 王某', approvedAt: t.clock.now().toISOString() }).expect(201)).body;
    expect(d.deadlines).toMatchObject({ extended: true, ruleBy: deadlineFrom('courtRuleExtension', ruleBy, t.app.get(HolidayCalendarService).calendar()).toISOString() });
    await as(judge).post(`/api/court/confirmations/${appId}/extend`, { reason: '再次延长', approvedBy: '院长 王某', approvedAt: t.clock.now().toISOString() }).expect(409);
    await as(judge).post(`/api/court/confirmations/${appId}/extend`, {}).expect(400);

    // Supplementary materials (R33): bad input names the field; a party uploads by the deadline.
    const bad = await as(judge).post(`/api/court/confirmations/${appId}/supplements`, { text: '请补充借条原件照片', dueDate: '2026-13-40' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('dueDate');
    await as(judge).post(`/api/court/confirmations/${appId}/supplements`, { text: '请补充借条原件照片', dueDate: '2026-01-01' }).expect(400);
    d = (await as(judge).post(`/api/court/confirmations/${appId}/supplements`, { text: '请补充借条原件照片', dueDate: '2026-03-10' }).expect(201)).body;
    expect(d.supplements).toEqual([expect.objectContaining({ text: '请补充借条原件照片', fulfilledAt: null })]);
    const supplementId = d.supplements[0].id;
    o = await overview(applicant, c.id);
    expect(o.actions).toContain('upload_supplement');
    await t.http().post(`/api/cases/${c.id}/confirmation/supplements/${supplementId}/documents`).set('Authorization', judge.auth).attach('file', PNG, 'x.png').expect(404);
    o = (await t.http().post(`/api/cases/${c.id}/confirmation/supplements/${supplementId}/documents`).set('Authorization', applicant.auth).attach('file', PNG, '借条.png').expect(201)).body;
    expect(o.application!.supplements[0]).toMatchObject({ fulfilledAt: expect.any(String), documents: [expect.objectContaining({ fileName: expect.stringContaining('.png') })] });
    await as(judge).get(`/api/court/confirmations/${appId}/documents/${o.application!.supplements[0].documents[0].id}`).expect(200);

    // Messages between the court and the parties.
    await as(judge).post(`/api/court/confirmations/${appId}/messages`, { body: '材料已收到。' }).expect(201);
    o = (await as(respondent).post(`/api/cases/${c.id}/confirmation/messages`, { body: '谢谢法官。' }).expect(201)).body;
    expect(o.application!.messages.map((m) => [m.authorRole, m.body])).toEqual([
      ['court', '材料已收到。'],
      ['party', '谢谢法官。'],
    ]);
    await as(respondent).post(`/api/cases/${c.id}/confirmation/messages`, { body: '' }).expect(400);

    // The ruling: CONFIRMED, the ruling PDF (民事裁定书) and the event E2 reads.
    d = (await as(judge).post(`/api/court/confirmations/${appId}/confirm`, {}).expect(201)).body;
    expect(d.status).toBe('confirmed');
    expect(d.ruling).toMatchObject({ outcome: 'confirmed', rulingNumber: '(2026)浙0106民特1号', judgeName: '刘法官' });
    expect(d.enforceable).toBe(true);
    const detail: CaseDetail = (await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body;
    expect(detail.state).toBe('CONFIRMED');
    const timeline: TimelineEvent[] = (await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)).body;
    const granted = timeline.find((e) => e.type === 'confirmation_granted')!;
    expect(granted.toState).toBe('CONFIRMED');
    expect(granted.data).toEqual({ applicationId: appId, rulingNumber: '(2026)浙0106民特1号', courtId: d.courtId, courtName: '杭州市西湖区人民法院', ruledAt: t.clock.now().toISOString() });

    for (const who of [applicant, respondent]) {
      const pdf = await as(who)
        .get(`/api/cases/${c.id}/confirmation/ruling.pdf`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (x: Buffer) => chunks.push(x));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(d.ruling!.pdfSha256);
      const text: string = (await new PDFParse({ data: pdf.body }).getText()).text;
      for (const s of ['民事裁定书', '杭州市西湖区人民法院', '(2026)浙0106民特1号', '张三', '李四', '20,000.00', '调解协议有效', '审判员', '刘法官', d.ruling!.verificationCode!])
        expect(text).toContain(s);
    }
    await as(otherJudge).get(`/api/court/confirmations/${appId}/ruling.pdf`).expect(404);

    // The ruling's code and its PDF verify on the public page, as the agreement's do; a changed file does not.
    const rulingPdf = (
      await as(applicant)
        .get(`/api/cases/${c.id}/confirmation/ruling.pdf`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (x: Buffer) => chunks.push(x));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
    const byCode = (await t.http().get(`/api/verify/${d.ruling!.verificationCode!}`).expect(200)).body;
    expect(byCode).toMatchObject({ document: 'ruling', match: true, rulingNumber: '(2026)浙0106民特1号', sealedByOrg: '杭州市西湖区人民法院', pdfSha256: d.ruling!.pdfSha256 });
    expect(byCode.parties.join()).not.toContain('张三');
    expect((await t.http().post('/api/verify').attach('file', rulingPdf, 'ruling.pdf').expect(200)).body).toMatchObject({ document: 'ruling', match: true });
    const altered = Buffer.concat([rulingPdf, Buffer.from('\n% altered\n')]);
    expect((await t.http().post('/api/verify').field('code', d.ruling!.verificationCode!).attach('file', altered, 'ruling.pdf').expect(200)).body).toMatchObject({ document: 'ruling', match: false });
    o = await overview(applicant, c.id);
    expect(o.actions).toContain('download_ruling');
    expect(o.actions).not.toContain('withdraw');

    // Every step told the parties, in their language.
    while ((await t.app.get(NotificationDispatcher).dispatchDue()) > 0);
    const sms = (await t.http().get('/api/dev/sms').query({ mobile: DEMO.citizen2 })).body as { body: string }[];
    expect(sms.map((m) => m.body)).toEqual(expect.arrayContaining([expect.stringContaining('(2026)浙0106民特1号')]));
    const judgeSms = (await t.http().get('/api/dev/sms').query({ mobile: DEMO.judge })).body as { body: string }[];
    expect(judgeSms.some((m) => m.body.includes('新司法确认申请'))).toBe(true);
  }, 120_000);

  it('withdrawal before the ruling returns the case to SETTLED, and a ruling afterwards is refused', async () => {
    t.clock.advance(2 * 3600_000);
    await relogin();
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    await as(judge).post(`/api/court/confirmations/${appId}/accept`).expect(201);
    // A stale version is refused.
    await as(applicant).post(`/api/cases/${c.id}/confirmation/withdraw`, { version: 1 }).expect(409);
    const o0 = await overview(applicant, c.id);
    const o = (await as(applicant).post(`/api/cases/${c.id}/confirmation/withdraw`, { version: o0.caseVersion, note: '双方自行履行' }).expect(201)).body as ConfirmationOverview;
    expect(o.caseState).toBe('SETTLED');
    expect(o.application).toMatchObject({ status: 'withdrawn', withdrawnReason: 'parties' });
    await as(judge).post(`/api/court/confirmations/${appId}/confirm`, {}).expect(409);
    await as(judge).post(`/api/court/confirmations/${appId}/reject`, { reasonCode: 'unclear_content' }).expect(409);
    expect(((await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail).state).toBe('SETTLED');
    // The agreement stays in effect: they may apply again within the window.
    expect(o.actions).toContain('sign');
  }, 120_000);

  it('a missed supplementary deadline is put to the judge, who rules it a withdrawal (R33), and an application on day 31 is refused', async () => {
    t.clock.advance(2 * 3600_000);
    await relogin();
    const c = await settledCase();
    const effectiveAt = t.clock.now();
    const appId = await applyJointly(c.id);
    await as(clerk).post(`/api/court/confirmations/${appId}/accept`).expect(201);
    const today = new Date(t.clock.now().getTime() + 8 * 3600_000 + 2 * DAY).toISOString().slice(0, 10);
    await as(clerk).post(`/api/court/confirmations/${appId}/supplements`, { text: '请补充收入证明', dueDate: today }).expect(201);
    await t.app.get(DeadlineScanner).scan();
    expect((await overview(applicant, c.id)).caseState).toBe('CONFIRMATION_REQUESTED');
    const reminders = async (prefix: string) =>
      Number((await t.app.get(DataSource).query(`SELECT COUNT(*)::int AS n FROM notification WHERE case_id = $1 AND dedup_key LIKE $2`, [c.id, `${prefix}%`]))[0].n);
    expect(await reminders('reminder:supplement:')).toBe(0);
    // A day before the deadline the parties are reminded (once), and the court of its ruling deadline.
    const due = new Date((await overview(applicant, c.id)).application!.supplements[0].dueAt);
    t.clock.set(new Date(due.getTime() - 12 * 3600_000));
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    const sent = await reminders('reminder:supplement:');
    expect(sent).toBeGreaterThan(0);
    expect(await reminders('reminder:supplement:')).toBe(sent);
    expect((await overview(applicant, c.id)).caseState).toBe('CONFIRMATION_REQUESTED');
    // The court's request belongs to this case: the same party cannot answer it through another of its cases.
    const other = await settledCase();
    const supplementId = (await overview(applicant, c.id)).application!.supplements[0].id;
    await t.http().post(`/api/cases/${other.id}/confirmation/supplements/${supplementId}/documents`).set('Authorization', applicant.auth).attach('file', PNG, 'x.png').expect(404);
    expect((await overview(applicant, other.id)).application).toBeNull();
    t.clock.advance(3 * DAY);
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    // R33 (JC2011 6): the scanner marks it missed; the judge decides it counts as withdrawal.
    expect((await overview(applicant, c.id)).caseState).toBe('CONFIRMATION_REQUESTED');
    await as(judge).post(`/api/court/confirmations/${appId}/supplements/${supplementId}/decision`, { withdrawn: true }).expect(201);
    let o = await overview(applicant, c.id);
    expect(o.caseState).toBe('SETTLED');
    expect(o.application).toMatchObject({ status: 'withdrawn', withdrawnReason: 'supplement_missed' });
    expect(o.application!.supplements[0].missedAt).not.toBeNull();
    const timeline: TimelineEvent[] = (await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)).body;
    expect(timeline.some((e) => e.type === 'confirmation_supplement_withdrawn' && e.toState === 'SETTLED')).toBe(true);

    // R29: day 31 after the agreement took effect — refused, with the rule.
    t.clock.set(new Date(effectiveAt.getTime() + 31 * DAY));
    await relogin();
    o = await overview(applicant, c.id);
    expect(o.windowOpen).toBe(false);
    expect(o.actions).not.toContain('sign');
    const res = await as(applicant).post(`/api/cases/${c.id}/confirmation/sign`, { code: '123456', answers: {}, version: o.caseVersion }).expect(422);
    expect(res.body.fields[0].constraint).toBe('R29_within_window');
  }, 120_000);

  it('rejects with R34 grounds → CONFIRMATION_REJECTED', async () => {
    t.clock.advance(2 * 3600_000);
    await relogin();
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    // R33: a day before the acceptance deadline the court is reminded (once).
    const acceptBy = new Date((await overview(applicant, c.id)).application!.deadlines.acceptBy!);
    t.clock.set(new Date(acceptBy.getTime() - 6 * 3600_000));
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    const [{ n }] = await t.app
      .get(DataSource)
      .query(`SELECT COUNT(*)::int AS n FROM notification WHERE case_id = $1 AND dedup_key LIKE 'reminder:court:%' AND channel = 'sms' AND recipient_mobile = $2`, [c.id, DEMO.judge]);
    expect(Number(n)).toBe(1);
    await as(judge).post(`/api/court/confirmations/${appId}/accept`).expect(201);
    await as(judge).post(`/api/court/confirmations/${appId}/reject`, { reasonCode: 'not_a_ground' }).expect(400);
    const res = await as(judge).post(`/api/court/confirmations/${appId}/reject`, { reasonCode: 'other' }).expect(422);
    expect(res.body.fields[0].constraint).toBe('R34_note_for_other');
    await as(otherJudge).post(`/api/court/confirmations/${appId}/reject`, { reasonCode: 'unclear_content', reasonNote: '还款期限不明确' }).expect(404);
    const d: CourtApplicationDetail = (await as(judge).post(`/api/court/confirmations/${appId}/reject`, { reasonCode: 'unclear_content', reasonNote: '还款期限不明确' }).expect(201)).body;
    expect(d.ruling).toMatchObject({ outcome: 'rejected', rejectionGround: 'unclear_content', rejectionNote: '还款期限不明确' });
    const o = await overview(respondent, c.id);
    expect(o.caseState).toBe('CONFIRMATION_REJECTED');
    expect(o.application!.status).toBe('rejected');
    const timeline: TimelineEvent[] = (await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)).body;
    expect(timeline.find((e) => e.type === 'confirmation_rejected')).toMatchObject({ toState: 'CONFIRMATION_REJECTED', data: expect.objectContaining({ reasonCode: 'unclear_content' }) });
  }, 120_000);
});
