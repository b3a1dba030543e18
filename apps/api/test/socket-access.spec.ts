import { randomUUID } from "node:crypto";
import type { CaseDetail, ChannelView } from "@tiaojie/contracts";
import { DataSource } from "typeorm";
import {
  DEMO,
  connectOutcome,
  connectSocket,
  loginAs,
  startTestApp,
  type ClientSocket,
  type TestApp,
} from "./harness";
import { mediatingCase, type Login } from "./fixtures";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records every event a socket receives. */
function recorder(socket: ClientSocket) {
  const events: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) =>
    events.push({ event, payload }),
  );
  return events;
}

/**
 * R15, R19: a socket holds no right the REST API would refuse at that moment. Every attack here
 * uses a plain bearer-token client that does what the web client never does (leave a case and
 * keep using it, ring the other party, write after the case moved on).
 */
describe("socket access is re-checked on every event (R15, R19; real app, real socket.io clients, real database)", () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login,
    respondent: Login,
    dispatcher: Login,
    mediator: Login,
    second: Login;
  let c: CaseDetail;
  const sockets: ClientSocket[] = [];
  const open = async (who: Login) => {
    const s = connectSocket(t, { token: who.accessToken });
    sockets.push(s);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    return s;
  };
  const join = async (s: ClientSocket, caseId = c.id) => {
    const res = await s.timeout(5000).emitWithAck("case:join", { caseId });
    if (!res.ok) throw new Error(`join failed: ${JSON.stringify(res)}`);
    return res.channels;
  };
  const send = (s: ClientSocket, channelId: string, body: string) =>
    s
      .timeout(5000)
      .emitWithAck("message:send", { channelId, clientId: randomUUID(), body });
  const sync = (s: ClientSocket, channelId: string) =>
    s.timeout(5000).emitWithAck("channel:sync", { channelId, afterSeq: 0 });
  const detail = async (id = c.id) =>
    (
      await t
        .http()
        .get(`/api/cases/${id}`)
        .set("Authorization", dispatcher.auth)
        .expect(200)
    ).body as CaseDetail;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator, second] = await Promise.all(
      [
        DEMO.citizen,
        DEMO.citizen2,
        DEMO.orgAdmin,
        DEMO.mediator2,
        DEMO.mediator,
      ].map((m) => loginAs(t, m)),
    );
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  it("R15/R11: a mediator who sent case:leave and was then removed receives nothing, syncs nothing and sends nothing", async () => {
    let cur = await detail();
    cur = (
      await t
        .http()
        .post(`/api/cases/${c.id}/assignments`)
        .set("Authorization", dispatcher.auth)
        .send({
          version: cur.version,
          mediatorId: second.user.id,
          role: "member",
        })
        .expect(201)
    ).body;
    cur = (
      await t
        .http()
        .post(`/api/cases/${c.id}/assignment/accept`)
        .set("Authorization", second.auth)
        .send({ version: cur.version })
        .expect(201)
    ).body;
    const ss = await open(second);
    const channels = await join(ss);
    expect(channels.map((ch: ChannelView) => ch.kind).sort()).toEqual([
      "caucus",
      "caucus",
      "joint",
      "notes",
    ]);
    // It used its rights before (so any right remembered for the socket is exercised too).
    for (const ch of channels.filter((x: ChannelView) => x.kind !== "joint"))
      expect((await send(ss, ch.id, "撤换前的话")).ok).toBe(true);
    ss.emit("case:leave", { caseId: c.id });
    await sleep(100);
    const assignment = cur.assignments.find(
      (a) => a.mediatorId === second.user.id,
    )!;
    await t
      .http()
      .post(`/api/cases/${c.id}/assignments/${assignment.id}/remove`)
      .set("Authorization", dispatcher.auth)
      .send({ version: cur.version })
      .expect(201);
    // REST refuses the removed mediator at once …
    for (const ch of channels)
      await t
        .http()
        .get(`/api/channels/${ch.id}/messages`)
        .set("Authorization", second.auth)
        .expect(404);
    await sleep(200);
    const events = recorder(ss);
    // … and so does every socket event, for every channel of the case.
    for (const ch of channels) {
      expect(await sync(ss, ch.id)).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
      });
      expect(await send(ss, ch.id, "我还是调解员")).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
      });
      ss.emit("typing", { channelId: ch.id, typing: true });
      ss.emit("message:read", { channelId: ch.id, seq: 1 });
    }
    const caucus = channels.find(
      (ch: ChannelView) => ch.kind === "caucus" && ch.partyName === "张三",
    )!;
    const notes = channels.find((ch: ChannelView) => ch.kind === "notes")!;
    // Live messages of a caucus and of the notes do not reach the removed mediator.
    const as = await open(applicant);
    await join(as);
    const ms = await open(mediator);
    await join(ms);
    const aEvents = recorder(as);
    expect((await send(as, caucus.id, "撤换后的秘密")).ok).toBe(true);
    expect((await send(ms, notes.id, "调解员笔记：撤换后")).ok).toBe(true);
    await sleep(300);
    expect(JSON.stringify(events)).not.toContain("撤换后");
    expect(
      events.filter((e) =>
        ["message:new", "typing", "message:read", "rtc:signal"].includes(
          e.event,
        ),
      ),
    ).toEqual([]);
    expect(
      aEvents.filter(
        (e) =>
          e.event === "typing" ||
          (e.event === "message:read" &&
            (e.payload as { userId: string }).userId === second.user.id),
      ),
    ).toEqual([]);
    const reads = await db.query(
      "SELECT count(*)::int AS n FROM channel_read WHERE user_id = $1",
      [second.user.id],
    );
    expect(reads[0].n).toBe(0);
    const stored = await db.query(
      "SELECT count(*)::int AS n FROM channel_message WHERE sender_id = $1 AND body <> '撤换前的话'",
      [second.user.id],
    );
    expect(stored[0].n).toBe(0);
  });

  it("R15: case:leave leaves every room of the case — nothing more of it is delivered to that socket", async () => {
    const as = await open(applicant);
    const [caucus] = await join(as);
    as.emit("case:leave", { caseId: c.id });
    await sleep(100);
    const events = recorder(as);
    const ms = await open(mediator);
    await join(ms);
    expect((await send(ms, caucus.id, "离开后发来的")).ok).toBe(true);
    await sleep(300);
    expect(JSON.stringify(events)).not.toContain("离开后发来的");
  });

  it("R15: a party cannot write into, read or sync a joint channel the mediator closed, even after case:leave", async () => {
    const joint = (
      await t
        .http()
        .put(`/api/cases/${c.id}/joint`)
        .set("Authorization", mediator.auth)
        .send({ open: true })
        .expect(200)
    ).body as ChannelView;
    const as = await open(applicant);
    const channels = await join(as);
    expect(channels.map((ch: ChannelView) => ch.kind)).toContain("joint");
    expect((await send(as, joint.id, "联合频道里说一句")).ok).toBe(true);
    as.emit("case:leave", { caseId: c.id });
    await sleep(100);
    await t
      .http()
      .put(`/api/cases/${c.id}/joint`)
      .set("Authorization", mediator.auth)
      .send({ open: false })
      .expect(200);
    await t
      .http()
      .post(`/api/channels/${joint.id}/messages`)
      .set("Authorization", applicant.auth)
      .send({ clientId: randomUUID(), body: "x" })
      .expect(404);
    expect(await send(as, joint.id, "关闭后还写")).toMatchObject({ ok: false });
    expect(await sync(as, joint.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    const rows = await db.query(
      "SELECT count(*)::int AS n FROM channel_message WHERE channel_id = $1 AND body = $2",
      [joint.id, "关闭后还写"],
    );
    expect(rows[0].n).toBe(0);
  });

  describe("R15: calls are between a party and a mediator, unless the mediator starts a joint call everyone in it consents to", () => {
    let joint: ChannelView;
    let as: ClientSocket, rs: ClientSocket, ms: ClientSocket;
    let rEvents: Array<{ event: string; payload: unknown }>;
    let aEvents: Array<{ event: string; payload: unknown }>;
    let mEvents: Array<{ event: string; payload: unknown }>;
    beforeAll(async () => {
      joint = (
        await t
          .http()
          .put(`/api/cases/${c.id}/joint`)
          .set("Authorization", mediator.auth)
          .send({ open: true })
          .expect(200)
      ).body as ChannelView;
      [as, rs, ms] = await Promise.all([
        open(applicant),
        open(respondent),
        open(mediator),
      ]);
      await Promise.all([join(as), join(rs), join(ms)]);
      rEvents = recorder(rs);
      aEvents = recorder(as);
      mEvents = recorder(ms);
    });
    afterAll(async () => {
      await t
        .http()
        .put(`/api/cases/${c.id}/joint`)
        .set("Authorization", mediator.auth)
        .send({ open: false })
        .expect(200);
    });
    const rtc = (events: Array<{ event: string; payload: unknown }>) =>
      events
        .filter((e) => e.event === "rtc:signal")
        .map((e) => e.payload as { from: string; channelId: string });

    it("a party ringing the other party in the joint channel reaches no one; ringing the mediator does", async () => {
      as.emit("rtc:signal", {
        channelId: joint.id,
        to: respondent.user.id,
        type: "offer",
        payload: { callId: "x", sdp: "v=0" },
      });
      as.emit("rtc:signal", {
        channelId: joint.id,
        to: mediator.user.id,
        type: "offer",
        payload: { callId: "y", sdp: "v=0" },
      });
      await sleep(300);
      expect(rtc(rEvents)).toEqual([]);
      expect(rtc(mEvents)).toEqual([
        expect.objectContaining({
          from: applicant.user.id,
          channelId: joint.id,
        }),
      ]);
    });

    it("the mediator starts a joint call; parties are asked, and only those who consented may signal each other", async () => {
      mEvents.length = 0;
      // A party may not start one.
      expect(
        await as
          .timeout(5000)
          .emitWithAck("call:start", { channelId: joint.id }),
      ).toMatchObject({ ok: false, code: "FORBIDDEN" });
      const asked = new Promise((resolve) => rs.once("call:joint", resolve));
      const started = await ms
        .timeout(5000)
        .emitWithAck("call:start", { channelId: joint.id });
      if (!started.ok) throw new Error(JSON.stringify(started));
      if (!started.call) throw new Error("no call");
      expect(started.call).toMatchObject({
        startedBy: mediator.user.id,
        consented: [],
      });
      expect(started.call.invited.sort()).toEqual(
        [applicant.user.id, respondent.user.id].sort(),
      );
      expect(await asked).toMatchObject({
        channelId: joint.id,
        callId: started.call.callId,
      });
      // Before consent, party to party is still dropped.
      as.emit("rtc:signal", {
        channelId: joint.id,
        to: respondent.user.id,
        type: "offer",
        payload: { callId: "z", sdp: "v=0" },
      });
      // A stale or made-up call id is refused.
      expect(
        await as.timeout(5000).emitWithAck("call:consent", {
          channelId: joint.id,
          callId: randomUUID(),
        }),
      ).toMatchObject({ ok: false, code: "CONFLICT" });
      expect(
        await as.timeout(5000).emitWithAck("call:consent", {
          channelId: joint.id,
          callId: started.call.callId,
        }),
      ).toMatchObject({ ok: true });
      await sleep(200);
      as.emit("rtc:signal", {
        channelId: joint.id,
        to: respondent.user.id,
        type: "offer",
        payload: { callId: "z2", sdp: "v=0" },
      });
      await sleep(300);
      expect(rtc(rEvents)).toEqual([]);
      const both = await rs.timeout(5000).emitWithAck("call:consent", {
        channelId: joint.id,
        callId: started.call.callId,
      });
      if (!both.ok || !both.call) throw new Error(JSON.stringify(both));
      expect(both.call.consented.sort()).toEqual(
        [applicant.user.id, respondent.user.id].sort(),
      );
      as.emit("rtc:signal", {
        channelId: joint.id,
        to: respondent.user.id,
        type: "offer",
        payload: { callId: "z3", sdp: "v=0" },
      });
      await sleep(300);
      expect(rtc(rEvents)).toEqual([
        expect.objectContaining({
          from: applicant.user.id,
          channelId: joint.id,
        }),
      ]);
      // Party to party is for the joint call only: not in a caucus, even during one.
      const caucus = (await join(as)).find(
        (ch: ChannelView) => ch.kind === "caucus",
      )!;
      as.emit("rtc:signal", {
        channelId: caucus.id,
        to: respondent.user.id,
        type: "offer",
        payload: { callId: "z4", sdp: "v=0" },
      });
      // The mediator ends it: party to party is dropped again.
      const ended = new Promise((resolve) => as.once("call:joint", resolve));
      expect(
        await ms.timeout(5000).emitWithAck("call:end", { channelId: joint.id }),
      ).toMatchObject({ ok: true });
      expect(await ended).toMatchObject({ channelId: joint.id, callId: null });
      rEvents.length = 0;
      as.emit("rtc:signal", {
        channelId: joint.id,
        to: respondent.user.id,
        type: "offer",
        payload: { callId: "z5", sdp: "v=0" },
      });
      await sleep(300);
      expect(rtc(rEvents)).toEqual([]);
      expect(aEvents.filter((e) => e.event === "rtc:signal")).toEqual([]);
    });
  });

  it("R19: every read of channel history — socket channel:sync and the REST history routes — is in the case access log, refusals too", async () => {
    const as = await open(applicant);
    const [caucus] = await join(as);
    const rs = await open(respondent);
    await join(rs);
    const before = await db.query(
      "SELECT count(*)::int AS n FROM case_access_log WHERE case_id = $1",
      [c.id],
    );
    expect((await sync(as, caucus.id)).ok).toBe(true);
    await t
      .http()
      .get(`/api/channels/${caucus.id}/messages`)
      .set("Authorization", applicant.auth)
      .expect(200);
    await t
      .http()
      .get(`/api/channels/${caucus.id}/messages?afterSeq=0`)
      .set("Authorization", applicant.auth)
      .expect(200);
    // The other party tries the applicant's caucus, by both routes.
    expect((await sync(rs, caucus.id)).ok).toBe(false);
    await t
      .http()
      .get(`/api/channels/${caucus.id}/messages`)
      .set("Authorization", respondent.auth)
      .expect(404);
    const rows: Array<{
      user_id: string;
      action: string;
      target_id: string;
      allowed: boolean;
    }> = await db.query(
      "SELECT user_id, action, target_id, allowed FROM case_access_log WHERE case_id = $1 ORDER BY created_at OFFSET $2",
      [c.id, before[0].n],
    );
    const mine = rows.filter((r) => r.target_id === caucus.id);
    expect(mine.map((r) => [r.user_id, r.action, r.allowed])).toEqual([
      [applicant.user.id, "sync_channel", true],
      [applicant.user.id, "read_channel_history", true],
      [applicant.user.id, "read_channel_history", true],
      [respondent.user.id, "sync_channel", false],
      [respondent.user.id, "read_channel_history", false],
    ]);
  });

  it("R15: a party cannot write into a terminated case, even after case:leave (history stays readable)", async () => {
    const as = await open(applicant);
    const [caucus] = await join(as);
    expect((await send(as, caucus.id, "终止前")).ok).toBe(true);
    as.emit("case:leave", { caseId: c.id });
    await sleep(100);
    const cur = (
      await t
        .http()
        .get(`/api/cases/${c.id}`)
        .set("Authorization", mediator.auth)
    ).body as CaseDetail;
    await t
      .http()
      .post(`/api/cases/${c.id}/ending/terminate`)
      .set("Authorization", mediator.auth)
      .send({
        version: cur.version,
        reasonCode: "positions_too_far",
        situation: "双方对还款期限分歧过大。",
      })
      .expect(200);
    await t
      .http()
      .post(`/api/channels/${caucus.id}/messages`)
      .set("Authorization", applicant.auth)
      .send({ clientId: randomUUID(), body: "x" })
      .expect(409);
    expect(await send(as, caucus.id, "终止后还写")).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect((await sync(as, caucus.id)).ok).toBe(true);
    const rows = await db.query(
      "SELECT count(*)::int AS n FROM channel_message WHERE body = $1",
      ["终止后还写"],
    );
    expect(rows[0].n).toBe(0);
  });

  it("R15: a party cannot write into a withdrawn case, even after case:leave", async () => {
    // A case accepted for mediation (channels exist), made in the database to keep the test short.
    const [{ id: orgId }] = await db.query(
      "SELECT organisation_id AS id FROM membership WHERE user_id = $1 AND role = 'mediator'",
      [mediator.user.id],
    );
    const [{ id: caseId }] = await db.query(
      "INSERT INTO mediation_case (state, dispute_type, facts, organisation_id, filed_by_id, number, version) VALUES ('ACCEPTED', 'private_loan', '借款纠纷', $1, $2, 'TJ-2026-900777', 1) RETURNING id",
      [orgId, applicant.user.id],
    );
    await db.query(
      "INSERT INTO case_party (case_id, side, name, mobile, user_id, consent) VALUES ($1, 'applicant', '张三', $2, $3, 'given')",
      [caseId, DEMO.citizen, applicant.user.id],
    );
    await db.query(
      "INSERT INTO case_assignment (case_id, mediator_id, status, assigned_at, respond_by) VALUES ($1, $2, 'accepted', now(), now())",
      [caseId, mediator.user.id],
    );
    const as = await open(applicant);
    const [caucus] = await join(as, caseId);
    expect((await send(as, caucus.id, "撤回前")).ok).toBe(true);
    as.emit("case:leave", { caseId });
    await sleep(100);
    const cur = (
      await t
        .http()
        .get(`/api/cases/${caseId}`)
        .set("Authorization", applicant.auth)
        .expect(200)
    ).body as CaseDetail;
    await t
      .http()
      .post(`/api/cases/${caseId}/withdraw`)
      .set("Authorization", applicant.auth)
      .send({ version: cur.version })
      .expect(201);
    await t
      .http()
      .post(`/api/channels/${caucus.id}/messages`)
      .set("Authorization", applicant.auth)
      .send({ clientId: randomUUID(), body: "x" })
      .expect(404);
    expect(await send(as, caucus.id, "撤回后还写")).toMatchObject({
      ok: false,
    });
    const rows = await db.query(
      "SELECT count(*)::int AS n FROM channel_message WHERE body = $1",
      ["撤回后还写"],
    );
    expect(rows[0].n).toBe(0);
  });
});
