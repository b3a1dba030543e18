import { describe, expect, it, vi } from 'vitest';
import { CASE_ID, CAUCUS, ME, FakeServer, JOINT_CALL, memoryStore, openRoom, bodies } from './room-fakes';

describe('MediationRoom: receipts, presence and the joint call (fake socket, real merge and outbox)', () => {
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
