import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { InAppNotice } from '@tiaojie/contracts';
import { IsNull, Repository } from 'typeorm';
import { CurrentAuth } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { Notification } from './notification.entity';
import { renderText } from './templates';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'No such notice') });

/** The in-app inbox: the account's own notices only. */
@ApiTags('notifications')
@Controller('notifications')
export class InboxController {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentAuth() auth: AuthContext): Promise<{ items: InAppNotice[]; unread: number }> {
    const rows = await this.notifications.find({ where: { recipientUserId: auth.userId, channel: 'in_app' }, order: { createdAt: 'DESC' }, take: 50 });
    const unread = await this.notifications.count({ where: { recipientUserId: auth.userId, channel: 'in_app', readAt: IsNull() } });
    return {
      unread,
      items: rows.map((n) => ({
        id: n.id,
        caseId: n.caseId,
        caseNumber: (n.params.caseNumber as string | null) ?? null,
        template: n.template,
        text: renderText(n.template, n.locale, n.params),
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
    };
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    const result = await this.notifications.update({ id, recipientUserId: auth.userId, channel: 'in_app', readAt: IsNull() }, { readAt: this.clock.now() });
    if (!result.affected && !(await this.notifications.exists({ where: { id, recipientUserId: auth.userId } }))) {
      throw new AppException('NOT_FOUND', 'No such notice');
    }
  }
}
