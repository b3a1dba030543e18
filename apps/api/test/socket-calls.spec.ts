import { randomUUID } from 'node:crypto';
import type { CaseDetail, ChannelView } from '@tiaojie/contracts';
import type { DataSource } from 'typeorm';
import { DEMO, recorder, sleep, type ClientSocket, type TestApp } from './harness';
import type { Login } from './fixtures';
import { socketAccessWorld } from './socket-world';

/**
 * R15, R19: a socket holds no right the REST API would refuse at that moment. Every attack here
 * uses a plain bearer-token client that does what the web client never does (ring the other party, write after the case moved on; socket-access.spec.ts has leaving and removal).
 */
describe('socket access is re-checked on every event: calls, history reads, ended cases (R15, R19; real app, real socket.io clients, real database)', () => {
  const w = socketAccessWorld();
  const { open, join, send, sync } = w;
  let t: TestApp, db: DataSource, applicant: Login, respondent: Login, mediator: Login, c: CaseDetail;

  beforeAll(async () => {
    await w.start();
    ({ t, db, applicant, respondent, mediator, c } = w.get());
  });
  afterAll(async () => {
    await w.close();
  });

  describe('R15: calls are between a party and a mediator, unless the mediator starts a joint call everyone in it consents to', () => {
    let joint: ChannelView;
    let as: ClientSocket, rs: ClientSocket, ms: ClientSocket;
    let rEvents: Array<{ event: string; payload: unknown }>;
    let aEvents: Array<{ event: string; payload: unknown }>;
    let mEvents: Array<{ event: string; payload: unknown }>;
    beforeAll(async () => {
      joint = (await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200)).body as ChannelView;
      [as, rs, ms] = await Promise.all([open(applicant), open(respondent), open(mediator)]);
      await Promise.all([join(as), join(rs), join(ms)]);
      rEvents = recorder(rs);
      aEvents = recorder(as);
      mEvents = recorder(ms);
    });
    afterAll(async () => {
      await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: false }).expect(200);
    });
    const rtc = (events: Array<{ event: string; payload: unknown }>) => events.filter((e) => e.event === 'rtc:signal').map((e) => e.payload as { from: string; channelId: string });

    it('a party ringing the other party in the joint channel reaches no one; ringing the mediator does', async () => {
      as.emit('rtc:signal', {
        channelId: joint.id,
        to: respondent.user.id,
        type: 'offer',
        payload: { callId: 'x', sdp: 'v=0' },
      });
      as.emit('rtc:signal', {
        channelId: joint.id,
        to: mediator.user.id,
        type: 'offer',
        payload: { callId: 'y', sdp: 'v=0' },
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

    it('the mediator starts a joint call; parties are asked, and only those who consented may signal each other', async () => {
      mEvents.length = 0;
      // A party may not start one.
      expect(await as.timeout(5000).emitWithAck('call:start', { channelId: joint.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const asked = new Promise((resolve) => rs.once('call:joint', resolve));
      const started = await ms.timeout(5000).emitWithAck('call:start', { channelId: joint.id });
      if (!started.ok) throw new Error(JSON.stringify(started));
      if (!started.call) throw new Error('no call');
      expect(started.call).toMatchObject({
        startedBy: mediator.user.id,
        consented: [],
      });
      expect(started.call.invited.sort()).toEqual([applicant.user.id, respondent.user.id].sort());
      expect(await asked).toMatchObject({
        channelId: joint.id,
        callId: started.call.callId,
      });
      // Before consent, party to party is still dropped.
      as.emit('rtc:signal', {
        channelId: joint.id,
        to: respondent.user.id,
        type: 'offer',
        payload: { callId: 'z', sdp: 'v=0' },
      });
      // A stale or made-up call id is refused.
      expect(
        await as.timeout(5000).emitWithAck('call:consent', {
          channelId: joint.id,
          callId: randomUUID(),
        }),
      ).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect(
        await as.timeout(5000).emitWithAck('call:consent', {
          channelId: joint.id,
          callId: started.call.callId,
        }),
      ).toMatchObject({ ok: true });
      await sleep(200);
      as.emit('rtc:signal', {
        channelId: joint.id,
        to: respondent.user.id,
        type: 'offer',
        payload: { callId: 'z2', sdp: 'v=0' },
      });
      await sleep(300);
      expect(rtc(rEvents)).toEqual([]);
      const both = await rs.timeout(5000).emitWithAck('call:consent', {
        channelId: joint.id,
        callId: started.call.callId,
      });
      if (!both.ok || !both.call) throw new Error(JSON.stringify(both));
      expect(both.call.consented.sort()).toEqual([applicant.user.id, respondent.user.id].sort());
      as.emit('rtc:signal', {
        channelId: joint.id,
        to: respondent.user.id,
        type: 'offer',
        payload: { callId: 'z3', sdp: 'v=0' },
      });
      await sleep(300);
      expect(rtc(rEvents)).toEqual([
        expect.objectContaining({
          from: applicant.user.id,
          channelId: joint.id,
        }),
      ]);
      // Party to party is for the joint call only: not in a caucus, even during one.
      const caucus = (await join(as)).find((ch: ChannelView) => ch.kind === 'caucus')!;
      as.emit('rtc:signal', {
        channelId: caucus.id,
        to: respondent.user.id,
        type: 'offer',
        payload: { callId: 'z4', sdp: 'v=0' },
      });
      // The mediator ends it: party to party is dropped again.
      const ended = new Promise((resolve) => as.once('call:joint', resolve));
      expect(await ms.timeout(5000).emitWithAck('call:end', { channelId: joint.id })).toMatchObject({ ok: true });
      expect(await ended).toMatchObject({ channelId: joint.id, callId: null });
      rEvents.length = 0;
      as.emit('rtc:signal', {
        channelId: joint.id,
        to: respondent.user.id,
        type: 'offer',
        payload: { callId: 'z5', sdp: 'v=0' },
      });
      await sleep(300);
      expect(rtc(rEvents)).toEqual([]);
      expect(aEvents.filter((e) => e.event === 'rtc:signal')).toEqual([]);
    });
  });

  it('R19: every read of channel history — socket channel:sync and the REST history routes — is in the case access log, refusals too', async () => {
    const as = await open(applicant);
    const [caucus] = await join(as);
    const rs = await open(respondent);
    await join(rs);
    const before = await db.query('SELECT count(*)::int AS n FROM case_access_log WHERE case_id = $1', [c.id]);
    expect((await sync(as, caucus.id)).ok).toBe(true);
    await t.http().get(`/api/channels/${caucus.id}/messages`).set('Authorization', applicant.auth).expect(200);
    await t.http().get(`/api/channels/${caucus.id}/messages?afterSeq=0`).set('Authorization', applicant.auth).expect(200);
    // The other party tries the applicant's caucus, by both routes.
    expect((await sync(rs, caucus.id)).ok).toBe(false);
    await t.http().get(`/api/channels/${caucus.id}/messages`).set('Authorization', respondent.auth).expect(404);
    const rows: Array<{
      user_id: string;
      action: string;
      target_id: string;
      allowed: boolean;
    }> = await db.query('SELECT user_id, action, target_id, allowed FROM case_access_log WHERE case_id = $1 ORDER BY created_at OFFSET $2', [c.id, before[0].n]);
    const mine = rows.filter((r) => r.target_id === caucus.id);
    expect(mine.map((r) => [r.user_id, r.action, r.allowed])).toEqual([
      [applicant.user.id, 'sync_channel', true],
      [applicant.user.id, 'read_channel_history', true],
      [applicant.user.id, 'read_channel_history', true],
      [respondent.user.id, 'sync_channel', false],
      [respondent.user.id, 'read_channel_history', false],
    ]);
  });

  it('R15: a party cannot write into a terminated case, even after case:leave (history stays readable)', async () => {
    const as = await open(applicant);
    const [caucus] = await join(as);
    expect((await send(as, caucus.id, '终止前')).ok).toBe(true);
    as.emit('case:leave', { caseId: c.id });
    await sleep(100);
    const cur = (await t.http().get(`/api/cases/${c.id}`).set('Authorization', mediator.auth)).body as CaseDetail;
    await t
      .http()
      .post(`/api/cases/${c.id}/ending/terminate`)
      .set('Authorization', mediator.auth)
      .send({
        version: cur.version,
        reasonCode: 'positions_too_far',
        situation: '双方对还款期限分歧过大。',
      })
      .expect(200);
    await t.http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', applicant.auth).send({ clientId: randomUUID(), body: 'x' }).expect(409);
    expect(await send(as, caucus.id, '终止后还写')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect((await sync(as, caucus.id)).ok).toBe(true);
    const rows = await db.query('SELECT count(*)::int AS n FROM channel_message WHERE body = $1', ['终止后还写']);
    expect(rows[0].n).toBe(0);
  });

  it('R15: a party cannot write into a withdrawn case, even after case:leave', async () => {
    // A case accepted for mediation (channels exist), made in the database to keep the test short.
    const [{ id: orgId }] = await db.query("SELECT organisation_id AS id FROM membership WHERE user_id = $1 AND role = 'mediator'", [mediator.user.id]);
    const [{ id: caseId }] = await db.query(
      "INSERT INTO mediation_case (state, dispute_type, facts, organisation_id, filed_by_id, number, version) VALUES ('ACCEPTED', 'private_loan', '借款纠纷', $1, $2, 'TJ-2026-900777', 1) RETURNING id",
      [orgId, applicant.user.id],
    );
    await db.query("INSERT INTO case_party (case_id, side, name, mobile, user_id, consent) VALUES ($1, 'applicant', '张三', $2, $3, 'given')", [caseId, DEMO.citizen, applicant.user.id]);
    await db.query("INSERT INTO case_assignment (case_id, mediator_id, status, assigned_at, respond_by) VALUES ($1, $2, 'accepted', now(), now())", [caseId, mediator.user.id]);
    const as = await open(applicant);
    const [caucus] = await join(as, caseId);
    expect((await send(as, caucus.id, '撤回前')).ok).toBe(true);
    as.emit('case:leave', { caseId });
    await sleep(100);
    const cur = (await t.http().get(`/api/cases/${caseId}`).set('Authorization', applicant.auth).expect(200)).body as CaseDetail;
    await t.http().post(`/api/cases/${caseId}/withdraw`).set('Authorization', applicant.auth).send({ version: cur.version }).expect(201);
    await t.http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', applicant.auth).send({ clientId: randomUUID(), body: 'x' }).expect(404);
    expect(await send(as, caucus.id, '撤回后还写')).toMatchObject({
      ok: false,
    });
    const rows = await db.query('SELECT count(*)::int AS n FROM channel_message WHERE body = $1', ['撤回后还写']);
    expect(rows[0].n).toBe(0);
  });
});
