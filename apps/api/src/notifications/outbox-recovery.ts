import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { SmsSender } from '../sms/sms-sender';
import { Notification } from './notification.entity';
import { takeOutboxRows } from './outbox-claim';
import { MAX_ATTEMPTS } from './outbox-sender';

const BATCH = 100;
/** How long an interrupted SMS whose provider has no receipt yet is asked again before it is shown as unknown. */
const RECEIPT_WAIT_MS = 10 * 60_000;
/** A provider lookup that keeps failing gives up after this long: the row is shown as unknown. */
const LOOKUP_GIVE_UP_MS = 24 * 3600_000;

/**
 * The outbox's crash recovery (issue #9): a row left `sending` past its lease had its provider
 * call interrupted. It is resolved by channel, never abandoned and never counted `failed`:
 * in-app and email are sent again (email with the same Message-ID); an SMS is looked up at
 * the provider when it can say and sent again only if the provider never took it, or if the
 * provider de-duplicates; anything else becomes `unknown` for the organisation admin.
 */
@Injectable()
export class OutboxRecovery {
  private readonly logger = new Logger(OutboxRecovery.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sms: SmsSender,
  ) {}

  /**
   * Rows left `sending` past their lease: the call was interrupted. Each is taken for this
   * process (its lease renewed in the same statement) and resolved by channel.
   */
  async recoverStale() {
    const now = this.clock.now();
    const lease = this.config.env.OUTBOX_SENDING_LEASE_MS;
    const taken = await takeOutboxRows(this.db, {
      where: "n.status = 'sending' AND n.next_attempt_at <= :now",
      params: { now },
      limit: BATCH,
      set: { nextAttemptAt: new Date(now.getTime() + lease) },
      returning: ['id'],
    });
    const ids = taken.map((r) => r.id as string);
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
}
