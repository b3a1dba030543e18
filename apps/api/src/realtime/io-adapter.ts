import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { SOCKET_PATH } from '@tiaojie/contracts';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisConnection } from '../redis/redis';
import { answerWithEvent, socketIoRedisKey } from './realtime-emitter';

/**
 * socket.io server options from configuration: the path, and an Origin allow-list checked
 * at the handshake (same origin, or one of CORS_ORIGINS). Clients without an Origin header
 * (mobile apps, server-to-server) still have to authenticate.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    /** Issue #14: instruments the server (socket metrics), outside the handlers. */
    private readonly onServer?: (server: Server) => void,
  ) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions) {
    const allowed = new Set(this.config.corsOrigins);
    const server = super.createIOServer(port, {
      ...options,
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: 1e6,
      cors: { origin: [...allowed], credentials: true },
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        callback(null, isAllowedOrigin(req, allowed));
      },
    });
    // Several API processes share rooms through Redis pub/sub (sticky sessions at the balancer).
    if (this.config.env.REDIS_URL) {
      const pub = redisConnection(this.config.env.REDIS_URL);
      const sub = pub.duplicate();
      this.redisClients.push(pub, sub);
      server.adapter(createAdapter(pub, sub, { key: socketIoRedisKey(this.config.env.QUEUE_PREFIX) }));
    }
    this.onServer?.(server);
    return server;
  }

  /**
   * Binds the gateways' @SubscribeMessage handlers to a socket as plain listeners. Nest's own
   * binding builds an RxJS chain per handler and socket (fromEvent → mergeMap → takeUntil a
   * shared disconnect observable) that lives as long as the socket: with ~10 handlers that is
   * most of an idle socket's memory (TARGETS P4). Same semantics: the handler's result (value,
   * promise or observable, through Nest's `transform`) goes to the ack, or is emitted when it
   * names an `event`; nothing is answered after the socket is gone.
   */
  bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>) {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs fromEvent (Nest's binding) hands it on: several arguments as an array, else the one (or none).
        // The payload is checked by the handler, through the DTO pipe REST uses (common/validation.ts
        // `validateInput`, which applies the rules for all input), once.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        transform(callback(data, ack)).subscribe({
          next: (response) => {
            if (response === null || response === undefined || !socket.connected) return;
            const named = response as { event?: string; data?: unknown };
            if (named.event) {
              answerWithEvent(socket, named.event, named.data);
              return;
            }
            if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (err: unknown) => RealtimeIoAdapter.logger.error({ err, event: message }, 'socket handler failed'),
        });
      });
    }
  }

  private static readonly logger = new Logger('RealtimeIoAdapter');

  async close(server: Parameters<IoAdapter['close']>[0]) {
    await super.close(server);
    await Promise.all(this.redisClients.map((c) => c.quit().catch(() => undefined)));
  }
}

export function isAllowedOrigin(req: IncomingMessage, allowed: Set<string>) {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
