import { createHash } from 'node:crypto';
import type { AgreementDetailView, CaseDetail, SaveAgreementRequest, TimelineEvent } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { AgreementsService } from '../src/settlement/agreements.service';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { mediatingCase, SIGNATURE } from './fixtures';

const { PDFParse } = require('pdf-parse');

type Login = Awaited<ReturnType<typeof loginAs>>;

/** Brings a new private-loan case to MEDIATING through the real API (as in mediation.spec.ts); returns it. */

async function pdfText(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('settlement agreement: drafting, review, signing, the signed PDF and its verification (R25–R28, real database)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, bankMediator: Login, stranger: Login;
  let c: CaseDetail;
  let agreement: AgreementDetailView;
  let applicantPartyId: string, respondentPartyId: string;
  let pdf: Buffer;

  const http = () => t.http();
  const relogin = async () => {
    [applicant, respondent, dispatcher, mediator, bankMediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2, DEMO.bankMediator].map((m) => loginAs(t, m)));
    if (stranger) stranger = await loginAs(t, '13766665555', 'stranger-pass');
  };
  /** The newest signing code sent to a number (the signing SMS says what it signs). */
  const signingCode = async (mobile: string) => {
    const res = await http().get('/api/dev/sms').query({ mobile }).expect(200);
    const sms = (res.body as Array<{ body: string }>).find((m) => m.body.includes('签署调解协议') || m.body.includes('sign the settlement'));
    if (!sms) throw new Error(`no signing code sent to ${mobile}`);
    return /(\d{6})/.exec(sms.body)![1];
  };
  /** Requests a code (past the resend wait) and signs with it. */
  const signAs = async (who: Login, mobile: string, contentHash: string) => {
    t.clock.advance(61_000);
    await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', who.auth).expect(202);
    return http()
      .post(`/api/agreements/${agreement.id}/sign`)
      .set('Authorization', who.auth)
      .send({ contentHash, code: await signingCode(mobile), signaturePng: SIGNATURE });
  };
  const draft = (over: Partial<SaveAgreementRequest> = {}): SaveAgreementRequest => ({
    partial: false,
    content: { facts: '李四于2025年向张三借款两万元，到期未还。', disputedMatters: '借款本金及还款期限。', responsibilities: '李四确认借款事实，应按约还款。', otherTerms: '履行完毕后双方再无争议。' },
    obligations: [
      {
        obligorPartyId: respondentPartyId,
        obligeePartyId: applicantPartyId,
        kind: 'payment',
        description: '偿还借款本金',
        amount: '20000.10',
        method: '银行转账',
        place: '杭州',
        dueDate: '2026-06-30',
        plan: [
          { amount: '6666.70', dueDate: '2026-04-30' },
          { amount: '6666.70', dueDate: '2026-05-31' },
          { amount: '6666.70', dueDate: '2026-06-30' },
        ],
      },
      { obligorPartyId: applicantPartyId, obligeePartyId: respondentPartyId, kind: 'act', description: '收到全部款项后出具收条并撤回起诉材料', dueDate: '2026-07-15' },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await relogin();
    await http().post('/api/auth/otp').send({ mobile: '13766665555', purpose: 'register' }).expect(202);
    const code = /(\d{6})/.exec((await http().get('/api/dev/sms').query({ mobile: '13766665555' })).body[0].body)![1];
    const reg = await http().post('/api/auth/register').send({ mobile: '13766665555', code, password: 'stranger-pass', name: '路人', transport: 'api' }).expect(201);
    stranger = { ...reg.body, auth: `Bearer ${reg.body.accessToken}` };
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    applicantPartyId = c.parties.find((p) => p.side === 'applicant')!.id;
    respondentPartyId = c.parties.find((p) => p.side === 'respondent')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers the mediator a template for the dispute type; only the mediator drafts, outsiders get 404 (R19 logged)', async () => {
    const tpl = await http().get(`/api/cases/${c.id}/agreement-template`).set('Authorization', mediator.auth).expect(200);
    expect(tpl.body.template).toBe('private_loan');
    expect(tpl.body.content.facts).toContain('借款两万元');
    expect(tpl.body.content.disputedMatters).toContain('借款');
    expect(tpl.body.obligations[0]).toMatchObject({ obligorPartyId: respondentPartyId, obligeePartyId: applicantPartyId, amount: '20000.00' });
    await http().get(`/api/cases/${c.id}/agreement-template`).set('Authorization', applicant.auth).expect(403);
    await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', applicant.auth).send(draft()).expect(403);
    for (const who of [stranger, bankMediator]) {
      await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', who.auth).send(draft()).expect(404);
      await http().get(`/api/cases/${c.id}/agreements`).set('Authorization', who.auth).expect(404);
    }
    const logged = await db.query(`SELECT count(*)::int AS n FROM case_access_log WHERE case_id = $1 AND user_id = $2 AND allowed = false`, [c.id, stranger.user.id]);
    expect(logged[0].n).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad input naming the field: inexact amounts, instalments that do not add up, a non-party, a missing text', async () => {
    const bad = draft();
    bad.obligations[0] = { ...bad.obligations[0], amount: '100.001', plan: null };
    let res = await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', mediator.auth).send(bad).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('obligations.0.amount');

    const sum = draft();
    sum.obligations[0] = {
      ...sum.obligations[0],
      plan: [
        { amount: '10000.00', dueDate: '2026-04-30' },
        { amount: '10000.00', dueDate: '2026-06-30' },
      ],
    };
    res = await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', mediator.auth).send(sum).expect(400);
    expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'obligations.0.plan', constraint: 'sum' })]));
    expect(JSON.stringify(res.body)).toContain('20000.00, not 20000.10');

    const outsider = draft();
    outsider.obligations[1] = { ...outsider.obligations[1], obligorPartyId: '00000000-0000-4000-8000-000000000000' };
    res = await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', mediator.auth).send(outsider).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('obligations.1.obligorPartyId');

    res = await http()
      .post(`/api/cases/${c.id}/agreements`)
      .set('Authorization', mediator.auth)
      .send({ ...draft(), content: { ...draft().content, facts: '' } })
      .expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('content.facts');
    res = await http()
      .post(`/api/cases/${c.id}/agreements`)
      .set('Authorization', mediator.auth)
      .send({ ...draft(), obligations: [{ ...draft().obligations[0], dueDate: '2026-02-30', plan: null }] })
      .expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('obligations.0.dueDate');
    expect((await db.query('SELECT count(*)::int AS n FROM agreement'))[0].n).toBe(0);
  });

  it('drafts obligations with instalments in exact decimals, one row per instalment', async () => {
    const res = await http()
      .post(`/api/cases/${c.id}/agreements`)
      .set('Authorization', mediator.auth)
      .send({ ...draft(), note: '初稿' })
      .expect(201);
    agreement = res.body;
    expect(agreement).toMatchObject({ status: 'draft', revision: 1, seq: 1, contentHash: null });
    expect(agreement.obligations.map((o) => [o.amount, o.instalment, o.instalments, o.dueDate])).toEqual([
      ['6666.70', 1, 3, '2026-04-30'],
      ['6666.70', 2, 3, '2026-05-31'],
      ['6666.70', 3, 3, '2026-06-30'],
      [null, null, null, '2026-07-15'],
    ]);
    expect(agreement.drafts[0]).toMatchObject({ amount: '20000.10', plan: [{ amount: '6666.70' }, { amount: '6666.70' }, { amount: '6666.70' }] });
    const stored = await db.query('SELECT sum(amount)::text AS total FROM obligation WHERE agreement_id = $1', [agreement.id]);
    expect(stored[0].total).toBe('20000.10');
    expect(agreement.actions).toEqual(expect.arrayContaining(['edit', 'start_signing']));
    // A second open agreement on the same case is refused.
    await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', mediator.auth).send(draft()).expect(409);
  });

  it('parties review the draft and ask for changes privately in their caucus; revisions are kept and compared', async () => {
    const seen = await http().get(`/api/agreements/${agreement.id}`).set('Authorization', respondent.auth).expect(200);
    expect(seen.body.actions).toEqual(['request_changes']);
    await http()
      .put(`/api/agreements/${agreement.id}`)
      .set('Authorization', respondent.auth)
      .send({ ...draft(), revision: 1 })
      .expect(403);
    await http().post(`/api/agreements/${agreement.id}/change-requests`).set('Authorization', respondent.auth).send({ revision: 1, text: '' }).expect(400);
    await http().post(`/api/agreements/${agreement.id}/change-requests`).set('Authorization', respondent.auth).send({ revision: 1, text: '希望改为分四期还款' }).expect(201);
    await http().post(`/api/agreements/${agreement.id}/change-requests`).set('Authorization', stranger.auth).send({ revision: 1, text: 'x' }).expect(404);
    const byMediator = await http().get(`/api/agreements/${agreement.id}`).set('Authorization', mediator.auth).expect(200);
    expect(byMediator.body.changeRequests).toEqual([expect.objectContaining({ partyName: '李四', text: '希望改为分四期还款', revision: 1, resolvedAt: null })]);
    const byApplicant = await http().get(`/api/agreements/${agreement.id}`).set('Authorization', applicant.auth).expect(200);
    expect(byApplicant.body.changeRequests).toEqual([]);
    const inCaucus = await db.query(`SELECT m.body FROM channel_message m JOIN conversation_channel ch ON ch.id = m.channel_id WHERE ch.case_id = $1 AND ch.kind = 'caucus' AND ch.party_id = $2`, [
      c.id,
      respondentPartyId,
    ]);
    expect(inCaucus.map((m: { body: string }) => m.body).join('\n')).toContain('希望改为分四期还款');
    const timeline: TimelineEvent[] = (await http().get(`/api/cases/${c.id}/timeline`).set('Authorization', applicant.auth).expect(200)).body;
    expect(JSON.stringify(timeline)).not.toContain('分四期');

    const second = draft({ note: '改为分四期' });
    second.obligations[0] = {
      ...second.obligations[0],
      plan: [
        { amount: '5000.00', dueDate: '2026-04-30' },
        { amount: '5000.00', dueDate: '2026-05-15' },
        { amount: '5000.00', dueDate: '2026-05-31' },
        { amount: '5000.10', dueDate: '2026-06-30' },
      ],
    };
    const saved = await http()
      .put(`/api/agreements/${agreement.id}`)
      .set('Authorization', mediator.auth)
      .send({ ...second, revision: 1 })
      .expect(200);
    agreement = saved.body;
    expect(agreement.revision).toBe(2);
    expect(agreement.obligations).toHaveLength(5);
    expect(agreement.changeRequests[0].resolvedAt).not.toBeNull();
    expect(agreement.revisions.map((r) => [r.revision, r.note])).toEqual([
      [1, '初稿'],
      [2, '改为分四期'],
    ]);
    // A stale editor is refused.
    await http()
      .put(`/api/agreements/${agreement.id}`)
      .set('Authorization', mediator.auth)
      .send({ ...second, revision: 1 })
      .expect(409);
    const cmp = await http().get(`/api/agreements/${agreement.id}/compare`).query({ from: 1, to: 2 }).set('Authorization', respondent.auth).expect(200);
    expect(cmp.body.changes).toEqual([
      { path: 'obligations.0.plan', before: '6666.70@2026-04-30; 6666.70@2026-05-31; 6666.70@2026-06-30', after: '5000.00@2026-04-30; 5000.00@2026-05-15; 5000.00@2026-05-31; 5000.10@2026-06-30' },
    ]);
    await http().get(`/api/agreements/${agreement.id}/compare`).query({ from: 1, to: 9 }).set('Authorization', respondent.auth).expect(404);
  });

  it('refuses signing by anyone but a party or the mediator, a wrong code and an expired code (R26)', async () => {
    await http().post(`/api/agreements/${agreement.id}/start-signing`).set('Authorization', applicant.auth).send({ revision: 2 }).expect(403);
    // Not yet signing: no code.
    await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', applicant.auth).expect(409);
    const started = await http().post(`/api/agreements/${agreement.id}/start-signing`).set('Authorization', mediator.auth).send({ revision: 2 }).expect(201);
    agreement = started.body;
    expect(agreement.status).toBe('signing');
    expect(agreement.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(agreement.awaitingSignatures.sort()).toEqual([applicantPartyId, respondentPartyId, 'mediator'].sort());
    const hash = agreement.contentHash!;

    for (const who of [stranger, bankMediator]) {
      await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', who.auth).expect(404);
      await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', who.auth).send({ contentHash: hash, code: '123456', signaturePng: SIGNATURE }).expect(404);
    }
    // The organisation's admin may read the case but is not a signer.
    await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', dispatcher.auth).expect(403);
    await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', dispatcher.auth).send({ contentHash: hash, code: '123456', signaturePng: SIGNATURE }).expect(403);
    // A party cannot sign as the other party: the partyId it sends must be one of its own (server-derived).
    const asOther = await http()
      .post(`/api/agreements/${agreement.id}/sign`)
      .set('Authorization', applicant.auth)
      .send({ contentHash: hash, partyId: respondentPartyId, code: '123456', signaturePng: SIGNATURE })
      .expect(403);
    expect(asOther.body.code).toBe('FORBIDDEN');

    t.clock.advance(61_000);
    await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', applicant.auth).expect(202);
    const real = await signingCode(DEMO.citizen);
    const wrong = real === '000000' ? '111111' : '000000';
    let res = await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', applicant.auth).send({ contentHash: hash, code: wrong, signaturePng: SIGNATURE }).expect(401);
    expect(res.body).toMatchObject({ code: 'OTP_INVALID', fields: [expect.objectContaining({ field: 'code' })] });
    res = await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', applicant.auth).send({ contentHash: hash, code: real, signaturePng: 'not an image' }).expect(400);
    expect(res.body.fields[0].field).toBe('signaturePng');

    t.clock.advance(61_000);
    await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', applicant.auth).expect(202);
    const fresh = await signingCode(DEMO.citizen);
    t.clock.advance(11 * 60_000); // past the 10-minute life of a signing code
    await relogin();
    res = await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', applicant.auth).send({ contentHash: hash, code: fresh, signaturePng: SIGNATURE }).expect(401);
    expect(res.body.code).toBe('OTP_EXPIRED');
    expect((await db.query('SELECT count(*)::int AS n FROM agreement_signature'))[0].n).toBe(0);
  });

  it('refuses a second signature on a changed draft: editing during signing voids the signatures (R26)', async () => {
    const firstHash = agreement.contentHash!;
    const signed = await signAs(applicant, DEMO.citizen, firstHash);
    expect(signed.status).toBe(201);
    expect(signed.body.signatures).toEqual([expect.objectContaining({ signerName: '张三', partyId: applicantPartyId })]);
    // The same party cannot sign twice.
    t.clock.advance(61_000);
    await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', applicant.auth).expect(409);

    const changed = draft({ note: '签署中修改' });
    changed.obligations[1] = { ...changed.obligations[1], dueDate: '2026-07-31' };
    const edited = await http()
      .put(`/api/agreements/${agreement.id}`)
      .set('Authorization', mediator.auth)
      .send({ ...changed, revision: 2 })
      .expect(200);
    agreement = edited.body;
    expect(agreement).toMatchObject({ status: 'draft', revision: 3, contentHash: null, signatures: [] });

    // The respondent signs what it read (the old hash): refused, whatever the code.
    const res = await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', respondent.auth).send({ contentHash: firstHash, code: '123456', signaturePng: SIGNATURE }).expect(409);
    expect(res.body.fields[0]).toMatchObject({ field: 'contentHash', constraint: 'changed' });

    agreement = (await http().post(`/api/agreements/${agreement.id}/start-signing`).set('Authorization', mediator.auth).send({ revision: 3 }).expect(201)).body;
    expect(agreement.contentHash).not.toBe(firstHash);
    expect(agreement.awaitingSignatures).toContain(applicantPartyId);
    const late = await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', respondent.auth).send({ contentHash: firstHash, code: '123456', signaturePng: SIGNATURE }).expect(409);
    expect(late.body.fields[0].field).toBe('contentHash');
  });

  it("all sign → awaiting the committee's seal; the org admin's seal act makes it effective (R26), the case SETTLED, the PDF rendered with its hash", async () => {
    const hash = agreement.contentHash!;
    expect((await signAs(applicant, DEMO.citizen, hash)).status).toBe(201);
    expect((await signAs(mediator, DEMO.mediator2, hash)).status).toBe(201);
    let caseNow: CaseDetail = (await http().get(`/api/cases/${c.id}`).set('Authorization', mediator.auth).expect(200)).body;
    expect(caseNow.state).toBe('MEDIATING');
    const last = await signAs(respondent, DEMO.citizen2, hash);
    expect(last.status).toBe(201);
    // R26 (PML 29): a people's mediation committee's agreement waits for its seal.
    expect(last.body).toMatchObject({ status: 'awaiting_seal', effectiveAt: null, awaitingSignatures: [] });
    expect((await http().get(`/api/cases/${c.id}`).set('Authorization', mediator.auth).expect(200)).body.state).toBe('MEDIATING');
    t.clock.advance(600_000);
    await relogin();
    const sealedAt = t.clock.now().toISOString();
    agreement = (await http().post(`/api/agreements/${agreement.id}/seal`).set('Authorization', dispatcher.auth).expect(201)).body;
    expect(agreement).toMatchObject({ status: 'effective', effectiveAt: sealedAt, sealedAt, sealedByName: '陈主任', sealedByOrg: expect.stringContaining('调解'), awaitingSignatures: [] });
    expect(agreement.verificationCode).toMatch(/^[A-Z0-9]{12}$/);
    expect(agreement.signatures).toHaveLength(3);
    expect(agreement.actions).toEqual(['download']);

    caseNow = (await http().get(`/api/cases/${c.id}`).set('Authorization', applicant.auth).expect(200)).body;
    expect(caseNow.state).toBe('SETTLED');
    const timeline: TimelineEvent[] = (await http().get(`/api/cases/${c.id}/timeline`).set('Authorization', applicant.auth).expect(200)).body;
    const effective = timeline.find((e) => e.type === 'agreement_effective');
    expect(effective).toMatchObject({ fromState: 'MEDIATING', toState: 'SETTLED' });

    // Each party gets its copy (R27); outsiders do not.
    const download = await http()
      .get(`/api/agreements/${agreement.id}/pdf`)
      .set('Authorization', applicant.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    pdf = download.body as Buffer;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(agreement.pdfSha256);
    await http().get(`/api/agreements/${agreement.id}/pdf`).set('Authorization', respondent.auth).expect(200);
    await http().get(`/api/agreements/${agreement.id}/pdf`).set('Authorization', stranger.auth).expect(404);
    const text = (await pdfText(pdf)).replace(/\s+/g, '');
    for (const expected of ['调解协议书', '张三', '李四', caseNow.number!, '¥6,666.70', '第3/3期', '2026-07-31', agreement.verificationCode!, agreement.sealedByOrg!, '偿还借款本金']) {
      expect({ expected, found: text.includes(expected.replace(/\s+/g, '')) }).toEqual({ expected, found: true });
    }
    expect(await t.app.get(AgreementsService).pdf(agreement.id)).toEqual(pdf);
    const effectiveRow = await t.app.get(AgreementsService).effective(db.manager, c.id);
    expect(effectiveRow?.id).toBe(agreement.id);

    // Everyone is told, in their language, with a prompt to perform (R28).
    await t.app.get(NotificationDispatcher).dispatchDue();
    const sms = (await http().get('/api/dev/sms').query({ mobile: DEMO.citizen2 })).body as Array<{ body: string }>;
    expect(sms.map((m) => m.body).join('\n')).toContain(`案件${caseNow.number}调解协议已签署生效`);
  });

  it('verifies publicly by code and by uploading the PDF; a modified PDF fails', async () => {
    const byCode = await http().get(`/api/verify/${agreement.verificationCode!.toLowerCase()}`).expect(200);
    expect(byCode.body).toMatchObject({ match: true, caseNumber: c.number ?? expect.any(String), parties: ['张*', '李*'], pdfSha256: agreement.pdfSha256, status: 'effective' });
    // Public: nothing but the masked names and the record's seal and hash (no ids, full names, mobiles).
    expect(Object.keys(byCode.body).sort()).toEqual(['caseNumber', 'document', 'effectiveAt', 'match', 'parties', 'pdfSha256', 'sealedByOrg', 'status', 'verificationCode']);
    // The hash is hex and may hold eleven digits in a row by chance; the rest may hold no mobile-like number.
    const { pdfSha256: publicHash, ...rest } = byCode.body as { pdfSha256: string };
    expect(publicHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rest)).not.toMatch(/张三|李四|1[3-9]\d{9}/);
    for (const mobile of [DEMO.citizen, DEMO.citizen2, DEMO.mediator2, DEMO.orgAdmin]) expect(JSON.stringify(byCode.body)).not.toContain(mobile);
    await http().get('/api/verify/NOSUCHCODE00').expect(404);
    const ok = await http().post('/api/verify').attach('file', pdf, 'agreement.pdf').expect(200);
    expect(ok.body).toMatchObject({ match: true, verificationCode: agreement.verificationCode });
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const bad = await http().post('/api/verify').attach('file', tampered, 'agreement.pdf').expect(200);
    expect(bad.body).toMatchObject({ match: false });
    const badWithCode = await http().post('/api/verify').field('code', agreement.verificationCode!).attach('file', tampered, 'agreement.pdf').expect(200);
    expect(badWithCode.body).toMatchObject({ match: false, verificationCode: agreement.verificationCode });
    await http().post('/api/verify').expect(400);
  });

  it('a signed agreement never changes: no edit, no change request, no further signature', async () => {
    const res = await http()
      .put(`/api/agreements/${agreement.id}`)
      .set('Authorization', mediator.auth)
      .send({ ...draft(), revision: agreement.revision })
      .expect(409);
    expect(res.body.fields[0]).toMatchObject({ field: 'status', constraint: 'signed' });
    await http().post(`/api/agreements/${agreement.id}/change-requests`).set('Authorization', applicant.auth).send({ revision: agreement.revision, text: '再改一下' }).expect(409);
    await http().post(`/api/agreements/${agreement.id}/sign`).set('Authorization', applicant.auth).send({ contentHash: agreement.contentHash, code: '123456', signaturePng: SIGNATURE }).expect(409);
    await http().post(`/api/agreements/${agreement.id}/start-signing`).set('Authorization', mediator.auth).send({ revision: agreement.revision }).expect(409);
    // A settled case takes no new agreement (only after a rejection, R34).
    await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', mediator.auth).send(draft()).expect(409);
    const row = await db.query('SELECT status, pdf_sha256 FROM agreement WHERE id = $1', [agreement.id]);
    expect(row[0]).toEqual({ status: 'effective', pdf_sha256: agreement.pdfSha256 });
  });

  it('after a court rejection (R34) a new agreement supersedes the effective one; signing it settles the case again (amend_after_rejection)', async () => {
    // The rejection itself is the confirmation module's; here the case is put in that state directly.
    await db.query(`UPDATE mediation_case SET state = 'CONFIRMATION_REJECTED', version = version + 1 WHERE id = $1`, [c.id]);
    t.clock.advance(3600_000);
    await relogin();
    const previous = agreement;
    const changed = draft({ note: '按法院意见修改' });
    changed.content = { ...changed.content, otherTerms: '双方确认不存在损害第三人利益的情形。' };
    agreement = (await http().post(`/api/cases/${c.id}/agreements`).set('Authorization', mediator.auth).send(changed).expect(201)).body;
    expect(agreement).toMatchObject({ seq: 2, status: 'draft', supersedesId: previous.id });
    agreement = (await http().post(`/api/agreements/${agreement.id}/start-signing`).set('Authorization', mediator.auth).send({ revision: 1 }).expect(201)).body;
    const hash = agreement.contentHash!;
    expect((await signAs(applicant, DEMO.citizen, hash)).status).toBe(201);
    expect((await signAs(respondent, DEMO.citizen2, hash)).status).toBe(201);
    // Every party signed, the mediator not yet: not in effect.
    expect((await http().get(`/api/cases/${c.id}`).set('Authorization', applicant.auth).expect(200)).body.state).toBe('CONFIRMATION_REJECTED');
    const last = await signAs(mediator, DEMO.mediator2, hash);
    expect(last.status).toBe(201);
    expect(last.body.status).toBe('awaiting_seal');
    const sealedAt = t.clock.now().toISOString();
    agreement = (await http().post(`/api/agreements/${agreement.id}/seal`).set('Authorization', dispatcher.auth).expect(201)).body;
    expect(agreement).toMatchObject({ status: 'effective', effectiveAt: sealedAt });
    expect((await http().get(`/api/cases/${c.id}`).set('Authorization', applicant.auth).expect(200)).body.state).toBe('SETTLED');
    const listed: AgreementDetailView[] = (await http().get(`/api/cases/${c.id}/agreements`).set('Authorization', respondent.auth).expect(200)).body;
    expect(listed.map((a) => [a.seq, a.status])).toEqual([
      [2, 'effective'],
      [1, 'superseded'],
    ]);
    expect((await t.app.get(AgreementsService).effective(db.manager, c.id))?.id).toBe(agreement.id);
    const timeline: TimelineEvent[] = (await http().get(`/api/cases/${c.id}/timeline`).set('Authorization', applicant.auth).expect(200)).body;
    expect(timeline.filter((e) => e.type === 'agreement_effective').map((e) => [e.fromState, e.toState])).toEqual([
      ['MEDIATING', 'SETTLED'],
      ['CONFIRMATION_REJECTED', 'SETTLED'],
    ]);
    // The superseded agreement still verifies as what it was.
    expect((await http().get(`/api/verify/${previous.verificationCode}`).expect(200)).body).toMatchObject({ match: true, status: 'superseded' });
  });
});
