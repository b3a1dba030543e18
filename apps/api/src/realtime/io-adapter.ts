import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { SOCKET_PATH } from '@tiaojie/contracts';
import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisConnection } from '../redis/redis';

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
      server.adapter(createAdapter(pub, sub));
    }
    return server;
  }

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
