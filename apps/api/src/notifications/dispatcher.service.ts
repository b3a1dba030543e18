import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES } from '@tiaojie/contracts';
import { Queue, Worker } from 'bullmq';
import { DataSource, EntityManager, EntitySubscriberInterface, In, LessThan, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { redisConnection } from '../redis/redis';
import { Notification } from './notification.entity';
import { takeOutboxRows } from './outbox-claim';
import { OutboxRecovery } from './outbox-recovery';
import { OutboxSender } from './outbox-sender';

export { MAX_ATTEMPTS } from './outbox-sender';
const BATCH = 100;
const SEND_CONCURRENCY = 8;
const KICK_KEY = 'tiaojie:inAppNotices';

/** The BullMQ job of one hand-off: a fresh id per attempt, so a stalled or failed job of an earlier attempt never blocks a re-queue. */
function jobOf(n: Pick<Notification, 'id' | 'attempts'>) {
  return {
    name: 'deliver',
    data: { id: n.id },
    opts: {
      jobId: `${n.id}.${n.attempts}`,
      removeOnComplete: true,
      removeOnFail: 1000,
    },
  };
}

/**
 * Sends what the outbox holds, after the transactions that wrote it committed (issue #9: no
 * notice lost, none doubled).
 *
 * Without REDIS_URL an in-process poller sends due rows; with REDIS_URL the poller only feeds a
 * BullMQ queue and workers — in this process or `npm run worker` — send. Either way a row is
 * `sending` only for the provider call in progress: each sender takes one row at a time
 * (`FOR UPDATE SKIP LOCKED`, so several processes never take the same row), counts the attempt,
 * calls the provider and records the answer. A crash therefore leaves at most the rows whose
 * calls were in flight `sending`; rows never attempted stay `pending` (or `queued`) and are sent
 * after the restart. A row left `sending` past the lease is resolved, not abandoned:
 * - in-app: emitted again (clients key notices by id);
 * - email: sent again with the same Message-ID (derived from the notification id), so a copy
 *   that did arrive is recognisable as the same message;
 * - SMS: the provider is asked when it can say (SmsSender.lookup: Aliyun's send details by
 *   OutId, Tencent's receipts by SessionContext, the dev sender's table) and the message is sent
 *   again only if the provider never took it; a provider that de-duplicates gets it again;
 *   anything else becomes `unknown`, shown to the organisation admin, who retries it or marks
 *   it delivered. Nothing interrupted is ever counted `failed`.
 * Failures the provider answered retry with exponential backoff up to MAX_ATTEMPTS, then stay
 * `failed`, visible to the organisation admin. This class decides which rows are taken and
 * when (poll, queue, after commit); OutboxSender hands one to its channel and records the
 * answer; OutboxRecovery resolves the interrupted ones. In-app notices are emitted right after the
 * commit that wrote them (Notifier marks the transaction), not on the next poll.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly kicks = new Set<Promise<unknown>>();
  private closing = false;
  private queuedCheckedAt = 0;
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sender: OutboxSender,
    private readonly recovery: OutboxRecovery,
  ) {
    db.subscribers.push(this);
  }

  get mode(): 'poll' | 'queue' {
    return this.config.env.REDIS_URL ? 'queue' : 'poll';
  }

  onApplicationBootstrap() {
    const redisUrl = this.config.env.REDIS_URL;
    if (redisUrl) {
      this.queue = new Queue(QUEUES.notifications, {
        connection: redisConnection(redisUrl),
        prefix: this.config.env.QUEUE_PREFIX,
      });
      if (this.config.env.WORKER_IN_PROCESS) this.startWorker();
    }
    const every = this.config.env.OUTBOX_POLL_MS;
    if (every > 0) {
      this.timer = setInterval(() => void this.dispatchDue().catch((err) => this.logger.error({ err }, 'dispatch failed')), every);
      this.timer.unref();
    }
  }

  /** Consumes the queue (the API process, or the separate worker process). */
  startWorker(concurrency = SEND_CONCURRENCY) {
    if (this.worker || !this.config.env.REDIS_URL) return;
    this.worker = new Worker(QUEUES.notifications, async (job) => this.deliver(String(job.data.id)), {
      connection: redisConnection(this.config.env.REDIS_URL),
      prefix: this.config.env.QUEUE_PREFIX,
      concurrency,
    });
    this.worker.on('error', (err) => this.logger.error({ err }, 'queue worker error'));
  }

  async onApplicationShutdown() {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await Promise.all([...this.kicks].map((k) => k.catch(() => undefined)));
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }

  /** Called by Notifier inside the writing transaction: its in-app notices go out right after COMMIT. */
  markInApp(manager: EntityManager, dedupKeys: string[]) {
    if (!dedupKeys.length) return;
    const qr = manager.queryRunner;
    if (!qr?.isTransactionActive) {
      this.kick(dedupKeys);
      return;
    }
    const keys: string[] = (qr.data[KICK_KEY] ??= []);
    keys.push(...dedupKeys);
  }

  afterTransactionCommit(event: TransactionCommitEvent) {
    const keys = event.queryRunner.data?.[KICK_KEY] as string[] | undefined;
    // A savepoint released inside an outer transaction is not the commit yet.
    if (!keys || event.queryRunner.isTransactionActive) return;
    delete event.queryRunner.data[KICK_KEY];
    this.kick(keys);
  }

  afterTransactionRollback(event: TransactionRollbackEvent) {
    // Rows of a rolled-back savepoint are simply not found by the kick; the outer commit still sends the rest.
    if (event.queryRunner.data && !event.queryRunner.isTransactionActive) delete event.queryRunner.data[KICK_KEY];
  }

  /** Sends the named in-app rows now (after the commit: the row lock of the writer is gone). */
  private kick(dedupKeys: string[]) {
    if (this.closing) return;
    const p = new Promise((r) => setImmediate(r))
      .then(async () => {
        const rows = await this.claimDue(dedupKeys.length, "n.channel = 'in_app' AND n.dedup_key IN (:...keys)", { keys: dedupKeys });
        await Promise.all(rows.map((n) => this.sender.sendClaimed(n)));
      })
      .catch((err) => this.logger.error({ err }, 'in-app notice after commit failed'))
      .finally(() => this.kicks.delete(p));
    this.kicks.add(p);
  }

  /**
   * One pass: resolve rows whose sender died mid-call, then either send the due rows (poll) or
   * hand them to the queue. Returns how many rows it took. Runs one pass at a time per process.
   */
  dispatchDue(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    await this.recovery.recoverStale();
    if (this.mode === 'queue') return this.feedQueue();
    // At most SEND_CONCURRENCY calls at once, and a row is claimed only when a call slot is free
    // for it: only rows whose provider call is in progress are ever `sending`.
    const inFlight = new Set<Promise<void>>();
    let taken = 0;
    let exhausted = false;
    for (;;) {
      const free = SEND_CONCURRENCY - inFlight.size;
      // Claimed a few at a time (when half the slots are free), not one statement per row.
      if (!exhausted && (free >= SEND_CONCURRENCY / 2 || !inFlight.size) && taken < BATCH && !this.closing) {
        const rows = await this.claimDue(Math.min(free, BATCH - taken));
        taken += rows.length;
        exhausted = rows.length === 0;
        for (const n of rows) {
          const call: Promise<void> = this.sender
            .sendClaimed(n)
            .catch((err) => this.logger.error({ err, id: n.id }, 'recording a send failed'))
            .finally(() => inFlight.delete(call));
          inFlight.add(call);
        }
      }
      if (!inFlight.size) return taken;
      await Promise.race(inFlight);
    }
  }

  /**
   * Takes up to `limit` due rows (pending, or queued for the queue worker) and marks them
   * `sending` with the attempt counted, in one statement; the caller starts a provider call for
   * each at once. The lease (next_attempt_at of a `sending` row) says when recovery may take the
   * call for dead.
   */
  private async claimDue(limit: number, extra?: string, params: Record<string, unknown> = {}, statuses = "'pending'"): Promise<Notification[]> {
    const now = this.clock.now();
    const rows = await takeOutboxRows(this.db, {
      where: `n.status IN (${statuses}) AND n.next_attempt_at <= :now${extra ? ` AND ${extra}` : ''}`,
      params: { ...params, now },
      limit,
      oldestFirst: true,
      set: { status: 'sending', claimedAt: now, nextAttemptAt: new Date(now.getTime() + this.config.env.OUTBOX_SENDING_LEASE_MS), attempts: () => 'attempts + 1' },
      returning: '*',
    });
    return rows.map((raw) => this.fromRaw(raw));
  }

  /** A row as RETURNING gives it (column names) → the entity (property names). */
  private fromRaw(raw: Record<string, unknown>): Notification {
    const n = this.db.getRepository(Notification).create();
    for (const column of this.db.getMetadata(Notification).columns) {
      let value = raw[column.databaseName];
      if (typeof value === 'string' && column.type === 'timestamptz') value = new Date(value);
      if (typeof value === 'string' && column.type === 'jsonb') value = JSON.parse(value);
      (n as unknown as Record<string, unknown>)[column.propertyName] = value;
    }
    return n;
  }

  private async feedQueue(): Promise<number> {
    const queue = this.queue;
    if (!queue) return 0;
    const now = this.clock.now();
    const rows = await this.db.transaction(async (manager) => {
      const due = await manager
        .getRepository(Notification)
        .createQueryBuilder('n')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where("n.status = 'pending' AND n.next_attempt_at <= :now", { now })
        .orderBy('n.next_attempt_at', 'ASC')
        .limit(BATCH)
        .getMany();
      if (due.length) {
        await manager.getRepository(Notification).update({ id: In(due.map((r) => r.id)) }, { status: 'queued', claimedAt: now });
        // Inside the transaction: if adding fails, the rows stay pending; a worker that takes a
        // job before the commit waits for the row lock, then finds the row queued.
        await queue.addBulk(due.map(jobOf));
      }
      return due;
    });
    // A `queued` row whose job is gone (Redis lost it) or ended without sending it (failed,
    // stalled too often) is queued again: it can never stay `queued`. Checked a few times per lease.
    const lease = this.config.env.OUTBOX_SENDING_LEASE_MS;
    if (now.getTime() - this.queuedCheckedAt < lease / 4) return rows.length;
    this.queuedCheckedAt = now.getTime();
    const cutoff = new Date(now.getTime() - this.config.env.OUTBOX_SENDING_LEASE_MS);
    const waiting = await this.db.getRepository(Notification).find({
      where: { status: 'queued', claimedAt: LessThan(cutoff) },
      take: BATCH,
    });
    for (const n of waiting) {
      const job = jobOf(n);
      const existing = await queue.getJob(job.opts.jobId);
      const state = existing ? await existing.getState() : 'missing';
      // A live worker turns its job's row `sending` within moments of taking it; a job still
      // active a lease after it started belongs to a killed worker. BullMQ would hand it back
      // only after its lock and stalled checks (up to a minute), so the row is queued afresh now;
      // the old job, if it ever runs, finds the row no longer queued and does nothing.
      const orphaned = state === 'active' && !!existing?.processedOn && Date.now() - existing.processedOn > lease;
      if (!orphaned && (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children')) continue;
      if (existing && !orphaned) await existing.remove().catch(() => undefined);
      // A fresh id: the orphan (or a job that could not be removed) keeps the attempt's id.
      await queue.add(job.name, job.data, existing ? { ...job.opts, jobId: `${job.opts.jobId}.r${Date.now()}` } : job.opts);
      await this.db.getRepository(Notification).update({ id: n.id, status: 'queued' }, { claimedAt: this.clock.now() });
    }
    return rows.length;
  }

  /** Queue worker: take one row (if still waiting for it) and send it. */
  async deliver(id: string): Promise<void> {
    const [n] = await this.claimDue(1, 'n.id = :id', { id }, "'queued', 'pending'");
    // Already sent, or being sent by another worker: nothing to do.
    if (n) await this.sender.sendClaimed(n);
  }
}
