/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read as the API sends them */
import { confirmationDeadline } from '@tiaojie/domain';
import { HolidayCalendarService } from '../src/calendar/holiday-calendar.service';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { DEMO, invitationFor, type TestApp } from './harness';
import { mediatingCase, PNG, type Login } from './fixtures';
import { courtRulesWorld, DAY, PEOPLE } from './court-rules-world';

const { PDFParse } = require('pdf-parse');

/**
 * The agreement rules of issue #10: R26 (when an agreement takes effect: the seal act of a
 * people's mediation committee), R29 (the window runs from that moment), R35 (free only where
 * true), R40 (consent to electronic service, proof of service). The real app on a real
 * database; court-rules.spec.ts has R33.
 */
describe('court and agreement rules: the agreement, fees and service (R26, R29, R35, R40)', () => {
  const w = courtRulesWorld();
  const { as, overview, caseOf, setPeopleOrg, signAll, applyJointly } = w;
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, clerk: Login;
  const sync = () => {
    t = w.t;
    ({ applicant, respondent, dispatcher, mediator, clerk } = w.logins());
  };
  const relogin = w.lifecycle(sync);

  // ─── R26 / R29 ──────────────────────────────────────────────────────────────────────

  it("R26: a people's mediation committee's agreement takes effect only when its org admin applies the seal; R29's 30 days run from then", async () => {
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const signed = await signAll(c.id);
    // Everyone signed, but the committee's seal is still to be applied: not in effect, case not settled.
    expect(signed.status).toBe('awaiting_seal');
    expect(signed.effectiveAt).toBeNull();
    expect(signed.effectRule).toBe('seal');
    expect((await caseOf(mediator, c.id)).state).toBe('MEDIATING');
    expect((await overview(applicant, c.id)).agreementId).toBeNull();
    // Only an authorised person of the organisation applies it: not the mediator, not a party.
    await as(mediator).post(`/api/agreements/${signed.id}/seal`).expect(403);
    await as(applicant).post(`/api/agreements/${signed.id}/seal`).expect(403);
    const forAdmin = (await as(dispatcher).get(`/api/agreements/${signed.id}`).expect(200)).body;
    expect(forAdmin.actions).toContain('seal');

    t.clock.advance(2 * DAY);
    await relogin();
    const sealAt = t.clock.now();
    const a = (await as(dispatcher).post(`/api/agreements/${signed.id}/seal`).expect(201)).body;
    expect(a.status).toBe('effective');
    expect(a.effectiveAt).toBe(sealAt.toISOString());
    expect(a.sealedAt).toBe(sealAt.toISOString());
    expect(a.sealedByName).toBe('陈主任');
    expect(a.sealedByOrg).toBe(PEOPLE);
    expect((await caseOf(mediator, c.id)).state).toBe('SETTLED');
    const timeline: any[] = (await as(mediator).get(`/api/cases/${c.id}/timeline`).expect(200)).body;
    expect(timeline.find((e) => e.type === 'agreement_effective')).toMatchObject({ toState: 'SETTLED' });
    // A second seal is refused.
    await as(dispatcher).post(`/api/agreements/${signed.id}/seal`).expect(409);
    // R29: the window runs from the moment of effect (the seal), not from the last signature.
    const o = await overview(applicant, c.id);
    expect(o.agreementEffectiveAt).toBe(sealAt.toISOString());
    expect(o.windowEndsAt).toBe(confirmationDeadline(sealAt, t.app.get(HolidayCalendarService).calendar()).toISOString());
  }, 180_000);

  it('R26: other organisation types follow their own rule — by default in effect at the last party signature, sealed with it', async () => {
    await setPeopleOrg({ type: 'traffic' });
    try {
      const c = await mediatingCase(t, {
        applicant,
        respondent,
        dispatcher,
        mediator,
      });
      const a = await signAll(c.id);
      expect(a.status).toBe('effective');
      expect(a.effectRule).toBe('last_party_signature');
      expect(a.sealedByName).toBeNull();
      const last = Math.max(...a.signatures.filter((s) => s.signerRole === 'party').map((s) => Date.parse(s.signedAt)));
      expect(Date.parse(a.effectiveAt!)).toBe(last);
      expect((await caseOf(mediator, c.id)).state).toBe('SETTLED');
      await as(dispatcher).post(`/api/agreements/${a.id}/seal`).expect(409);
    } finally {
      await setPeopleOrg({ type: 'peoples_mediation_committee' });
    }
  }, 180_000);

  // ─── R35 ────────────────────────────────────────────────────────────────────────────

  it('R35: "free of charge" only where it is true — an organisation that charges shows its fees (public info, invitation, confirmation section)', async () => {
    await setPeopleOrg({
      chargesFees: true,
      feeSchedule: '调解服务费：每件200元',
    });
    try {
      const orgs: any[] = (await t.http().get('/api/organisations').expect(200)).body;
      expect(orgs.find((o) => o.name === PEOPLE)).toMatchObject({
        chargesFees: true,
        feeSchedule: '调解服务费：每件200元',
      });
      expect(orgs.find((o) => o.name !== PEOPLE && !o.chargesFees)).toMatchObject({ feeSchedule: '' });
      const c = await mediatingCase(t, {
        applicant,
        respondent,
        dispatcher,
        mediator,
      });
      const invite = await invitationFor(t, DEMO.citizen2, c.number);
      expect(invite.body).not.toContain('免费');
      const token = invite.token;
      // The link itself discloses nothing before the invited number's code (R15); the
      // summary shown after it carries the fees (InvitationView.chargesFees, feeSchedule).
      const view = (await t.http().get(`/api/invitations/${token}`).expect(200)).body;
      expect(view).not.toHaveProperty('feeSchedule');
      const o = await overview(applicant, c.id);
      expect(o.free).toBe(true); // judicial confirmation itself is free (JC2011 11)
      expect(o.organisationFees).toEqual({
        organisationName: PEOPLE,
        chargesFees: true,
        feeSchedule: '调解服务费：每件200元',
      });
    } finally {
      await setPeopleOrg({ chargesFees: false, feeSchedule: '' });
    }
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    expect((await overview(applicant, c.id)).organisationFees).toEqual({
      organisationName: PEOPLE,
      chargesFees: false,
      feeSchedule: '',
    });
    expect((await invitationFor(t, DEMO.citizen2, c.number)).body).toContain('免费');
  }, 180_000);

  // ─── R40 ────────────────────────────────────────────────────────────────────────────

  it('R40: electronic service needs the party’s recorded consent; each served document has a proof of service (sent, delivered, opened), for staff and as a PDF', async () => {
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const parties = (await caseOf(mediator, c.id)).parties as {
      id: string;
      side: string;
    }[];
    const mine = parties.find((p) => p.side === 'applicant')!.id;
    const theirs = parties.find((p) => p.side === 'respondent')!.id;
    // Only the party itself consents, to a real address.
    await as(respondent)
      .post(`/api/cases/${c.id}/electronic-service`, {
        partyId: mine,
        consent: true,
        address: DEMO.citizen,
      })
      .expect(403);
    const bad = await as(applicant)
      .post(`/api/cases/${c.id}/electronic-service`, {
        partyId: mine,
        consent: true,
        address: 'nowhere',
      })
      .expect(400);
    expect(bad.body.fields[0]).toMatchObject({
      field: 'address',
      constraint: 'R40_address',
    });
    const consents: any[] = (
      await as(applicant)
        .post(`/api/cases/${c.id}/electronic-service`, {
          partyId: mine,
          consent: true,
          address: DEMO.citizen,
        })
        .expect(201)
    ).body;
    expect(consents).toEqual([expect.objectContaining({ partyId: mine, address: DEMO.citizen })]);
    expect(consents[0].consentAt).not.toBeNull();
    const staffView: any[] = (await as(mediator).get(`/api/cases/${c.id}/electronic-service`).expect(200)).body;
    expect(staffView.find((x) => x.partyId === theirs)).toMatchObject({
      consentAt: null,
    });

    t.clock.advance(60_000);
    const a = await signAll(c.id);
    await as(dispatcher).post(`/api/agreements/${a.id}/seal`).expect(201);
    await t.app.get(NotificationDispatcher).dispatchDue();

    // Parties do not read the proofs; staff do.
    await as(applicant).get(`/api/cases/${c.id}/service-proofs`).expect(404);
    let proofs: any[] = (await as(mediator).get(`/api/cases/${c.id}/service-proofs`).expect(200)).body;
    const agreementProof = (partyId: string) => proofs.find((p) => p.kind === 'agreement' && p.partyId === partyId);
    expect(agreementProof(mine)).toMatchObject({
      consented: true,
      status: 'served',
      openedAt: null,
    });
    expect(agreementProof(mine).sentAt).not.toBeNull();
    expect(agreementProof(mine).deliveredAt).not.toBeNull();
    // Without consent the document is not served electronically: the proof says so.
    expect(agreementProof(theirs)).toMatchObject({
      consented: false,
      status: 'no_consent',
      deliveredAt: null,
      address: null,
    });

    // The applicant opens the in-app notice: the opened time is recorded on the proof.
    const inbox: any = (await as(applicant).get('/api/notifications').expect(200)).body;
    const items: any[] = inbox.items ?? inbox;
    const notice = items.find((n) => n.caseId === c.id && n.template === 'agreement_effective');
    await as(applicant)
      .post(`/api/notifications/${notice.id}/read`)
      .expect((r) => expect([200, 201, 204]).toContain(r.status));
    proofs = (await as(mediator).get(`/api/cases/${c.id}/service-proofs`).expect(200)).body;
    expect(agreementProof(mine).openedAt).not.toBeNull();

    // Court requests are served documents too.
    await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'id_card').attach('file', PNG, 'id2.png').expect(201);
    const appId = await applyJointly(c.id);
    await as(clerk).post(`/api/court/confirmations/${appId}/accept`).expect(201);
    const dueDate = new Date(t.clock.now().getTime() + 8 * 3600_000 + 3 * DAY).toISOString().slice(0, 10);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements`, {
        text: '请补充收入证明',
        dueDate,
      })
      .expect(201);
    await t.app.get(NotificationDispatcher).dispatchDue();
    proofs = (await as(mediator).get(`/api/cases/${c.id}/service-proofs`).expect(200)).body;
    expect(proofs.find((p) => p.kind === 'court_request' && p.partyId === mine)).toMatchObject({ status: 'served' });

    // Exportable as a PDF with the case file.
    await as(applicant).get(`/api/cases/${c.id}/service-proofs.pdf`).expect(404);
    const pdf = await as(mediator)
      .get(`/api/cases/${c.id}/service-proofs.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (x: Buffer) => chunks.push(x));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text: string = (await new PDFParse({ data: new Uint8Array(pdf.body) }).getText()).text.replace(/\s+/g, '');
    expect(text).toContain('送达回证');
    expect(text).toContain('调解协议书');
    expect(text).toContain('未同意电子送达');
  }, 240_000);
});
