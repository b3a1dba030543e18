import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { ProviderError, SmsSender } from '../sms/sms-sender';
import { EmailSender } from './channels/email-sender';
import { renderEmailHtml } from './channels/email-layout';
import { Notification } from './notification.entity';
import type { RecipientRole } from './template-kit';
import { renderSms, renderText, renderTitle } from './templates';

/** Attempts of a notice before it stays `failed`, visible to the organisation admin. */
export const MAX_ATTEMPTS = 5;

/**
 * The channels' side of the outbox (issue #9): one claimed row (`sending`, its attempt
 * counted) is rendered and handed to its channel — in-app over the socket, SMS, email — and
 * the provider's answer recorded: sent, or pending again with exponential backoff, or failed
 * after MAX_ATTEMPTS or a permanent refusal. Which rows are claimed, and when, is
 * NotificationDispatcher's.
 */
@Injectable()
export class OutboxSender {
  private readonly logger = new Logger(OutboxSender.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sms: SmsSender,
    private readonly emitter: RealtimeEmitter,
    @Optional() private readonly email?: EmailSender,
  ) {}

  /** Records the provider's answer for a row this process marked `sending` (its attempt already counted). */
  async sendClaimed(n: Notification) {
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
      const r = await this.sms.send({
        mobile: n.recipientMobile,
        body: renderSms(n.template, n.locale, n.params, this.config.env.SMS_SIGNATURE, role),
        template: n.template,
        params,
        dedupKey: n.dedupKey,
      });
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
