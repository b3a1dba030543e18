import { describe, expect, it, vi } from 'vitest';
import { CASE_ID, CAUCUS, ME, FakeServer, memoryStore, openRoom, bodies, outbox } from './room-fakes';

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
});
