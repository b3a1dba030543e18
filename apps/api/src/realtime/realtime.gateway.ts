import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { ClientToServerEvents, ServerToClientEvents } from '@tiaojie/contracts';
import { parse as parseCookies } from 'cookie';
import type { Server, Socket } from 'socket.io';
import { ACCESS_COOKIE } from '../accounts/auth.guard';
import { SessionEvents, type SessionEndReason } from '../accounts/session-events';
import { TokensService } from '../accounts/tokens.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { RealtimeEmitter } from './realtime-emitter';

export interface SocketData {
  userId: string;
  name: string;
  sessionId: string;
  sessionExpiresAt: Date;
}

type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The one socket.io gateway. A connection is authenticated at the handshake with the same
 * session as the web (cookie, or `auth.token` for API clients); anonymous ones are refused.
 * Each socket joins its account's and its session's rooms, derived on the server (the
 * emitter's, realtime/realtime-emitter.ts), and never a room the client names.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly tokens: TokensService,
    private readonly sessions: SessionEvents,
    private readonly clock: Clock,
    private readonly emitter: RealtimeEmitter,
  ) {}

  afterInit(server: RealtimeServer) {
    this.emitter.attach(server);
    server.use((socket, next) => {
      const token = tokenFromHandshake(socket);
      if (!token) return next(handshakeError('UNAUTHENTICATED'));
      this.tokens
        .authenticate(token)
        .then((auth) => {
          socket.data = { userId: auth.userId, name: auth.user.name, sessionId: auth.sessionId, sessionExpiresAt: auth.sessionExpiresAt };
          next();
        })
        .catch((e) => next(handshakeError(e instanceof AppException ? e.code : 'UNAUTHENTICATED')));
    });
    this.sessions.on('session-ended', ({ sessionId, reason }: { sessionId: string; reason: SessionEndReason }) => this.emitter.endSessions({ sessionId }, reason));
    this.sessions.on('user-sessions-ended', ({ userId, reason }: { userId: string; reason: SessionEndReason }) => this.emitter.endSessions({ userId }, reason));
  }

  async handleConnection(socket: RealtimeSocket) {
    const { userId, sessionExpiresAt } = socket.data;
    await this.emitter.joinAccount(socket);
    const ms = sessionExpiresAt.getTime() - this.clock.now().getTime();
    const timer = setTimeout(
      () => {
        this.emitter.toSocket(socket, 'session:ended', { reason: 'expired' });
        socket.disconnect(true);
      },
      Math.max(0, Math.min(ms, MAX_TIMER_MS)),
    );
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
    this.emitter.toSocket(socket, 'session:ready', { userId, serverTime: this.clock.now().toISOString() });
  }

  handleDisconnect(socket: RealtimeSocket) {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
  }

  @SubscribeMessage('session:ping')
  ping() {
    return { serverTime: this.clock.now().toISOString() };
  }
}

function tokenFromHandshake(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth;
  const cookieHeader = socket.handshake.headers.cookie;
  return cookieHeader ? parseCookies(cookieHeader)[ACCESS_COOKIE] : undefined;
}

/** socket.io passes `data` to the client's `connect_error`, so it can tell why. */
function handshakeError(code: string) {
  const err = new Error(code) as Error & { data?: unknown };
  err.data = { code };
  return err;
}
