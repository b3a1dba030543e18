import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { SmsSender } from '../sms/sms-sender';
import { Notification } from './notification.entity';
import { renderSms, renderText } from './templates';

const MAX_ATTEMPTS = 5;

/**
 * Sends what the outbox holds, after the transactions that wrote it committed. Rows are
 * claimed with `FOR UPDATE SKIP LOCKED` (several processes never take the same row) and
 * marked `sending` before the provider is called. This in-process poller is the default
 * without Redis; retries back off exponentially up to MAX_ATTEMPTS, then `failed`.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sms: SmsSender,
    private readonly emitter: RealtimeEmitter,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.env.OUTBOX_POLL_MS;
    if (every > 0) {
      this.timer = setInterval(() => void this.dispatchDue().catch((err) => this.logger.error({ err }, 'dispatch failed')), every);
      this.timer.unref();
    }
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Sends every due notification once; returns how many were handled. Runs one batch at a time. */
  dispatchDue(): Promise<number> {
    this.running ??= this.dispatchBatch().finally(() => (this.running = null));
    return this.running;
  }

  private async dispatchBatch(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.db.transaction(async (manager) => {
      const rows = await manager
        .getRepository(Notification)
        .createQueryBuilder('n')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where("n.status = 'pending' AND n.next_attempt_at <= :now", { now })
        .orderBy('n.created_at', 'ASC')
        .limit(100)
        .getMany();
      if (rows.length) {
        await manager.getRepository(Notification).createQueryBuilder().update().set({ status: 'sending', attempts: () => 'attempts + 1' }).whereInIds(rows.map((r) => r.id)).execute();
      }
      return rows;
    });
    for (const n of claimed) {
      try {
        await this.send(n);
        await this.db.getRepository(Notification).update({ id: n.id }, { status: 'sent', sentAt: this.clock.now(), lastError: null });
      } catch (err) {
        const attempts = n.attempts + 1;
        const failed = attempts >= MAX_ATTEMPTS;
        await this.db.getRepository(Notification).update(
          { id: n.id },
          { status: failed ? 'failed' : 'pending', lastError: String((err as Error).message ?? err).slice(0, 500), nextAttemptAt: new Date(this.clock.now().getTime() + 2 ** attempts * 1000) },
        );
      }
    }
    return claimed.length;
  }

  private async send(n: Notification) {
    if (n.channel === 'in_app') {
      if (n.recipientUserId) {
        this.emitter.toUser(n.recipientUserId, 'notice:new', {
          id: n.id,
          caseId: n.caseId,
          caseNumber: (n.params.caseNumber as string | null) ?? null,
          template: n.template,
          text: renderText(n.template, n.locale, n.params),
          createdAt: n.createdAt.toISOString(),
          readAt: null,
        });
      }
      return;
    }
    if (n.channel === 'sms' && n.recipientMobile) {
      await this.sms.send({ mobile: n.recipientMobile, body: renderSms(n.template, n.locale, n.params, this.config.env.SMS_SIGNATURE), dedupKey: n.dedupKey });
      return;
    }
    throw new Error(`no transport for channel ${n.channel}`);
  }
}
