import type { AgreementDetailView, CaseDetail } from '@tiaojie/contracts';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PDFParse } from 'pdf-parse';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { DEMO, inviteTokenFor, latestCode, loginAs, type TestApp } from './harness';

/** A 1×1 PNG: passes the upload sniffing as an image. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082', 'hex');

export type Login = Awaited<ReturnType<typeof loginAs>>;

/**
 * 张三's private-loan case against 李四, filed with an ID proof and submitted with the applicant's
 * consent (R01, R02), through the real API; the case as the applicant sees it. With the parties'
 * addresses (R31: the package needs every party's) unless `addresses` is false; `respondentAddress`
 * null leaves out only the respondent's.
 */
export async function submittedCase(t: TestApp, applicant: Login, opts: { addresses?: boolean; respondentAddress?: string | null } = {}): Promise<CaseDetail> {
  const addresses = opts.addresses ?? true;
  const respondentAddress = addresses ? (opts.respondentAddress === undefined ? '杭州市西湖区文二路2号' : opts.respondentAddress) : null;
  const draft = await t
    .http()
    .post('/api/cases')
    .set('Authorization', applicant.auth)
    .send({
      disputeType: 'private_loan',
      facts: '借款两万元，逾期未还，多次催讨无果。',
      claims: { amount: '20000' },
      region: '330106',
      applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X', ...(addresses ? { address: '杭州市西湖区文三路1号' } : {}) },
      respondents: [{ name: '李四', mobile: DEMO.citizen2, ...(respondentAddress ? { address: respondentAddress } : {}) }],
    })
    .expect(201);
  await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', applicant.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
  return (await t.http().post(`/api/cases/${draft.body.id}/submit`).set('Authorization', applicant.auth).send({ version: draft.body.version, consent: true, noticeSeen: true }).expect(201)).body;
}

/**
 * A submitted case (`submittedCase`) accepted by the organisation, assigned to the mediator and
 * taken by them (R09), its notices dispatched, so the respondent's invitation SMS is out; the case
 * as the mediator's acceptance answers it.
 */
export async function assignedCase(
  t: TestApp,
  who: { applicant: Login; dispatcher: Login; mediator: Login },
  opts: { addresses?: boolean; respondentAddress?: string | null } = {},
): Promise<CaseDetail> {
  const http = t.http;
  let c = await submittedCase(t, who.applicant, opts);
  c = (await http().post(`/api/cases/${c.id}/accept`).set('Authorization', who.dispatcher.auth).send({ version: c.version }).expect(201)).body;
  c = (await http().post(`/api/cases/${c.id}/assignments`).set('Authorization', who.dispatcher.auth).send({ version: c.version, mediatorId: who.mediator.user.id }).expect(201)).body;
  c = (await http().post(`/api/cases/${c.id}/assignment/accept`).set('Authorization', who.mediator.auth).send({ version: c.version }).expect(201)).body;
  await t.app.get(NotificationDispatcher).dispatchDue();
  return c;
}

/**
 * Brings a new private-loan case (张三 against 李四, with an ID proof) to MEDIATING through the
 * real API — filing, acceptance, assignment, the respondent's invitation and consent — and
 * returns it. Shared by the specs of everything that happens during and after mediation.
 */
export async function mediatingCase(t: TestApp, who: { applicant: Login; respondent: Login; dispatcher: Login; mediator: Login }, opts: { respondentAddress?: string | null } = {}) {
  const http = t.http;
  let c = await assignedCase(t, who, opts);
  const token = await inviteTokenFor(t, DEMO.citizen2, c.number);
  await http().post(`/api/invitations/${token}/claim`).set('Authorization', who.respondent.auth).expect(201);
  c = (await http().get(`/api/cases/${c.id}`).set('Authorization', who.respondent.auth).expect(200)).body;
  await http().post(`/api/cases/${c.id}/consent`).set('Authorization', who.respondent.auth).send({ version: c.version, consent: 'given', noticeSeen: true }).expect(201);
  c = (await http().get(`/api/cases/${c.id}`).set('Authorization', who.mediator.auth).expect(200)).body;
  c = (await http().post(`/api/cases/${c.id}/start`).set('Authorization', who.mediator.auth).send({ version: c.version }).expect(201)).body;
  expect(c.state).toBe('MEDIATING');
  return c;
}

/** A drawn signature, as the signing pad sends it. */
export const SIGNATURE = `data:image/png;base64,${PNG.toString('base64')}`;

/** The agreement the specs draft: 李四 (the respondent) repays 张三 (the applicant) 20 000 yuan by transfer in 杭州, by `dueDate`. */
export function loanAgreement(parties: ReadonlyArray<{ id: string; side: string }>, terms: { dueDate: string; responsibilities?: string; otherTerms?: string }) {
  return {
    partial: false,
    content: {
      facts: '李四向张三借款两万元，逾期未还。',
      disputedMatters: '借款的归还',
      responsibilities: terms.responsibilities ?? '李四愿意归还借款。',
      otherTerms: terms.otherTerms ?? '双方再无其他争议。',
    },
    obligations: [
      {
        obligorPartyId: parties.find((p) => p.side === 'respondent')!.id,
        obligeePartyId: parties.find((p) => p.side === 'applicant')!.id,
        kind: 'payment',
        description: '归还借款',
        amount: '20000.00',
        place: '杭州',
        method: '银行转账',
        dueDate: terms.dueDate,
      },
    ],
  };
}

/** The mediator drafts `body` on the case; the draft as it answers. */
export async function draftAgreement(t: TestApp, caseId: string, mediator: Login, body: object): Promise<AgreementDetailView> {
  return (await t.http().post(`/api/cases/${caseId}/agreements`).set('Authorization', mediator.auth).send(body).expect(201)).body;
}

/**
 * R26: the mediator puts the draft to signature; then each signer, 61 s after the last (the
 * resend interval of one-time codes), asks for its code and signs with it and a drawn signature.
 * The agreement as the last signer sees it.
 */
export async function signAgreement(t: TestApp, draft: AgreementDetailView, mediator: Login, signers: ReadonlyArray<readonly [Login, string]>): Promise<AgreementDetailView> {
  let a: AgreementDetailView = (await t.http().post(`/api/agreements/${draft.id}/start-signing`).set('Authorization', mediator.auth).send({ revision: draft.revision }).expect(201)).body;
  for (const [login, mobile] of signers) {
    t.clock.advance(61_000);
    await t.http().post(`/api/agreements/${a.id}/signing-code`).set('Authorization', login.auth).send({}).expect(202);
    const code = await latestCode(t, mobile);
    a = (await t.http().post(`/api/agreements/${a.id}/sign`).set('Authorization', login.auth).send({ contentHash: a.contentHash, code, signaturePng: SIGNATURE }).expect(201)).body;
  }
  return a;
}

/** R26: the org admin's seal act, for an agreement awaiting it; the agreement in effect. */
export async function sealAgreement(t: TestApp, a: AgreementDetailView, orgAdmin: Login): Promise<AgreementDetailView> {
  return (await t.http().post(`/api/agreements/${a.id}/seal`).set('Authorization', orgAdmin.auth).send({}).expect(201)).body;
}

/**
 * SETTLED through the settlement API: the mediator drafts, everyone signs with a code and a drawn
 * signature, and (R26: a people's mediation committee's agreement takes effect at its org admin's
 * seal act) the org admin seals. The agreement in effect.
 */
export async function settle(
  t: TestApp,
  caseId: string,
  who: { mediator: Login; applicant: Login; respondent: Login; dispatcher: Login },
  opts: { dueDate?: string; mediatorMobile?: string } = {},
): Promise<AgreementDetailView> {
  const parties = (await t.http().get(`/api/cases/${caseId}`).set('Authorization', who.mediator.auth).expect(200)).body.parties as { id: string; side: string }[];
  const draft = await draftAgreement(t, caseId, who.mediator, loanAgreement(parties, { dueDate: opts.dueDate ?? '2026-04-30' }));
  const signed = await signAgreement(t, draft, who.mediator, [
    [who.mediator, opts.mediatorMobile ?? DEMO.mediator],
    [who.applicant, DEMO.citizen],
    [who.respondent, DEMO.citizen2],
  ]);
  expect(signed.status).toBe('awaiting_seal');
  const a = await sealAgreement(t, signed, who.dispatcher);
  expect(a.status).toBe('effective');
  return a;
}

/** A supertest parser that keeps the body as bytes (PDFs, downloads). */
export const binary = (res: IncomingMessage, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The text of a PDF. */
export async function pdfText(buffer: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** A marker unique to this run, planted in one private item and searched for in every view (R15). */
export const marker = (label: string) => `${label}${randomBytes(4).toString('hex').toUpperCase()}`;

/** Any GET as text: PDFs through their extracted text, everything else as sent. */
export async function readText(t: TestApp, who: Login, url: string): Promise<{ status: number; text: string }> {
  const res = await t
    .http()
    .get(url)
    .set('Authorization', who.auth)
    .buffer(true)
    .parse(binary as never);
  const body = res.body as Buffer;
  if (res.status === 200 && String(res.headers['content-type']).includes('application/pdf')) return { status: res.status, text: await pdfText(body) };
  return { status: res.status, text: body.toString('utf8') };
}

/** Every view of one case the parties and the organisation open, as one text (R15, R19). */
export async function caseViewsText(t: TestApp, who: Login, caseId: string, agreementId: string | null): Promise<string> {
  const urls = [
    `/api/cases/${caseId}`,
    `/api/cases/${caseId}/timeline`,
    `/api/cases/${caseId}/agreements`,
    `/api/cases/${caseId}/confirmation`,
    `/api/cases/${caseId}/confirmation/application.pdf`,
    `/api/cases/${caseId}/confirmation/ruling.pdf`,
    `/api/cases/${caseId}/ending`,
    `/api/cases/${caseId}/ending/failure-report.pdf`,
    `/api/cases/${caseId}/ending/package.json`,
    `/api/cases/${caseId}/ending/package.pdf`,
    ...(agreementId ? [`/api/agreements/${agreementId}`, `/api/agreements/${agreementId}/pdf`] : []),
  ];
  const out: string[] = [];
  for (const url of urls) out.push(`${url}: ${(await readText(t, who, url)).text}`);
  return out.join('\n');
}

/** No marker in the text (what `who` saw). */
export function expectNone(text: string, markers: string[], who: string) {
  const leaked = markers.filter((m) => text.includes(m));
  expect({ who, leaked }).toEqual({ who, leaked: [] });
}

/** Every marker in the text (what `who` saw). */
export function expectAll(text: string, markers: string[], who: string) {
  const missing = markers.filter((m) => !text.includes(m));
  expect({ who, missing }).toEqual({ who, missing: [] });
}

/** Uploads the 1×1 PNG as a case document of `kind` named `fileName`.png. */
export async function uploadDocument(t: TestApp, who: Login, caseId: string, kind: string, fileName: string, visibility?: string) {
  const req = t.http().post(`/api/cases/${caseId}/documents`).set('Authorization', who.auth).field('kind', kind);
  if (visibility) req.field('visibility', visibility);
  return (await req.attach('file', PNG, `${fileName}.png`).expect(201)).body;
}
