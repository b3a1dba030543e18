import { vi } from 'vitest';
import type { ChannelView, MessageView, SendMessageRequest } from '@tiaojie/contracts';
import type { AppSocket } from '../../lib/socket';
import type { KeyValueStore } from './outbox';
import { MediationRoom } from './room';

/*
 * The fakes of room.spec.ts and room-presence.spec.ts: a server that behaves like the gateway
 * and the socket a MediationRoom talks to it through. The merge, outbox and room are real.
 */

export const CASE_ID = '11111111-1111-4111-8111-111111111111';
export const CAUCUS = '22222222-2222-4222-8222-222222222222';
export const ME = 'u-party';

export type Handler = (...args: unknown[]) => void;

/** A server that behaves like the gateway: stores before acknowledging, de-duplicates by (sender, clientId). */
export class FakeServer {
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
      id: CAUCUS,
      caseId: CASE_ID,
      kind: 'caucus',
      partyId: 'p-1',
      partyName: '张三',
      open: true,
      lastSeq: this.messages.length,
      readSeq: 0,
      readers: this.readers,
      members: [
        { userId: ME, name: '张三', role: 'party' },
        { userId: 'u-mediator', name: '钱调解', role: 'mediator' },
      ],
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
      const attachment = request.documentId
        ? { id: request.documentId, fileName: 'a.png', mimeType: 'image/png', sizeBytes: 10, downloadUrl: `/api/cases/${CASE_ID}/documents/${request.documentId}` }
        : null;
      const stored = {
        ...this.add(request.body, ME),
        clientId: request.clientId,
        kind: request.kind ?? 'text',
        concession: request.concession ?? false,
        documentId: request.documentId ?? null,
        attachment,
      };
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

export const LOST = Symbol('lost');
export const JOINT_CALL = { callId: '33333333-3333-4333-8333-333333333333', startedBy: 'u-mediator', startedAt: '2026-03-02T01:00:00.000Z', invited: [ME, 'u-other'], consented: [] as string[] };

export class FakeSocket {
  connected = false;
  /** An unanswered acknowledgement times out at once (as if ACK_TIMEOUT_MS had passed), instead of waiting for a drop. */
  timeoutAtOnce = false;
  active = true;
  private readonly handlers = new Map<string, Set<Handler>>();
  private pending = new Set<(err: Error) => void>();
  emitted: Array<{ event: string; payload: unknown }> = [];

  constructor(private readonly server: FakeServer) {}

  on(event: string, handler: Handler) {
    const handlers = this.handlers.get(event) ?? new Set<Handler>();
    this.handlers.set(event, handlers);
    handlers.add(handler);
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

export function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

export function openRoom(server: FakeServer, storage: KeyValueStore, fetchHistory: (channelId: string, beforeSeq: number, limit: number) => Promise<MessageView[]> = vi.fn(async () => [])) {
  const socket = new FakeSocket(server);
  const room = new MediationRoom({ caseId: CASE_ID, userId: ME, connect: async () => socket as unknown as AppSocket, fetchHistory, storage, historyPage: 100 });
  return { room, socket, fetchHistory };
}

export const bodies = (room: MediationRoom) => room.getState().byChannel[CAUCUS]?.messages.map((m) => m.body) ?? [];
export const outbox = (room: MediationRoom) => room.getState().byChannel[CAUCUS]?.outbox ?? [];
