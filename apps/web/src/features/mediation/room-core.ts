import { MESSAGE_LIMITS } from '@tiaojie/contracts';
import type { AppSocket } from '../../lib/socket';
import { Outbox, ReceiptMemory, SeqMemory } from './outbox';
import { INITIAL_ROOM_STATE, type ChannelState, type RoomDeps, type RoomState } from './room-state';

/** How long an acknowledgement may take before the client treats the send as lost (and re-sends it). */
const ACK_TIMEOUT_MS = 10_000;

export type AskEvent = 'case:join' | 'channel:sync' | 'message:send' | 'call:start' | 'call:consent' | 'call:end';

/**
 * What the parts of a MediationRoom share (room.ts composes them): the store the page
 * subscribes to, the socket, the memories kept in localStorage, and the timers cleared on stop.
 */
export class RoomCore {
  state: RoomState = INITIAL_ROOM_STATE;
  readonly listeners = new Set<() => void>();
  socket: AppSocket | null = null;
  stopped = false;
  readonly outbox: Outbox;
  readonly seqs: SeqMemory;
  readonly receipts: ReceiptMemory;
  /** Client ids of the messages sent and not yet answered. */
  readonly inFlight = new Set<string>();
  readonly page: number;
  readonly now: () => number;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(readonly deps: RoomDeps) {
    this.outbox = new Outbox(deps.storage, deps.userId);
    this.seqs = new SeqMemory(deps.storage, deps.userId);
    this.receipts = new ReceiptMemory(deps.storage, deps.userId);
    this.page = deps.historyPage ?? MESSAGE_LIMITS.historyPage;
    this.now = deps.now ?? Date.now;
  }

  set(patch: Partial<RoomState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  setChannel(channelId: string, update: (current: ChannelState) => ChannelState) {
    const current = this.state.byChannel[channelId];
    if (!current) return;
    this.set({ byChannel: { ...this.state.byChannel, [channelId]: update(current) } });
  }

  later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }

  clearTimers() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** An acknowledged emit as a promise; rejects when no answer comes in time or the socket drops. */
  ask<T>(event: AskEvent, payload: unknown): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new Error('offline'));
    // The event maps type each event's ack; this one helper serves several of them.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emit(event: string, payload: unknown, ack: (err: Error | null, result: T) => void): void };
    return new Promise<T>((resolve, reject) => timed.emit(event, payload, (err, result) => (err ? reject(err) : resolve(result))));
  }
}
