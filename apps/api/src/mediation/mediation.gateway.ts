import { Logger, type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  MESSAGE_LIMITS,
  type ClientToServerEvents,
  type EventRefusal,
  type FieldError,
  type JoinCaseAck,
  type JointCallAck,
  type JointCallState,
  type SendMessageAck,
  type ServerToClientEvents,
  type SyncAck,
} from '@tiaojie/contracts';
import type { Server, Socket } from 'socket.io';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { validateInput } from '../common/validation';
import { RealtimeEmitter, type CaseSeat } from '../realtime/realtime-emitter';
import { CaseChanges } from '../cases/case-changes';
import { JointCallsService } from './joint-calls.service';
import { MediationService, type ChannelAccess } from './mediation.service';
import { CallConsentDto, ChannelEventDto, ChannelSyncDto, JoinCaseDto, MessageReadDto, RtcSignalDto, SendMessageDto, ShareMessageDto, TypingDto } from './messages.dto';

interface SocketData {
  userId: string;
  sessionId: string;
  name?: string;
  /** Token bucket for flood control. */
  tokens?: number;
  refilledAt?: number;
  /** The last `message:send` of this socket not yet queued for storing; the next one waits for it (order per sender). */
  sendTail?: Promise<void>;
  /** Send rights this socket used, as checked in the database; see `MediationGateway.guard`. Absent on an idle socket. */
  rights?: Map<string, CachedRight>;
}

/** A send right as the database answered it, valid only while its case has not changed since (R15). */
interface CachedRight {
  caseId: string;
  role: 'party' | 'agent' | 'mediator';
  canSend: boolean;
  generation: number;
  epoch: number;
  checkedAt: number;
}

/** A cached send right is re-checked after this long even without a change (a lost cross-process notice). */
const RIGHT_TTL_MS = 30_000;
const RIGHTS_PER_SOCKET = 32;
const EPOCHS_KEPT = 10_000;
type MediationServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type MediationSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The rooms an account's access gives its socket in a case (R15); the rooms themselves, and who
 * receives what through them, are the emitter's (realtime/realtime-emitter.ts).
 */
function seatOf(access: ChannelAccess[]): CaseSeat {
  return { channelIds: access.map((a) => a.channel.id), mediator: access.some((a) => a.role === 'mediator') };
}

function fail(code: string, message: string, field?: string, fields?: FieldError[]): EventRefusal {
  return { ok: false as const, code, message, ...(field ? { field } : {}), ...(fields ? { fields } : {}) };
}

/**
 * An event's payload as its DTO (messages.dto.ts), validated as REST validates a body (issue #12),
 * or the refusal to ack: every field with its constraint, the first also as `field`.
 */
async function payload<T extends object>(dto: new () => T, body: unknown): Promise<{ value: T } | { refused: EventRefusal }> {
  const checked = await validateInput(dto, body);
  if (checked.ok) return { value: checked.value };
  const [first] = checked.fields;
  return { refused: fail('VALIDATION_FAILED', first?.message ?? 'Some fields are invalid', first?.field || undefined, checked.fields) };
}

/**
 * Real-time separate sessions. The handshake is authenticated by RealtimeGateway; here every
 * event that names a channel goes through `guard`, which asks the database at that moment
 * whether this account may read (or send in) the channel — case state, joint open or closed,
 * current membership (R15). Delivery goes by rooms; they are re-derived whenever a case changes
 * (a committed transaction) for every socket holding any room of the case, on every API
 * process, so a removed mediator or agent stops receiving at once.
 */
@WebSocketGateway()
export class MediationGateway implements OnGatewayInit, OnModuleInit {
  private readonly logger = new Logger(MediationGateway.name);

  @WebSocketServer()
  server!: MediationServer;

  /**
   * Per process: bumped, synchronously, for a case each time it changes (a commit here, or a
   * notice from another process), which invalidates every socket's cached right on that case at
   * once. `changes` counts every change, so a check that overlapped one is not cached;
   * `generation` drops all epochs at once when the map grows too large.
   */
  private readonly epochs = new Map<string, number>();
  private changeCount = 0;
  private generation = 0;

  constructor(
    private readonly mediation: MediationService,
    private readonly jointCalls: JointCallsService,
    private readonly changes: CaseChanges,
    private readonly clock: Clock,
    private readonly emitter: RealtimeEmitter,
  ) {}

  /**
   * Every committed change of a case reaches every API process (R15): here at once, the others
   * through Redis. This also runs in a worker process (no socket server; its deadline scans
   * change cases too), which only tells the API processes.
   */
  onModuleInit() {
    this.changes.on('changed', (caseId: string) => {
      if (this.server) this.changed(caseId);
      this.emitter.caseChangedToServers(caseId);
    });
  }

  private changed(caseId: string) {
    this.invalidate(caseId);
    void this.rederive(caseId).catch((err) => this.logger.error({ err, caseId }, 'membership update failed'));
  }

  afterInit(server: MediationServer) {
    this.emitter.attach(server as unknown as Server);
    // Presence: read a socket's case rooms while it still has them (`disconnecting`); by the
    // `disconnect` event socket.io has already taken it out of every room.
    server.on('connection', (socket: MediationSocket) => {
      socket.on('disconnecting', () => {
        const cases = this.emitter.mediatorCasesOf(socket);
        if (cases.length) setImmediate(() => void this.announceOffline(socket.data.userId, cases).catch((err) => this.logger.warn({ err }, 'presence update failed')));
      });
    });
    // Changes committed by another process (API or worker) re-derive this process's sockets.
    this.emitter.onCaseChangedElsewhere((caseId) => this.changed(caseId));
  }

  private invalidate(caseId: string) {
    this.changeCount++;
    if (this.epochs.size >= EPOCHS_KEPT && !this.epochs.has(caseId)) {
      this.epochs.clear();
      this.generation++;
    }
    this.epochs.set(caseId, (this.epochs.get(caseId) ?? 0) + 1);
  }

  /**
   * R15: the one check every socket event naming a channel goes through, against the database
   * (state of the case and channel, membership) — the same answer REST gives. Reads and calls
   * ask the database every time. For sending and typing (the hot path: one round trip per
   * message) the answer is kept on the socket until the case next changes — every change bumps
   * the case's epoch on every API process, at commit on this one — or for RIGHT_TTL_MS at most.
   */
  private async guard(socket: MediationSocket, channelId: string, need: 'read' | 'send'): Promise<{ refused: ReturnType<typeof fail> } | { role: CachedRight['role'] }> {
    if (need === 'send') {
      const cached = socket.data.rights?.get(channelId);
      if (cached && cached.generation === this.generation && cached.epoch === (this.epochs.get(cached.caseId) ?? 0) && Date.now() - cached.checkedAt < RIGHT_TTL_MS) {
        return cached.canSend ? { role: cached.role } : { refused: fail('CONFLICT', 'This conversation takes no new messages', 'channelId') };
      }
    }
    const before = this.changeCount;
    const access = await this.mediation.rightIn(socket.data.userId, channelId);
    const rights = socket.data.rights;
    rights?.delete(channelId);
    if (!access) return { refused: fail('NOT_FOUND', 'No such conversation', 'channelId') };
    if (need === 'send' && this.changeCount === before) this.remember(socket, [access]);
    if (need === 'send' && !access.canSend) return { refused: fail('CONFLICT', 'This conversation takes no new messages', 'channelId') };
    return { role: access.role };
  }

  /** Keeps rights as the database answered them at this change count (see `guard`). */
  private remember(socket: MediationSocket, access: ChannelAccess[]) {
    const checkedAt = Date.now();
    for (const a of access) {
      const rights = socket.data.rights;
      const map = rights && rights.size < RIGHTS_PER_SOCKET ? rights : (socket.data.rights = new Map());
      const caseId = a.channel.caseId;
      map.set(a.channel.id, { caseId, role: a.role, canSend: a.canSend, generation: this.generation, epoch: this.epochs.get(caseId) ?? 0, checkedAt });
    }
  }

  private meta(socket: MediationSocket): RequestMeta {
    return { ip: socket.handshake.address, userAgent: socket.handshake.headers['user-agent'] ?? null, requestId: null };
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

  @SubscribeMessage('case:join')
  async join(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown): Promise<JoinCaseAck> {
    const input = await payload(JoinCaseDto, raw);
    if ('refused' in input) return input.refused;
    const body = input.value;
    const before = this.changeCount;
    const access = await this.mediation.access(socket.data.userId, body.caseId);
    if (!access.length) return fail('NOT_FOUND', 'No such case');
    // The rights just read are the send rights `guard` would read for this socket's first message:
    // kept on the same terms (dropped at the case's next change, on every process), unless the
    // case changed while they were read (issue #15: one query less on a message's path).
    if (this.changeCount === before) this.remember(socket, access);
    const seat = seatOf(access);
    const wasOnline = seat.mediator && !this.emitter.isMediatorOn(socket, body.caseId);
    await this.emitter.seat(socket, body.caseId, seat);
    if (wasOnline) this.emitter.toCase(body.caseId, 'presence', { caseId: body.caseId, userId: socket.data.userId, online: true });
    const mediators = await this.emitter.mediatorsOnline(body.caseId);
    return { ok: true, channels: await this.mediation.views(socket.data.userId, access), mediatorsOnline: [...new Set(mediators)] };
  }

  @SubscribeMessage('case:leave')
  async leave(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown) {
    const input = await payload(JoinCaseDto, raw);
    if ('refused' in input) return;
    const body = input.value;
    const wasMediator = this.emitter.isMediatorOn(socket, body.caseId);
    // R15: every room of the case, its channels' too: nothing more of it reaches this socket.
    await this.emitter.leaveCase(socket, body.caseId, await this.mediation.channelIdsOf(body.caseId));
    for (const [id, right] of socket.data.rights ?? []) if (right.caseId === body.caseId) socket.data.rights?.delete(id);
    if (wasMediator) await this.announceOffline(socket.data.userId, [body.caseId]);
  }

  @SubscribeMessage('message:send')
  async send(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown): Promise<SendMessageAck> {
    const input = await payload(SendMessageDto, raw);
    if ('refused' in input) return input.refused;
    const body = input.value;
    if (!this.allow(socket)) return fail('RATE_LIMITED', 'Too many messages; slow down');
    const turn = this.turn(socket);
    try {
      await turn.wait;
      const checked = await this.guard(socket, body.channelId, 'send');
      if ('refused' in checked) return checked.refused;
      const { message, duplicate } = await this.mediation.send({ id: socket.data.userId, name: socket.data.name ?? '' }, checked.role, body, { queued: turn.done });
      // Everyone in the channel but this socket, which has the message in its ack. A retry is pushed
      // again: its first push may never have left (a crash between the commit and the emit), and
      // clients merge by seq, so live delivery is at least once and display exactly once. Always to
      // the stored message's channel: a retry naming another channel must not carry it there (R15).
      this.emitter.toChannelBut(socket, message.channelId, 'message:new', message);
      return { ok: true, message, duplicate };
    } catch (e) {
      if (e instanceof AppException) return fail(e.code, e.message, e.fields?.[0]?.field, e.fields);
      this.logger.error({ err: e }, 'message:send failed');
      return fail('INTERNAL', 'Not stored; send again');
    } finally {
      turn.done();
    }
  }

  /**
   * A socket's messages are checked (each its own access check, some from the database, some
   * from the cache) and queued for storing one after the other, so the sequence numbers follow
   * the order the sender sent them in; storing itself is grouped across sockets (message-store.ts).
   */
  private turn(socket: MediationSocket): { wait: Promise<void> | undefined; done: () => void } {
    const wait = socket.data.sendTail;
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    socket.data.sendTail = mine;
    void mine.then(() => {
      if (socket.data.sendTail === mine) socket.data.sendTail = undefined;
    });
    return { wait, done };
  }

  @SubscribeMessage('channel:sync')
  async sync(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown): Promise<SyncAck> {
    const input = await payload(ChannelSyncDto, raw);
    if ('refused' in input) return input.refused;
    const body = input.value;
    // R15 checked now; R19: the read is in the case access log, allowed or refused.
    try {
      await this.mediation.readChannel(socket.data.userId, body.channelId, 'sync_channel', socket.handshake.address);
    } catch (e) {
      if (e instanceof AppException) return fail(e.code, e.message, 'channelId');
      throw e;
    }
    const messages = await this.mediation.after(body.channelId, body.afterSeq);
    return { ok: true, messages, lastSeq: messages.length ? messages[messages.length - 1].seq : body.afterSeq };
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown) {
    const input = await payload(TypingDto, raw);
    if ('refused' in input) return;
    const body = input.value;
    if (!this.allow(socket) || 'refused' in (await this.guard(socket, body.channelId, 'send'))) return;
    this.emitter.toChannelBut(socket, body.channelId, 'typing', { channelId: body.channelId, userId: socket.data.userId, name: socket.data.name ?? '', typing: body.typing });
  }

  @SubscribeMessage('message:read')
  async read(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown) {
    const input = await payload(MessageReadDto, raw);
    if ('refused' in input) return;
    const body = input.value;
    if ('refused' in (await this.guard(socket, body.channelId, 'read'))) return;
    await this.mediation.markRead(socket.data.userId, body.channelId, body.seq, this.clock.now());
    this.emitter.toChannel(body.channelId, 'message:read', { channelId: body.channelId, userId: socket.data.userId, seq: body.seq });
  }

  @SubscribeMessage('message:share')
  async share(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown): Promise<SendMessageAck> {
    const input = await payload(ShareMessageDto, raw);
    if ('refused' in input) return input.refused;
    const body = input.value;
    try {
      const { message, duplicate } = await this.mediation.share({ id: socket.data.userId, name: socket.data.name ?? '' }, body.messageId, body.toChannelId, this.meta(socket));
      this.emitter.toChannel(message.channelId, 'message:new', message); // a retry too, to its stored channel, as for message:send
      return { ok: true, message, duplicate };
    } catch (e) {
      if (e instanceof AppException) return fail(e.code, e.message, e.fields?.[0]?.field, e.fields);
      throw e;
    }
  }

  /**
   * WebRTC signalling (R15), relayed only to the one peer named in `to`. Both ends are checked
   * now: the sender may send in the channel and `to` may read it. Calls are between a party (or
   * agent) and a mediator; two non-mediators may signal each other only in the joint channel,
   * during the joint call a mediator started, once each of them consented to it.
   */
  @SubscribeMessage('rtc:signal')
  async signal(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown) {
    const input = await payload(RtcSignalDto, raw);
    if ('refused' in input) return;
    const body = input.value;
    if (body.to === socket.data.userId) return;
    if (JSON.stringify(body.payload ?? null).length > 20_000) return;
    // Checked fresh (not the cached send right): the joint call's consents are part of the answer.
    const [from, to] = await Promise.all([this.mediation.rightIn(socket.data.userId, body.channelId), this.mediation.rightIn(body.to, body.channelId)]);
    if (!from?.canSend || !to) return;
    if (from.role !== 'mediator' && to.role !== 'mediator') {
      const call = from.channel.kind === 'joint' ? from.channel.jointCall : null;
      if (!call || !call.consented.includes(socket.data.userId) || !call.consented.includes(body.to)) return;
    }
    await this.emitter.toReaderOf(body.channelId, body.to, 'rtc:signal', { channelId: body.channelId, to: body.to, type: body.type, payload: body.payload, from: socket.data.userId });
  }

  /** R15, mediator: starts a joint call in the open joint channel; the parties in it are asked to consent. */
  @SubscribeMessage('call:start')
  async callStart(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown): Promise<JointCallAck> {
    const input = await payload(ChannelEventDto, raw);
    if ('refused' in input) return input.refused;
    const { channelId } = input.value;
    return this.callAck(async () => {
      const call = await this.jointCalls.startJointCall(socket.data.userId, channelId, this.meta(socket));
      this.emitter.toChannel(channelId, 'call:joint', { channelId, callId: call.callId, call });
      return call;
    });
  }

  /** R15, party or agent: consents to the joint call in progress. */
  @SubscribeMessage('call:consent')
  async callConsent(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown): Promise<JointCallAck> {
    const input = await payload(CallConsentDto, raw);
    if ('refused' in input) return input.refused;
    const { channelId, callId } = input.value;
    return this.callAck(async () => {
      const call = await this.jointCalls.consentJointCall(socket.data.userId, channelId, callId, this.meta(socket));
      this.emitter.toChannel(channelId, 'call:joint', { channelId, callId: call.callId, call });
      return call;
    });
  }

  /** R15, mediator: ends the joint call. */
  @SubscribeMessage('call:end')
  async callEnd(@ConnectedSocket() socket: MediationSocket, @MessageBody() raw: unknown): Promise<JointCallAck> {
    const input = await payload(ChannelEventDto, raw);
    if ('refused' in input) return input.refused;
    const { channelId } = input.value;
    return this.callAck(async () => {
      await this.jointCalls.endJointCall(socket.data.userId, channelId);
      this.emitter.toChannel(channelId, 'call:joint', { channelId, callId: null, call: null });
      return null;
    });
  }

  private async callAck(work: () => Promise<JointCallState | null>): Promise<JointCallAck> {
    try {
      return { ok: true, call: await work() };
    } catch (e) {
      if (e instanceof AppException) return fail(e.code, e.message, e.fields?.[0]?.field, e.fields);
      this.logger.error({ err: e }, 'joint call event failed');
      return fail('INTERNAL', 'Try again');
    }
  }

  /** Tells a case that a mediator went offline, unless another of their sockets is still in it. */
  private async announceOffline(userId: string, caseIds: string[]) {
    for (const caseId of caseIds) {
      const still = await this.emitter.mediatorsOnline(caseId);
      if (!still.includes(userId)) {
        this.emitter.toCase(caseId, 'presence', { caseId, userId, online: false });
      }
    }
  }

  /**
   * Re-derives, for every socket on this process that holds any room of the case (not only those
   * still in the case room), the channels it may use: a socket that left the case, or lost it,
   * keeps none of its rooms (R15). Every process does this for its own sockets.
   */
  private async rederive(caseId: string) {
    const channelIds = await this.mediation.channelIdsOf(caseId);
    const byUser = new Map<string, ChannelAccess[]>();
    await this.emitter.reseatCase(caseId, channelIds, async (userId) => {
      const access = byUser.get(userId) ?? (await this.mediation.access(userId, caseId));
      byUser.set(userId, access);
      return access.length ? { ...seatOf(access), views: () => this.mediation.views(userId, access) } : null;
    });
  }
}
