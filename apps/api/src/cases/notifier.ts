import { Injectable } from '@nestjs/common';
import type { Locale } from '@tiaojie/contracts';
import { EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Clock } from '../common/clock';
import { CaseAssignment } from './case-assignment.entity';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { Membership } from '../organisations/membership.entity';
import { Notification, NotificationChannel } from '../notifications/notification.entity';
import { quietUntil } from '../notifications/quiet-hours';
import { isDeadlineNotice } from '../notifications/templates';
import { AppConfig } from '../config/app-config';
import { NotificationDispatcher } from '../notifications/dispatcher.service';

import type { RecipientRole } from '../notifications/template-kit';
export type { RecipientRole } from '../notifications/template-kit';

export interface Recipient {
  role: RecipientRole;
  userId: string | null;
  mobile: string | null;
  email: string | null;
  locale: Locale;
  /** The account's preferences (people without an account get SMS, and email if they gave one). */
  sms?: boolean;
  emailAllowed?: boolean;
  quietHours?: { start: string; end: string } | null;
}

/** What a notice says and its de-duplication base (`<base>:<channel>:<address>` per row). */
export interface CaseNotice {
  dedupBase: string;
  template: string;
  params: Record<string, unknown>;
}

/**
 * Writes the outbox rows a step causes, inside that step's transaction. Nothing is sent
 * here; the dispatcher sends after commit. The unique de-duplication key (event, recipient,
 * channel) means a retried step can never queue the same notice twice.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async recipients(manager: EntityManager, c: MediationCase, roles: RecipientRole[]): Promise<Recipient[]> {
    const out: Recipient[] = [];
    const users = async (ids: string[]) => (ids.length ? await manager.getRepository(User).find({ where: { id: In(ids) } }) : []);
    const wantParties = roles.filter((r): r is 'applicant' | 'respondent' => r === 'applicant' || r === 'respondent');
    if (wantParties.length || roles.includes('agent')) {
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
      const linked = new Map((await users(parties.flatMap((p) => [p.userId, p.agentUserId]).filter((x): x is string => !!x))).map((u) => [u.id, u]));
      for (const p of parties) {
        if (wantParties.includes(p.side)) {
          const u = p.userId ? linked.get(p.userId) : undefined;
          out.push(u ? { ...this.fromUser(p.side, u), mobile: p.mobile, email: p.email ?? u.email } : { role: p.side, userId: null, mobile: p.mobile, email: p.email, locale: p.locale ?? 'zh-CN' });
        }
        if (roles.includes('agent') && p.agentUserId) {
          const a = linked.get(p.agentUserId);
          if (a) out.push(this.fromUser('agent', a));
        }
      }
    }
    if (roles.includes('mediator')) {
      const assigned = await manager.getRepository(CaseAssignment).find({ where: { caseId: c.id, status: In(['pending', 'accepted']) } });
      for (const u of await users(assigned.map((a) => a.mediatorId))) out.push(this.fromUser('mediator', u));
    }
    if (roles.includes('dispatcher') && c.organisationId) {
      const admins = await manager.getRepository(Membership).find({ where: { organisationId: c.organisationId, role: 'org_admin' } });
      for (const u of await users(admins.map((m) => m.userId))) out.push(this.fromUser('dispatcher', u));
    }
    if (roles.includes('filer')) {
      const [u] = await users([c.filedById]);
      if (u && !out.some((r) => r.userId === u.id)) out.push(this.fromUser('filer', u));
    }
    return out;
  }

  /**
   * A notice no timeline event causes (a reminder, an escalation) to the case's people in those
   * roles, narrowed by `only`, queued in the caller's transaction.
   */
  async remind(manager: EntityManager, c: MediationCase, roles: RecipientRole[], notice: CaseNotice, only?: (r: Recipient) => boolean) {
    const recipients = await this.recipients(manager, c, roles);
    return this.queue(manager, { caseId: c.id, eventId: null, ...notice, recipients: only ? recipients.filter(only) : recipients });
  }

  fromUser(role: RecipientRole, u: User): Recipient {
    return {
      role,
      userId: u.id,
      mobile: u.mobile,
      email: u.email,
      locale: u.locale,
      sms: u.notifySms,
      emailAllowed: u.notifyEmail,
      quietHours: u.quietHoursStart && u.quietHoursEnd ? { start: u.quietHoursStart, end: u.quietHoursEnd } : null,
    };
  }

  /**
   * One row per recipient and channel: in-app for an account (always), SMS unless the account
   * turned it off (held until the end of quiet hours unless it is a deadline notice), email when
   * an address is known, allowed, and an email channel is configured.
   */
  async queue(manager: EntityManager, input: { caseId: string | null; eventId: string | null; dedupBase: string; template: string; params: Record<string, unknown>; recipients: Recipient[] }) {
    const now = this.clock.now();
    const rows: Array<Omit<Notification, 'id' | 'createdAt' | 'sentAt' | 'readAt' | 'lastError' | 'claimedAt' | 'providerMessageId'>> = [];
    const seen = new Set<string>();
    const deadline = isDeadlineNotice(input.template);
    for (const r of input.recipients) {
      const channels: Array<[NotificationChannel, string | null]> = [
        ['in_app', r.userId],
        ['sms', r.sms === false ? null : r.mobile],
        ['email', this.config.emailEnabled && r.emailAllowed !== false ? r.email : null],
      ];
      for (const [channel, address] of channels) {
        if (!address) continue;
        const dedupKey = `${input.dedupBase}:${channel}:${address}`;
        if (seen.has(dedupKey)) continue;
        seen.add(dedupKey);
        const held = channel === 'sms' && !deadline ? quietUntil(now, r.quietHours?.start ?? null, r.quietHours?.end ?? null) : null;
        rows.push({
          dedupKey,
          caseId: input.caseId,
          eventId: input.eventId,
          recipientUserId: r.userId,
          recipientMobile: channel === 'sms' ? r.mobile : null,
          recipientEmail: channel === 'email' ? r.email : null,
          recipientRole: r.role,
          channel,
          locale: r.locale,
          template: input.template,
          params: input.params,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: held ?? now,
        });
      }
    }
    if (rows.length) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(rows as never)
        .orIgnore()
        .execute();
      // In-app notices reach open sockets right after COMMIT, not on the next poll.
      this.dispatcher.markInApp(
        manager,
        rows.filter((r) => r.channel === 'in_app' && r.nextAttemptAt <= now).map((r) => r.dedupKey),
      );
    }
    return rows.length;
  }
}
