import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { ChannelView, ServerToClientEvents } from '@tiaojie/contracts';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { AppConfig } from '../config/app-config';
import { redisConnection } from '../redis/redis';

/**
 * The Redis channel prefix of the socket.io adapter and emitter: QUEUE_PREFIX separates
 * deployments (and test or bench runs) sharing one Redis — pub/sub channels ignore the DB index.
 */
export const socketIoRedisKey = (prefix: string) => `${prefix}:socket.io`;

/**
 * Rooms, all derived on the server and joined only here, for delivery only (R15): every event a
 * socket sends is checked against the database at that moment (`MediationService.rightIn`),
 * never against them. A client never names a room.
 *   user:<id>            every socket of one account: its in-app notices, its sessions ending
 *   session:<id>         the sockets of one session: that session ending
 *   case:<id>            sockets that opened the case: mediators' presence
 *   channel:<id>         sockets that may read the channel (R15: a party reads its own caucus and
 *                        the open joint channel, never another party's caucus): its messages,
 *                        read marks, typing, joint calls
 *   mediators:<caseId>   the case's mediators online: whom presence reports
 */
const room = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  case: (id: string) => `case:${id}`,
  channel: (id: string) => `channel:${id}`,
  mediators: (caseId: string) => `mediators:${caseId}`,
};
const MEDIATORS = room.mediators('');

/** Between the API processes and the worker, never to a client: a case changed (R15). */
const CASE_CHANGED = 'tiaojie:case-changed';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Event = keyof ServerToClientEvents;
type Args<E extends Event> = Parameters<ServerToClientEvents[E]>;
type Emits = { emit(event: string, ...args: unknown[]): unknown };

/** A socket as the emitter handles it: one of this process, or one fetched from a room. */
export interface RoomSocket extends Emits {
  data: { userId: string; sessionId?: string };
  rooms: Set<string>;
  join(rooms: string | string[]): unknown;
  leave(room: string): unknown;
}

/** A socket of this process, which can broadcast to a room without itself. */
export interface LocalSocket extends RoomSocket {
  to(room: string): Emits;
}

/** The channels of a case one account may use now (R15), as `MediationService.access` answers. */
export interface CaseSeat {
  channelIds: string[];
  /** A mediator of the case: also in its mediators room (presence). */
  mediator: boolean;
}

/**
 * Issue #12: the one place that names rooms, puts sockets in them and emits socket events, so
 * who receives what is reviewable here (the architecture spec fails on an emit or a room name
 * anywhere else). Gateways check each event against the database and answer its ack; what
 * reaches other sockets goes through these methods. In an API process it emits through the
 * socket.io server (spread to other processes by the Redis adapter); in a worker process,
 * which has no sockets, through the Redis emitter.
 */
@Injectable()
export class RealtimeEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeEmitter.name);
  private server: Server | null = null;
  private redisEmitter: Emitter | null = null;
  private redis: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  /** The process's socket.io server; each gateway hands it over when it starts (the same one). */
  attach(server: Server) {
    this.server = server;
  }

  private target() {
    if (this.server) return this.server;
    if (!this.redisEmitter && this.config.env.REDIS_URL) {
      this.redis = redisConnection(this.config.env.REDIS_URL);
      this.redisEmitter = new Emitter(this.redis, { key: socketIoRedisKey(this.config.env.QUEUE_PREFIX) });
    }
    return this.redisEmitter;
  }

  private toRoom<E extends Event>(roomName: string, event: E, ...args: Args<E>) {
    const target = this.target();
    (target?.to(roomName) as Emits | undefined)?.emit(event, ...args);
  }

  // ── Who receives what ──────────────────────────────────────────────────────────────────

  /** Every socket of one account, on any process (in-app notices). */
  toUser<E extends Event>(userId: string, event: E, ...args: Args<E>) {
    this.toRoom(room.user(userId), event, ...args);
  }

  /** R15: every socket that may read the channel now, on any process (its messages, read marks, joint calls). */
  toChannel<E extends Event>(channelId: string, event: E, ...args: Args<E>) {
    this.toRoom(room.channel(channelId), event, ...args);
  }

  /** As `toChannel`, but not to `socket` itself (the sender, which has its message in the ack; typing). */
  toChannelBut<E extends Event>(socket: LocalSocket, channelId: string, event: E, ...args: Args<E>) {
    socket.to(room.channel(channelId)).emit(event, ...args);
  }

  /** R15: only the sockets of account `userId` that may read the channel now (WebRTC signalling to one peer). */
  async toReaderOf<E extends Event>(channelId: string, userId: string, event: E, ...args: Args<E>) {
    if (!this.server) return;
    const peers = (await this.server.in(room.channel(channelId)).fetchSockets()).filter((s) => s.data.userId === userId);
    for (const peer of peers) peer.emit(event, ...args);
  }

  /** Every socket that opened the case (a mediator's presence). */
  toCase<E extends Event>(caseId: string, event: E, ...args: Args<E>) {
    this.toRoom(room.case(caseId), event, ...args);
  }

  /** One socket (its session ready or expired, the channels it may use now). */
  toSocket<E extends Event>(socket: Emits, event: E, ...args: Args<E>) {
    socket.emit(event, ...args);
  }

  /**
   * Sessions ended (logout, disabled account): every socket of the session, or of the account,
   * on any process, is told and disconnected.
   */
  endSessions(of: { sessionId: string } | { userId: string }, reason: Args<'session:ended'>[0]['reason']) {
    if (!this.server) return;
    const ended = 'sessionId' in of ? room.session(of.sessionId) : room.user(of.userId);
    this.server.to(ended).emit('session:ended', { reason });
    this.server.in(ended).disconnectSockets(true);
    this.logger.debug({ room: ended, reason }, 'sockets disconnected');
  }

  /**
   * Tells the other API processes (not clients) that a case changed, so each re-derives its own
   * sockets' rooms (R15): through the Redis adapter from an API process, through the Redis
   * emitter from a worker. Nothing without REDIS_URL (one process).
   */
  caseChangedToServers(caseId: string) {
    if (!this.config.env.REDIS_URL) return;
    if (this.server) this.server.serverSideEmit(CASE_CHANGED, caseId);
    else this.target()?.serverSideEmit(CASE_CHANGED, caseId);
  }

  /** On an API process (after `attach`): a case changed in another process. */
  onCaseChangedElsewhere(listener: (caseId: string) => void) {
    this.server?.on(CASE_CHANGED, (caseId: unknown) => {
      if (typeof caseId === 'string' && UUID.test(caseId)) listener(caseId);
    });
  }

  // ── Rooms ──────────────────────────────────────────────────────────────────────────────

  /** An authenticated socket joins its account's and its session's rooms. */
  async joinAccount(socket: RoomSocket & { data: { sessionId: string } }) {
    await socket.join([room.user(socket.data.userId), room.session(socket.data.sessionId)]);
  }

  /**
   * R15: the socket holds exactly the case's rooms `seat` gives it — the case, each channel it
   * may read, the mediators' room for a mediator — and leaves those of `previous` it no longer may.
   */
  async seat(socket: RoomSocket, caseId: string, seat: CaseSeat, previous: Set<string> = new Set()) {
    const wanted = new Set<string>([room.case(caseId)]);
    for (const id of seat.channelIds) wanted.add(room.channel(id));
    if (seat.mediator) wanted.add(room.mediators(caseId));
    for (const r of previous) if (!wanted.has(r)) await socket.leave(r);
    await socket.join([...wanted]);
  }

  /** R15: the socket leaves every room of the case, its channels' too: nothing more of it reaches this socket. */
  async leaveCase(socket: RoomSocket, caseId: string, channelIds: string[]) {
    const ofCase = new Set([room.case(caseId), room.mediators(caseId), ...channelIds.map(room.channel)]);
    for (const r of [...socket.rooms]) if (ofCase.has(r)) await socket.leave(r);
  }

  /** Whether the socket is in the case's mediators room. */
  isMediatorOn(socket: RoomSocket, caseId: string) {
    return socket.rooms.has(room.mediators(caseId));
  }

  /** The cases whose mediators room the socket is in (read while it still has them, on `disconnecting`). */
  mediatorCasesOf(socket: RoomSocket) {
    return [...socket.rooms].filter((r) => r.startsWith(MEDIATORS)).map((r) => r.slice(MEDIATORS.length));
  }

  /** The accounts of the case's mediator sockets online, on any process (one per socket). */
  async mediatorsOnline(caseId: string): Promise<string[]> {
    if (!this.server) return [];
    return (await this.server.in(room.mediators(caseId)).fetchSockets()).map((s) => (s.data as RoomSocket['data']).userId);
  }

  /**
   * R15: re-seats every socket of this process that holds any room of the case (not only those
   * still in the case room): `seatOf` answers for the account of a socket that has the case
   * open, with the channels it may use now and what its `channels:update` lists; nothing (or a
   * socket that no longer has the case open) keeps none of the case's rooms.
   */
  async reseatCase(caseId: string, channelIds: string[], seatOf: (userId: string) => Promise<(CaseSeat & { views: () => Promise<ChannelView[]> }) | null>) {
    if (!this.server) return;
    const ofCase = new Set([room.case(caseId), room.mediators(caseId), ...channelIds.map(room.channel)]);
    const sockets = await this.server.local.in([...ofCase]).fetchSockets();
    // One read of an account's right per reseat, however many of its sockets (tabs, devices) are open.
    const seats = new Map<string, ReturnType<typeof seatOf>>();
    for (const s of sockets) {
      const opened = s.rooms.has(room.case(caseId));
      const userId = (s.data as RoomSocket['data']).userId;
      if (opened && !seats.has(userId)) seats.set(userId, seatOf(userId));
      const seat = opened ? await seats.get(userId) : null;
      const previous = new Set([...s.rooms].filter((r) => ofCase.has(r) && r !== room.case(caseId)));
      if (!seat) {
        for (const r of [...previous, room.case(caseId)]) s.leave(r);
        if (opened) s.emit('channels:update', { caseId, channels: [] });
        continue;
      }
      await this.seat(s, caseId, seat, previous);
      s.emit('channels:update', { caseId, channels: await seat.views() });
    }
  }

  async onApplicationShutdown() {
    await this.redis?.quit().catch(() => undefined);
  }
}

/**
 * A handler's result that names an `event` goes back to the socket that sent the message, as
 * Nest's own binding does (realtime/io-adapter.ts).
 */
export function answerWithEvent(socket: Emits, event: string, data: unknown) {
  socket.emit(event, data);
}
