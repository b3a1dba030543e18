import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { ServerToClientEvents } from '@tiaojie/contracts';
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
 * The one place services emit socket events from, so who receives what is reviewable here.
 * Rooms are derived on the server: `user:<id>` for one account's sockets. In an API process
 * it emits through the socket.io server (spread to other processes by the Redis adapter);
 * in a worker process, which has no sockets, through the Redis emitter.
 */
@Injectable()
export class RealtimeEmitter implements OnApplicationShutdown {
  private server: Server | null = null;
  private redisEmitter: Emitter | null = null;
  private redis: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

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

  toUser<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    const target = this.target();
    (target?.to(`user:${userId}`) as { emit: (e: string, ...a: unknown[]) => void } | undefined)?.emit(event, ...args);
  }

  /** To every socket the server put in a room (e.g. `channel:<id>`). */
  toRoom<E extends keyof ServerToClientEvents>(roomName: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    const target = this.target();
    (target?.to(roomName) as { emit: (e: string, ...a: unknown[]) => void } | undefined)?.emit(event, ...args);
  }

  /**
   * To the other API processes (not to clients): through the Redis adapter from an API process,
   * through the Redis emitter from a worker. Nothing without REDIS_URL (one process).
   */
  toServers(event: string, ...args: unknown[]) {
    if (!this.config.env.REDIS_URL) return;
    if (this.server) this.server.serverSideEmit(event, ...args);
    else this.target()?.serverSideEmit(event, ...args);
  }

  async onApplicationShutdown() {
    await this.redis?.quit().catch(() => undefined);
  }
}
