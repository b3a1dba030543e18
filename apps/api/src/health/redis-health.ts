import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisConnection } from '../redis/redis';

/** Issue #14: readiness pings Redis when REDIS_URL is set (queues and the socket.io adapter need it). */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private client: Redis | null = null;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  get configured() {
    return !!this.config.env.REDIS_URL;
  }

  async ping(key: string, timeoutMs: number) {
    const check = this.indicators.check(key);
    const url = this.config.env.REDIS_URL;
    if (!url) return check.up({ configured: false });
    // No offline queue: a ping while Redis is away fails at once instead of waiting for it.
    this.client ??= redisConnection(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: timeoutMs });
    try {
      if (this.client.status === 'wait') await this.client.connect();
      let timer: NodeJS.Timeout | undefined;
      const answer = await Promise.race([this.client.ping(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]).finally(() =>
        clearTimeout(timer),
      );
      return answer === 'PONG' ? check.up() : check.down({ message: String(answer) });
    } catch (e) {
      return check.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }

  async onModuleDestroy() {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}
