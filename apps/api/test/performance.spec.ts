import type { CaseDetail, PerformanceObligationView, PerformanceView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { CaseLifecycleService } from '../src/cases/case-lifecycle.service';
import { CaseParty } from '../src/cases/case-party.entity';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { Agreement, Obligation } from '../src/cases/agreement.entity';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { mediatingCase, PNG } from './fixtures';

const { PDFParse } = require('pdf-parse');

type Login = Awaited<ReturnType<typeof loginAs>>;
const RULING = { rulingNumber: '（2026）浙0106民特123号', courtName: '杭州市西湖区人民法院' };

/** Brings a new private-loan case to MEDIATING through the real API (as in mediation.spec.ts). */

describe('performance of obligations and enforcement (integration, real database)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, judge: Login, stranger: Login;
  let c: CaseDetail;
  let applicantParty: CaseParty, respondentParty: CaseParty;
  const ob: Record<number, string> = {};

  const relogin = async () => {
    [applicant, respondent, dispatcher, mediator, judge] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2, DEMO.judge].map((m) => loginAs(t, m)));
    stranger = await loginAs(t, '13766665555', 'stranger-pass');
  };
  const list = async (who: Login) => (await t.http().get(`/api/cases/${c.id}/obligations`).set('Authorization', who.auth).expect(200)).body as PerformanceView;
  const one = async (who: Login, seq: number) => (await list(who)).obligations.find((o) => o.seq === seq) as PerformanceObligationView;
  const post = (who: Login, seq: number, step: 'performed' | 'confirm' | 'dispute') => t.http().post(`/api/cases/${c.id}/obligations/${ob[seq]}/${step}`).set('Authorization', who.auth);
  const enforcement = (who: Login) =>
    t
      .http()
      .get(`/api/cases/${c.id}/enforcement-application`)
      .set('Authorization', who.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const notices = async (template: string, obligationId: string) =>
    (await db.query("SELECT channel, recipient_mobile, recipient_role, params FROM notification WHERE template = $1 AND params->>'obligationId' = $2", [template, obligationId])) as Array<{
      channel: string;
      recipient_mobile: string | null;
      recipient_role: string;
      params: Record<string, unknown>;
    }>;
  const at = async (iso: string) => {
    t.clock.set(new Date(iso));
    await relogin();
  };
  const pdfText = async (buf: Buffer) => {
    const parser = new PDFParse({ data: buf });
    try {
      return ((await parser.getText()).text as string).replace(/\s+/g, '');
    } finally {
      await parser.destroy?.();
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await t.http().post('/api/auth/otp').send({ mobile: '13766665555', purpose: 'register' }).expect(202);
    const code = /(\d{6})/.exec((await t.http().get('/api/dev/sms').query({ mobile: '13766665555' })).body[0].body)![1];
    await t.http().post('/api/auth/register').send({ mobile: '13766665555', code, password: 'stranger-pass', name: '路人', transport: 'api' }).expect(201);
    await relogin();
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    const parties = await db.getRepository(CaseParty).find({ where: { caseId: c.id } });
    applicantParty = parties.find((p) => p.side === 'applicant')!;
    respondentParty = parties.find((p) => p.side === 'respondent')!;
    // The agreement in effect is written directly (helper D builds drafting and signing), then the
    // case moves to SETTLED through the lifecycle service the way signing does (R26).
    const now = t.clock.now();
    await db.transaction(async (m) => {
      const a = await m.getRepository(Agreement).save({
        caseId: c.id,
        seq: 1,
        status: 'effective',
        revision: 1,
        partial: false,
        template: 'private_loan',
        content: { facts: '借款纠纷', disputedMatters: '还款', responsibilities: '李四分期还款', otherTerms: '' },
        contentHash: 'a'.repeat(64),
        signingStartedAt: now,
        effectiveAt: now,
        sealedByOrg: '西湖区人民调解委员会',
        createdById: mediator.user.id,
      });
      const rows = [
        {
          seq: 1,
          obligor: respondentParty,
          obligee: applicantParty,
          kind: 'payment',
          description: '李四向张三归还借款第一期',
          amount: '5000.50',
          dueDate: '2026-03-10',
          instalment: 1,
          instalments: 2,
        },
        {
          seq: 2,
          obligor: respondentParty,
          obligee: applicantParty,
          kind: 'payment',
          description: '李四向张三归还借款第二期',
          amount: '7000.25',
          dueDate: '2026-03-20',
          instalment: 2,
          instalments: 2,
        },
        {
          seq: 3,
          obligor: respondentParty,
          obligee: applicantParty,
          kind: 'payment',
          description: '李四向张三支付利息',
          amount: '1000.00',
          dueDate: '2026-03-05',
          instalment: null,
          instalments: null,
        },
        { seq: 4, obligor: applicantParty, obligee: respondentParty, kind: 'act', description: '张三向李四出具收条', amount: null, dueDate: '2026-04-30', instalment: null, instalments: null },
      ] as const;
      for (const r of rows) {
        const saved = await m.getRepository(Obligation).save({
          agreementId: a.id,
          caseId: c.id,
          seq: r.seq,
          obligorPartyId: r.obligor.id,
          obligeePartyId: r.obligee.id,
          kind: r.kind,
          description: r.description,
          amount: r.amount,
          place: '',
          method: '银行转账',
          dueDate: r.dueDate,
          instalment: r.instalment,
          instalments: r.instalments,
        });
        ob[r.seq] = saved.id;
      }
      await t.app.get(CaseLifecycleService).runIn(m, {
        caseId: c.id,
        version: null,
        userId: mediator.user.id,
        actor: 'mediator',
        action: 'record_settlement',
        event: 'settlement_recorded',
        context: { agreementSignedByAll: true, agreementEffectiveAt: now },
      });
    });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists the obligations with status and overdue flag to the parties and the mediator; outsiders get 404, logged (R19)', async () => {
    for (const who of [applicant, respondent, mediator]) {
      const v = await list(who);
      expect(v.obligations.map((o) => [o.seq, o.status, o.overdue])).toEqual([
        [1, 'pending', false],
        [2, 'pending', false],
        [3, 'pending', false],
        [4, 'pending', false],
      ]);
      expect(v.obligations[0]).toMatchObject({ obligorName: '李四', obligeeName: '张三', amount: '5000.50', dueDate: '2026-03-10', daysLeft: 8 });
    }
    expect((await one(respondent, 3)).actions).toEqual(['mark_performed']);
    expect((await one(applicant, 3)).actions).toEqual(['confirm']);
    expect((await one(mediator, 3)).actions).toEqual([]);
    expect((await list(applicant)).enforcement).toMatchObject({ available: false, refusal: 'R34_confirmed_ruling' });
    const outsider = await t.http().get(`/api/cases/${c.id}/obligations`).set('Authorization', stranger.auth);
    expect(outsider.status).toBe(404);
    const log = await db.query("SELECT allowed FROM case_access_log WHERE case_id = $1 AND user_id = $2 AND action = 'view_obligations'", [c.id, stranger.user.id]);
    expect(log).toEqual([{ allowed: false }]);
  });

  it('lets only the obligor mark performed and only the obligee confirm; each step is a timeline event and a notice to the other side', async () => {
    expect((await post(applicant, 3, 'performed').send({})).status).toBe(403);
    expect((await post(mediator, 3, 'performed').send({})).status).toBe(403);
    expect((await post(stranger, 3, 'performed').send({})).status).toBe(404);
    expect((await post(respondent, 3, 'confirm').send({})).status).toBe(403);
    const marked = await post(respondent, 3, 'performed').send({}).expect(200);
    expect((marked.body as PerformanceView).obligations.find((o) => o.seq === 3)).toMatchObject({ status: 'claimed', proofUrl: null });
    expect((await post(respondent, 3, 'performed').send({})).body).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'status' }] });
    const told = await notices('obligation_claimed', ob[3]);
    expect(told.some((n) => n.channel === 'sms' && n.recipient_mobile === DEMO.citizen)).toBe(true);
    expect(told.some((n) => n.recipient_mobile === DEMO.citizen2)).toBe(false);
    const confirmed = await post(applicant, 3, 'confirm').send({}).expect(200);
    expect((confirmed.body as PerformanceView).obligations.find((o) => o.seq === 3)).toMatchObject({ status: 'performed', actions: [] });
    expect((await notices('obligation_confirmed', ob[3])).some((n) => n.channel === 'sms' && n.recipient_mobile === DEMO.citizen2)).toBe(true);
    expect((await post(applicant, 3, 'confirm').send({})).status).toBe(409);
    const timeline = (await t.http().get(`/api/cases/${c.id}/timeline`).set('Authorization', respondent.auth).expect(200)).body as Array<{ type: string }>;
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['obligation_claimed', 'obligation_confirmed']));
  });

  it('takes proof uploaded through the documents service (type sniffed) or a document of the party’s own, nothing else', async () => {
    const spoofed = await post(respondent, 2, 'performed').attach('file', Buffer.from('just some text, not a picture'), 'receipt.png');
    expect(spoofed.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', fields: [{ field: 'file' }] });
    expect((await one(respondent, 2)).status).toBe('pending');
    // The wrong party is refused before anything is stored.
    const docsBefore = await db.query('SELECT count(*)::int AS n FROM case_document WHERE case_id = $1', [c.id]);
    expect((await post(applicant, 2, 'performed').attach('file', PNG, 'receipt.png')).status).toBe(403);
    expect(await db.query('SELECT count(*)::int AS n FROM case_document WHERE case_id = $1', [c.id])).toEqual(docsBefore);
    const applicantDoc = (await db.query("SELECT id FROM case_document WHERE case_id = $1 AND kind = 'id_card'", [c.id]))[0].id;
    expect((await post(respondent, 1, 'performed').send({ proofDocumentId: applicantDoc })).body).toMatchObject({ code: 'UNPROCESSABLE', fields: [{ field: 'proofDocumentId' }] });
    expect((await post(respondent, 1, 'performed').send({ proofDocumentId: 'not-a-uuid' })).body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'proofDocumentId' }] });
    const res = await post(respondent, 2, 'performed').attach('file', PNG, '转账凭证.png').expect(200);
    const o2 = (res.body as PerformanceView).obligations.find((o) => o.seq === 2)!;
    expect(o2.status).toBe('claimed');
    expect(o2.proofUrl).toMatch(/^\/api\/cases\/.+\/documents\/.+/);
    const proof = await t.http().get(o2.proofUrl!).set('Authorization', applicant.auth).expect(200);
    expect(proof.headers['content-type']).toBe('image/png');
    expect((await t.http().get(o2.proofUrl!).set('Authorization', stranger.auth)).status).toBe(404);
  });

  it('lets the obligee dispute a claim with a note (field-named 400 without one); the obligor and mediator are told', async () => {
    const noNote = (await post(applicant, 2, 'dispute').send({ note: '  ' })).body;
    expect(noNote.code).toBe('VALIDATION_FAILED');
    expect(new Set(noNote.fields.map((f: { field: string }) => f.field))).toEqual(new Set(['note']));
    const tooLong = (await post(applicant, 2, 'dispute').send({ note: 'x'.repeat(501) })).body;
    expect(tooLong.fields.map((f: { field: string; constraint: string }) => [f.field, f.constraint])).toEqual([['note', 'maxLength']]);
    expect((await post(respondent, 2, 'dispute').send({ note: '我自己的' })).status).toBe(403);
    expect((await post(applicant, 1, 'dispute').send({ note: '未收到' })).status).toBe(409); // nothing claimed
    const res = await post(applicant, 2, 'dispute').send({ note: '银行流水显示未到账' }).expect(200);
    expect((res.body as PerformanceView).obligations.find((o) => o.seq === 2)).toMatchObject({ status: 'disputed', disputeNote: '银行流水显示未到账' });
    expect((await one(respondent, 2)).actions).toEqual(['mark_performed']);
    const told = await notices('obligation_disputed', ob[2]);
    expect(told.some((n) => n.recipient_mobile === DEMO.citizen2 && n.channel === 'sms')).toBe(true);
    expect(told.some((n) => n.recipient_role === 'mediator')).toBe(true);
  });

  it('reminds the obligor 3 days and 1 day before the due date, once each, then sends one overdue notice (R28)', async () => {
    const scanner = t.app.get(DeadlineScanner);
    const sms = async (template: string) => (await notices(template, ob[1])).filter((n) => n.channel === 'sms');
    await scanner.scan();
    expect(await sms('obligation_reminder')).toHaveLength(0); // 8 days left
    await at('2026-03-07T01:00:00Z'); // 3 days before 10 March (China)
    await scanner.scan();
    await scanner.scan();
    expect((await sms('obligation_reminder')).map((n) => n.recipient_mobile)).toEqual([DEMO.citizen2]);
    await at('2026-03-08T01:00:00Z');
    await scanner.scan();
    expect(await sms('obligation_reminder')).toHaveLength(1);
    await at('2026-03-09T02:00:00Z'); // 1 day before
    await scanner.scan();
    await scanner.scan();
    expect(await sms('obligation_reminder')).toHaveLength(2);
    await at('2026-03-10T15:00:00Z'); // 23:00 on the due date in China: not yet overdue
    await scanner.scan();
    expect(await sms('obligation_overdue')).toHaveLength(0);
    expect((await one(applicant, 1)).overdue).toBe(false);
    await at('2026-03-10T16:30:00Z'); // 00:30 on 11 March
    await scanner.scan();
    await scanner.scan();
    // The obligor and the mediator; the obligee gets its own notice.
    expect((await sms('obligation_overdue')).map((n) => n.recipient_mobile).sort()).toEqual([DEMO.citizen2, DEMO.mediator2]);
    expect((await sms('obligation_overdue_owed')).map((n) => n.recipient_mobile)).toEqual([DEMO.citizen]);
    expect((await one(applicant, 1)).overdue).toBe(true);
    // A performed obligation is never reminded.
    expect(await notices('obligation_overdue', ob[3])).toHaveLength(0);
    const timeline = (await t.http().get(`/api/cases/${c.id}/timeline`).set('Authorization', applicant.auth).expect(200)).body as Array<{ type: string }>;
    expect(timeline.filter((e) => e.type === 'obligation_overdue')).toHaveLength(1);
  });

  it('refuses the enforcement application while the agreement is not confirmed (422, R34)', async () => {
    const res = await enforcement(applicant);
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'UNPROCESSABLE', fields: [{ constraint: 'R34_confirmed_ruling' }] });
  });

  it('after confirmation, prepares the enforcement application for the obligee: ruling, unpaid items, exact sums', async () => {
    const lifecycle = t.app.get(CaseLifecycleService);
    await lifecycle.run({
      caseId: c.id,
      version: null,
      userId: applicant.user.id,
      actor: 'citizen',
      action: 'request_confirmation',
      event: 'confirmation_requested',
      context: { jointApplication: true, confirmationPackageComplete: true, agreementEffectiveAt: new Date('2026-03-02T01:00:00Z') },
    });
    const ruledAt = new Date('2026-03-16T02:00:00Z');
    // As helper E1 records a ruling: the `confirmation_granted` event carries the ruling's facts.
    await lifecycle.run({
      caseId: c.id,
      version: null,
      userId: judge.user.id,
      actor: 'judge',
      action: 'confirm',
      event: 'confirmation_granted',
      data: { applicationId: '00000000-0000-4000-8000-000000000001', ...RULING, courtId: '00000000-0000-4000-8000-000000000002', ruledAt: ruledAt.toISOString() },
    });
    await at('2026-03-21T02:00:00Z'); // both instalments overdue; the second one disputed
    const v = await list(applicant);
    expect(v.enforcement).toMatchObject({ available: true, refusal: null, unpaidTotal: '12000.75', applyBy: '2028-03-20' });
    expect((await list(respondent)).enforcement).toMatchObject({ available: false, refusal: 'R34_overdue_unperformed' });
    const res = await enforcement(applicant).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.body as Buffer);
    for (const s of ['强制执行申请书', '张三', '李四', RULING.rulingNumber, RULING.courtName, '2026年3月16日', '5,000.50', '7,000.25', '12,000.75', '2026年3月10日', '2026年3月20日', '第二百五十条']) {
      expect(text).toContain(s.replace(/\s+/g, ''));
    }
    expect(text).not.toContain('李四向张三支付利息'); // performed: not an unpaid item
    const mediatorTry = await enforcement(mediator);
    expect(mediatorTry.status).toBe(403);
    expect((await enforcement(stranger)).status).toBe(404);
    const owedNothingOverdue = await enforcement(respondent);
    expect(owedNothingOverdue.status).toBe(422);
    expect(JSON.parse(owedNothingOverdue.body.toString()).fields[0].constraint).toBe('R34_overdue_unperformed');
  });

  it('counts the 2 years from the last instalment’s deadline and refuses after them (CPL 250)', async () => {
    await at('2028-03-15T02:00:00Z'); // past 2 years from the first instalment, within them from the last
    const within = await enforcement(applicant).expect(200);
    const text = await pdfText(within.body as Buffer);
    expect(text).toContain('5,000.50');
    expect(text).toContain('12,000.75');
    await at('2028-03-21T02:00:00Z');
    const late = await enforcement(applicant);
    expect(late.status).toBe(422);
    expect(JSON.parse(late.body.toString())).toMatchObject({ fields: [{ constraint: 'R34_enforcement_period' }] });
    expect((await list(applicant)).enforcement).toMatchObject({ available: false, refusal: 'R34_enforcement_period' });
  });
});
