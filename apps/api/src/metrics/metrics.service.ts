import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLIENT_EVENTS, QUEUES } from '@tiaojie/contracts';
import { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { redisConnection } from '../redis/redis';

/** The pg Pool's counters (TypeORM's PostgreSQL driver keeps it as `master`); absent on PGlite. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

const FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Issue #14: the Prometheus series of one API process, in a registry of its own (tests run
 * several applications in one process). Counters and histograms are updated where things
 * happen, with one call each; the gauges that need a query (outbox, queue, pool) are read
 * when /api/metrics is scraped, never on a request path.
 */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();
  private queue: { queue: Queue; connection: ReturnType<typeof redisConnection> } | null = null;

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: FAST,
    registers: [this.registry],
  });
  readonly socketConnections = new Gauge({ name: 'socket_connections', help: 'Open socket.io connections on this process', registers: [this.registry] });
  readonly socketEvents = new Counter({ name: 'socket_events_total', help: 'socket.io events received, by event name', labelNames: ['event'] as const, registers: [this.registry] });
  readonly messageSend = new Histogram({
    name: 'message_send_duration_seconds',
    help: 'message:send from receipt to acknowledgement (stored, fanned out)',
    buckets: FAST,
    registers: [this.registry],
  });
  readonly deadlineScan = new Histogram({
    name: 'deadline_scan_duration_seconds',
    help: 'Duration of one deadline scan',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly deadlineScanLastSuccess = new Gauge({ name: 'deadline_scan_last_success_timestamp_seconds', help: 'Unix time the last deadline scan finished without error', registers: [this.registry] });
  readonly deadlineScanFailures = new Counter({ name: 'deadline_scan_failures_total', help: 'Deadline scans that threw', registers: [this.registry] });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const metrics = { config: this.config, db: this.db, outbox: () => this.outbox(), notificationQueue: () => this.notificationQueue() };
    new Gauge({
      name: 'deadline_scan_interval_seconds',
      help: 'Configured seconds between deadline scans (0: off in this process)',
      registers: [this.registry],
      collect() {
        this.set(metrics.config.env.DEADLINE_SCAN_SECONDS);
      },
    });
    new Gauge({
      name: 'outbox_pending',
      help: 'Outbox notices not yet sent, by status',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const { counts } = await metrics.outbox();
        for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Seconds the oldest due, unsent notice has waited (0: none)',
      registers: [this.registry],
      async collect() {
        this.set((await metrics.outbox()).oldestAge);
      },
    });
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting clients; max)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = (metrics.db.driver as unknown as { master?: PgPool }).master;
        if (!pool || typeof pool.totalCount !== 'number') return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
        if (pool.options?.max) this.set({ state: 'max' }, pool.options.max);
      },
    });
    if (config.env.REDIS_URL) {
      new Gauge({
        name: 'bullmq_queue_jobs',
        help: 'BullMQ jobs by queue and state',
        labelNames: ['queue', 'state'] as const,
        registers: [this.registry],
        async collect() {
          const counts = await metrics.notificationQueue().getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'completed');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: QUEUES.notifications, state }, n);
        },
      });
    }
  }

  private outboxRead: Promise<{ counts: Record<string, number>; oldestAge: number }> | null = null;

  /** One query per scrape for both outbox gauges (prom-client collects them concurrently). */
  private outbox() {
    this.outboxRead ??= this.readOutbox().finally(() => (this.outboxRead = null));
    return this.outboxRead;
  }

  private async readOutbox() {
    const now = this.clock.now();
    const rows: Array<{ status: string; n: number; oldest: Date | null }> = await this.db.query(
      "SELECT status, count(*)::int AS n, min(next_attempt_at) FILTER (WHERE next_attempt_at <= $1) AS oldest FROM notification WHERE status IN ('pending', 'queued', 'sending') GROUP BY status",
      [now],
    );
    const counts = Object.fromEntries(['pending', 'queued', 'sending'].map((status) => [status, rows.find((r) => r.status === status)?.n ?? 0]));
    const oldest = Math.min(...rows.map((r) => (r.oldest ? new Date(r.oldest).getTime() : Infinity)));
    return { counts, oldestAge: Number.isFinite(oldest) ? Math.max(0, (now.getTime() - oldest) / 1000) : 0 };
  }

  /** A read-only handle on the notification queue (the dispatcher owns the producing one). */
  private notificationQueue() {
    if (!this.queue) {
      const connection = redisConnection(this.config.env.REDIS_URL ?? '');
      this.queue = { connection, queue: new Queue(QUEUES.notifications, { connection, prefix: this.config.env.QUEUE_PREFIX }) };
    }
    return this.queue.queue;
  }

  /** Event names come from clients: a label only for the events of the contract, else `other`. */
  eventLabel(name: unknown): string {
    return (CLIENT_EVENTS as readonly unknown[]).includes(name) ? (name as string) : 'other';
  }

  /** Times one deadline scan: duration, and the success time alerts compare with the interval. */
  async timeScan<T>(scan: () => Promise<T>): Promise<T> {
    const end = this.deadlineScan.startTimer();
    try {
      const result = await scan();
      this.deadlineScanLastSuccess.set(Date.now() / 1000);
      return result;
    } catch (e) {
      this.deadlineScanFailures.inc();
      throw e;
    } finally {
      end();
    }
  }

  async onModuleDestroy() {
    await this.queue?.queue.close().catch(() => undefined);
    await this.queue?.connection.quit().catch(() => undefined);
  }
}
