import type { ChannelView, JoinCaseAck, JointCallAck, MessageView, RtcSignal } from '@tiaojie/contracts';
import type { AppSocket } from '../../lib/socket';
import type { OutboxEntry } from './outbox';
import { CallState } from './room-calls';
import { RoomCore } from './room-core';
import { OutboxFlusher } from './room-outbox';
import { PresenceReceipts } from './room-presence';
import { mergeReaders, type Draft, type RoomDeps, type RtcListener } from './room-state';
import { ChannelSync } from './room-sync';

export { INITIAL_ROOM_STATE, mergeReaders } from './room-state';
export type { ChannelState, Draft, RoomDeps, RoomState, RoomStatus, RtcListener } from './room-state';

/**
 * One case's separate sessions as this browser sees them, over its own socket: joins the case
 * (the server derives the channels), keeps every channel's messages in order without gaps or
 * doubles, re-sends what was not acknowledged, and re-syncs after every reconnect.
 *
 * The parts: room-core.ts (store, socket, timers), room-sync.ts (channels and messages),
 * room-outbox.ts (sending and re-sending), room-presence.ts (presence, receipts, typing),
 * room-calls.ts (WebRTC signalling and the joint call). This class is the connection's
 * lifecycle and the page's one entry point.
 */
export class MediationRoom {
  private readonly core: RoomCore;
  private readonly channels: ChannelSync;
  private readonly sender: OutboxFlusher;
  private readonly presence: PresenceReceipts;
  private readonly calls: CallState;
  private started = false;
  private refreshAttempts = 0;
  /** The first join of this page re-sends even the messages refused before (a reload retries everything). */
  private firstJoin = true;

  constructor(private readonly deps: RoomDeps) {
    this.core = new RoomCore(deps);
    this.channels = new ChannelSync(this.core);
    this.sender = new OutboxFlusher(this.core, this.channels);
    this.presence = new PresenceReceipts(this.core);
    this.calls = new CallState(this.core);
  }

  // ─── Store (useSyncExternalStore) ────────────────────────────────────────────────────

  subscribe = (listener: () => void) => {
    this.core.listeners.add(listener);
    return () => {
      this.core.listeners.delete(listener);
    };
  };

  getState = () => this.core.state;

  // ─── Lifecycle ───────────────────────────────────────────────────────────────────────

  async start() {
    if (this.started) return;
    this.started = true;
    const core = this.core;
    let socket: AppSocket;
    try {
      socket = await this.deps.connect();
    } catch {
      if (!core.stopped) core.set({ status: 'failed', errorCode: 'NETWORK' });
      return;
    }
    if (core.stopped) {
      socket.disconnect();
      return;
    }
    core.socket = socket;
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect);
    socket.on('connect_error', this.onConnectError);
    socket.on('message:new', this.onMessage);
    socket.on('typing', this.presence.onTyping);
    socket.on('message:read', this.presence.onRead);
    socket.on('presence', this.presence.onPresence);
    socket.on('channels:update', this.onChannels);
    socket.on('rtc:signal', this.calls.onRtc);
    socket.on('call:joint', this.calls.onJointCall);
    if (socket.connected) this.onConnect();
  }

  stop() {
    const core = this.core;
    core.stopped = true;
    core.clearTimers();
    const socket = core.socket;
    core.socket = null;
    if (socket) {
      if (socket.connected) socket.emit('case:leave', { caseId: this.deps.caseId });
      socket.disconnect();
    }
    core.listeners.clear();
    this.calls.clear();
  }

  /**
   * The browser lost its network (`offline` event): say so now, and drop the transport so
   * socket.io reconnects (and re-syncs) as soon as the network is back; messages written
   * meanwhile wait in the outbox.
   */
  networkOffline() {
    const core = this.core;
    if (core.stopped || core.state.offline) return;
    core.inFlight.clear();
    const live = core.state.status === 'live' || core.state.status === 'connecting' || core.state.status === 'reconnecting';
    core.set({ offline: true, ...(live ? { status: core.state.joinedOnce ? 'reconnecting' : 'connecting' } : {}) });
    (core.socket as unknown as { io?: { engine?: { close(): void } } } | null)?.io?.engine?.close();
  }

  /** The network is back: reconnect now rather than after socket.io's back-off, then re-join. */
  networkOnline() {
    const core = this.core;
    if (core.stopped || !core.state.offline) return;
    core.set({ offline: false });
    const socket = core.socket;
    if (!socket) return;
    if (socket.connected) void this.join();
    else socket.connect();
  }

  private onConnect = () => {
    this.refreshAttempts = 0;
    void this.join();
  };

  private onDisconnect = () => {
    const core = this.core;
    if (core.stopped) return;
    core.inFlight.clear();
    if (core.state.status === 'live' || core.state.status === 'connecting') core.set({ status: core.state.joinedOnce ? 'reconnecting' : 'connecting' });
  };

  private onConnectError = (error: Error & { data?: { code?: string } }) => {
    const core = this.core;
    if (core.stopped) return;
    const socket = core.socket;
    // A transport failure: socket.io tries again by itself.
    if (!socket || socket.active) {
      core.set({ status: core.state.joinedOnce ? 'reconnecting' : 'connecting' });
      return;
    }
    // Refused at the handshake: an expired access token is renewed once, then we connect again.
    const code = error.data?.code ?? 'UNAUTHENTICATED';
    if ((code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED') && this.deps.refreshSession && this.refreshAttempts < 2) {
      this.refreshAttempts++;
      void this.deps.refreshSession().then((ok) => {
        if (core.stopped) return;
        if (ok) core.socket?.connect();
        else core.set({ status: 'failed', errorCode: 'SESSION_EXPIRED' });
      });
      return;
    }
    core.set({ status: 'failed', errorCode: code });
  };

  private async join() {
    const core = this.core;
    if (core.stopped) return;
    if (!core.state.joinedOnce) core.set({ status: 'connecting' });
    let ack: JoinCaseAck;
    // Presence events that arrive while the join is answered are newer than the ack's list.
    const during = this.presence.beginJoin();
    try {
      ack = await core.ask<JoinCaseAck>('case:join', { caseId: this.deps.caseId });
    } catch {
      if (core.socket?.connected) core.later(2000, () => void this.join());
      return;
    } finally {
      this.presence.endJoin(during);
    }
    if (core.stopped) return;
    if (!ack.ok) {
      if (ack.code === 'NOT_FOUND') core.set({ status: 'denied', errorCode: ack.code });
      else core.set({ status: 'failed', errorCode: ack.code });
      return;
    }
    this.channels.applyChannels(ack.channels);
    const online = new Set(ack.mediatorsOnline);
    for (const [userId, isOnline] of during) {
      if (isOnline) online.add(userId);
      else online.delete(userId);
    }
    core.set({ status: 'live', errorCode: null, mediatorsOnline: [...online], joinedOnce: true });
    const resendRefused = this.firstJoin;
    this.firstJoin = false;
    for (const channel of ack.channels) {
      // Every channel catches up after what it holds, then what was not acknowledged goes again.
      void this.channels.sync(channel.id).then(() => this.sender.flush(channel.id, resendRefused));
    }
  }

  // ─── Messages ────────────────────────────────────────────────────────────────────────

  /** The page of history before the oldest held message (scroll-up), over REST. */
  loadOlder(channelId: string) {
    return this.channels.loadOlder(channelId);
  }

  /** Writes a message: kept in the outbox (localStorage) until the server acknowledges it. */
  send(channelId: string, draft: Draft): OutboxEntry | null {
    return this.sender.send(channelId, draft, () => this.presence.forgetTyping(channelId));
  }

  /** Tries a refused message again as it is (same client id). */
  retry(channelId: string, clientId: string) {
    this.sender.retry(channelId, clientId);
  }

  /** Gives up on an unacknowledged message. */
  discard(channelId: string, clientId: string) {
    this.sender.discard(channelId, clientId);
  }

  /** The viewer has seen the channel up to what it holds: tells the server (and the other members). */
  markRead(channelId: string) {
    this.presence.markRead(channelId);
  }

  /** Typing indicator: repeated while typing (so it does not expire on the other side), cleared on stop. */
  setTyping(channelId: string, typing: boolean) {
    this.presence.setTyping(channelId, typing);
  }

  /**
   * Joins again (idempotent on the server): fresh channel views and the mediators really online.
   * The page calls it when it comes back into view, since the server does not announce a
   * mediator going offline (see the gateway's handleDisconnect).
   */
  refresh() {
    if (this.core.socket?.connected && this.core.state.status === 'live') void this.join();
  }

  /** After the mediator opened or closed the joint channel over REST (channels:update follows). */
  applyChannelView(view: ChannelView) {
    const core = this.core;
    core.setChannel(view.id, (c) => ({ ...c, channel: { ...view, lastSeq: Math.max(view.lastSeq, c.channel.lastSeq) }, readers: mergeReaders(c.readers, view) }));
    core.set({ channels: core.state.channels.map((c) => (c.id === view.id ? { ...view, lastSeq: Math.max(view.lastSeq, c.lastSeq) } : c)) });
  }

  // ─── Server events ───────────────────────────────────────────────────────────────────

  private onMessage = (message: MessageView) => this.channels.onMessage(message);

  private onChannels = (event: { caseId: string; channels: ChannelView[] }) => {
    const core = this.core;
    if (event.caseId !== this.deps.caseId) return;
    if (event.channels.length === 0) {
      core.set({ status: 'denied', errorCode: 'NOT_FOUND', channels: [], byChannel: {} });
      return;
    }
    const known = new Set(Object.keys(core.state.byChannel));
    this.channels.applyChannels(event.channels);
    for (const channel of event.channels) {
      if (!known.has(channel.id)) void this.channels.sync(channel.id).then(() => this.sender.flush(channel.id, false));
    }
  };

  // ─── WebRTC signalling and the joint call (R15) ──────────────────────────────────────

  onRtcSignal(listener: RtcListener) {
    return this.calls.onRtcSignal(listener);
  }

  sendRtc(signal: RtcSignal) {
    this.calls.sendRtc(signal);
  }

  /** Mediator: starts a joint call in the open joint channel; the parties are asked to consent. */
  startJointCall(channelId: string): Promise<JointCallAck> {
    return this.calls.jointCall('call:start', { channelId }, channelId);
  }

  /** Party: consents to the joint call in progress. */
  consentJointCall(channelId: string, callId: string): Promise<JointCallAck> {
    return this.calls.jointCall('call:consent', { channelId, callId }, channelId);
  }

  /** Mediator: ends the joint call. */
  endJointCall(channelId: string): Promise<JointCallAck> {
    return this.calls.jointCall('call:end', { channelId }, channelId);
  }
}
