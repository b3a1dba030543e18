import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES } from '@tiaojie/contracts';
import { Queue, Worker } from 'bullmq';
import { DataSource, In, LessThan } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { redisConnection } from '../redis/redis';
import { ProviderError, SmsSender } from '../sms/sms-sender';
import { EmailSender } from './channels/email-sender';
import { renderEmailHtml } from './channels/email-layout';
import { Notification, NotificationChannel } from './notification.entity';
import type { RecipientRole } from './notifier';
import { renderSms, renderText, renderTitle } from './templates';

export const MAX_ATTEMPTS = 5;
const BATCH = 100;
const SEND_CONCURRENCY = 8;

/**
 * Sends what the outbox holds, after the transactions that wrote it committed.
 *
 * Without REDIS_URL an in-process poller claims due rows (`FOR UPDATE SKIP LOCKED`, so several
 * processes never take the same row) and sends them. With REDIS_URL the poller only feeds a
 * BullMQ queue (job id = notification id) and workers — in this process or `npm run worker` —
 * send. Either way each row is marked `sending` (committed) before the provider is called:
 * after a crash, a provider that honours the de-duplication key gets the message again (it
 * delivers once); any other is marked `failed` with an "outcome unknown" note for a person to
 * check and retry, so nobody ever gets the same notice twice. Failures retry with exponential
 * backoff up to MAX_ATTEMPTS, then stay `failed`, visible to the organisation admin.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sms: SmsSender,
    private readonly emitter: RealtimeEmitter,
    @Optional() private readonly email?: EmailSender,
  ) {}

  get mode(): 'poll' | 'queue' {
    return this.config.env.REDIS_URL ? 'queue' : 'poll';
  }

  onApplicationBootstrap() {
    const redisUrl = this.config.env.REDIS_URL;
    if (redisUrl) {
      this.queue = new Queue(QUEUES.notifications, { connection: redisConnection(redisUrl), prefix: this.config.env.QUEUE_PREFIX });
      if (this.config.env.WORKER_IN_PROCESS) this.startWorker();
    }
    const every = this.config.env.OUTBOX_POLL_MS;
    if (every > 0) {
      this.timer = setInterval(() => void this.dispatchDue().catch((err) => this.logger.error({ err }, 'dispatch failed')), every);
      this.timer.unref();
    }
  }

  /** Consumes the queue (the API process, or the separate worker process). */
  startWorker(concurrency = 8) {
    if (this.worker || !this.config.env.REDIS_URL) return;
    this.worker = new Worker(QUEUES.notifications, async (job) => this.deliver(job.id ?? String(job.data.id)), {
      connection: redisConnection(this.config.env.REDIS_URL),
      prefix: this.config.env.QUEUE_PREFIX,
      concurrency,
    });
    this.worker.on('error', (err) => this.logger.error({ err }, 'queue worker error'));
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }

  /**
   * One pass: recover rows whose sender died, then either send the due rows (poll) or hand
   * them to the queue. Returns how many rows it took. Runs one pass at a time per process.
   */
  dispatchDue(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    await this.recoverStale();
    if (this.mode === 'queue') return this.feedQueue();
    const claimed = await this.claimDue('sending');
    // Several hand-offs at once: each is its own provider call and row update.
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(SEND_CONCURRENCY, claimed.length) }, async () => {
        while (next < claimed.length) await this.sendClaimed(claimed[next++]);
      }),
    );
    return claimed.length;
  }

  private async claimDue(to: 'sending' | 'queued'): Promise<Notification[]> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const rows = await manager
        .getRepository(Notification)
        .createQueryBuilder('n')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where("n.status = 'pending' AND n.next_attempt_at <= :now", { now })
        .orderBy('n.next_attempt_at', 'ASC')
        .limit(BATCH)
        .getMany();
      if (rows.length) {
        await manager.getRepository(Notification).update({ id: In(rows.map((r) => r.id)) }, { status: to, claimedAt: now });
      }
      return rows;
    });
  }

  private async feedQueue(): Promise<number> {
    const rows = await this.claimDue('queued');
    if (rows.length) {
      await this.queue!.addBulk(rows.map((r) => ({ name: 'deliver', data: { id: r.id }, opts: { jobId: r.id, removeOnComplete: true, removeOnFail: 1000 } })));
    }
    // A `queued` row whose job vanished (Redis restarted without data) is queued again; the
    // job id makes a second add of a job that still exists a no-op.
    const lost = await this.db.getRepository(Notification).find({ where: { status: 'queued', claimedAt: LessThan(new Date(this.clock.now().getTime() - 5 * this.config.env.OUTBOX_SENDING_LEASE_MS)) }, take: BATCH });
    if (lost.length) {
      await this.queue!.addBulk(lost.map((r) => ({ name: 'deliver', data: { id: r.id }, opts: { jobId: r.id, removeOnComplete: true, removeOnFail: 1000 } })));
      await this.db.getRepository(Notification).update({ id: In(lost.map((r) => r.id)) }, { claimedAt: this.clock.now() });
    }
    return rows.length;
  }

  /** Queue worker: take one row (if still waiting for it) and send it. */
  async deliver(id: string): Promise<void> {
    const now = this.clock.now();
    const result = await this.db
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'sending', claimedAt: now })
      .where("id = :id AND status IN ('queued', 'pending')", { id })
      .returning('*')
      .execute();
    const raw = (result.raw as Array<Record<string, unknown>>)[0];
    if (!raw) {
      // Already sent, failed, or taken by a worker that died: leave it to recovery.
      return;
    }
    const n = await this.db.getRepository(Notification).findOneByOrFail({ id });
    await this.sendClaimed(n);
  }

  private idempotent(channel: NotificationChannel) {
    if (channel === 'in_app') return true;
    if (channel === 'sms') return this.sms.idempotent;
    return this.email?.idempotent ?? false;
  }

  /** Rows left `sending` past the lease: re-send where the provider de-duplicates, else fail for a person to check. */
  private async recoverStale() {
    const cutoff = new Date(this.clock.now().getTime() - this.config.env.OUTBOX_SENDING_LEASE_MS);
    const stale = await this.db.getRepository(Notification).find({ where: { status: 'sending', claimedAt: LessThan(cutoff) }, take: 500 });
    for (const n of stale) {
      if (this.idempotent(n.channel)) {
        await this.db.getRepository(Notification).update({ id: n.id, status: 'sending' }, { status: 'pending', nextAttemptAt: this.clock.now() });
      } else {
        await this.db
          .getRepository(Notification)
          .update({ id: n.id, status: 'sending' }, { status: 'failed', lastError: 'interrupted while sending: the outcome is unknown; check with the provider before retrying' });
      }
    }
  }

  private async sendClaimed(n: Notification) {
    try {
      const providerMessageId = await this.send(n);
      await this.db.getRepository(Notification).update({ id: n.id }, { status: 'sent', sentAt: this.clock.now(), providerMessageId, lastError: null, attempts: n.attempts + 1 });
    } catch (err) {
      const attempts = n.attempts + 1;
      const permanent = err instanceof ProviderError && !err.retryable;
      const failed = permanent || attempts >= MAX_ATTEMPTS;
      await this.db.getRepository(Notification).update(
        { id: n.id },
        {
          status: failed ? 'failed' : 'pending',
          attempts,
          lastError: String((err as Error).message ?? err).slice(0, 500),
          // 2 s, 4 s, 8 s, 16 s … between attempts.
          nextAttemptAt: new Date(this.clock.now().getTime() + 2 ** attempts * 1000),
        },
      );
      if (failed) this.logger.warn({ id: n.id, channel: n.channel, template: n.template, err: (err as Error).message }, 'notification failed');
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
        locale: n.locale,
      });
      return r.providerMessageId;
    }
    throw new ProviderError(`no transport for channel ${n.channel}`, false);
  }
}
