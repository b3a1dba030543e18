import { randomUUID } from 'node:crypto';
import type { ChannelView, FieldError } from '@tiaojie/contracts';
import { recorder, sleep, type TestApp } from './harness';
import type { Login } from './fixtures';
import { socketAccessWorld } from './socket-world';

/** The refusal of an ack or a REST body, as `field constraint` pairs (sorted): what a client translates. */
const pairs = (fields: FieldError[] | undefined) => (fields ?? []).map((f) => `${f.field} ${f.constraint}`).sort();

/**
 * Issue #12: a socket event's payload is validated by the same DTO classes, through the same
 * validation, as the REST route that does the same thing; an event's refusal names each field and
 * its constraint exactly as a REST 400 does, so the web translates both one way (R15 still checked
 * after validation, by the gateway). Real app, real socket.io clients, real database.
 */
describe('socket payloads: the DTOs and the refusals of REST (issue #12)', () => {
  const w = socketAccessWorld();
  let t: TestApp, applicant: Login, mediator: Login, caucus: ChannelView;

  beforeAll(async () => {
    await w.start();
    ({ t, applicant, mediator } = w.get());
    const channels = await w.join(await w.open(applicant));
    caucus = channels.find((ch: ChannelView) => ch.kind === 'caucus')!;
  });
  afterAll(async () => {
    await w.close();
  });

  const rest = async (method: 'post' | 'get', path: string, who: Login, body?: object) => {
    const req = method === 'post' ? t.http().post(path).send(body) : t.http().get(path);
    const res = await req.set('Authorization', who.auth);
    return res;
  };

  it('message:send refuses what POST /channels/:id/messages refuses, field by field and constraint by constraint', async () => {
    const s = await w.open(applicant);
    await w.join(s);
    const bad: object[] = [
      { clientId: 'nope', body: 'x' },
      { clientId: randomUUID(), body: '' },
      { clientId: randomUUID(), body: '   ' },
      { clientId: randomUUID(), body: 'x'.repeat(5001) },
      { clientId: randomUUID(), body: 'x', kind: 'system' },
      { clientId: randomUUID(), body: 'x', concession: 'yes' },
      { clientId: randomUUID(), body: 'x', documentId: 'not-a-document' },
      { clientId: randomUUID(), body: 'x', admin: true },
      { clientId: 42, body: 7, kind: 'text', extra: 1 },
    ];
    for (const payload of bad) {
      const res = await rest('post', `/api/channels/${caucus.id}/messages`, applicant, payload);
      expect({ payload, status: res.status, code: res.body.code }).toEqual({ payload, status: 400, code: 'VALIDATION_FAILED' });
      const ack = await s.timeout(5000).emitWithAck('message:send', { channelId: caucus.id, ...payload } as never);
      expect(ack.ok).toBe(false);
      if (ack.ok) continue;
      expect({ payload, code: ack.code, fields: pairs(ack.fields) }).toEqual({ payload, code: 'VALIDATION_FAILED', fields: pairs(res.body.fields) });
      // The first of them stays in `field`, for clients that read one.
      expect(ack.field).toBe(ack.fields?.[0]?.field);
    }
    // channelId is the path on REST and a field on the socket: refused there by the same rule.
    const noChannel = await s.timeout(5000).emitWithAck('message:send', { channelId: 'x', clientId: randomUUID(), body: 'x' });
    expect(!noChannel.ok && pairs(noChannel.fields)).toEqual(['channelId isUuid']);
    // Nothing of it was stored: the caucus still has no message.
    const history = await rest('get', `/api/channels/${caucus.id}/messages`, applicant);
    expect(history.status).toBe(200);
    expect(history.body).toEqual([]);
  });

  it('message:share and channel:sync refuse what their REST routes refuse', async () => {
    const ms = await w.open(mediator);
    await w.join(ms);
    const stored = await w.send(ms, caucus.id, '调解员的一条消息');
    if (!stored.ok) throw new Error(JSON.stringify(stored));
    const shareRest = await rest('post', `/api/messages/${stored.message.id}/share`, mediator, { toChannelId: 'elsewhere' });
    expect(shareRest.status).toBe(400);
    const shareAck = await ms.timeout(5000).emitWithAck('message:share', { messageId: stored.message.id, toChannelId: 'elsewhere' });
    expect(!shareAck.ok && pairs(shareAck.fields)).toEqual(pairs(shareRest.body.fields));
    expect(pairs(shareRest.body.fields)).toEqual(['toChannelId isUuid']);

    const syncRest = await rest('get', `/api/channels/${caucus.id}/messages?afterSeq=-1`, mediator);
    expect(syncRest.status).toBe(400);
    const syncAck = await ms.timeout(5000).emitWithAck('channel:sync', { channelId: caucus.id, afterSeq: -1 });
    expect(!syncAck.ok && pairs(syncAck.fields)).toEqual(pairs(syncRest.body.fields));
    // A socket sends numbers as numbers: a string is refused, not converted as in a query string.
    const text = await ms.timeout(5000).emitWithAck('channel:sync', { channelId: caucus.id, afterSeq: '0' as never });
    expect(!text.ok && pairs(text.fields)).toEqual(['afterSeq isInt', 'afterSeq min']);
  });

  it('events without a REST twin name their fields and constraints the same way', async () => {
    const s = await w.open(mediator);
    const join = await s.timeout(5000).emitWithAck('case:join', { caseId: 'x' });
    expect(!join.ok && { code: join.code, fields: pairs(join.fields) }).toEqual({ code: 'VALIDATION_FAILED', fields: ['caseId isUuid'] });
    const unknown = await s.timeout(5000).emitWithAck('case:join', { caseId: randomUUID(), as: 'judge' } as never);
    expect(!unknown.ok && pairs(unknown.fields)).toEqual(['as whitelist']);
    const consent = await s.timeout(5000).emitWithAck('call:consent', { channelId: caucus.id, callId: 'x' });
    expect(!consent.ok && pairs(consent.fields)).toEqual(['callId isUuid']);
    const start = await s.timeout(5000).emitWithAck('call:start', {} as never);
    expect(!start.ok && pairs(start.fields)).toEqual(['channelId isUuid']);
    // Still served after every refusal.
    expect((await s.timeout(5000).emitWithAck('case:join', { caseId: w.get().c.id })).ok).toBe(true);
  });

  it('rtc:signal is relayed with a null payload (a hang-up), and not with a bad peer id', async () => {
    const [as, ms] = await Promise.all([w.open(applicant), w.open(mediator)]);
    await Promise.all([w.join(as), w.join(ms)]);
    const received = recorder(ms);
    as.emit('rtc:signal', { channelId: caucus.id, to: 'not-a-user', type: 'hangup', payload: null });
    as.emit('rtc:signal', { channelId: caucus.id, to: mediator.user.id, type: 'hangup', payload: null });
    await sleep(300);
    const signals = received.filter((e) => e.event === 'rtc:signal').map((e) => e.payload);
    expect(signals).toEqual([{ channelId: caucus.id, to: mediator.user.id, type: 'hangup', payload: null, from: applicant.user.id }]);
  });
});
