import { describe, expect, it, vi } from 'vitest';
import type { ChannelView, MessageView, SendMessageRequest } from '@tiaojie/contracts';
import type { AppSocket } from '../../lib/socket';
import type { KeyValueStore } from './outbox';
import { MediationRoom } from './room';

const CASE_ID = '11111111-1111-4111-8111-111111111111';
const CAUCUS = '22222222-2222-4222-8222-222222222222';
const ME = 'u-party';

type Handler = (...args: unknown[]) => void;

/** A server that behaves like the gateway: stores before acknowledging, de-duplicates by (sender, clientId). */
class FakeServer {
  messages: MessageView[] = [];
  /** `ack`: sends are stored but their acknowledgement never arrives; `request`: sends never reach the server. */
  lose: 'ack' | 'request' | null = null;
  sends: SendMessageRequest[] = [];
  syncs: Array<{ channelId: string; afterSeq: number }> = [];
  joins = 0;
  /** Who the server counts online when it answers a join. */
  online = ['u-mediator'];
  /** Runs while the join is answered: an event the server sends before the acknowledgement arrives. */
  duringJoin: (() => void) | null = null;
  /** Stored read positions of the other members, as the channel view carries them. */
  readers: ChannelView['readers'] = [];

  add(body: string, senderId = 'u-mediator'): MessageView {
    const seq = this.messages.length + 1;
    const message: MessageView = {
      id: `m-${seq}`,
      channelId: CAUCUS,
      seq,
      senderId,
      senderName: senderId === ME ? '张三' : '钱调解',
      senderRole: senderId === ME ? 'party' : 'mediator',
      clientId: crypto.randomUUID(),
      kind: 'text',
      body,
      concession: false,
      sharedFromChannelKind: null,
      documentId: null,
      attachment: null,
      createdAt: new Date().toISOString(),
    };
    this.messages.push(message);
    return message;
  }

  channel(): ChannelView {
    return {
      id: CAUCUS, caseId: CASE_ID, kind: 'caucus', partyId: 'p-1', partyName: '张三', open: true, lastSeq: this.messages.length, readSeq: 0, readers: this.readers,
      members: [{ userId: ME, name: '张三', role: 'party' }, { userId: 'u-mediator', name: '钱调解', role: 'mediator' }],
    };
  }

  answer(event: string, payload: Record<string, unknown>): unknown {
    if (event === 'case:join') {
      this.joins++;
      const mediatorsOnline = [...this.online];
      this.duringJoin?.();
      return { ok: true, channels: [this.channel()], mediatorsOnline };
    }
    if (event === 'channel:sync') {
      this.syncs.push(payload as { channelId: string; afterSeq: number });
      const messages = this.messages.filter((m) => m.seq > (payload.afterSeq as number));
      return { ok: true, messages, lastSeq: messages.length ? messages[messages.length - 1].seq : payload.afterSeq };
    }
    if (event === 'message:send') {
      const request = payload as unknown as SendMessageRequest;
      if (this.lose === 'request') return LOST;
      this.sends.push(request);
      const existing = this.messages.find((m) => m.senderId === ME && m.clientId === request.clientId);
      if (existing) return { ok: true, message: existing, duplicate: true };
      const attachment = request.documentId ? { id: request.documentId, fileName: 'a.png', mimeType: 'image/png', sizeBytes: 10, downloadUrl: `/api/cases/${CASE_ID}/documents/${request.documentId}` } : null;
      const stored = { ...this.add(request.body, ME), clientId: request.clientId, kind: request.kind ?? 'text', concession: request.concession ?? false, documentId: request.documentId ?? null, attachment };
      this.messages[stored.seq - 1] = stored;
      return this.lose === 'ack' ? LOST : { ok: true, message: stored, duplicate: false };
    }
    if (event === 'call:consent') {
      this.consents.push(payload as { channelId: string; callId: string });
      return { ok: true, call: { ...JOINT_CALL, consented: [ME] } };
    }
    return undefined;
  }

  consents: Array<{ channelId: string; callId: string }> = [];
}

const LOST = Symbol('lost');
const JOINT_CALL = { callId: '33333333-3333-4333-8333-333333333333', startedBy: 'u-mediator', startedAt: '2026-03-02T01:00:00.000Z', invited: [ME, 'u-other'], consented: [] as string[] };

class FakeSocket {
  connected = false;
  /** An unanswered acknowledgement times out at once (as if ACK_TIMEOUT_MS had passed), instead of waiting for a drop. */
  timeoutAtOnce = false;
  active = true;
  private readonly handlers = new Map<string, Set<Handler>>();
  private pending = new Set<(err: Error) => void>();
  emitted: Array<{ event: string; payload: unknown }> = [];

  constructor(private readonly server: FakeServer) {}

  on(event: string, handler: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }

  fire(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }

  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }

  timeout() {
    return {
      emit: (event: string, payload: Record<string, unknown>, ack: (err: Error | null, result?: unknown) => void) => {
        this.emitted.push({ event, payload });
        if (!this.connected) return ack(new Error('disconnected'));
        const fail = (err: Error) => ack(err);
        this.pending.add(fail);
        queueMicrotask(() => {
          const result = this.server.answer(event, payload);
          if (result === LOST) {
            // No answer: it fails when the connection drops, or when the timeout passes.
            if (this.timeoutAtOnce) {
              this.pending.delete(fail);
              ack(new Error('operation has timed out'));
            }
            return;
          }
          this.pending.delete(fail);
          ack(null, result);
        });
      },
    };
  }

  up() {
    this.connected = true;
    this.fire('connect');
  }

  /** The connection drops: unanswered acks fail, as socket.io does for acks with a timeout. */
  drop() {
    this.connected = false;
    for (const fail of this.pending) fail(new Error('socket has been disconnected'));
    this.pending.clear();
    this.fire('disconnect', 'transport close');
  }

  connect() {
    this.up();
  }

  disconnect() {
    this.connected = false;
  }
}

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

function openRoom(server: FakeServer, storage: KeyValueStore, fetchHistory: (channelId: string, beforeSeq: number, limit: number) => Promise<MessageView[]> = vi.fn(async () => [])) {
  const socket = new FakeSocket(server);
  const room = new MediationRoom({ caseId: CASE_ID, userId: ME, connect: async () => socket as unknown as AppSocket, fetchHistory, storage, historyPage: 100 });
  return { room, socket, fetchHistory };
}

const bodies = (room: MediationRoom) => room.getState().byChannel[CAUCUS]?.messages.map((m) => m.body) ?? [];
const outbox = (room: MediationRoom) => room.getState().byChannel[CAUCUS]?.outbox ?? [];

describe('MediationRoom (fake socket, real merge and outbox)', () => {
  it('joins, syncs the caucus and shows its messages in order', async () => {
    const server = new FakeServer();
    server.add('您好，我是调解员');
    server.add('请说说借款的经过');
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(bodies(room)).toEqual(['您好，我是调解员', '请说说借款的经过']));
    expect(room.getState()).toMatchObject({ status: 'live', mediatorsOnline: ['u-mediator'] });
    expect(server.syncs).toEqual([{ channelId: CAUCUS, afterSeq: 0 }]);
  });

  it('keeps a message in the outbox (localStorage) until it is acknowledged, then clears it', async () => {
    const server = new FakeServer();
    const storage = memoryStore();
    const { room, socket } = openRoom(server, storage);
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().byChannel[CAUCUS]?.initialised).toBe(true));

    const entry = room.send(CAUCUS, { body: '我最多只能分期还款', kind: 'proposal', concession: true })!;
    expect(outbox(room).map((e) => e.clientId)).toEqual([entry.clientId]);
    expect(storage.getItem(`tiaojie.mediation.outbox.${ME}.${CAUCUS}`)).toContain(entry.clientId);
    await vi.waitFor(() => expect(outbox(room)).toEqual([]));
    expect(storage.getItem(`tiaojie.mediation.outbox.${ME}.${CAUCUS}`)).toBeNull();
    expect(room.getState().byChannel[CAUCUS].messages).toMatchObject([{ seq: 1, clientId: entry.clientId, kind: 'proposal', concession: true }]);
    expect(server.sends).toEqual([{ channelId: CAUCUS, clientId: entry.clientId, body: '我最多只能分期还款', kind: 'proposal', concession: true }]);
  });

  it('after a dropped connection re-joins, syncs after the last seq it saw and re-sends what was lost, with the same client id', async () => {
    const server = new FakeServer();
    server.add('第一条');
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(bodies(room)).toEqual(['第一条']));

    // The send is lost with the connection before the server gets it.
    server.lose = 'request';
    const entry = room.send(CAUCUS, { body: '断线时发出的' })!;
    server.add('断线期间调解员的回复');
    socket.drop();
    expect(room.getState().status).toBe('reconnecting');
    expect(outbox(room).map((e) => e.clientId)).toEqual([entry.clientId]);

    server.lose = null;
    socket.up();
    await vi.waitFor(() => expect(outbox(room)).toEqual([]));
    expect(server.joins).toBe(2);
    expect(server.syncs.at(-1)).toEqual({ channelId: CAUCUS, afterSeq: 1 });
    expect(server.sends.map((s) => s.clientId)).toEqual([entry.clientId]);
    expect(bodies(room)).toEqual(['第一条', '断线期间调解员的回复', '断线时发出的']);
  });

  it('when the server stored a message but the acknowledgement was lost, the sync after reconnecting brings it: shown once, outbox cleared', async () => {
    const server = new FakeServer();
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().byChannel[CAUCUS]?.initialised).toBe(true));
    server.lose = 'ack';
    room.send(CAUCUS, { body: '确认丢了' });
    await vi.waitFor(() => expect(server.sends).toHaveLength(1));
    socket.drop();
    server.lose = null;
    socket.up();
    await vi.waitFor(() => expect(outbox(room)).toEqual([]));
    expect(bodies(room)).toEqual(['确认丢了']);
    expect(server.messages).toHaveLength(1);
  });

  it('re-sends a message whose acknowledgement timed out with the same client id; the server acknowledges the duplicate and stores it once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const server = new FakeServer();
      const { room, socket } = openRoom(server, memoryStore());
      socket.timeoutAtOnce = true;
      await room.start();
      socket.up();
      await vi.waitFor(() => expect(room.getState().byChannel[CAUCUS]?.initialised).toBe(true));
      server.lose = 'ack';
      const entry = room.send(CAUCUS, { body: '超时的消息' })!;
      await vi.waitFor(() => expect(server.sends).toHaveLength(1));
      expect(outbox(room).map((e) => e.clientId)).toEqual([entry.clientId]);
      server.lose = null;
      await vi.advanceTimersByTimeAsync(3000); // the pause before a re-send
      await vi.waitFor(() => expect(outbox(room)).toEqual([]));
      expect(server.sends.map((s) => s.clientId)).toEqual([entry.clientId, entry.clientId]);
      expect(server.messages.filter((m) => m.clientId === entry.clientId)).toHaveLength(1);
      expect(bodies(room)).toEqual(['超时的消息']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends on reload what the previous page left unacknowledged, and syncs from the remembered seq', async () => {
    const server = new FakeServer();
    const storage = memoryStore();
    server.add('一');
    server.add('二');
    const first = openRoom(server, storage);
    await first.room.start();
    first.socket.up();
    await vi.waitFor(() => expect(bodies(first.room)).toEqual(['一', '二']));
    // Written while offline, then the tab is closed.
    first.socket.drop();
    const entry = first.room.send(CAUCUS, { body: '离线时写的' })!;
    first.room.stop();
    expect(server.sends).toEqual([]);

    server.add('三');
    const history = vi.fn(async (_channelId: string, beforeSeq: number) => server.messages.filter((m) => m.seq < beforeSeq));
    const second = openRoom(server, storage, history);
    await second.room.start();
    second.socket.up();
    await vi.waitFor(() => expect(outbox(second.room)).toEqual([]));
    await vi.waitFor(() => expect(bodies(second.room)).toEqual(['一', '二', '三', '离线时写的']));
    expect(server.syncs.at(-1)).toEqual({ channelId: CAUCUS, afterSeq: 2 });
    expect(history).toHaveBeenCalledWith(CAUCUS, 3, 100); // the page before the sync point, for context
    expect(server.sends.map((s) => s.clientId)).toEqual([entry.clientId]);
  });

  it('shows a message once when its acknowledgement and message:new both arrive, and fetches a gap', async () => {
    const server = new FakeServer();
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().byChannel[CAUCUS]?.initialised).toBe(true));
    room.send(CAUCUS, { body: '你好' });
    await vi.waitFor(() => expect(bodies(room)).toEqual(['你好']));
    socket.fire('message:new', server.messages[0]);
    expect(bodies(room)).toEqual(['你好']);

    // seq 3 arrives live while seq 2 was missed: the room asks for what is missing.
    server.add('二');
    const third = server.add('三');
    socket.fire('message:new', third);
    await vi.waitFor(() => expect(bodies(room)).toEqual(['你好', '二', '三']));
  });

  it('keeps a refused message with its reason, and sends it again on retry', async () => {
    const server = new FakeServer();
    const { room, socket } = openRoom(server, memoryStore());
    const answer = server.answer.bind(server);
    let refuse = true;
    server.answer = (event, payload) => (event === 'message:send' && refuse ? { ok: false, code: 'CONFLICT', message: 'closed', field: 'channelId' } : answer(event, payload));
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().byChannel[CAUCUS]?.initialised).toBe(true));
    const entry = room.send(CAUCUS, { body: '被拒绝的消息' })!;
    await vi.waitFor(() => expect(outbox(room)[0]?.error).toEqual({ code: 'CONFLICT', message: 'closed', field: 'channelId' }));
    refuse = false;
    room.retry(CAUCUS, entry.clientId);
    await vi.waitFor(() => expect(outbox(room)).toEqual([]));
    expect(bodies(room)).toEqual(['被拒绝的消息']);
  });

  it('tracks read positions: its own for unread counts, the mediator’s for ✓✓', async () => {
    const server = new FakeServer();
    server.add('请回复');
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(bodies(room)).toEqual(['请回复']));
    room.markRead(CAUCUS);
    expect(socket.emitted.at(-1)).toEqual({ event: 'message:read', payload: { channelId: CAUCUS, seq: 1 } });
    expect(room.getState().byChannel[CAUCUS].readSeq).toBe(1);
    socket.fire('message:read', { channelId: CAUCUS, userId: 'u-mediator', seq: 5 });
    expect(room.getState().byChannel[CAUCUS].readers).toEqual({ 'u-mediator': 5 });
  });

  it('after a reload takes the other members’ stored read positions from the channel view (the higher of stored and live wins)', async () => {
    const server = new FakeServer();
    server.add('我的问题', ME);
    server.add('我的补充', ME);
    server.readers = [{ userId: 'u-mediator', name: '钱调解', seq: 1, readAt: new Date().toISOString() }];
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(bodies(room)).toEqual(['我的问题', '我的补充']));
    expect(room.getState().byChannel[CAUCUS].readers).toEqual({ 'u-mediator': 1 });
    socket.fire('message:read', { channelId: CAUCUS, userId: 'u-mediator', seq: 2 });
    // A re-join whose view is older than what arrived live keeps the newer position.
    room.refresh();
    await vi.waitFor(() => expect(server.joins).toBe(2));
    expect(room.getState().byChannel[CAUCUS].readers).toEqual({ 'u-mediator': 2 });
  });

  it('sends an attachment with its document id, keeps it in the outbox across a lost request, and shows it once stored', async () => {
    const server = new FakeServer();
    const storage = memoryStore();
    const { room, socket } = openRoom(server, storage);
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().status).toBe('live'));
    server.lose = 'request';
    socket.timeoutAtOnce = true;
    const attachment = { id: 'doc-1', fileName: 'a.png', mimeType: 'image/png', sizeBytes: 10, downloadUrl: `/api/cases/${CASE_ID}/documents/doc-1` };
    room.send(CAUCUS, { body: '文件：a.png', kind: 'attachment', attachment });
    expect(outbox(room)).toMatchObject([{ kind: 'attachment', attachment }]);
    // A reload: the next page finds it in storage and sends it with the same document id.
    room.stop();
    server.lose = null;
    const next = openRoom(server, storage);
    await next.room.start();
    next.socket.up();
    await vi.waitFor(() => expect(bodies(next.room)).toEqual(['文件：a.png']));
    expect(server.sends.at(-1)).toMatchObject({ kind: 'attachment', documentId: 'doc-1' });
    expect(next.room.getState().byChannel[CAUCUS].messages[0].attachment).toEqual(attachment);
    expect(outbox(next.room)).toEqual([]);
  });

  it('issue #11: the browser going offline shows at once (before the socket notices), keeps what is written, and re-joins when back', async () => {
    const server = new FakeServer();
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().status).toBe('live'));
    room.networkOffline();
    expect(room.getState()).toMatchObject({ offline: true, status: 'reconnecting' });
    const entry = room.send(CAUCUS, { body: '离线时写的' })!;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.sends).toEqual([]);
    expect(outbox(room).map((e) => e.clientId)).toEqual([entry.clientId]);
    room.networkOnline();
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ offline: false, status: 'live' }));
    await vi.waitFor(() => expect(outbox(room)).toEqual([]));
    expect(server.joins).toBe(2);
    expect(server.sends.map((s) => s.clientId)).toEqual([entry.clientId]);
  });

  it('follows mediator presence from presence events, and re-reads it on a re-join', async () => {
    const server = new FakeServer();
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().status).toBe('live'));
    expect(room.getState().mediatorsOnline).toEqual(['u-mediator']);
    socket.fire('presence', { caseId: CASE_ID, userId: 'u-mediator', online: false });
    expect(room.getState().mediatorsOnline).toEqual([]);
    socket.fire('presence', { caseId: 'another-case', userId: 'u-other', online: true });
    expect(room.getState().mediatorsOnline).toEqual([]);
    room.refresh();
    await vi.waitFor(() => expect(room.getState().mediatorsOnline).toEqual(['u-mediator']));
    expect(server.joins).toBe(2);
  });

  it('a mediator coming online while the join is answered stays online: the presence event is not overwritten by the older ack', async () => {
    const server = new FakeServer();
    server.online = [];
    const { room, socket } = openRoom(server, memoryStore());
    // The server counted nobody online, then the mediator joined and its presence event came first.
    server.duringJoin = () => socket.fire('presence', { caseId: CASE_ID, userId: 'u-mediator', online: true });
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().status).toBe('live'));
    expect(room.getState().mediatorsOnline).toEqual(['u-mediator']);
  });

  it('R15: follows the joint call the mediator started (call:joint), consents over the socket, and drops it when it ends', async () => {
    const server = new FakeServer();
    const { room, socket } = openRoom(server, memoryStore());
    await room.start();
    socket.up();
    await vi.waitFor(() => expect(room.getState().status).toBe('live'));
    // The fake server has one channel; the room follows whichever channel the event names.
    socket.fire('call:joint', { channelId: CAUCUS, callId: JOINT_CALL.callId, call: JOINT_CALL });
    expect(room.getState().byChannel[CAUCUS].channel.jointCall).toEqual(JOINT_CALL);
    expect(room.getState().channels[0].jointCall).toEqual(JOINT_CALL);
    const ack = await room.consentJointCall(CAUCUS, JOINT_CALL.callId);
    expect(ack.ok).toBe(true);
    expect(server.consents).toEqual([{ channelId: CAUCUS, callId: JOINT_CALL.callId }]);
    expect(room.getState().byChannel[CAUCUS].channel.jointCall?.consented).toEqual([ME]);
    socket.fire('call:joint', { channelId: CAUCUS, callId: null, call: null });
    expect(room.getState().byChannel[CAUCUS].channel.jointCall).toBeNull();
  });
});
