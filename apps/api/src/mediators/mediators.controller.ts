import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DISPUTE_TYPES, type DisputeType, type MediatorProfileView, type OrganisationSlaView, type MediatorRosterQuery } from '@tiaojie/contracts';
import { deadlineFrom } from '@tiaojie/domain';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { Public, Roles } from '../accounts/auth.guard';
import { CurrentAuth } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { User } from '../accounts/user.entity';
import { AppException } from '../common/app-exception';
import { MediationCase } from '../cases/case.entity';
import { Court } from '../organisations/court.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { MediatorProfile } from '../organisations/mediator-profile.entity';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';

class MediatorRosterQueryDto implements MediatorRosterQuery {
  @IsOptional()
  @IsIn(DISPUTE_TYPES)
  disputeType?: DisputeType;

  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

@ApiTags('mediators')
@Controller()
export class MediatorsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly holidays: HolidayCalendarService,
  ) {}

  /** R05: the public roster parties choose from (R07). */
  @Get('mediators')
  @Public()
  async roster(@Query() query: MediatorRosterQueryDto): Promise<MediatorProfileView[]> {
    const memberships = await this.db.getRepository(Membership).find({
      where: { role: 'mediator', status: 'active', organisationId: query.organisationId ?? Not(IsNull()) },
      relations: { organisation: true },
    });
    const ids = [...new Set(memberships.map((m) => m.userId))];
    if (!ids.length) return [];
    const [users, profiles, courts] = await Promise.all([
      this.db.getRepository(User).find({ where: { id: In(ids), disabledAt: IsNull() } }),
      this.db.getRepository(MediatorProfile).find({ where: { userId: In(ids), isPublic: true } }),
      this.db.getRepository(Court).find(),
    ]);
    return users
      .map((u) => ({ u, p: profiles.find((p) => p.userId === u.id) }))
      .filter((x): x is { u: User; p: MediatorProfile } => !!x.p && (!query.disputeType || x.p.disputeTypes.includes(query.disputeType)))
      .map(({ u, p }) => {
        const orgs = memberships.flatMap((m) => (m.userId === u.id && m.organisation ? [m.organisation] : []));
        return {
          id: u.id,
          name: u.name,
          organisations: orgs.map((o) => ({ id: o.id, name: o.name, nameEn: o.nameEn ?? null, type: o.type })),
          disputeTypes: p.disputeTypes,
          expertise: p.expertise,
          bio: p.bio,
          // Issue #11: the English texts where the admin gave them (the web falls back to the Chinese).
          nameEn: p.nameEn || null,
          bioEn: p.bioEn || null,
          expertiseEn: p.expertiseEn?.length ? p.expertiseEn : null,
          yearsOfPractice: p.yearsOfPractice,
          chargesFees: p.chargesFees,
          courtName: courts.find((c) => c.id === orgs[0]?.courtId)?.name ?? null,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Same-day contact: time from submission to the mediator's first contact, for the organisation. */
  @Get('organisations/:id/sla')
  @Roles('org_admin', 'admin')
  async sla(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext): Promise<OrganisationSlaView> {
    const member = await this.db.getRepository(Membership).exists({ where: { userId: auth.userId, organisationId: id, role: 'org_admin' } });
    if (!member && !auth.user.roles.includes('admin')) throw new AppException('NOT_FOUND', 'Not found');
    if (!(await this.db.getRepository(Organisation).exists({ where: { id } }))) throw new AppException('NOT_FOUND', 'Not found');
    const cases = await this.db.getRepository(MediationCase).find({ where: { organisationId: id, submittedAt: Not(IsNull()) }, select: { id: true, submittedAt: true, firstContactAt: true } });
    const contacted = cases.flatMap((c) => (c.firstContactAt && c.submittedAt ? [{ contactAt: c.firstContactAt, submittedAt: c.submittedAt }] : []));
    const minutes = contacted.map((c) => (c.contactAt.getTime() - c.submittedAt.getTime()) / 60_000).sort((a, b) => a - b);
    return {
      organisationId: id,
      submitted: cases.length,
      contacted: contacted.length,
      contactedWithinSla: contacted.filter((c) => c.contactAt <= deadlineFrom('sameDayContact', c.submittedAt, this.holidays.calendar())).length,
      medianMinutesToContact: minutes.length ? Math.round(minutes[Math.floor((minutes.length - 1) / 2)]) : null,
    };
  }
}
