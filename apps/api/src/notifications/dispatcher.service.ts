import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES } from '@tiaojie/contracts';
import { Queue, Worker } from 'bullmq';
import { DataSource, EntityManager, EntitySubscriberInterface, In, LessThan, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { redisConnection } from '../redis/redis';
import { ProviderError, SmsSender } from '../sms/sms-sender';
import { EmailSender } from './channels/email-sender';
import { renderEmailHtml } from './channels/email-layout';
import { Notification } from './notification.entity';
import type { RecipientRole } from './template-kit';
import { renderSms, renderText, renderTitle } from './templates';

export const MAX_ATTEMPTS = 5;
const BATCH = 100;
const SEND_CONCURRENCY = 8;
/** How long an interrupted SMS whose provider has no receipt yet is asked again before it is shown as unknown. */
const RECEIPT_WAIT_MS = 10 * 60_000;
/** A provider lookup that keeps failing gives up after this long: the row is shown as unknown. */
const LOOKUP_GIVE_UP_MS = 24 * 3600_000;
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
 * `failed`, visible to the organisation admin. In-app notices are emitted right after the
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
    private readonly sms: SmsSender,
    private readonly emitter: RealtimeEmitter,
    @Optional() private readonly email?: EmailSender,
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
        await Promise.all(rows.map((n) => this.sendClaimed(n)));
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
    await this.recoverStale();
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
          const call: Promise<void> = this.sendClaimed(n)
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
    const due = this.db
      .getRepository(Notification)
      .createQueryBuilder('n')
      .subQuery()
      .select('n.id')
      .from(Notification, 'n')
      .where(`n.status IN (${statuses}) AND n.next_attempt_at <= :now${extra ? ` AND ${extra}` : ''}`)
      .orderBy('n.next_attempt_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getQuery();
    const result = await this.db
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'sending', claimedAt: now, nextAttemptAt: new Date(now.getTime() + this.config.env.OUTBOX_SENDING_LEASE_MS), attempts: () => 'attempts + 1' })
      .where(`id IN ${due}`)
      .setParameters({ ...params, now })
      .returning('*')
      .execute();
    return (result.raw as Array<Record<string, unknown>>).map((raw) => this.fromRaw(raw));
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
    if (n) await this.sendClaimed(n);
  }

  /**
   * Rows left `sending` past their lease: the call was interrupted. Each is taken for this
   * process (its lease renewed in the same statement) and resolved by channel.
   */
  private async recoverStale() {
    const now = this.clock.now();
    const lease = this.config.env.OUTBOX_SENDING_LEASE_MS;
    const stale = this.db
      .getRepository(Notification)
      .createQueryBuilder('n')
      .subQuery()
      .select('n.id')
      .from(Notification, 'n')
      .where("n.status = 'sending' AND n.next_attempt_at <= :now")
      .limit(BATCH)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getQuery();
    const result = await this.db
      .createQueryBuilder()
      .update(Notification)
      .set({ nextAttemptAt: new Date(now.getTime() + lease) })
      .where(`id IN ${stale}`)
      .setParameters({ now })
      .returning(['id'])
      .execute();
    const ids = (result.raw as Array<{ id: string }>).map((r) => r.id);
    if (!ids.length) return;
    const rows = await this.db.getRepository(Notification).find({ where: { id: In(ids) } });
    for (const n of rows) {
      try {
        await this.resolveInterrupted(n);
      } catch (err) {
        this.logger.error({ err, id: n.id }, 'resolving an interrupted notice failed');
      }
    }
  }

  private async resolveInterrupted(n: Notification) {
    const repo = this.db.getRepository(Notification);
    const now = this.clock.now();
    const unknown = async (note: string) => {
      await repo.update({ id: n.id, status: 'sending' }, { status: 'unknown', lastError: note.slice(0, 500) });
      this.logger.warn({ id: n.id, channel: n.channel, template: n.template }, 'notice outcome unknown');
    };
    const again = async (note: string) => {
      // A row whose every attempt was interrupted (a notice that crashes its sender) stops here.
      if (n.attempts >= MAX_ATTEMPTS) return unknown(`${note}; interrupted ${n.attempts} times`);
      await repo.update({ id: n.id, status: 'sending' }, { status: 'pending', nextAttemptAt: now, lastError: note });
    };
    if (n.channel === 'in_app') return again('interrupted while sending; sent again');
    if (n.channel === 'email') return again('interrupted while sending; sent again with the same Message-ID');
    if (n.channel !== 'sms' || !n.recipientMobile) return again('interrupted while sending');
    if (this.sms.lookup) {
      const started = n.claimedAt ?? n.createdAt;
      let answer;
      try {
        answer = await this.sms.lookup({
          mobile: n.recipientMobile,
          dedupKey: n.dedupKey,
          sentAt: started,
        });
      } catch (err) {
        const note = `interrupted while sending; asking the provider failed: ${String((err as Error).message ?? err)}`;
        // Asked again at the next lease, for a day; then a person decides.
        if (now.getTime() - started.getTime() > LOOKUP_GIVE_UP_MS) return unknown(note);
        await repo.update({ id: n.id, status: 'sending' }, { lastError: note.slice(0, 500) });
        return;
      }
      if (answer.outcome === 'accepted') {
        await repo.update(
          { id: n.id, status: 'sending' },
          {
            status: 'sent',
            sentAt: now,
            providerMessageId: answer.providerMessageId,
            lastError: 'interrupted while sending; the provider confirmed it took the message',
          },
        );
        return;
      }
      if (answer.outcome === 'rejected') return again(`interrupted while sending; the provider reports it undelivered (${answer.detail}); sent again`);
      if (answer.outcome === 'absent') return again('interrupted while sending; the provider never took it; sent again');
      if (now.getTime() - started.getTime() < RECEIPT_WAIT_MS) {
        await repo.update(
          { id: n.id, status: 'sending' },
          {
            lastError: `interrupted while sending; waiting for the provider's receipt (${answer.detail})`,
          },
        );
        return;
      }
      return unknown(`interrupted while sending; the provider has no record of it (${answer.detail}): check before retrying`);
    }
    if (this.sms.idempotent) return again('interrupted while sending; sent again (the provider de-duplicates)');
    return unknown('interrupted while sending: the provider offers no way to check whether it took the message');
  }

  /** Records the provider's answer for a row this process marked `sending` (its attempt already counted). */
  private async sendClaimed(n: Notification) {
    const repo = this.db.getRepository(Notification);
    try {
      const providerMessageId = await this.send(n);
      await repo.update(
        { id: n.id, status: 'sending' },
        {
          status: 'sent',
          sentAt: this.clock.now(),
          providerMessageId,
          lastError: null,
        },
      );
    } catch (err) {
      const permanent = err instanceof ProviderError && !err.retryable;
      const failed = permanent || n.attempts >= MAX_ATTEMPTS;
      await repo.update(
        { id: n.id, status: 'sending' },
        {
          status: failed ? 'failed' : 'pending',
          lastError: String((err as Error).message ?? err).slice(0, 500),
          // 2 s, 4 s, 8 s, 16 s … between attempts.
          nextAttemptAt: new Date(this.clock.now().getTime() + 2 ** n.attempts * 1000),
        },
      );
      if (failed)
        this.logger.warn(
          {
            id: n.id,
            channel: n.channel,
            template: n.template,
            err: (err as Error).message,
          },
          'notification failed',
        );
    }
  }

  private link(n: Notification) {
    if (typeof n.params.link === 'string') return n.params.link;
    return n.caseId ? `${this.config.publicUrl}/cases/${n.caseId}?n=${n.id}` : `${this.config.publicUrl}/home`;
  }

  /** Hands one notification to its channel; returns the provider's message id. */
  private async send(n: Notification): Promise<string | null> {
    const role = n.recipientRole as RecipientRole;
    if (n.channel === 'in_app') {
      if (n.recipientUserId) {
        this.emitter.toUser(n.recipientUserId, 'notice:new', {
          id: n.id,
          caseId: n.caseId,
          caseNumber: (n.params.caseNumber as string | null) ?? null,
          template: n.template,
          text: renderText(n.template, n.locale, n.params, role),
          createdAt: n.createdAt.toISOString(),
          readAt: null,
        });
      }
      return null;
    }
    if (n.channel === 'sms' && n.recipientMobile) {
      const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
      const r = await this.sms.send({ mobile: n.recipientMobile, body: renderSms(n.template, n.locale, n.params, this.config.env.SMS_SIGNATURE, role), template: n.template, params, dedupKey: n.dedupKey });
      return r.providerMessageId;
    }
    if (n.channel === 'email' && n.recipientEmail && this.email) {
      const title = renderTitle(n.template, n.locale, n.params);
      const text = renderText(n.template, n.locale, n.params, role);
      const link = this.link(n);
      const en = n.locale === 'en';
      const r = await this.email.send({
        to: n.recipientEmail,
        subject: `${en ? '[Tiaojie]' : '【调解平台】'}${en ? ' ' : ''}${title}`,
        text: `${text}\n\n${en ? 'Open' : '查看'}: ${link}\n\n${en ? 'Judicial confirmation is free of charge.' : '司法确认不收取任何费用。'}`,
        html: renderEmailHtml({
          title,
          paragraphs: [text],
          link: { href: link, label: en ? 'Open the case' : '查看案件' },
          // R35: only what is true of every case (an organisation may charge for mediation).
          footer: en ? 'Tiaojie online mediation. Judicial confirmation is free of charge.' : '调解平台在线调解。司法确认不收取任何费用。',
          lang: en ? 'en' : 'zh-CN',
        }),
        dedupKey: n.dedupKey,
        notificationId: n.id,
        locale: n.locale,
      });
      return r.providerMessageId;
    }
    throw new ProviderError(`no transport for channel ${n.channel}`, false);
  }
}
