import {
  MESSAGE_LIMITS,
  type ChannelView,
  type JoinCaseAck,
  type JointCallAck,
  type JointCallEvent,
  type MessageView,
  type RtcSignal,
  type SendMessageAck,
  type SendMessageRequest,
  type SyncAck,
} from '@tiaojie/contracts';
import type { AppSocket } from '../../lib/socket';
import { Outbox, ReceiptMemory, SeqMemory, newClientId, type KeyValueStore, type OutboxEntry } from './outbox';
import { contiguousTop, highestSeq, initialSyncPoint, mergeMessages } from './timeline';

/** How long an acknowledgement may take before the client treats the send as lost (and re-sends it). */
const ACK_TIMEOUT_MS = 10_000;
/** The server returns at most this many messages per `channel:sync`; a full batch means ask again. */
const SYNC_BATCH = 500;
const TYPING_SHOWN_MS = 6_000;
const TYPING_REPEAT_MS = 2_500;
/** Refused sends worth trying again as they are (the server was busy or the sender too fast). */
const RETRYABLE = new Set(['RATE_LIMITED', 'INTERNAL', 'SERVICE_UNAVAILABLE']);

export type RoomStatus = 'connecting' | 'live' | 'reconnecting' | 'denied' | 'failed';

export interface ChannelState {
  channel: ChannelView;
  /** In sequence order, each once. */
  messages: MessageView[];
  /** Everything from this seq up to the contiguous top is held; older pages load below it. */
  floor: number;
  /** The first sync after opening the page is done. */
  initialised: boolean;
  loadingOlder: boolean;
  olderFailed: boolean;
  /** The viewer's own read position (unread counts). */
  readSeq: number;
  /** Read positions of the other members seen live (`message:read`): ✓✓ on the viewer's messages. */
  readers: Record<string, number>;
  typing: Record<string, { name: string; until: number }>;
  /** The viewer's messages not yet acknowledged, oldest first. */
  outbox: OutboxEntry[];
}

export interface RoomState {
  status: RoomStatus;
  /** Why the room is `failed` (an error code of the contracts). */
  errorCode: string | null;
  /** In the server's order: caucuses, joint, notes. */
  channels: ChannelView[];
  byChannel: Record<string, ChannelState>;
  mediatorsOnline: string[];
  /** Joined at least once: later drops are shown as "reconnecting", not as loading. */
  joinedOnce: boolean;
  /**
   * The browser says it has no network (issue #11): shown at once, without waiting for the
   * socket's ping to time out (tens of seconds); the mediator's presence is then unknown.
   */
  offline: boolean;
}

export type RtcListener = (signal: RtcSignal & { from: string }) => void;

export interface RoomDeps {
  caseId: string;
  userId: string;
  connect: () => Promise<AppSocket>;
  fetchHistory: (channelId: string, beforeSeq: number, limit: number) => Promise<MessageView[]>;
  storage: KeyValueStore | null;
  /** Renews the session cookie when the handshake says it expired. */
  refreshSession?: () => Promise<boolean>;
  now?: () => number;
  historyPage?: number;
}

export const INITIAL_ROOM_STATE: RoomState = { status: 'connecting', errorCode: null, channels: [], byChannel: {}, mediatorsOnline: [], joinedOnce: false, offline: false };

export interface Draft {
  body: string;
  kind?: OutboxEntry['kind'];
  concession?: boolean;
  /** An uploaded file (POST /api/channels/:id/attachments) to send with the message. */
  attachment?: OutboxEntry['attachment'];
}

/** The read positions a channel view carries (stored on the server) merged into those held: the higher wins. */
export function mergeReaders(held: Record<string, number>, view: Pick<ChannelView, 'readers'>): Record<string, number> {
  const out = { ...held };
  for (const r of view.readers ?? []) if ((out[r.userId] ?? 0) < r.seq) out[r.userId] = r.seq;
  return out;
}

/**
 * One case's separate sessions as this browser sees them, over its own socket: joins the case
 * (the server derives the channels), keeps every channel's messages in order without gaps or
 * doubles, re-sends what was not acknowledged, and re-syncs after every reconnect.
 */
export class MediationRoom {
  private state: RoomState = INITIAL_ROOM_STATE;
  private readonly listeners = new Set<() => void>();
  private readonly rtcListeners = new Set<RtcListener>();
  private socket: AppSocket | null = null;
  private stopped = false;
  private started = false;
  private readonly outbox: Outbox;
  private readonly seqs: SeqMemory;
  private readonly receipts: ReceiptMemory;
  private readonly inFlight = new Set<string>();
  private readonly syncing = new Set<string>();
  private readonly resync = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly typingSentAt = new Map<string, number>();
  private refreshAttempts = 0;
  /** The first join of this page re-sends even the messages refused before (a reload retries everything). */
  private firstJoin = true;
  /** Presence events received while a join is answered (the ack's list was taken before them). */
  private presenceDuringJoin: Map<string, boolean> | null = null;
  private readonly page: number;
  private readonly now: () => number;

  constructor(private readonly deps: RoomDeps) {
    this.outbox = new Outbox(deps.storage, deps.userId);
    this.seqs = new SeqMemory(deps.storage, deps.userId);
    this.receipts = new ReceiptMemory(deps.storage, deps.userId);
    this.page = deps.historyPage ?? MESSAGE_LIMITS.historyPage;
    this.now = deps.now ?? Date.now;
  }

  // ─── Store (useSyncExternalStore) ────────────────────────────────────────────────────

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getState = () => this.state;

  private set(patch: Partial<RoomState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private setChannel(channelId: string, update: (current: ChannelState) => ChannelState) {
    const current = this.state.byChannel[channelId];
    if (!current) return;
    this.set({ byChannel: { ...this.state.byChannel, [channelId]: update(current) } });
  }

  private later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }

  // ─── Lifecycle ───────────────────────────────────────────────────────────────────────

  async start() {
    if (this.started) return;
    this.started = true;
    let socket: AppSocket;
    try {
      socket = await this.deps.connect();
    } catch {
      if (!this.stopped) this.set({ status: 'failed', errorCode: 'NETWORK' });
      return;
    }
    if (this.stopped) {
      socket.disconnect();
      return;
    }
    this.socket = socket;
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect);
    socket.on('connect_error', this.onConnectError);
    socket.on('message:new', this.onMessage);
    socket.on('typing', this.onTyping);
    socket.on('message:read', this.onRead);
    socket.on('presence', this.onPresence);
    socket.on('channels:update', this.onChannels);
    socket.on('rtc:signal', this.onRtc);
    socket.on('call:joint', this.onJointCall);
    if (socket.connected) this.onConnect();
  }

  stop() {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      if (socket.connected) socket.emit('case:leave', { caseId: this.deps.caseId });
      socket.disconnect();
    }
    this.listeners.clear();
    this.rtcListeners.clear();
  }

  /**
   * The browser lost its network (`offline` event): say so now, and drop the transport so
   * socket.io reconnects (and re-syncs) as soon as the network is back; messages written
   * meanwhile wait in the outbox.
   */
  networkOffline() {
    if (this.stopped || this.state.offline) return;
    this.inFlight.clear();
    const live = this.state.status === 'live' || this.state.status === 'connecting' || this.state.status === 'reconnecting';
    this.set({ offline: true, ...(live ? { status: this.state.joinedOnce ? 'reconnecting' : 'connecting' } : {}) });
    (this.socket as unknown as { io?: { engine?: { close(): void } } } | null)?.io?.engine?.close();
  }

  /** The network is back: reconnect now rather than after socket.io's back-off, then re-join. */
  networkOnline() {
    if (this.stopped || !this.state.offline) return;
    this.set({ offline: false });
    const socket = this.socket;
    if (!socket) return;
    if (socket.connected) void this.join();
    else socket.connect();
  }

  private onConnect = () => {
    this.refreshAttempts = 0;
    void this.join();
  };

  private onDisconnect = () => {
    if (this.stopped) return;
    this.inFlight.clear();
    if (this.state.status === 'live' || this.state.status === 'connecting') this.set({ status: this.state.joinedOnce ? 'reconnecting' : 'connecting' });
  };

  private onConnectError = (error: Error & { data?: { code?: string } }) => {
    if (this.stopped) return;
    const socket = this.socket;
    // A transport failure: socket.io tries again by itself.
    if (!socket || socket.active) {
      this.set({ status: this.state.joinedOnce ? 'reconnecting' : 'connecting' });
      return;
    }
    // Refused at the handshake: an expired access token is renewed once, then we connect again.
    const code = error.data?.code ?? 'UNAUTHENTICATED';
    if ((code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED') && this.deps.refreshSession && this.refreshAttempts < 2) {
      this.refreshAttempts++;
      void this.deps.refreshSession().then((ok) => {
        if (this.stopped) return;
        if (ok) this.socket?.connect();
        else this.set({ status: 'failed', errorCode: 'SESSION_EXPIRED' });
      });
      return;
    }
    this.set({ status: 'failed', errorCode: code });
  };

  /** An acknowledged emit as a promise; rejects when no answer comes in time or the socket drops. */
  private ask<T>(event: 'case:join' | 'channel:sync' | 'message:send' | 'call:start' | 'call:consent' | 'call:end', payload: unknown): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new Error('offline'));
    // The event maps type each event's ack; this one helper serves several of them.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emit(event: string, payload: unknown, ack: (err: Error | null, result: T) => void): void };
    return new Promise<T>((resolve, reject) => timed.emit(event, payload, (err, result) => (err ? reject(err) : resolve(result))));
  }

  private async join() {
    if (this.stopped) return;
    if (!this.state.joinedOnce) this.set({ status: 'connecting' });
    let ack: JoinCaseAck;
    // Presence events that arrive while the join is answered are newer than the ack's list.
    const during = new Map<string, boolean>();
    this.presenceDuringJoin = during;
    try {
      ack = await this.ask<JoinCaseAck>('case:join', { caseId: this.deps.caseId });
    } catch {
      if (this.socket?.connected) this.later(2000, () => void this.join());
      return;
    } finally {
      if (this.presenceDuringJoin === during) this.presenceDuringJoin = null;
    }
    if (this.stopped) return;
    if (!ack.ok) {
      if (ack.code === 'NOT_FOUND') this.set({ status: 'denied', errorCode: ack.code });
      else this.set({ status: 'failed', errorCode: ack.code });
      return;
    }
    this.applyChannels(ack.channels);
    const online = new Set(ack.mediatorsOnline);
    for (const [userId, isOnline] of during) {
      if (isOnline) online.add(userId);
      else online.delete(userId);
    }
    this.set({ status: 'live', errorCode: null, mediatorsOnline: [...online], joinedOnce: true });
    const resendRefused = this.firstJoin;
    this.firstJoin = false;
    for (const channel of ack.channels) {
      // Every channel catches up after what it holds, then what was not acknowledged goes again.
      void this.sync(channel.id).then(() => this.flush(channel.id, resendRefused));
    }
  }

  /** The channels the server says this account may use now; states of the others are dropped. */
  private applyChannels(views: ChannelView[]) {
    const byChannel: Record<string, ChannelState> = {};
    for (const view of views) {
      const current = this.state.byChannel[view.id];
      if (current) {
        byChannel[view.id] = {
          ...current,
          channel: { ...view, lastSeq: Math.max(view.lastSeq, highestSeq(current.messages)) },
          readSeq: Math.max(current.readSeq, view.readSeq),
          readers: mergeReaders(current.readers, view),
        };
      } else {
        byChannel[view.id] = {
          channel: view,
          messages: [],
          floor: 1,
          initialised: false,
          loadingOlder: false,
          olderFailed: false,
          readSeq: view.readSeq,
          // Stored read positions from the server (after a reload) and those remembered here.
          readers: mergeReaders(this.receipts.get(view.id), view),
          typing: {},
          outbox: this.outbox.list(view.id),
        };
      }
    }
    this.set({ channels: views, byChannel });
  }

  // ─── Messages ────────────────────────────────────────────────────────────────────────

  /** Merges stored messages into a channel: order, no doubles, outbox settled, last seq remembered. */
  private mergeInto(channelId: string, incoming: MessageView[]) {
    const current = this.state.byChannel[channelId];
    if (!current || incoming.length === 0) return;
    const messages = mergeMessages(current.messages, incoming);
    const outbox = this.outbox.settle(channelId, incoming);
    for (const message of incoming) if (message.senderId === this.deps.userId) this.inFlight.delete(message.clientId);
    // A member who sent a message has read up to it; its typing is over.
    const readers = { ...current.readers };
    const typing = { ...current.typing };
    let readersMoved = false;
    for (const message of incoming) {
      if (message.senderId !== this.deps.userId && (readers[message.senderId] ?? 0) < message.seq) {
        readers[message.senderId] = message.seq;
        readersMoved = true;
      }
      delete typing[message.senderId];
    }
    if (readersMoved) this.receipts.set(channelId, readers);
    const next: ChannelState = {
      ...current,
      messages,
      outbox,
      readers,
      typing,
      channel: { ...current.channel, lastSeq: Math.max(current.channel.lastSeq, highestSeq(messages)) },
    };
    this.set({ byChannel: { ...this.state.byChannel, [channelId]: next } });
    if (next.initialised) this.seqs.set(channelId, contiguousTop(messages, next.floor));
  }

  private async sync(channelId: string): Promise<void> {
    if (this.syncing.has(channelId)) {
      this.resync.add(channelId);
      return;
    }
    const start = this.state.byChannel[channelId];
    if (!start) return;
    this.syncing.add(channelId);
    const first = !start.initialised;
    try {
      let afterSeq: number;
      if (first) {
        afterSeq = initialSyncPoint(this.seqs.get(channelId), start.channel.lastSeq, this.page);
        this.setChannel(channelId, (c) => ({ ...c, floor: afterSeq + 1 }));
      } else {
        afterSeq = contiguousTop(start.messages, start.floor);
      }
      for (;;) {
        const ack = await this.ask<SyncAck>('channel:sync', { channelId, afterSeq });
        if (this.stopped) return;
        if (!ack.ok) return;
        this.mergeInto(channelId, ack.messages);
        if (ack.messages.length < SYNC_BATCH) break;
        afterSeq = ack.lastSeq;
      }
      this.setChannel(channelId, (c) => ({ ...c, initialised: true }));
      const after = this.state.byChannel[channelId];
      if (after) this.seqs.set(channelId, contiguousTop(after.messages, after.floor));
      // A conversation opens with context: the page before the sync point.
      if (first && after && after.floor > 1) void this.loadOlder(channelId);
    } catch {
      // No answer (the connection dropped): the next connect syncs again.
    } finally {
      this.syncing.delete(channelId);
      if (this.resync.delete(channelId) && !this.stopped) void this.sync(channelId);
    }
  }

  /** The page of history before the oldest held message (scroll-up), over REST. */
  async loadOlder(channelId: string) {
    const current = this.state.byChannel[channelId];
    if (!current || current.loadingOlder || current.floor <= 1) return;
    const beforeSeq = current.floor;
    this.setChannel(channelId, (c) => ({ ...c, loadingOlder: true, olderFailed: false }));
    try {
      const page = await this.deps.fetchHistory(channelId, beforeSeq, this.page);
      if (this.stopped) return;
      this.mergeInto(channelId, page);
      const floor = page.length < this.page ? 1 : Math.min(beforeSeq, page[0].seq);
      this.setChannel(channelId, (c) => ({ ...c, floor: Math.min(c.floor, floor), loadingOlder: false }));
    } catch {
      if (!this.stopped) this.setChannel(channelId, (c) => ({ ...c, loadingOlder: false, olderFailed: true }));
    }
  }

  /** Writes a message: kept in the outbox (localStorage) until the server acknowledges it. */
  send(channelId: string, draft: Draft): OutboxEntry | null {
    const body = draft.body.trim();
    if (!body || !this.state.byChannel[channelId]) return null;
    const entry: OutboxEntry = {
      clientId: newClientId(),
      channelId,
      body,
      kind: draft.kind ?? 'text',
      concession: draft.concession ?? false,
      createdAt: new Date(this.now()).toISOString(),
      ...(draft.attachment ? { attachment: draft.attachment } : {}),
    };
    this.outbox.add(entry);
    this.setChannel(channelId, (c) => ({ ...c, outbox: this.outbox.list(channelId) }));
    this.typingSentAt.delete(channelId);
    this.transmit(entry);
    return entry;
  }

  /** Tries a refused message again as it is (same client id). */
  retry(channelId: string, clientId: string) {
    this.outbox.setError(channelId, clientId, undefined);
    const outbox = this.outbox.list(channelId);
    this.setChannel(channelId, (c) => ({ ...c, outbox }));
    const entry = outbox.find((e) => e.clientId === clientId);
    if (entry) this.transmit(entry);
  }

  /** Gives up on an unacknowledged message. */
  discard(channelId: string, clientId: string) {
    this.outbox.acknowledge(channelId, clientId);
    this.setChannel(channelId, (c) => ({ ...c, outbox: this.outbox.list(channelId) }));
  }

  private flush(channelId: string, includeRefused: boolean) {
    for (const entry of this.outbox.list(channelId)) {
      if (entry.error && !includeRefused) continue;
      if (entry.error) this.outbox.setError(channelId, entry.clientId, undefined);
      this.transmit({ ...entry, error: undefined });
    }
    this.setChannel(channelId, (c) => ({ ...c, outbox: this.outbox.list(channelId) }));
  }

  private transmit(entry: OutboxEntry) {
    if (this.stopped || this.state.status !== 'live' || !this.socket?.connected) return; // sent on the next join
    if (this.inFlight.has(entry.clientId) || entry.error) return;
    this.inFlight.add(entry.clientId);
    const request: SendMessageRequest = {
      channelId: entry.channelId,
      clientId: entry.clientId,
      body: entry.body,
      ...(entry.kind !== 'text' ? { kind: entry.kind } : {}),
      ...(entry.concession ? { concession: true } : {}),
      ...(entry.attachment ? { documentId: entry.attachment.id } : {}),
    };
    this.ask<SendMessageAck>('message:send', request).then(
      (ack) => {
        this.inFlight.delete(entry.clientId);
        if (this.stopped) return;
        if (ack.ok) {
          this.mergeInto(entry.channelId, [ack.message]);
          this.outbox.acknowledge(entry.channelId, entry.clientId);
          this.setChannel(entry.channelId, (c) => ({ ...c, outbox: this.outbox.list(entry.channelId) }));
          return;
        }
        if (RETRYABLE.has(ack.code)) {
          this.later(ack.code === 'RATE_LIMITED' ? 1500 : 4000, () => this.transmitIfPending(entry.channelId, entry.clientId));
          return;
        }
        this.outbox.setError(entry.channelId, entry.clientId, { code: ack.code, message: ack.message, ...(ack.field ? { field: ack.field } : {}) });
        this.setChannel(entry.channelId, (c) => ({ ...c, outbox: this.outbox.list(entry.channelId) }));
      },
      () => {
        // No acknowledgement: stored or not, a re-send with the same client id is safe.
        this.inFlight.delete(entry.clientId);
        this.later(3000, () => this.transmitIfPending(entry.channelId, entry.clientId));
      },
    );
  }

  private transmitIfPending(channelId: string, clientId: string) {
    const entry = this.outbox.list(channelId).find((e) => e.clientId === clientId);
    if (entry && !entry.error) this.transmit(entry);
  }

  /** The viewer has seen the channel up to what it holds: tells the server (and the other members). */
  markRead(channelId: string) {
    const current = this.state.byChannel[channelId];
    if (!current || !this.socket?.connected || this.state.status !== 'live') return;
    const top = highestSeq(current.messages);
    if (top <= current.readSeq) return;
    this.socket.emit('message:read', { channelId, seq: top });
    this.setChannel(channelId, (c) => ({ ...c, readSeq: Math.max(c.readSeq, top) }));
  }

  /** Typing indicator: repeated while typing (so it does not expire on the other side), cleared on stop. */
  setTyping(channelId: string, typing: boolean) {
    if (!this.socket?.connected || this.state.status !== 'live') return;
    const last = this.typingSentAt.get(channelId);
    if (typing) {
      if (last !== undefined && this.now() - last < TYPING_REPEAT_MS) return;
      this.typingSentAt.set(channelId, this.now());
    } else {
      if (last === undefined) return;
      this.typingSentAt.delete(channelId);
    }
    this.socket.emit('typing', { channelId, typing });
  }

  /**
   * Joins again (idempotent on the server): fresh channel views and the mediators really online.
   * The page calls it when it comes back into view, since the server does not announce a
   * mediator going offline (see the gateway's handleDisconnect).
   */
  refresh() {
    if (this.socket?.connected && this.state.status === 'live') void this.join();
  }

  /** After the mediator opened or closed the joint channel over REST (channels:update follows). */
  applyChannelView(view: ChannelView) {
    this.setChannel(view.id, (c) => ({ ...c, channel: { ...view, lastSeq: Math.max(view.lastSeq, c.channel.lastSeq) }, readers: mergeReaders(c.readers, view) }));
    this.set({ channels: this.state.channels.map((c) => (c.id === view.id ? { ...view, lastSeq: Math.max(view.lastSeq, c.lastSeq) } : c)) });
  }

  // ─── Server events ───────────────────────────────────────────────────────────────────

  private onMessage = (message: MessageView) => {
    const current = this.state.byChannel[message.channelId];
    if (!current) return;
    const top = contiguousTop(current.messages, current.floor);
    this.mergeInto(message.channelId, [message]);
    // A gap (a message missed while the page was busy or the socket flapped): fetch what is missing.
    if (current.initialised && message.seq > top + 1) void this.sync(message.channelId);
  };

  private onTyping = (event: { channelId: string; userId: string; name: string; typing: boolean }) => {
    if (event.userId === this.deps.userId) return;
    this.setChannel(event.channelId, (c) => {
      const typing = { ...c.typing };
      if (event.typing) typing[event.userId] = { name: event.name, until: this.now() + TYPING_SHOWN_MS };
      else delete typing[event.userId];
      return { ...c, typing };
    });
    if (event.typing) this.later(TYPING_SHOWN_MS + 50, () => this.expireTyping(event.channelId));
  };

  private expireTyping(channelId: string) {
    const now = this.now();
    const current = this.state.byChannel[channelId];
    if (!current || !Object.values(current.typing).some((t) => t.until <= now)) return;
    this.setChannel(channelId, (c) => ({ ...c, typing: Object.fromEntries(Object.entries(c.typing).filter(([, t]) => t.until > now)) }));
  }

  private onRead = (event: { channelId: string; userId: string; seq: number }) => {
    if (event.userId === this.deps.userId) {
      this.setChannel(event.channelId, (c) => ({ ...c, readSeq: Math.max(c.readSeq, event.seq) }));
      return;
    }
    this.setChannel(event.channelId, (c) => {
      if ((c.readers[event.userId] ?? 0) >= event.seq) return c;
      const readers = { ...c.readers, [event.userId]: event.seq };
      this.receipts.set(event.channelId, readers);
      return { ...c, readers };
    });
  };

  private onPresence = (event: { caseId: string; userId: string; online: boolean }) => {
    if (event.caseId !== this.deps.caseId) return;
    this.presenceDuringJoin?.set(event.userId, event.online);
    const others = this.state.mediatorsOnline.filter((id) => id !== event.userId);
    this.set({ mediatorsOnline: event.online ? [...others, event.userId] : others });
  };

  private onChannels = (event: { caseId: string; channels: ChannelView[] }) => {
    if (event.caseId !== this.deps.caseId) return;
    if (event.channels.length === 0) {
      this.set({ status: 'denied', errorCode: 'NOT_FOUND', channels: [], byChannel: {} });
      return;
    }
    const known = new Set(Object.keys(this.state.byChannel));
    this.applyChannels(event.channels);
    for (const channel of event.channels) {
      if (!known.has(channel.id)) void this.sync(channel.id).then(() => this.flush(channel.id, false));
    }
  };

  private onRtc = (signal: RtcSignal & { from: string }) => {
    if (signal.from === this.deps.userId) return; // another tab of the same account
    for (const listener of this.rtcListeners) listener(signal);
  };

  // ─── WebRTC signalling ───────────────────────────────────────────────────────────────

  onRtcSignal(listener: RtcListener) {
    this.rtcListeners.add(listener);
    return () => {
      this.rtcListeners.delete(listener);
    };
  }

  sendRtc(signal: RtcSignal) {
    this.socket?.emit('rtc:signal', signal);
  }

  // ─── Joint call (R15): started by a mediator, each party in it consents ─────────────

  private onJointCall = (event: JointCallEvent) => {
    const patch = (view: ChannelView): ChannelView => (view.id === event.channelId ? { ...view, jointCall: event.call } : view);
    this.setChannel(event.channelId, (c) => ({ ...c, channel: patch(c.channel) }));
    this.set({ channels: this.state.channels.map(patch) });
  };

  /** Mediator: starts a joint call in the open joint channel; the parties are asked to consent. */
  startJointCall(channelId: string) {
    return this.jointCall('call:start', { channelId }, channelId);
  }

  /** Party: consents to the joint call in progress. */
  consentJointCall(channelId: string, callId: string) {
    return this.jointCall('call:consent', { channelId, callId }, channelId);
  }

  /** Mediator: ends the joint call. */
  endJointCall(channelId: string) {
    return this.jointCall('call:end', { channelId }, channelId);
  }

  private async jointCall(event: 'call:start' | 'call:consent' | 'call:end', payload: unknown, channelId: string): Promise<JointCallAck> {
    const ack = await this.ask<JointCallAck>(event, payload);
    if (ack.ok) this.onJointCall(ack.call ? { channelId, callId: ack.call.callId, call: ack.call } : { channelId, callId: null, call: null });
    return ack;
  }
}
