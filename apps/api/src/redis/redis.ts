import { Redis, type RedisOptions } from 'ioredis';

/** A Redis connection for BullMQ and the socket.io adapter (BullMQ needs maxRetriesPerRequest null). */
export function redisConnection(url: string, options: RedisOptions = {}) {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
}
