import type { CourtFilingView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { CaseAccessLog } from '../src/cases/case-access-log.entity';
import type { Court } from '../src/organisations/court.entity';
import { DEMO, type TestApp } from './harness';
import { PNG, mediatingCase, type Login } from './fixtures';
import { asUser, confirmationOverview, settledRoutingCase, signConfirmation, startRoutingWorld, type RoutingWorld } from './routing-world';

describe('periods and routing: courts (R24, R30, R31)', () => {
  let w: RoutingWorld;
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, judge: Login, clerk: Login, otherJudge: Login;

  beforeAll(async () => {
    w = await startRoutingWorld();
    ({ t, applicant, respondent, dispatcher, mediator, judge, clerk, otherJudge } = w);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const as = (who: Login) => asUser(t, who);
  let binjiang: Court, shangcheng: Court;
  beforeAll(() => {
    ({ binjiang, shangcheng } = w);
  });
  const overview = (who: Login, caseId: string) => confirmationOverview(t, who, caseId);
  const signAs = (who: Login, mobile: string, caseId: string, expectStatus: number) => signConfirmation(t, who, mobile, caseId, expectStatus);
  const settledCase = (opts: { respondentAddress?: string | null } = {}) => settledRoutingCase(w, opts);

  it('R31: a party without an address cannot file (400 naming the party field); the party fills it in and the application goes on', async () => {
    const { c, respondentPartyId, applicantPartyId } = await settledCase({
      respondentAddress: null,
    });
    let o = await overview(applicant, c.id);
    expect(o.packageComplete).toBe(false);
    const contacts = o.packageItems.find((i) => i.kind === 'contacts' && i.partyId === respondentPartyId)!;
    expect(contacts).toMatchObject({ present: false, missing: ['address'] });
    // The applicant may fill in its own contacts only; the respondent its own; the mediator anyone's.
    expect(o.editableContacts.map((e) => e.partyId)).toEqual([applicantPartyId]);
    expect((await overview(respondent, c.id)).editableContacts.map((e) => e.partyId)).toEqual([respondentPartyId]);
    expect((await overview(mediator, c.id)).editableContacts.map((e) => e.partyId)).toEqual([applicantPartyId, respondentPartyId]);

    // Filing is refused with a 400 naming the missing field of that party (before any code is spent).
    const refused = await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/sign`, {
        code: '123456',
        answers: {},
        version: o.caseVersion,
      })
      .expect(400);
    expect(refused.body.fields).toEqual([
      expect.objectContaining({
        field: `parties.${respondentPartyId}.address`,
        constraint: 'R31_contacts',
      }),
    ]);
    await signAs(respondent, DEMO.citizen2, c.id, 400);

    // Another party cannot write someone else's address; bad input is a 400 naming the field.
    await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: '别处',
      })
      .expect(403);
    const bad = await as(respondent)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: '',
      })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('address');
    await as(respondent)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        domicileRegion: '3301',
      })
      .expect(400);
    await as(otherJudge)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: 'x',
      })
      .expect(404);

    o = (
      await as(respondent)
        .post(`/api/cases/${c.id}/confirmation/contacts`, {
          partyId: respondentPartyId,
          address: '杭州市西湖区天目山路2号',
        })
        .expect(200)
    ).body;
    expect(o.packageComplete).toBe(true);
    expect(o.packageItems.find((i) => i.kind === 'contacts' && i.partyId === respondentPartyId)).toMatchObject({ present: true, missing: [] });
    await signAs(applicant, DEMO.citizen, c.id, 201);
    await signAs(respondent, DEMO.citizen2, c.id, 201);
    o = await overview(applicant, c.id);
    expect(o.caseState).toBe('CONFIRMATION_REQUESTED');
    // The package before the court holds both parties' contacts, and can no longer change.
    expect(o.application!.parties.map((p) => p.address)).toEqual(['杭州市西湖区文三路1号', '杭州市西湖区天目山路2号']);
    expect(o.editableContacts).toEqual([]);
    await as(respondent)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: '改了',
      })
      .expect(409);
  });

  it('R30: a party’s domicile makes its basic court competent; the parties must choose the same court and the application goes there', async () => {
    const { c, respondentPartyId, applicantPartyId } = await settledCase();
    let o = await overview(applicant, c.id);
    expect(o.proposal).toMatchObject({
      courtName: '杭州市西湖区人民法院',
      basis: 'subject_matter',
    });
    expect(o.alternatives).toEqual([]);
    expect(o.actions).not.toContain('choose_court');

    // The respondent lives in 滨江: that basic court becomes competent too (party domicile first).
    o = (
      await as(respondent)
        .post(`/api/cases/${c.id}/confirmation/contacts`, {
          partyId: respondentPartyId,
          domicileRegion: '330108',
        })
        .expect(200)
    ).body;
    expect(o.proposal).toMatchObject({
      courtId: binjiang.id,
      basis: 'party_domicile',
      region: '330108',
    });
    expect(o.alternatives.map((a) => [a.courtName, a.basis])).toEqual([['杭州市西湖区人民法院', 'subject_matter']]);
    expect(o.actions).toContain('choose_court');
    expect(o.chosenCourtId).toBeNull();
    expect(o.courtChoices).toEqual([
      { partyId: applicantPartyId, partyName: '张三', courtId: null },
      { partyId: respondentPartyId, partyName: '李四', courtId: null },
    ]);

    // No choice yet: nobody can sign for a court the parties did not choose.
    const none = await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/sign`, {
        code: '123456',
        answers: {},
        version: o.caseVersion,
      })
      .expect(422);
    expect(none.body.fields).toEqual([
      expect.objectContaining({
        field: 'courtId',
        constraint: 'R30_same_court',
      }),
    ]);
    // A court that is not competent, or staff choosing, is refused.
    const wrong = await as(applicant).post(`/api/cases/${c.id}/confirmation/court`, { courtId: shangcheng.id }).expect(422);
    expect(wrong.body.fields[0].constraint).toBe('R30_competent_court');
    await as(mediator).post(`/api/cases/${c.id}/confirmation/court`, { courtId: binjiang.id }).expect(403);
    await as(applicant).post(`/api/cases/${c.id}/confirmation/court`, { courtId: 'nope' }).expect(400);

    // Different choices: still refused.
    await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/court`, {
        courtId: (await overview(applicant, c.id)).alternatives[0].courtId,
      })
      .expect(200);
    o = (await as(respondent).post(`/api/cases/${c.id}/confirmation/court`, { courtId: binjiang.id }).expect(200)).body;
    expect(o.chosenCourtId).toBeNull();
    await signAs(applicant, DEMO.citizen, c.id, 422);

    // The same choice: the application is signed for, and filed with, 滨江.
    o = (await as(applicant).post(`/api/cases/${c.id}/confirmation/court`, { courtId: binjiang.id }).expect(200)).body;
    expect(o.chosenCourtId).toBe(binjiang.id);
    await signAs(applicant, DEMO.citizen, c.id, 201);
    // Once someone signed, the court can no longer be changed.
    await as(respondent)
      .post(`/api/cases/${c.id}/confirmation/court`, {
        courtId: o.alternatives[0].courtId,
      })
      .expect(409);
    await signAs(respondent, DEMO.citizen2, c.id, 201);
    o = await overview(applicant, c.id);
    expect(o.application).toMatchObject({
      status: 'submitted',
      courtId: binjiang.id,
      courtName: '杭州市滨江区人民法院',
      basis: 'party_domicile',
    });
    // Not before the 西湖 court's judge.
    expect((await as(judge).get('/api/court/confirmations').expect(200)).body.map((a: { caseId: string }) => a.caseId)).not.toContain(c.id);
  });

  it('R24: the court that receives an escalated case opens every material of its package, and only that court (R19: logged)', async () => {
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    // A second material (the respondent's evidence, in a JPEG-less PNG) and a caucus attachment that must stay out (R15).
    const evidence = Buffer.concat([PNG]);
    await as(respondent).get(`/api/cases/${c.id}`).expect(200);
    const ev = await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'evidence').attach('file', evidence, '收据.png').expect(201);
    const channels: { id: string; kind: string }[] = (await as(applicant).get(`/api/cases/${c.id}/channels`).expect(200)).body;
    const caucus = channels.find((ch) => ch.kind === 'caucus')!;
    const secret = await t.http().post(`/api/channels/${caucus.id}/attachments`).set('Authorization', applicant.auth).attach('file', PNG, '私下.png').expect(201);
    let v = (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body.version;
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/terminate`, {
        version: v,
        reasonCode: 'positions_too_far',
        situation: '双方分歧较大。',
      })
      .expect(200);
    v = (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body.version;
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/escalate`, {
        version: v,
        route: 'online_filing',
      })
      .expect(200);

    const filing: CourtFilingView = (await as(judge).get('/api/court/filings').expect(200)).body.find((f: CourtFilingView) => f.caseId === c.id);
    expect(filing.documents.map((d) => d.fileName).sort()).toEqual(['id.png', '收据.png'].sort());
    expect(filing.documents.map((d) => d.fileName)).not.toContain('私下.png');
    for (const d of filing.documents) {
      expect(d.downloadUrl).toBe(`/api/court/filings/${filing.id}/documents/${d.id}`);
      for (const who of [judge, clerk]) {
        const res = await as(who)
          .get(d.downloadUrl!)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (x: Buffer) => chunks.push(x));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
      }
      // Another court's judge, the mediator and the parties do not get it through the court route.
      for (const who of [otherJudge, mediator, applicant]) await as(who).get(d.downloadUrl!).expect(404);
    }
    expect(filing.documents.some((d) => d.id === ev.body.id)).toBe(true);
    // A case document outside the package (the caucus attachment) is not reachable through the filing.
    await as(judge).get(`/api/court/filings/${filing.id}/documents/${secret.body.id}`).expect(404);
    // The case's own people see the same list, pointing at the case's own (authorised) route.
    const own = (await as(applicant).get(`/api/cases/${c.id}/ending`).expect(200)).body.filing as CourtFilingView;
    expect(own.documents.map((d) => d.downloadUrl)).toEqual(filing.documents.map((d) => `/api/cases/${c.id}/documents/${d.id}`));

    // R19: each court read is in the case's access log, refusals included.
    const log = await t.app
      .get(DataSource)
      .getRepository(CaseAccessLog)
      .find({ where: { caseId: c.id, action: 'court_download_document' } });
    expect(log.filter((l) => l.allowed && l.userId === judge.user.id)).toHaveLength(2);
    expect(log.filter((l) => l.allowed && l.userId === clerk.user.id)).toHaveLength(2);
    expect(log.filter((l) => !l.allowed && l.userId === otherJudge.user.id)).toHaveLength(2);
    expect(log.some((l) => !l.allowed && l.targetId === secret.body.id)).toBe(true);
  });
});
