import type { AgreementDetailView, CaseDetail, MyNextAction } from '@tiaojie/contracts';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { draftAgreement, loanAgreement, mediatingCase, SIGNATURE, type Login } from './fixtures';

/**
 * "需要您处理" (issue #11): the home page's list and the case page's actions section are derived
 * on the server from the same per-viewer facts (libs/domain nextActionsFor), each with its deadline.
 */
describe('next actions: what each viewer has to do now, with its deadline (R26, R29, R33)', () => {
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;
  let c: CaseDetail;
  let agreement: AgreementDetailView;

  const http = () => t.http();
  const mine = async (who: Login): Promise<MyNextAction[]> => (await http().get('/api/me/actions').set('Authorization', who.auth).expect(200)).body;
  const signingCode = async (mobile: string) => {
    const res = await http().get('/api/dev/sms').query({ mobile }).expect(200);
    const sms = (res.body as Array<{ body: string }>).find((m) => m.body.includes('签署调解协议') || m.body.includes('sign the settlement'));
    return /(\d{6})/.exec(sms!.body)![1];
  };
  const sign = async (who: Login, mobile: string) => {
    t.clock.advance(61_000);
    await http().post(`/api/agreements/${agreement.id}/signing-code`).set('Authorization', who.auth).expect(202);
    agreement = (
      await http()
        .post(`/api/agreements/${agreement.id}/sign`)
        .set('Authorization', who.auth)
        .send({ contentHash: agreement.contentHash, code: await signingCode(mobile), signaturePng: SIGNATURE })
        .expect(201)
    ).body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2].map((m) => loginAs(t, m)));
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('R26: an agreement put to signature is on each unsigned party’s list and case page, and leaves it once signed', async () => {
    expect((await mine(applicant)).filter((a) => a.caseId === c.id)).toEqual([]);
    agreement = await draftAgreement(t, c.id, mediator, loanAgreement(c.parties, { dueDate: '2026-12-31', responsibilities: '李四应按约还款。', otherTerms: '双方再无争议。' }));
    agreement = (await http().post(`/api/agreements/${agreement.id}/start-signing`).set('Authorization', mediator.auth).send({ revision: agreement.revision }).expect(201)).body;

    const list = await mine(applicant);
    expect(list).toContainEqual(expect.objectContaining({ caseId: c.id, caseNumber: c.number, kind: 'sign_agreement', section: 'agreement', dueAt: null }));
    expect((await mine(mediator)).filter((a) => a.caseId === c.id).map((a) => a.kind)).toEqual(['sign_agreement']);
    const detail: CaseDetail = (await http().get(`/api/cases/${c.id}`).set('Authorization', applicant.auth).expect(200)).body;
    expect(detail.nextActions.map((a) => a.kind)).toEqual(['sign_agreement']);

    await sign(applicant, DEMO.citizen);
    expect((await mine(applicant)).filter((a) => a.caseId === c.id)).toEqual([]);
    expect((await mine(respondent)).filter((a) => a.caseId === c.id).map((a) => a.kind)).toEqual(['sign_agreement']);
  });

  it('R29: once the agreement is in effect, each party must apply to the court within the 30-day window, shown as its deadline', async () => {
    await sign(respondent, DEMO.citizen2);
    await sign(mediator, DEMO.mediator2);
    if (agreement.status === 'awaiting_seal') {
      expect((await mine(dispatcher)).filter((a) => a.caseId === c.id).map((a) => a.kind)).toEqual(['seal_agreement']);
      agreement = (await http().post(`/api/agreements/${agreement.id}/seal`).set('Authorization', dispatcher.auth).send({}).expect(201)).body;
    }
    expect(agreement.status).toBe('effective');
    const overview = (await http().get(`/api/cases/${c.id}/confirmation`).set('Authorization', applicant.auth).expect(200)).body;
    const list = (await mine(applicant)).filter((a) => a.caseId === c.id);
    expect(list).toEqual([expect.objectContaining({ kind: 'apply_confirmation', section: 'confirmation', dueAt: overview.windowEndsAt })]);
    expect(list[0].dueAt).toBeTruthy();
  });

  it('R13, R14: a separate session asks the party’s consent by its start, then its check-in once open', async () => {
    const other = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    const applicantId = other.parties.find((p) => p.side === 'applicant')!.id;
    const startsAt = new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString();
    const session = (
      await http()
        .post(`/api/cases/${other.id}/sessions`)
        .set('Authorization', mediator.auth)
        .send({ startsAt, mode: 'video', separate: true, partyIds: [applicantId] })
        .expect(201)
    ).body;
    const onCase = async (who: Login) => (await mine(who)).filter((a) => a.caseId === other.id);
    expect(await onCase(applicant)).toEqual([expect.objectContaining({ kind: 'session_consent', section: 'mediation', dueAt: startsAt })]);
    expect(await onCase(respondent)).toEqual([]);
    await http().post(`/api/sessions/${session.id}/consent`).set('Authorization', applicant.auth).expect(200);
    expect(await onCase(applicant)).toEqual([]);
    t.clock.advance(100 * 60_000); // check-in opens 30 minutes before the start
    [applicant] = await Promise.all([loginAs(t, DEMO.citizen)]);
    expect((await onCase(applicant)).map((a) => a.kind)).toEqual(['session_check_in']);
  });

  it('a stranger has nothing to do and the list needs a login', async () => {
    await http().get('/api/me/actions').expect(401);
  });
});
