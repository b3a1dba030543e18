/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read as the API sends them */
import { confirmationDeadline, deadlineFrom } from "@tiaojie/domain";
import { DataSource } from "typeorm";
import { HolidayCalendarService } from "../src/calendar/holiday-calendar.service";
import { DeadlineScanner } from "../src/cases/deadline-scanner.service";
import { NotificationDispatcher } from "../src/notifications/dispatcher.service";
import { Organisation } from "../src/organisations/organisation.entity";
import {
  DEMO,
  latestCode,
  loginAs,
  startTestApp,
  type TestApp,
} from "./harness";
import { mediatingCase, PNG, type Login } from "./fixtures";

const { PDFParse } = require("pdf-parse");

const DAY = 24 * 3600_000;
const PEOPLE = "西湖区人民调解委员会";

/**
 * The court and agreement rules of issue #10: R26 (when an agreement takes effect: the seal act
 * of a people's mediation committee), R29 (the window runs from that moment), R33 (refusal to
 * accept, a missed supplement put to the judge, the approved extension), R35 (free only where
 * true), R40 (consent to electronic service, proof of service). The real app on a real database.
 */
describe("court and agreement rules (R26, R29, R33, R35, R40)", () => {
  let t: TestApp;
  let applicant: Login,
    respondent: Login,
    dispatcher: Login,
    mediator: Login,
    judge: Login,
    clerk: Login;

  async function relogin() {
    applicant = await loginAs(t, DEMO.citizen);
    respondent = await loginAs(t, DEMO.citizen2);
    dispatcher = await loginAs(t, DEMO.orgAdmin);
    mediator = await loginAs(t, DEMO.mediator);
    judge = await loginAs(t, DEMO.judge);
    clerk = await loginAs(t, "13700000002");
  }
  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set("Authorization", who.auth),
    post: (url: string, body: object = {}) =>
      t.http().post(url).set("Authorization", who.auth).send(body),
  });
  const db = () => t.app.get(DataSource);
  const overview = async (who: Login, caseId: string): Promise<any> =>
    (await as(who).get(`/api/cases/${caseId}/confirmation`).expect(200)).body;
  const caseOf = async (who: Login, caseId: string): Promise<any> =>
    (await as(who).get(`/api/cases/${caseId}`).expect(200)).body;
  const setPeopleOrg = (patch: Record<string, unknown>) =>
    db()
      .getRepository(Organisation)
      .update({ name: PEOPLE }, patch as any);

  /** Drafts, freezes and has the mediator and both parties sign; returns the agreement as the last signer sees it. */
  async function signAll(caseId: string): Promise<any> {
    const parties = (await caseOf(mediator, caseId)).parties as {
      id: string;
      side: string;
    }[];
    let a = (
      await as(mediator)
        .post(`/api/cases/${caseId}/agreements`, {
          partial: false,
          content: {
            facts: "李四向张三借款两万元，逾期未还。",
            disputedMatters: "借款的归还",
            responsibilities: "李四承认借款事实。",
            otherTerms: "",
          },
          obligations: [
            {
              obligorPartyId: parties.find((p) => p.side === "respondent")!.id,
              obligeePartyId: parties.find((p) => p.side === "applicant")!.id,
              kind: "payment",
              description: "归还借款",
              amount: "20000.00",
              place: "杭州",
              method: "银行转账",
              dueDate: "2026-06-30",
            },
          ],
        })
        .expect(201)
    ).body;
    a = (
      await as(mediator)
        .post(`/api/agreements/${a.id}/start-signing`, { revision: a.revision })
        .expect(201)
    ).body;
    const signature = `data:image/png;base64,${PNG.toString("base64")}`;
    for (const [login, mobile] of [
      [mediator, DEMO.mediator],
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ] as const) {
      t.clock.advance(61_000);
      await as(login).post(`/api/agreements/${a.id}/signing-code`).expect(202);
      const code = await latestCode(t, mobile);
      a = (
        await as(login)
          .post(`/api/agreements/${a.id}/sign`, {
            contentHash: a.contentHash,
            code,
            signaturePng: signature,
          })
          .expect(201)
      ).body;
    }
    return a;
  }

  /** SETTLED under the rule of the organisation (a people's committee: the org admin seals). */
  async function settledCase() {
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const a = await signAll(c.id);
    if (a.status === "awaiting_seal")
      await as(dispatcher).post(`/api/agreements/${a.id}/seal`).expect(201);
    await t
      .http()
      .post(`/api/cases/${c.id}/documents`)
      .set("Authorization", respondent.auth)
      .field("kind", "id_card")
      .attach("file", PNG, "id2.png")
      .expect(201);
    expect((await caseOf(mediator, c.id)).state).toBe("SETTLED");
    return c;
  }

  async function applyJointly(caseId: string): Promise<string> {
    for (const [who, mobile] of [
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ] as const) {
      t.clock.advance(61_000);
      await as(who).post(`/api/cases/${caseId}/confirmation/code`).expect(202);
      const code = await latestCode(t, mobile);
      const o = await overview(who, caseId);
      await as(who)
        .post(`/api/cases/${caseId}/confirmation/sign`, {
          code,
          answers: {},
          version: o.caseVersion,
        })
        .expect(201);
    }
    const o = await overview(applicant, caseId);
    expect(o.caseState).toBe("CONFIRMATION_REQUESTED");
    return o.application.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await relogin();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(async () => {
    t.clock.advance(2 * 3600_000);
    await relogin();
  });

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
    expect(signed.status).toBe("awaiting_seal");
    expect(signed.effectiveAt).toBeNull();
    expect(signed.effectRule).toBe("seal");
    expect((await caseOf(mediator, c.id)).state).toBe("MEDIATING");
    expect((await overview(applicant, c.id)).agreementId).toBeNull();
    // Only an authorised person of the organisation applies it: not the mediator, not a party.
    await as(mediator).post(`/api/agreements/${signed.id}/seal`).expect(403);
    await as(applicant).post(`/api/agreements/${signed.id}/seal`).expect(403);
    const forAdmin = (
      await as(dispatcher).get(`/api/agreements/${signed.id}`).expect(200)
    ).body;
    expect(forAdmin.actions).toContain("seal");

    t.clock.advance(2 * DAY);
    await relogin();
    const sealAt = t.clock.now();
    const a = (
      await as(dispatcher).post(`/api/agreements/${signed.id}/seal`).expect(201)
    ).body;
    expect(a.status).toBe("effective");
    expect(a.effectiveAt).toBe(sealAt.toISOString());
    expect(a.sealedAt).toBe(sealAt.toISOString());
    expect(a.sealedByName).toBe("陈主任");
    expect(a.sealedByOrg).toBe(PEOPLE);
    expect((await caseOf(mediator, c.id)).state).toBe("SETTLED");
    const timeline: any[] = (
      await as(mediator).get(`/api/cases/${c.id}/timeline`).expect(200)
    ).body;
    expect(
      timeline.find((e) => e.type === "agreement_effective"),
    ).toMatchObject({ toState: "SETTLED" });
    // A second seal is refused.
    await as(dispatcher).post(`/api/agreements/${signed.id}/seal`).expect(409);
    // R29: the window runs from the moment of effect (the seal), not from the last signature.
    const o = await overview(applicant, c.id);
    expect(o.agreementEffectiveAt).toBe(sealAt.toISOString());
    expect(o.windowEndsAt).toBe(confirmationDeadline(sealAt, t.app.get(HolidayCalendarService).calendar()).toISOString());
  }, 180_000);

  it("R26: other organisation types follow their own rule — by default in effect at the last party signature, sealed with it", async () => {
    await setPeopleOrg({ type: "traffic" });
    try {
      const c = await mediatingCase(t, {
        applicant,
        respondent,
        dispatcher,
        mediator,
      });
      const a = await signAll(c.id);
      expect(a.status).toBe("effective");
      expect(a.effectRule).toBe("last_party_signature");
      expect(a.sealedByName).toBeNull();
      const last = Math.max(
        ...a.signatures
          .filter((s: any) => s.signerRole === "party")
          .map((s: any) => Date.parse(s.signedAt)),
      );
      expect(Date.parse(a.effectiveAt)).toBe(last);
      expect((await caseOf(mediator, c.id)).state).toBe("SETTLED");
      await as(dispatcher).post(`/api/agreements/${a.id}/seal`).expect(409);
    } finally {
      await setPeopleOrg({ type: "peoples_mediation_committee" });
    }
  }, 180_000);

  // ─── R33 ────────────────────────────────────────────────────────────────────────────

  it("R33: the court refuses to accept (不予受理) with a ground within the 3 days; only a judge, only before acceptance", async () => {
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    const detail = (
      await as(judge).get(`/api/court/confirmations/${appId}`).expect(200)
    ).body;
    expect(detail.actions).toContain("refuse");
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/refuse`, {
        reasonCode: "outside_jurisdiction",
      })
      .expect(403);
    const bad = await as(judge)
      .post(`/api/court/confirmations/${appId}/refuse`, { reasonCode: "bogus" })
      .expect(400);
    expect(bad.body.fields[0].field).toBe("reasonCode");
    const noNote = await as(judge)
      .post(`/api/court/confirmations/${appId}/refuse`, { reasonCode: "other" })
      .expect(422);
    expect(noNote.body.fields[0].constraint).toBe("R33_note_for_other");
    t.clock.advance(DAY);
    await relogin();
    const refused = (
      await as(judge)
        .post(`/api/court/confirmations/${appId}/refuse`, {
          reasonCode: "outside_jurisdiction",
          reasonNote: "标的物不在本院辖区",
        })
        .expect(201)
    ).body;
    expect(refused.status).toBe("refused");
    expect(refused.refusal).toMatchObject({
      ground: "outside_jurisdiction",
      note: "标的物不在本院辖区",
      judgeName: "刘法官",
      withinPeriod: true,
    });
    // The agreement stays in effect: the case is SETTLED again and the parties may apply anew.
    const o = await overview(applicant, c.id);
    expect(o.caseState).toBe("SETTLED");
    expect(o.application).toMatchObject({ status: "refused" });
    expect(o.actions).toContain("sign");
    const timeline: any[] = (
      await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)
    ).body;
    expect(
      timeline.some(
        (e) => e.type === "confirmation_refused" && e.toState === "SETTLED",
      ),
    ).toBe(true);
    // An accepted application is ruled on, not refused.
    await relogin();
    const second = await applyJointly(c.id);
    await as(clerk)
      .post(`/api/court/confirmations/${second}/accept`)
      .expect(201);
    await as(judge)
      .post(`/api/court/confirmations/${second}/refuse`, {
        reasonCode: "outside_jurisdiction",
      })
      .expect(409);
  }, 180_000);

  it("R33: a missed deadline for supplementary materials is put to the judge, who decides whether it counts as withdrawal — the scanner does not withdraw", async () => {
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/accept`)
      .expect(201);
    const dueDate = new Date(t.clock.now().getTime() + 8 * 3600_000 + 2 * DAY)
      .toISOString()
      .slice(0, 10);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements`, {
        text: "请补充收入证明",
        dueDate,
      })
      .expect(201);
    const first = (await overview(applicant, c.id)).application.supplements[0]
      .id;
    // Not missed yet: the judge has nothing to decide.
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: true,
      })
      .expect(409);

    t.clock.advance(4 * DAY);
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    let o = await overview(applicant, c.id);
    expect(o.caseState).toBe("CONFIRMATION_REQUESTED");
    expect(o.application.status).toBe("accepted");
    expect(o.application.supplements[0]).toMatchObject({ decision: null });
    expect(o.application.supplements[0].missedAt).not.toBeNull();
    // The judges of the court are told, once.
    const told = await db().query(
      `SELECT COUNT(*)::int AS n FROM notification WHERE case_id = $1 AND dedup_key LIKE $2 AND recipient_user_id = $3`,
      [c.id, `court:supplement_missed:${first}%`, judge.user.id],
    );
    expect(told[0].n).toBeGreaterThan(0);
    const detail = (
      await as(judge).get(`/api/court/confirmations/${appId}`).expect(200)
    ).body;
    expect(detail.actions).toContain("decide_supplement");
    // Late materials are refused until the judge decides.
    await t
      .http()
      .post(`/api/cases/${c.id}/confirmation/supplements/${first}/documents`)
      .set("Authorization", applicant.auth)
      .attach("file", PNG, "late.png")
      .expect(409);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: true,
      })
      .expect(403);
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: "yes",
      })
      .expect(400);

    // The judge lets the application go on: the parties may still provide the materials.
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: false,
        note: "当事人说明了理由",
      })
      .expect(201);
    o = await overview(applicant, c.id);
    expect(o.application.supplements[0]).toMatchObject({
      decision: "continue",
      decisionNote: "当事人说明了理由",
    });
    expect(o.actions).toContain("upload_supplement");
    await t
      .http()
      .post(`/api/cases/${c.id}/confirmation/supplements/${first}/documents`)
      .set("Authorization", applicant.auth)
      .attach("file", PNG, "late.png")
      .expect(201);
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: true,
      })
      .expect(409);

    // A second request is missed too; this time the judge rules it a withdrawal.
    const due2 = new Date(t.clock.now().getTime() + 8 * 3600_000 + DAY)
      .toISOString()
      .slice(0, 10);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements`, {
        text: "请补充身份证明原件照片",
        dueDate: due2,
      })
      .expect(201);
    const second = (await overview(applicant, c.id)).application.supplements[1]
      .id;
    t.clock.advance(3 * DAY);
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    expect((await overview(applicant, c.id)).caseState).toBe(
      "CONFIRMATION_REQUESTED",
    );
    await as(judge)
      .post(
        `/api/court/confirmations/${appId}/supplements/${second}/decision`,
        { withdrawn: true, note: "逾期未补充" },
      )
      .expect(201);
    o = await overview(applicant, c.id);
    expect(o.caseState).toBe("SETTLED");
    expect(o.application).toMatchObject({
      status: "withdrawn",
      withdrawnReason: "supplement_missed",
    });
    expect(o.application.supplements[1]).toMatchObject({
      decision: "withdrawn",
    });
    const timeline: any[] = (
      await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)
    ).body;
    expect(
      timeline.find((e) => e.type === "confirmation_supplement_withdrawn"),
    ).toMatchObject({ toState: "SETTLED", actorRole: "judge" });
  }, 180_000);

  it("R33: the 10-day extension of the ruling period records who approved it and when, and happens only once", async () => {
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/accept`)
      .expect(201);
    const before = (
      await as(judge).get(`/api/court/confirmations/${appId}`).expect(200)
    ).body;
    t.clock.advance(3600_000);
    await relogin();
    const approvedAt = new Date(
      t.clock.now().getTime() - 600_000,
    ).toISOString();
    const missing = await as(judge)
      .post(`/api/court/confirmations/${appId}/extend`, { reason: "案情复杂" })
      .expect(400);
    expect(missing.body.fields.map((f: any) => f.field)).toEqual(
      expect.arrayContaining(["approvedBy", "approvedAt"]),
    );
    const future = await as(judge)
      .post(`/api/court/confirmations/${appId}/extend`, {
        reason: "案情复杂",
        approvedBy: "院长 王某",
        approvedAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
      })
      .expect(400);
    expect(future.body.fields[0]).toMatchObject({
      field: "approvedAt",
      constraint: "R33_approved_not_future",
    });
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/extend`, {
        reason: "案情复杂",
        approvedBy: "院长 王某",
        approvedAt,
      })
      .expect(403);
    const extended = (
      await as(judge)
        .post(`/api/court/confirmations/${appId}/extend`, {
          reason: "案情复杂",
          approvedBy: "院长 王某",
          approvedAt,
        })
        .expect(201)
    ).body;
    expect(extended.deadlines).toMatchObject({
      extended: true,
      extensionApprovedBy: "院长 王某",
      extensionApprovedAt: approvedAt,
      extensionReason: "案情复杂",
    });
    expect(extended.deadlines.ruleBy).toBe(
      deadlineFrom(
        "courtRuleExtension",
        new Date(before.deadlines.ruleBy),
        t.app.get(HolidayCalendarService).calendar(),
      ).toISOString(),
    );
    expect(extended.actions).not.toContain("extend");
    const again = await as(judge)
      .post(`/api/court/confirmations/${appId}/extend`, {
        reason: "再次延长",
        approvedBy: "院长 王某",
        approvedAt,
      })
      .expect(409);
    expect(again.body.fields[0].constraint).toBe("R33_extended_once");
    // The parties see who approved it too.
    expect(
      (await overview(applicant, c.id)).application.deadlines
        .extensionApprovedBy,
    ).toBe("院长 王某");
  }, 180_000);

  // ─── R35 ────────────────────────────────────────────────────────────────────────────

  it('R35: "free of charge" only where it is true — an organisation that charges shows its fees (public info, invitation, confirmation section)', async () => {
    await setPeopleOrg({
      chargesFees: true,
      feeSchedule: "调解服务费：每件200元",
    });
    try {
      const orgs: any[] = (await t.http().get("/api/organisations").expect(200))
        .body;
      expect(orgs.find((o) => o.name === PEOPLE)).toMatchObject({
        chargesFees: true,
        feeSchedule: "调解服务费：每件200元",
      });
      expect(
        orgs.find((o) => o.name !== PEOPLE && !o.chargesFees),
      ).toMatchObject({ feeSchedule: "" });
      const c = await mediatingCase(t, {
        applicant,
        respondent,
        dispatcher,
        mediator,
      });
      const invite = (
        await t.http().get("/api/dev/sms").query({ mobile: DEMO.citizen2 })
      ).body.filter((m: any) => m.body.includes("/invite/"))[0];
      expect(invite.body).not.toContain("免费");
      const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(invite.body)![1];
      // The link itself discloses nothing before the invited number's code (R15); the
      // summary shown after it carries the fees (InvitationView.chargesFees, feeSchedule).
      const view = (await t.http().get(`/api/invitations/${token}`).expect(200))
        .body;
      expect(view).not.toHaveProperty("feeSchedule");
      const o = await overview(applicant, c.id);
      expect(o.free).toBe(true); // judicial confirmation itself is free (JC2011 11)
      expect(o.organisationFees).toEqual({
        organisationName: PEOPLE,
        chargesFees: true,
        feeSchedule: "调解服务费：每件200元",
      });
    } finally {
      await setPeopleOrg({ chargesFees: false, feeSchedule: "" });
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
      feeSchedule: "",
    });
    const invite = (
      await t.http().get("/api/dev/sms").query({ mobile: DEMO.citizen2 })
    ).body.filter((m: any) => m.body.includes("/invite/"))[0];
    expect(invite.body).toContain("免费");
  }, 180_000);

  // ─── R40 ────────────────────────────────────────────────────────────────────────────

  it("R40: electronic service needs the party’s recorded consent; each served document has a proof of service (sent, delivered, opened), for staff and as a PDF", async () => {
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
    const mine = parties.find((p) => p.side === "applicant")!.id;
    const theirs = parties.find((p) => p.side === "respondent")!.id;
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
        address: "nowhere",
      })
      .expect(400);
    expect(bad.body.fields[0]).toMatchObject({
      field: "address",
      constraint: "R40_address",
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
    expect(consents).toEqual([
      expect.objectContaining({ partyId: mine, address: DEMO.citizen }),
    ]);
    expect(consents[0].consentAt).not.toBeNull();
    const staffView: any[] = (
      await as(mediator)
        .get(`/api/cases/${c.id}/electronic-service`)
        .expect(200)
    ).body;
    expect(staffView.find((x) => x.partyId === theirs)).toMatchObject({
      consentAt: null,
    });

    t.clock.advance(60_000);
    const a = await signAll(c.id);
    await as(dispatcher).post(`/api/agreements/${a.id}/seal`).expect(201);
    await t.app.get(NotificationDispatcher).dispatchDue();

    // Parties do not read the proofs; staff do.
    await as(applicant).get(`/api/cases/${c.id}/service-proofs`).expect(404);
    let proofs: any[] = (
      await as(mediator).get(`/api/cases/${c.id}/service-proofs`).expect(200)
    ).body;
    const agreementProof = (partyId: string) =>
      proofs.find((p) => p.kind === "agreement" && p.partyId === partyId);
    expect(agreementProof(mine)).toMatchObject({
      consented: true,
      status: "served",
      openedAt: null,
    });
    expect(agreementProof(mine).sentAt).not.toBeNull();
    expect(agreementProof(mine).deliveredAt).not.toBeNull();
    // Without consent the document is not served electronically: the proof says so.
    expect(agreementProof(theirs)).toMatchObject({
      consented: false,
      status: "no_consent",
      deliveredAt: null,
      address: null,
    });

    // The applicant opens the in-app notice: the opened time is recorded on the proof.
    const inbox: any = (
      await as(applicant).get("/api/notifications").expect(200)
    ).body;
    const items: any[] = inbox.items ?? inbox;
    const notice = items.find(
      (n) => n.caseId === c.id && n.template === "agreement_effective",
    );
    await as(applicant)
      .post(`/api/notifications/${notice.id}/read`)
      .expect((r) => expect([200, 201, 204]).toContain(r.status));
    proofs = (
      await as(mediator).get(`/api/cases/${c.id}/service-proofs`).expect(200)
    ).body;
    expect(agreementProof(mine).openedAt).not.toBeNull();

    // Court requests are served documents too.
    await t
      .http()
      .post(`/api/cases/${c.id}/documents`)
      .set("Authorization", respondent.auth)
      .field("kind", "id_card")
      .attach("file", PNG, "id2.png")
      .expect(201);
    const appId = await applyJointly(c.id);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/accept`)
      .expect(201);
    const dueDate = new Date(t.clock.now().getTime() + 8 * 3600_000 + 3 * DAY)
      .toISOString()
      .slice(0, 10);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements`, {
        text: "请补充收入证明",
        dueDate,
      })
      .expect(201);
    await t.app.get(NotificationDispatcher).dispatchDue();
    proofs = (
      await as(mediator).get(`/api/cases/${c.id}/service-proofs`).expect(200)
    ).body;
    expect(
      proofs.find((p) => p.kind === "court_request" && p.partyId === mine),
    ).toMatchObject({ status: "served" });

    // Exportable as a PDF with the case file.
    await as(applicant)
      .get(`/api/cases/${c.id}/service-proofs.pdf`)
      .expect(404);
    const pdf = await as(mediator)
      .get(`/api/cases/${c.id}/service-proofs.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (x: Buffer) => chunks.push(x));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    const text: string = (
      await new PDFParse({ data: new Uint8Array(pdf.body) }).getText()
    ).text.replace(/\s+/g, "");
    expect(text).toContain("送达回证");
    expect(text).toContain("调解协议书");
    expect(text).toContain("未同意电子送达");
  }, 240_000);
});
