import type {
  CaseDetail,
  ConfirmationOverview,
  CourtFilingView,
  EndingView,
  MediatorChoiceView,
} from "@tiaojie/contracts";
import { DataSource } from "typeorm";
import { AccountsService } from "../src/accounts/accounts.service";
import { User } from "../src/accounts/user.entity";
import { CaseAccessLog } from "../src/cases/case-access-log.entity";
import { DeadlineScanner } from "../src/cases/deadline-scanner.service";
import { NotificationDispatcher } from "../src/notifications/dispatcher.service";
import { Court } from "../src/organisations/court.entity";
import { Membership } from "../src/organisations/membership.entity";
import {
  DEMO,
  DEMO_PASSWORD,
  latestCode,
  loginAs,
  startTestApp,
  type TestApp,
} from "./harness";
import { PNG, mediatingCase, type Login } from "./fixtures";

/** SETTLED through the settlement API: the mediator drafts, everyone signs with a code and a drawn signature. */
async function settle(
  t: TestApp,
  caseId: string,
  who: { mediator: Login; applicant: Login; respondent: Login; dispatcher: Login },
) {
  const parties = (
    await t
      .http()
      .get(`/api/cases/${caseId}`)
      .set("Authorization", who.mediator.auth)
      .expect(200)
  ).body.parties as { id: string; side: string }[];
  const applicantParty = parties.find((p) => p.side === "applicant")!;
  const respondentParty = parties.find((p) => p.side === "respondent")!;
  let a = (
    await t
      .http()
      .post(`/api/cases/${caseId}/agreements`)
      .set("Authorization", who.mediator.auth)
      .send({
        partial: false,
        content: {
          facts: "李四向张三借款两万元，逾期未还。",
          disputedMatters: "借款的归还",
          responsibilities: "李四愿意归还借款。",
          otherTerms: "双方再无其他争议。",
        },
        obligations: [
          {
            obligorPartyId: respondentParty.id,
            obligeePartyId: applicantParty.id,
            kind: "payment",
            description: "归还借款",
            amount: "20000.00",
            place: "杭州",
            method: "银行转账",
            dueDate: "2026-04-30",
          },
        ],
      })
      .expect(201)
  ).body;
  a = (
    await t
      .http()
      .post(`/api/agreements/${a.id}/start-signing`)
      .set("Authorization", who.mediator.auth)
      .send({ revision: a.revision })
      .expect(201)
  ).body;
  const signature = `data:image/png;base64,${PNG.toString("base64")}`;
  for (const [login, mobile] of [
    [who.mediator, DEMO.mediator],
    [who.applicant, DEMO.citizen],
    [who.respondent, DEMO.citizen2],
  ] as const) {
    t.clock.advance(61_000);
    await t
      .http()
      .post(`/api/agreements/${a.id}/signing-code`)
      .set("Authorization", login.auth)
      .send({})
      .expect(202);
    const code = await latestCode(t, mobile);
    a = (
      await t
        .http()
        .post(`/api/agreements/${a.id}/sign`)
        .set("Authorization", login.auth)
        .send({ contentHash: a.contentHash, code, signaturePng: signature })
        .expect(201)
    ).body;
  }
  // R26: a people's mediation committee's agreement takes effect at its org admin's seal act.
  expect(a.status).toBe("awaiting_seal");
  a = (
    await t
      .http()
      .post(`/api/agreements/${a.id}/seal`)
      .set("Authorization", who.dispatcher.auth)
      .send({})
      .expect(201)
  ).body;
  expect(a.status).toBe("effective");
}

describe("periods and routing (R20, R24, R30, R31)", () => {
  let t: TestApp;
  let applicant: Login,
    respondent: Login,
    dispatcher: Login,
    mediator: Login,
    judge: Login,
    clerk: Login,
    otherJudge: Login;
  let binjiang: Court, shangcheng: Court;
  const OTHER_JUDGE = "13700000098";

  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set("Authorization", who.auth),
    post: (url: string, body: object = {}) =>
      t.http().post(url).set("Authorization", who.auth).send(body),
  });
  const overview = async (
    who: Login,
    caseId: string,
  ): Promise<ConfirmationOverview> =>
    (await as(who).get(`/api/cases/${caseId}/confirmation`).expect(200)).body;

  async function signAs(
    who: Login,
    mobile: string,
    caseId: string,
    expectStatus: number,
  ) {
    t.clock.advance(61_000);
    await as(who).post(`/api/cases/${caseId}/confirmation/code`).expect(202);
    const code = await latestCode(t, mobile);
    const o = await overview(who, caseId);
    return as(who)
      .post(`/api/cases/${caseId}/confirmation/sign`, {
        code,
        answers: {},
        version: o.caseVersion,
      })
      .expect(expectStatus);
  }

  async function settledCase(opts: { respondentAddress?: string | null } = {}) {
    const c = await mediatingCase(
      t,
      { applicant, respondent, dispatcher, mediator },
      opts,
    );
    await settle(t, c.id, { mediator, applicant, respondent, dispatcher });
    await t
      .http()
      .post(`/api/cases/${c.id}/documents`)
      .set("Authorization", respondent.auth)
      .field("kind", "id_card")
      .attach("file", PNG, "id2.png")
      .expect(201);
    const detail: CaseDetail = (
      await as(mediator).get(`/api/cases/${c.id}`).expect(200)
    ).body;
    return {
      c: detail,
      applicantPartyId: detail.parties.find((p) => p.side === "applicant")!.id,
      respondentPartyId: detail.parties.find((p) => p.side === "respondent")!
        .id,
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.app.get(DataSource);
    binjiang = await db.getRepository(Court).save({
      name: "杭州市滨江区人民法院",
      region: "330108",
      level: "basic" as const,
    });
    shangcheng = await db.getRepository(Court).save({
      name: "杭州市上城区人民法院",
      region: "330102",
      level: "basic" as const,
    });
    const user = await db.getRepository(User).save(
      db.getRepository(User).create({
        mobile: OTHER_JUDGE,
        name: "钱法官",
        passwordHash: await t.app
          .get(AccountsService)
          .hashPassword(DEMO_PASSWORD),
        roles: ["judge"],
        locale: "zh-CN",
      }),
    );
    await db.getRepository(Membership).save({
      userId: user.id,
      organisationId: null,
      courtId: shangcheng.id,
      role: "judge" as const,
    });
    applicant = await loginAs(t, DEMO.citizen);
    respondent = await loginAs(t, DEMO.citizen2);
    dispatcher = await loginAs(t, DEMO.orgAdmin);
    mediator = await loginAs(t, DEMO.mediator);
    judge = await loginAs(t, DEMO.judge);
    clerk = await loginAs(t, "13700000002");
    otherJudge = await loginAs(t, OTHER_JUDGE);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it("R31: a party without an address cannot file (400 naming the party field); the party fills it in and the application goes on", async () => {
    const { c, respondentPartyId, applicantPartyId } = await settledCase({
      respondentAddress: null,
    });
    let o = await overview(applicant, c.id);
    expect(o.packageComplete).toBe(false);
    const contacts = o.packageItems.find(
      (i) => i.kind === "contacts" && i.partyId === respondentPartyId,
    )!;
    expect(contacts).toMatchObject({ present: false, missing: ["address"] });
    // The applicant may fill in its own contacts only; the respondent its own; the mediator anyone's.
    expect(o.editableContacts.map((e) => e.partyId)).toEqual([
      applicantPartyId,
    ]);
    expect(
      (await overview(respondent, c.id)).editableContacts.map((e) => e.partyId),
    ).toEqual([respondentPartyId]);
    expect(
      (await overview(mediator, c.id)).editableContacts.map((e) => e.partyId),
    ).toEqual([applicantPartyId, respondentPartyId]);

    // Filing is refused with a 400 naming the missing field of that party (before any code is spent).
    const refused = await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/sign`, {
        code: "123456",
        answers: {},
        version: o.caseVersion,
      })
      .expect(400);
    expect(refused.body.fields).toEqual([
      expect.objectContaining({
        field: `parties.${respondentPartyId}.address`,
        constraint: "R31_contacts",
      }),
    ]);
    await signAs(respondent, DEMO.citizen2, c.id, 400);

    // Another party cannot write someone else's address; bad input is a 400 naming the field.
    await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: "别处",
      })
      .expect(403);
    const bad = await as(respondent)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: "",
      })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain(
      "address",
    );
    await as(respondent)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        domicileRegion: "3301",
      })
      .expect(400);
    await as(otherJudge)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: "x",
      })
      .expect(404);

    o = (
      await as(respondent)
        .post(`/api/cases/${c.id}/confirmation/contacts`, {
          partyId: respondentPartyId,
          address: "杭州市西湖区天目山路2号",
        })
        .expect(200)
    ).body;
    expect(o.packageComplete).toBe(true);
    expect(
      o.packageItems.find(
        (i) => i.kind === "contacts" && i.partyId === respondentPartyId,
      ),
    ).toMatchObject({ present: true, missing: [] });
    await signAs(applicant, DEMO.citizen, c.id, 201);
    await signAs(respondent, DEMO.citizen2, c.id, 201);
    o = await overview(applicant, c.id);
    expect(o.caseState).toBe("CONFIRMATION_REQUESTED");
    // The package before the court holds both parties' contacts, and can no longer change.
    expect(o.application!.parties.map((p) => p.address)).toEqual([
      "杭州市西湖区文三路1号",
      "杭州市西湖区天目山路2号",
    ]);
    expect(o.editableContacts).toEqual([]);
    await as(respondent)
      .post(`/api/cases/${c.id}/confirmation/contacts`, {
        partyId: respondentPartyId,
        address: "改了",
      })
      .expect(409);
  });

  it("R30: a party’s domicile makes its basic court competent; the parties must choose the same court and the application goes there", async () => {
    const { c, respondentPartyId, applicantPartyId } = await settledCase();
    let o = await overview(applicant, c.id);
    expect(o.proposal).toMatchObject({
      courtName: "杭州市西湖区人民法院",
      basis: "subject_matter",
    });
    expect(o.alternatives).toEqual([]);
    expect(o.actions).not.toContain("choose_court");

    // The respondent lives in 滨江: that basic court becomes competent too (party domicile first).
    o = (
      await as(respondent)
        .post(`/api/cases/${c.id}/confirmation/contacts`, {
          partyId: respondentPartyId,
          domicileRegion: "330108",
        })
        .expect(200)
    ).body;
    expect(o.proposal).toMatchObject({
      courtId: binjiang.id,
      basis: "party_domicile",
      region: "330108",
    });
    expect(o.alternatives.map((a) => [a.courtName, a.basis])).toEqual([
      ["杭州市西湖区人民法院", "subject_matter"],
    ]);
    expect(o.actions).toContain("choose_court");
    expect(o.chosenCourtId).toBeNull();
    expect(o.courtChoices).toEqual([
      { partyId: applicantPartyId, partyName: "张三", courtId: null },
      { partyId: respondentPartyId, partyName: "李四", courtId: null },
    ]);

    // No choice yet: nobody can sign for a court the parties did not choose.
    const none = await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/sign`, {
        code: "123456",
        answers: {},
        version: o.caseVersion,
      })
      .expect(422);
    expect(none.body.fields).toEqual([
      expect.objectContaining({
        field: "courtId",
        constraint: "R30_same_court",
      }),
    ]);
    // A court that is not competent, or staff choosing, is refused.
    const wrong = await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/court`, { courtId: shangcheng.id })
      .expect(422);
    expect(wrong.body.fields[0].constraint).toBe("R30_competent_court");
    await as(mediator)
      .post(`/api/cases/${c.id}/confirmation/court`, { courtId: binjiang.id })
      .expect(403);
    await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/court`, { courtId: "nope" })
      .expect(400);

    // Different choices: still refused.
    await as(applicant)
      .post(`/api/cases/${c.id}/confirmation/court`, {
        courtId: (await overview(applicant, c.id)).alternatives[0].courtId,
      })
      .expect(200);
    o = (
      await as(respondent)
        .post(`/api/cases/${c.id}/confirmation/court`, { courtId: binjiang.id })
        .expect(200)
    ).body;
    expect(o.chosenCourtId).toBeNull();
    await signAs(applicant, DEMO.citizen, c.id, 422);

    // The same choice: the application is signed for, and filed with, 滨江.
    o = (
      await as(applicant)
        .post(`/api/cases/${c.id}/confirmation/court`, { courtId: binjiang.id })
        .expect(200)
    ).body;
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
      status: "submitted",
      courtId: binjiang.id,
      courtName: "杭州市滨江区人民法院",
      basis: "party_domicile",
    });
    // Not before the 西湖 court's judge.
    expect(
      (await as(judge).get("/api/court/confirmations").expect(200)).body.map(
        (a: { caseId: string }) => a.caseId,
      ),
    ).not.toContain(c.id);
  });

  it("R24: the court that receives an escalated case opens every material of its package, and only that court (R19: logged)", async () => {
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    // A second material (the respondent's evidence, in a JPEG-less PNG) and a caucus attachment that must stay out (R15).
    const evidence = Buffer.concat([PNG]);
    await as(respondent).get(`/api/cases/${c.id}`).expect(200);
    const ev = await t
      .http()
      .post(`/api/cases/${c.id}/documents`)
      .set("Authorization", respondent.auth)
      .field("kind", "evidence")
      .attach("file", evidence, "收据.png")
      .expect(201);
    const channels: { id: string; kind: string }[] = (
      await as(applicant).get(`/api/cases/${c.id}/channels`).expect(200)
    ).body;
    const caucus = channels.find((ch) => ch.kind === "caucus")!;
    const secret = await t
      .http()
      .post(`/api/channels/${caucus.id}/attachments`)
      .set("Authorization", applicant.auth)
      .attach("file", PNG, "私下.png")
      .expect(201);
    let v = (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body
      .version;
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/terminate`, {
        version: v,
        reasonCode: "positions_too_far",
        situation: "双方分歧较大。",
      })
      .expect(200);
    v = (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body.version;
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/escalate`, {
        version: v,
        route: "online_filing",
      })
      .expect(200);

    const filing: CourtFilingView = (
      await as(judge).get("/api/court/filings").expect(200)
    ).body.find((f: CourtFilingView) => f.caseId === c.id);
    expect(filing.documents.map((d) => d.fileName).sort()).toEqual(
      ["id.png", "收据.png"].sort(),
    );
    expect(filing.documents.map((d) => d.fileName)).not.toContain("私下.png");
    for (const d of filing.documents) {
      expect(d.downloadUrl).toBe(
        `/api/court/filings/${filing.id}/documents/${d.id}`,
      );
      for (const who of [judge, clerk]) {
        const res = await as(who)
          .get(d.downloadUrl!)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on("data", (x: Buffer) => chunks.push(x));
            r.on("end", () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
      }
      // Another court's judge, the mediator and the parties do not get it through the court route.
      for (const who of [otherJudge, mediator, applicant])
        await as(who).get(d.downloadUrl!).expect(404);
    }
    expect(filing.documents.some((d) => d.id === ev.body.id)).toBe(true);
    // A case document outside the package (the caucus attachment) is not reachable through the filing.
    await as(judge)
      .get(`/api/court/filings/${filing.id}/documents/${secret.body.id}`)
      .expect(404);
    // The case's own people see the same list, pointing at the case's own (authorised) route.
    const own = (
      await as(applicant).get(`/api/cases/${c.id}/ending`).expect(200)
    ).body.filing as CourtFilingView;
    expect(own.documents.map((d) => d.downloadUrl)).toEqual(
      filing.documents.map((d) => `/api/cases/${c.id}/documents/${d.id}`),
    );

    // R19: each court read is in the case's access log, refusals included.
    const log = await t.app
      .get(DataSource)
      .getRepository(CaseAccessLog)
      .find({ where: { caseId: c.id, action: "court_download_document" } });
    expect(
      log.filter((l) => l.allowed && l.userId === judge.user.id),
    ).toHaveLength(2);
    expect(
      log.filter((l) => l.allowed && l.userId === clerk.user.id),
    ).toHaveLength(2);
    expect(
      log.filter((l) => !l.allowed && l.userId === otherJudge.user.id),
    ).toHaveLength(2);
    expect(log.some((l) => !l.allowed && l.targetId === secret.body.id)).toBe(
      true,
    );
  });

  it("R20: expert appraisal and suspension time do not count against the mediation period; the deadline moves by it", async () => {
    const DAY = 24 * 3600_000;
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const ending = async (who: Login = mediator): Promise<EndingView> =>
      (await as(who).get(`/api/cases/${c.id}/ending`).expect(200)).body;
    const version = async () =>
      (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body
        .version as number;
    const scan = () => t.app.get(DeadlineScanner).scan();
    // Access tokens live 15 minutes: log in again after moving the clock.
    const relogin = async () => {
      mediator = await loginAs(t, DEMO.mediator);
      applicant = await loginAs(t, DEMO.citizen);
    };
    let e = await ending();
    const d0 = Date.parse(e.mediationDeadline!);
    expect(e.actions).toContain("start_appraisal");

    // Only the case's mediator records an appraisal; a party cannot; bad input names the field.
    await as(applicant)
      .post(`/api/cases/${c.id}/ending/appraisal`, {
        start: true,
        version: await version(),
      })
      .expect(403);
    const bad = await as(mediator)
      .post(`/api/cases/${c.id}/ending/appraisal`, {
        start: "yes",
        version: await version(),
      })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain(
      "start",
    );
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/appraisal`, {
        start: false,
        version: await version(),
      })
      .expect(409);

    e = (
      await as(mediator)
        .post(`/api/cases/${c.id}/ending/appraisal`, {
          start: true,
          version: await version(),
          note: "房屋价值评估",
        })
        .expect(200)
    ).body;
    expect(e.actions).toContain("end_appraisal");
    expect(e.periodPauses).toEqual([
      expect.objectContaining({ kind: "appraisal", to: null }),
    ]);
    t.clock.advance(5 * DAY);
    await relogin();
    // While it runs the deadline moves with it.
    expect(Date.parse((await ending()).mediationDeadline!)).toBe(d0 + 5 * DAY);
    e = (
      await as(mediator)
        .post(`/api/cases/${c.id}/ending/appraisal`, {
          start: false,
          version: await version(),
        })
        .expect(200)
    ).body;
    expect(Date.parse(e.mediationDeadline!)).toBe(d0 + 5 * DAY);
    // The parties see the same deadline on the case.
    const detail: CaseDetail = (
      await as(applicant).get(`/api/cases/${c.id}`).expect(200)
    ).body;
    expect(detail.deadlines.find((d) => d.rule === "R20")?.dueAt).toBe(
      new Date(d0 + 5 * DAY).toISOString(),
    );

    // R36 suspension for 2 days is excluded too.
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/suspend`, {
        note: "疑似虚假调解",
        version: await version(),
      })
      .expect(200);
    t.clock.advance(2 * DAY);
    await relogin();
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/resume`, {
        note: "已核实",
        version: await version(),
      })
      .expect(200);
    expect(Date.parse((await ending()).mediationDeadline!)).toBe(d0 + 7 * DAY);

    // Past the original 30 days, the scanner does not end the case; past the moved deadline it does.
    t.clock.set(new Date(d0 + 6 * DAY));
    await scan();
    await relogin();
    expect(
      (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body.state,
    ).toBe("MEDIATING");
    t.clock.set(new Date(d0 + 7 * DAY + 60_000));
    await scan();
    await relogin();
    const ended: CaseDetail = (
      await as(mediator).get(`/api/cases/${c.id}`).expect(200)
    ).body;
    expect(ended.state).toBe("TERMINATED");
    expect(ended.terminationReason).toBe("period_expired");
  });

  describe("R07: the parties choose the mediator jointly from the roster, else the organisation designates", () => {
    const DAY = 24 * 3600_000;
    const relogin = async () => {
      applicant = await loginAs(t, DEMO.citizen);
      respondent = await loginAs(t, DEMO.citizen2);
      dispatcher = await loginAs(t, DEMO.orgAdmin);
      mediator = await loginAs(t, DEMO.mediator);
    };
    /** Filed, accepted by the organisation, the respondent took up the invitation: no mediator yet. */
    async function acceptedCase(): Promise<CaseDetail> {
      await relogin();
      const draft = await as(applicant)
        .post("/api/cases", {
          disputeType: "private_loan",
          facts: "借款两万元，逾期未还。",
          claims: { amount: "20000" },
          region: "330106",
          applicant: {
            name: "张三",
            mobile: DEMO.citizen,
            idNumber: "11010519491231002X",
          },
          respondents: [{ name: "李四", mobile: DEMO.citizen2 }],
        })
        .expect(201);
      await t
        .http()
        .post(`/api/cases/${draft.body.id}/documents`)
        .set("Authorization", applicant.auth)
        .field("kind", "id_card")
        .attach("file", PNG, "id.png")
        .expect(201);
      let c: CaseDetail = (
        await as(applicant)
          .post(`/api/cases/${draft.body.id}/submit`, {
            version: draft.body.version,
            consent: true,
            noticeSeen: true,
          })
          .expect(201)
      ).body;
      c = (
        await as(dispatcher)
          .post(`/api/cases/${c.id}/accept`, { version: c.version })
          .expect(201)
      ).body;
      await t.app.get(NotificationDispatcher).dispatchDue();
      const sms = await t
        .http()
        .get("/api/dev/sms")
        .query({ mobile: DEMO.citizen2 });
      const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(
        sms.body.find(
          (m: { body: string }) =>
            m.body.includes(c.number!) && m.body.includes("/invite/"),
        ).body,
      )![1];
      await as(respondent).post(`/api/invitations/${token}/claim`).expect(201);
      return c;
    }
    const choice = async (
      who: Login,
      caseId: string,
    ): Promise<MediatorChoiceView> =>
      (await as(who).get(`/api/cases/${caseId}/mediator-choice`).expect(200))
        .body;
    const choose = (
      who: Login,
      caseId: string,
      mediatorId: string,
      version: number,
    ) =>
      as(who).post(`/api/cases/${caseId}/mediator-choice`, {
        mediatorId,
        version,
      });

    it("R07: when every party chose the same roster mediator, that mediator gets the assignment as usual", async () => {
      const c = await acceptedCase();
      let v = await choice(applicant, c.id);
      expect(v.open).toBe(true);
      expect(v.canChoose).toBe(true);
      expect(v.roster.map((r) => r.id)).toContain(mediator.user.id);
      expect(Date.parse(v.windowEndsAt!)).toBeLessThan(
        Date.parse(v.designateBy!),
      );
      // The dispatcher's queue shows the choice window and the designation deadline.
      const queued: CaseDetail = (
        await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)
      ).body;
      expect(
        queued.deadlines.filter((d) => d.rule === "R07").map((d) => d.kind),
      ).toEqual(["chooseMediator", "designateMediator"]);

      // Only the parties choose, only from the organisation's roster.
      const bank = await loginAs(t, DEMO.bankMediator);
      const notRoster = await choose(
        applicant,
        c.id,
        bank.user.id,
        v.caseVersion,
      ).expect(422);
      expect(notRoster.body.fields[0]).toMatchObject({
        field: "mediatorId",
        constraint: "R07_roster",
      });
      await choose(mediator, c.id, mediator.user.id, v.caseVersion).expect(403);
      await choose(dispatcher, c.id, mediator.user.id, v.caseVersion).expect(
        403,
      );
      await choose(applicant, c.id, "x", v.caseVersion).expect(400);

      const other = v.roster.find((r) => r.id !== mediator.user.id)!;
      v = (
        await choose(applicant, c.id, mediator.user.id, v.caseVersion).expect(
          200,
        )
      ).body;
      v = (await choose(respondent, c.id, other.id, v.caseVersion).expect(200))
        .body;
      // Different choices: nobody is assigned.
      expect(v.assigned).toBe(false);
      expect(v.choices.map((x) => x.mediatorId)).toEqual([
        mediator.user.id,
        other.id,
      ]);
      expect(
        (await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)).body
          .assignments,
      ).toEqual([]);
      // The same choice: the mediator is assigned (pending, R09) and told.
      v = (
        await choose(respondent, c.id, mediator.user.id, v.caseVersion).expect(
          200,
        )
      ).body;
      expect(v.assigned).toBe(true);
      expect(v.open).toBe(false);
      const detail: CaseDetail = (
        await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)
      ).body;
      expect(detail.assignments).toEqual([
        expect.objectContaining({
          mediatorId: mediator.user.id,
          status: "pending",
          role: "presiding",
        }),
      ]);
      const told = await t.app
        .get(DataSource)
        .query(
          `SELECT 1 FROM notification WHERE case_id = $1 AND template = 'mediator_assigned' AND recipient_role = 'mediator'`,
          [c.id],
        );
      expect(told.length).toBeGreaterThan(0);
      await choose(applicant, c.id, other.id, v.caseVersion).expect(409);
      // The mediator accepts as usual.
      await as(mediator)
        .post(`/api/cases/${c.id}/assignment/accept`, {
          version: detail.version,
        })
        .expect(201);
    });

    it("R07: after 2 working days the parties can no longer choose; the dispatcher is reminded, then told it is overdue on day 3", async () => {
      const c = await acceptedCase();
      const v = await choice(applicant, c.id);
      const db = t.app.get(DataSource);
      const notices = async (template: string) =>
        (
          await db.query(
            `SELECT 1 FROM notification WHERE case_id = $1 AND template = $2 AND recipient_role = 'dispatcher'`,
            [c.id, template],
          )
        ).length;
      await t.app.get(DeadlineScanner).scan();
      expect(await notices("mediator_choice_closed")).toBe(0);

      t.clock.set(new Date(Date.parse(v.windowEndsAt!) + 60_000));
      await relogin();
      const late = await choose(
        applicant,
        c.id,
        mediator.user.id,
        v.caseVersion,
      ).expect(422);
      expect(late.body.fields[0].constraint).toBe("R07_choice_window");
      expect((await choice(applicant, c.id)).canChoose).toBe(false);
      await t.app.get(DeadlineScanner).scan();
      expect(await notices("mediator_choice_closed")).toBeGreaterThan(0);
      expect(await notices("designation_overdue")).toBe(0);

      t.clock.set(new Date(Date.parse(v.designateBy!) + 60_000));
      await t.app.get(DeadlineScanner).scan();
      expect(await notices("designation_overdue")).toBeGreaterThan(0);
      void DAY;
    });
  });
});
