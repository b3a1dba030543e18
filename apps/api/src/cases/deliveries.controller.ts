import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeliveryView, DeliveryListQuery } from '@tiaojie/contracts';
import { maskMobile } from '@tiaojie/domain';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource, In, IsNull } from 'typeorm';
import { CurrentAuth, Public, Roles } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { isCaseStaff } from './case-access';
import { CasesService, type Viewer } from './cases.service';
import { CurrentViewer } from './viewer.decorator';
import { MediationCase } from './case.entity';
import { Membership } from '../organisations/membership.entity';
import { NotificationDispatcher } from '../notifications/dispatcher.service';
import { Notification } from '../notifications/notification.entity';
import { renderText } from '../notifications/templates';
import type { RecipientRole } from '../notifications/template-kit';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

const STATUSES = ['failed', 'unknown', 'pending', 'sending', 'queued', 'sent'] as const;

class DeliveryListQueryDto implements DeliveryListQuery {
  /** One status; without it, what needs the admin: `failed` and `unknown`. */
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

function deliveryView(n: Notification, withText: boolean): DeliveryView {
  return {
    id: n.id,
    caseId: n.caseId,
    template: n.template,
    channel: n.channel,
    recipientRole: n.recipientRole,
    address: n.channel === 'sms' ? maskAddress(n.recipientMobile) : n.channel === 'email' ? maskAddress(n.recipientEmail) : null,
    status: n.status,
    attempts: n.attempts,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    readAt: n.readAt?.toISOString() ?? null,
    lastError: n.lastError,
    text: withText ? renderText(n.template, n.locale, n.params, n.recipientRole as RecipientRole) : null,
  };
}

function maskAddress(a: string | null) {
  if (!a) return null;
  if (!a.includes('@')) return maskMobile(a);
  const [user, domain] = a.split('@');
  return `${user.slice(0, 1)}***@${domain ?? ''}`;
}

/**
 * Delivery made visible: a party sees what was sent to them on a case, when, on which channel
 * and whether it arrived; the case's staff see every recipient's. Organisation admins see the
 * failures and can retry one.
 */
@ApiTags('notifications')
@Controller()
export class DeliveriesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly dispatcher: NotificationDispatcher,
    private readonly clock: Clock,
  ) {}

  @Get('cases/:id/deliveries')
  deliveries(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<DeliveryView[]> {
    return this.cases.withAccess(id, viewer, 'view_deliveries', null, async (manager, _c, relations) => {
      const staff = isCaseStaff(relations);
      // A party's own notices: to its account, or to the mobile it was filed with.
      const mobiles = relations.parties.map((p) => p.mobile);
      const rows = await manager.getRepository(Notification).find({
        where: staff ? { caseId: id } : [{ caseId: id, recipientUserId: viewer.userId }, ...(mobiles.length ? [{ caseId: id, recipientMobile: In(mobiles), recipientUserId: IsNull() }] : [])],
        order: { createdAt: 'ASC' },
        take: 500,
      });
      return rows.map((n) => deliveryView(n, !staff || n.recipientUserId === viewer.userId));
    });
  }

  @Get('organisations/:id/notifications')
  @Roles('org_admin')
  async organisationNotifications(@Param('id', uuid) id: string, @Query() query: DeliveryListQueryDto, @CurrentAuth() auth: AuthContext): Promise<DeliveryView[]> {
    await this.assertOrgAdmin(auth.userId, id);
    const rows = await this.db
      .getRepository(Notification)
      .createQueryBuilder('n')
      .innerJoin(MediationCase, 'c', 'c.id = n.case_id')
      .where('c.organisation_id = :id AND n.status IN (:...statuses)', { id, statuses: query.status ? [query.status] : ['failed', 'unknown'] })
      .orderBy('n.created_at', 'DESC')
      .take(200)
      .getMany();
    return rows.map((n) => deliveryView(n, false));
  }

  /**
   * Sends a failed notice, or one whose outcome is unknown, again (a fresh attempt count; the
   * same de-duplication key and, for email, the same Message-ID).
   */
  @Post('notifications/:id/retry')
  @Roles('org_admin')
  @HttpCode(202)
  async retry(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext): Promise<DeliveryView> {
    const n = await this.adminNotice(id, auth);
    if (n.status !== 'failed' && n.status !== 'unknown') throw AppException.field('CONFLICT', 'status', 'notFailed', 'Only a failed notice or one whose outcome is unknown can be retried');
    await this.db.getRepository(Notification).update(
      { id, status: n.status },
      {
        status: 'pending',
        attempts: 0,
        nextAttemptAt: this.clock.now(),
        lastError: null,
      },
    );
    void this.dispatcher.dispatchDue().catch(() => undefined);
    return deliveryView(await this.db.getRepository(Notification).findOneByOrFail({ id }), false);
  }

  /** The admin checked with the provider or the recipient: a notice whose outcome was unknown did arrive. */
  @Post('notifications/:id/delivered')
  @Roles('org_admin')
  @HttpCode(200)
  async markDelivered(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext): Promise<DeliveryView> {
    const n = await this.adminNotice(id, auth);
    if (n.status !== 'unknown') throw AppException.field('CONFLICT', 'status', 'notUnknown', 'Only a notice whose outcome is unknown can be marked delivered');
    const now = this.clock.now();
    await this.db.getRepository(Notification).update(
      { id, status: 'unknown' },
      {
        status: 'sent',
        sentAt: n.claimedAt ?? now,
        lastError: `marked delivered by an organisation admin at ${now.toISOString()}`,
      },
    );
    return deliveryView(await this.db.getRepository(Notification).findOneByOrFail({ id }), false);
  }

  private async adminNotice(id: string, auth: AuthContext) {
    const n = await this.db.getRepository(Notification).findOne({ where: { id } });
    const c = n?.caseId ? await this.db.getRepository(MediationCase).findOne({ where: { id: n.caseId } }) : null;
    if (!n || !c?.organisationId) throw new AppException('NOT_FOUND', 'No such notice');
    await this.assertOrgAdmin(auth.userId, c.organisationId);
    return n;
  }

  /** The link in an SMS or email was followed (`?n=<id>` in the link): a read receipt. */
  @Post('notifications/:id/opened')
  @Public()
  @HttpCode(204)
  async opened(@Param('id', uuid) id: string): Promise<void> {
    await this.db.getRepository(Notification).update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
  }

  private async assertOrgAdmin(userId: string, organisationId: string) {
    const ok = await this.db.getRepository(Membership).exists({ where: { userId, organisationId, role: 'org_admin' } });
    if (!ok) throw new AppException('NOT_FOUND', 'Not found');
  }
}
