import { likeContains } from '../common/like';
import { PageQuery } from '../common/page-query';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminPage, AuditEntryView, AuditQuery } from '@tiaojie/contracts';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { Roles } from '../accounts/auth.guard';
import { User } from '../accounts/user.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { AppException } from '../common/app-exception';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class AuditQueryDto extends PageQuery implements AuditQuery {
  @ApiPropertyOptional({ description: 'Part of the actor’s name or mobile' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  actor?: string;

  @ApiPropertyOptional({ description: 'What was changed: organisation, court, user, setting, holiday_calendar, …' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,32}$/, { message: 'entity must be an entity name like organisation' })
  entity?: string;

  @ApiPropertyOptional({ description: 'First day, YYYY-MM-DD (China time)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, YYYY-MM-DD (China time)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

/** China-time midnight of a YYYY-MM-DD day; 400 naming the field for a day that does not exist (2026-02-30). */
function chinaMidnight(day: string, field: string): number {
  if (new Date(Date.parse(`${day}T00:00:00Z`)).toISOString().slice(0, 10) !== day) throw AppException.field('VALIDATION_FAILED', field, 'isDate', `${field} must be a real date`);
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** Issue #13: the audit view — who changed what, when — newest first, filtered and paginated (system admin only). */
@ApiTags('admin')
@Controller('admin/audit')
@Roles('admin')
export class AdminAuditController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  async list(@Query() q: AuditQueryDto): Promise<AdminPage<AuditEntryView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.db.getRepository(AuditLog).createQueryBuilder('a').leftJoin(User, 'u', 'u.id = a.actor_id');
    if (q.entity) qb.andWhere('a.target_type = :entity', { entity: q.entity });
    if (q.actor?.trim()) {
      const term = q.actor.trim();
      const like = likeContains(term);
      qb.andWhere('(u.name ILIKE :like OR u.mobile LIKE :like)', { like });
    }
    if (q.from) qb.andWhere('a.created_at >= :from', { from: new Date(chinaMidnight(q.from, 'from')) });
    if (q.to) qb.andWhere('a.created_at < :to', { to: new Date(chinaMidnight(q.to, 'to') + 24 * 3600_000) });
    qb.orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [entities, total] = await qb.getManyAndCount();
    const actorIds = [...new Set(entities.flatMap((a) => (a.actorId ? [a.actorId] : [])))];
    const names = new Map((actorIds.length ? await this.db.getRepository(User).find({ where: { id: In(actorIds) }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
    const items = entities.map((a) => ({
      id: a.id,
      actorId: a.actorId,
      actorName: (a.actorId && names.get(a.actorId)) || null,
      action: a.action,
      targetType: a.targetType,
      targetId: a.targetId,
      detail: a.detail,
      createdAt: a.createdAt.toISOString(),
    }));
    return { items, total, page, pageSize };
  }
}
