import { randomUUID } from 'node:crypto';
import type { CaseDetail, ChannelView } from '@tiaojie/contracts';
import type { DataSource } from 'typeorm';
import { recorder, sleep, type TestApp } from './harness';
import type { Login } from './fixtures';
import { socketAccessWorld } from './socket-world';

/**
 * R15, R19: a socket holds no right the REST API would refuse at that moment. Every attack here
 * uses a plain bearer-token client that does what the web client never does (leave a case and keep using it; socket-calls.spec.ts has the calls, history reads and ended cases).
 */
describe('socket access is re-checked on every event (R15, R19; real app, real socket.io clients, real database)', () => {
  const w = socketAccessWorld();
  const { open, join, send, sync, detail } = w;
  let t: TestApp, db: DataSource, applicant: Login, dispatcher: Login, mediator: Login, second: Login, c: CaseDetail;

  beforeAll(async () => {
    await w.start();
    ({ t, db, applicant, dispatcher, mediator, second, c } = w.get());
  });
  afterAll(async () => {
    await w.close();
  });

  it('R15/R11: a mediator who sent case:leave and was then removed receives nothing, syncs nothing and sends nothing', async () => {
    let cur = await detail();
    cur = (
      await t
        .http()
        .post(`/api/cases/${c.id}/assignments`)
        .set('Authorization', dispatcher.auth)
        .send({
          version: cur.version,
          mediatorId: second.user.id,
          role: 'member',
        })
        .expect(201)
    ).body;
    cur = (await t.http().post(`/api/cases/${c.id}/assignment/accept`).set('Authorization', second.auth).send({ version: cur.version }).expect(201)).body;
    const ss = await open(second);
    const channels = await join(ss);
    expect(channels.map((ch: ChannelView) => ch.kind).sort()).toEqual(['caucus', 'caucus', 'joint', 'notes']);
    // It used its rights before (so any right remembered for the socket is exercised too).
    for (const ch of channels.filter((x: ChannelView) => x.kind !== 'joint')) expect((await send(ss, ch.id, '撤换前的话')).ok).toBe(true);
    ss.emit('case:leave', { caseId: c.id });
    await sleep(100);
    const assignment = cur.assignments.find((a) => a.mediatorId === second.user.id)!;
    await t.http().post(`/api/cases/${c.id}/assignments/${assignment.id}/remove`).set('Authorization', dispatcher.auth).send({ version: cur.version }).expect(201);
    // REST refuses the removed mediator at once …
    for (const ch of channels) await t.http().get(`/api/channels/${ch.id}/messages`).set('Authorization', second.auth).expect(404);
    await sleep(200);
    const events = recorder(ss);
    // … and so does every socket event, for every channel of the case.
    for (const ch of channels) {
      expect(await sync(ss, ch.id)).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
      expect(await send(ss, ch.id, '我还是调解员')).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
      ss.emit('typing', { channelId: ch.id, typing: true });
      ss.emit('message:read', { channelId: ch.id, seq: 1 });
    }
    const caucus = channels.find((ch: ChannelView) => ch.kind === 'caucus' && ch.partyName === '张三')!;
    const notes = channels.find((ch: ChannelView) => ch.kind === 'notes')!;
    // Live messages of a caucus and of the notes do not reach the removed mediator.
    const as = await open(applicant);
    await join(as);
    const ms = await open(mediator);
    await join(ms);
    const aEvents = recorder(as);
    expect((await send(as, caucus.id, '撤换后的秘密')).ok).toBe(true);
    expect((await send(ms, notes.id, '调解员笔记：撤换后')).ok).toBe(true);
    await sleep(300);
    expect(JSON.stringify(events)).not.toContain('撤换后');
    expect(events.filter((e) => ['message:new', 'typing', 'message:read', 'rtc:signal'].includes(e.event))).toEqual([]);
    expect(aEvents.filter((e) => e.event === 'typing' || (e.event === 'message:read' && (e.payload as { userId: string }).userId === second.user.id))).toEqual([]);
    const reads = await db.query('SELECT count(*)::int AS n FROM channel_read WHERE user_id = $1', [second.user.id]);
    expect(reads[0].n).toBe(0);
    const stored = await db.query("SELECT count(*)::int AS n FROM channel_message WHERE sender_id = $1 AND body <> '撤换前的话'", [second.user.id]);
    expect(stored[0].n).toBe(0);
  });

  it('R15: case:leave leaves every room of the case — nothing more of it is delivered to that socket', async () => {
    const as = await open(applicant);
    const [caucus] = await join(as);
    as.emit('case:leave', { caseId: c.id });
    await sleep(100);
    const events = recorder(as);
    const ms = await open(mediator);
    await join(ms);
    expect((await send(ms, caucus.id, '离开后发来的')).ok).toBe(true);
    await sleep(300);
    expect(JSON.stringify(events)).not.toContain('离开后发来的');
  });

  it('R15: a party cannot write into, read or sync a joint channel the mediator closed, even after case:leave', async () => {
    const joint = (await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200)).body as ChannelView;
    const as = await open(applicant);
    const channels = await join(as);
    expect(channels.map((ch: ChannelView) => ch.kind)).toContain('joint');
    expect((await send(as, joint.id, '联合频道里说一句')).ok).toBe(true);
    as.emit('case:leave', { caseId: c.id });
    await sleep(100);
    await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: false }).expect(200);
    await t.http().post(`/api/channels/${joint.id}/messages`).set('Authorization', applicant.auth).send({ clientId: randomUUID(), body: 'x' }).expect(404);
    expect(await send(as, joint.id, '关闭后还写')).toMatchObject({ ok: false });
    expect(await sync(as, joint.id)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    const rows = await db.query('SELECT count(*)::int AS n FROM channel_message WHERE channel_id = $1 AND body = $2', [joint.id, '关闭后还写']);
    expect(rows[0].n).toBe(0);
  });
});
