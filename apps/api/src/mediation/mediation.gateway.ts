import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { MESSAGE_KINDS, MESSAGE_LIMITS, type ClientToServerEvents, type JoinCaseAck, type RtcSignal, type SendMessageAck, type SendMessageRequest, type ServerToClientEvents, type SyncAck } from '@tiaojie/contracts';
import type { Server, Socket } from 'socket.io';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { CaseChanges } from './case-changes';
import { MediationService, type ChannelAccess } from './mediation.service';

interface SocketData {
  userId: string;
  sessionId: string;
  name?: string;
  /** Token bucket for flood control. */
  tokens?: number;
  refilledAt?: number;
}
type MediationServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type MediationSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Rooms, all derived on the server:
//   case:<id>            sockets that opened the case (presence, channel updates)
//   channel:<id>         may read the channel (receives its messages)
//   send:<id>:<role>     may send in it, as party / agent / mediator (checked on every event)
//   mediators:<caseId>   the case's mediators online (presence)
const room = {
  case: (id: string) => `case:${id}`,
  read: (id: string) => `channel:${id}`,
  send: (id: string, role: 'party' | 'agent' | 'mediator') => `send:${id}:${role}`,
  mediators: (caseId: string) => `mediators:${caseId}`,
};

function fail(code: string, message: string, field?: string) {
  return { ok: false as const, code, message, ...(field ? { field } : {}) };
}

/**
 * Real-time separate sessions. The handshake is authenticated by RealtimeGateway; here every
 * event re-checks, against the rooms the server derived from the database, that the socket
 * may use the channel it names. Rooms are re-derived for open sockets whenever a case changes
 * (a committed transaction), so a removed agent or reassigned mediator loses access at once.
 */
@WebSocketGateway()
export class MediationGateway implements OnGatewayInit {
  private readonly logger = new Logger(MediationGateway.name);

  @WebSocketServer()
  server!: MediationServer;

  constructor(
    private readonly mediation: MediationService,
    private readonly changes: CaseChanges,
    private readonly clock: Clock,
  ) {}

  afterInit(server: MediationServer) {
    // Presence: read a socket's case rooms while it still has them (`disconnecting`); by the
    // `disconnect` event socket.io has already taken it out of every room.
    server.on('connection', (socket: MediationSocket) => {
      socket.on('disconnecting', () => {
        const cases = [...socket.rooms].filter((r) => r.startsWith('mediators:')).map((r) => r.slice('mediators:'.length));
        if (cases.length) setImmediate(() => void this.announceOffline(socket.data.userId, cases).catch((err) => this.logger.warn({ err }, 'presence update failed')));
      });
    });
    this.changes.on('changed', (caseId: string) => void this.rederive(caseId).catch((err) => this.logger.error({ err, caseId }, 'membership update failed')));
  }

  /** Flood control: a token bucket per socket. */
  private allow(socket: MediationSocket) {
    const now = Date.now();
    const d = socket.data;
    const tokens = Math.min(MESSAGE_LIMITS.burst, (d.tokens ?? MESSAGE_LIMITS.burst) + ((now - (d.refilledAt ?? now)) / 1000) * MESSAGE_LIMITS.ratePerSecond);
    d.refilledAt = now;
    if (tokens < 1) {
      d.tokens = tokens;
      return false;
    }
    d.tokens = tokens - 1;
    return true;
  }

  private async apply(socket: { join: (r: string[]) => unknown; leave: (r: string) => unknown; rooms?: Set<string> }, caseId: string, access: ChannelAccess[], previous: Set<string>) {
    const wanted = new Set<string>([room.case(caseId)]);
    for (const a of access) {
      wanted.add(room.read(a.channel.id));
      if (a.canSend) wanted.add(room.send(a.channel.id, a.role));
      if (a.role === 'mediator') wanted.add(room.mediators(caseId));
    }
    for (const r of previous) if (!wanted.has(r)) await socket.leave(r);
    await socket.join([...wanted]);
  }

  @SubscribeMessage('case:join')
  async join(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: { caseId?: unknown }): Promise<JoinCaseAck> {
    if (!body || typeof body.caseId !== 'string' || !UUID.test(body.caseId)) return fail('VALIDATION_FAILED', 'caseId must be a case id', 'caseId');
    const access = await this.mediation.access(socket.data.userId, body.caseId);
    if (!access.length) return fail('NOT_FOUND', 'No such case');
    const wasOnline = access.some((a) => a.role === 'mediator') && !socket.rooms.has(room.mediators(body.caseId));
    await this.apply(socket, body.caseId, access, new Set());
    if (wasOnline) this.server.to(room.case(body.caseId)).emit('presence', { caseId: body.caseId, userId: socket.data.userId, online: true });
    const mediators = await this.server.in(room.mediators(body.caseId)).fetchSockets();
    return { ok: true, channels: await this.mediation.views(socket.data.userId, access), mediatorsOnline: [...new Set(mediators.map((s) => s.data.userId))] };
  }

  @SubscribeMessage('case:leave')
  async leave(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: { caseId?: unknown }) {
    if (!body || typeof body.caseId !== 'string') return;
    const wasMediator = socket.rooms.has(room.mediators(body.caseId));
    const prefix = [room.case(body.caseId), room.mediators(body.caseId)];
    for (const r of [...socket.rooms]) if (prefix.includes(r)) await socket.leave(r);
    if (wasMediator) await this.announceOffline(socket.data.userId, [body.caseId]);
    // Channel rooms of that case are left at the next re-derivation; reads still need the case room.
  }

  @SubscribeMessage('message:send')
  async send(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: SendMessageRequest): Promise<SendMessageAck> {
    const invalid = validateSend(body);
    if (invalid) return invalid;
    if (!this.allow(socket)) return fail('RATE_LIMITED', 'Too many messages; slow down');
    // Membership, as derived by the server for this socket (and updated on every change).
    const role = sendRole(socket, body.channelId);
    if (!role) {
      return socket.rooms.has(room.read(body.channelId)) ? fail('CONFLICT', 'This conversation takes no new messages', 'channelId') : fail('NOT_FOUND', 'No such conversation', 'channelId');
    }
    try {
      const { message, duplicate } = await this.mediation.send({ id: socket.data.userId, name: socket.data.name ?? '' }, role, body);
      // Everyone in the channel but this socket, which has the message in its ack.
      if (!duplicate) socket.to(room.read(body.channelId)).emit('message:new', message);
      return { ok: true, message, duplicate };
    } catch (e) {
      if (e instanceof AppException) return fail(e.code, e.message);
      this.logger.error({ err: e }, 'message:send failed');
      return fail('INTERNAL', 'Not stored; send again');
    }
  }

  @SubscribeMessage('channel:sync')
  async sync(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: { channelId?: unknown; afterSeq?: unknown }): Promise<SyncAck> {
    if (!body || typeof body.channelId !== 'string' || !UUID.test(body.channelId)) return fail('VALIDATION_FAILED', 'channelId must be a channel id', 'channelId');
    if (typeof body.afterSeq !== 'number' || !Number.isInteger(body.afterSeq) || body.afterSeq < 0) return fail('VALIDATION_FAILED', 'afterSeq must be a whole number ≥ 0', 'afterSeq');
    if (!socket.rooms.has(room.read(body.channelId))) return fail('NOT_FOUND', 'No such conversation', 'channelId');
    const messages = await this.mediation.after(body.channelId, body.afterSeq);
    return { ok: true, messages, lastSeq: messages.length ? messages[messages.length - 1].seq : body.afterSeq };
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: { channelId?: unknown; typing?: unknown }) {
    if (!body || typeof body.channelId !== 'string' || typeof body.typing !== 'boolean') return;
    if (!sendRole(socket, body.channelId) || !this.allow(socket)) return;
    socket.to(room.read(body.channelId)).emit('typing', { channelId: body.channelId, userId: socket.data.userId, name: socket.data.name ?? '', typing: body.typing });
  }

  @SubscribeMessage('message:read')
  async read(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: { channelId?: unknown; seq?: unknown }) {
    if (!body || typeof body.channelId !== 'string' || typeof body.seq !== 'number' || !Number.isInteger(body.seq) || body.seq < 0) return;
    if (!socket.rooms.has(room.read(body.channelId))) return;
    await this.mediation.markRead(socket.data.userId, body.channelId, body.seq, this.clock.now());
    this.server.to(room.read(body.channelId)).emit('message:read', { channelId: body.channelId, userId: socket.data.userId, seq: body.seq });
  }

  @SubscribeMessage('message:share')
  async share(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: { messageId?: unknown; toChannelId?: unknown }): Promise<SendMessageAck> {
    if (!body || typeof body.messageId !== 'string' || !UUID.test(body.messageId)) return fail('VALIDATION_FAILED', 'messageId must be a message id', 'messageId');
    if (typeof body.toChannelId !== 'string' || !UUID.test(body.toChannelId)) return fail('VALIDATION_FAILED', 'toChannelId must be a channel id', 'toChannelId');
    try {
      const { message, duplicate } = await this.mediation.share({ id: socket.data.userId, name: socket.data.name ?? '' }, body.messageId, body.toChannelId, { ip: socket.handshake.address, userAgent: socket.handshake.headers['user-agent'] ?? null, requestId: null });
      if (!duplicate) this.server.to(room.read(body.toChannelId)).emit('message:new', message);
      return { ok: true, message, duplicate };
    } catch (e) {
      if (e instanceof AppException) return fail(e.code, e.message, e.fields?.[0]?.field);
      throw e;
    }
  }

  /**
   * WebRTC signalling: only within a channel the socket may send in, and only to the one peer
   * named in `to`, which must be another member of that channel as the server derived it (its
   * sockets are in the channel's room). Only the intended peer rings; others hear nothing.
   */
  @SubscribeMessage('rtc:signal')
  async signal(@ConnectedSocket() socket: MediationSocket, @MessageBody() body: RtcSignal) {
    if (!body || typeof body.channelId !== 'string' || !['offer', 'answer', 'ice', 'hangup'].includes(body.type)) return;
    if (typeof body.to !== 'string' || !UUID.test(body.to) || body.to === socket.data.userId) return;
    if (!sendRole(socket, body.channelId) || JSON.stringify(body.payload ?? null).length > 20_000) return;
    const peers = (await this.server.in(room.read(body.channelId)).fetchSockets()).filter((s) => s.data.userId === body.to);
    for (const peer of peers) peer.emit('rtc:signal', { channelId: body.channelId, to: body.to, type: body.type, payload: body.payload, from: socket.data.userId });
  }

  /** Tells a case that a mediator went offline, unless another of their sockets is still in it. */
  private async announceOffline(userId: string, caseIds: string[]) {
    for (const caseId of caseIds) {
      const still = await this.server.in(room.mediators(caseId)).fetchSockets();
      if (!still.some((s) => s.data.userId === userId)) {
        this.server.to(room.case(caseId)).emit('presence', { caseId, userId, online: false });
      }
    }
  }

  /** Re-derives, for every socket that opened the case, the channels it may use. */
  private async rederive(caseId: string) {
    const sockets = await this.server.in(room.case(caseId)).fetchSockets();
    if (!sockets.length) return;
    const channelIds = await this.mediation.channelIdsOf(caseId);
    const ofCase = (r: string) => r === room.mediators(caseId) || channelIds.some((id) => r === room.read(id) || r.startsWith(`send:${id}:`));
    const byUser = new Map<string, ChannelAccess[]>();
    for (const s of sockets) {
      const userId = s.data.userId;
      const access = byUser.get(userId) ?? (await this.mediation.access(userId, caseId));
      byUser.set(userId, access);
      const previous = new Set([...s.rooms].filter(ofCase));
      if (!access.length) {
        for (const r of previous) s.leave(r);
        s.leave(room.case(caseId));
        s.emit('channels:update', { caseId, channels: [] });
        continue;
      }
      await this.apply(s, caseId, access, previous);
      s.emit('channels:update', { caseId, channels: await this.mediation.views(userId, access) });
    }
  }
}

/** The role this socket may send as in a channel, read from its server-derived rooms. */
function sendRole(socket: { rooms: Set<string> }, channelId: string): 'party' | 'agent' | 'mediator' | null {
  for (const role of ['mediator', 'party', 'agent'] as const) if (socket.rooms.has(room.send(channelId, role))) return role;
  return null;
}

function validateSend(body: SendMessageRequest | undefined): ReturnType<typeof fail> | null {
  if (!body || typeof body !== 'object') return fail('VALIDATION_FAILED', 'A message object is required');
  if (typeof body.channelId !== 'string' || !UUID.test(body.channelId)) return fail('VALIDATION_FAILED', 'channelId must be a channel id', 'channelId');
  if (typeof body.clientId !== 'string' || !UUID.test(body.clientId)) return fail('VALIDATION_FAILED', 'clientId must be a uuid', 'clientId');
  if (typeof body.body !== 'string' || body.body.trim().length === 0) return fail('VALIDATION_FAILED', 'The message is empty', 'body');
  if (body.body.length > MESSAGE_LIMITS.bodyMax) return fail('VALIDATION_FAILED', `At most ${MESSAGE_LIMITS.bodyMax} characters`, 'body');
  if (body.kind !== undefined && (!(MESSAGE_KINDS as readonly string[]).includes(body.kind) || (body.kind as string) === 'system')) return fail('VALIDATION_FAILED', 'Unknown message kind', 'kind');
  if (body.concession !== undefined && typeof body.concession !== 'boolean') return fail('VALIDATION_FAILED', 'concession must be true or false', 'concession');
  if (body.documentId !== undefined && (typeof body.documentId !== 'string' || !UUID.test(body.documentId))) return fail('VALIDATION_FAILED', 'documentId must be a document id', 'documentId');
  const extra = Object.keys(body).filter((k) => !['channelId', 'clientId', 'body', 'kind', 'concession', 'documentId'].includes(k));
  if (extra.length) return fail('VALIDATION_FAILED', `Unknown field ${extra[0]}`, extra[0]);
  return null;
}
