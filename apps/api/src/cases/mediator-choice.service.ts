import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MediatorChoiceView } from '@tiaojie/contracts';
import { deadlineFrom } from '@tiaojie/domain';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { Membership } from '../organisations/membership.entity';
import { caseActorFor } from './case-access';
import { CaseAssignment, pendingAssignment } from './case-assignment.entity';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { CasesService } from './cases.service';
import type { Viewer } from './viewer.decorator';

/**
 * Whether `userId` is on the organisation's roster of mediators and active (R07, issue #13: a
 * suspended mediator or one who left is not offered, not assignable and takes no new case).
 */
export function isOrgMediator(manager: EntityManager, organisationId: string, userId: string) {
  return manager.getRepository(Membership).exists({ where: { organisationId, userId, role: 'mediator', status: 'active' } });
}

/**
 * R07: the parties choose the mediator jointly from the organisation's roster within the choice
 * window; a joint choice becomes the assignment (R09), otherwise the organisation designates
 * one (CaseWorkflowService.assign). Each step goes through CaseLifecycleService.
 */
@Injectable()
export class MediatorChoiceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly cases: CasesService,
  ) {}

  private async roster(manager: EntityManager, organisationId: string | null) {
    if (!organisationId) return [];
    const ms = await manager.getRepository(Membership).find({ where: { organisationId, role: 'mediator', status: 'active' } });
    const users = ms.length ? await manager.getRepository(User).find({ where: { id: In(ms.map((m) => m.userId)) }, order: { name: 'ASC' } }) : [];
    return users.map((u) => ({ id: u.id, name: u.realName ?? u.name }));
  }

  /** R07: the choice window (2 working days from the application), the designation deadline (3), each party's choice. */
  async mediatorChoice(caseId: string, viewer: Viewer): Promise<MediatorChoiceView> {
    return this.cases.withAccess(caseId, viewer, 'view_mediator_choice', null, async (manager, c, relations) => {
      const now = this.clock.now();
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
      const roster = await this.roster(manager, c.organisationId);
      const assigned = await manager.getRepository(CaseAssignment).exists({ where: { caseId, status: In(['pending', 'accepted']) } });
      const windowEndsAt = c.submittedAt ? deadlineFrom('chooseMediator', c.submittedAt, this.holidays.calendar()) : null;
      const open = !!windowEndsAt && now <= windowEndsAt && !assigned && (c.state === 'SUBMITTED' || c.state === 'ACCEPTED');
      const name = (id: string | null) => (id ? (roster.find((r) => r.id === id)?.name ?? null) : null);
      return {
        caseId,
        caseVersion: c.version,
        windowEndsAt: windowEndsAt?.toISOString() ?? null,
        open,
        designateBy: c.submittedAt ? deadlineFrom('designateMediator', c.submittedAt, this.holidays.calendar()).toISOString() : null,
        choices: parties.map((p) => ({ partyId: p.id, partyName: p.name, mediatorId: p.mediatorChoiceId, mediatorName: name(p.mediatorChoiceId) })),
        ownPartyIds: relations.parties.map((p) => p.id),
        roster,
        assigned,
        canChoose: open && c.state === 'ACCEPTED' && relations.parties.length > 0,
      };
    });
  }

  /**
   * R07: a party (or its agent) chooses a mediator of the organisation's roster within 2 working
   * days of the application. When every party chose the same one, that mediator gets the
   * assignment as usual (R09: accept or decline in 3 working days); otherwise the organisation
   * designates one by day 3 (the deadline scanner reminds and escalates).
   */
  async chooseMediator(caseId: string, dto: { mediatorId: string; version: number }, viewer: Viewer): Promise<MediatorChoiceView> {
    await this.db.transaction(async (manager) => {
      const { c, relations, actor } = await caseActorFor(manager, caseId, viewer, ['citizen', 'agent']);
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties choose the mediator');
      if (c.state !== 'ACCEPTED') throw AppException.field('CONFLICT', 'state', 'wrongState', 'The parties choose once the organisation accepted the application');
      const now = this.clock.now();
      if (!c.submittedAt || now > deadlineFrom('chooseMediator', c.submittedAt, this.holidays.calendar())) {
        throw AppException.field('UNPROCESSABLE', 'mediatorId', 'R07_choice_window', 'The 2 working days for choosing a mediator have passed; the organisation designates one (R07)');
      }
      if (await manager.getRepository(CaseAssignment).exists({ where: { caseId, status: In(['pending', 'accepted']) } })) {
        throw AppException.field('CONFLICT', 'mediatorId', 'R07_already_assigned', 'A mediator is already assigned');
      }
      if (!c.organisationId || !(await isOrgMediator(manager, c.organisationId, dto.mediatorId))) {
        throw AppException.field('UNPROCESSABLE', 'mediatorId', 'R07_roster', 'Not a mediator of the organisation’s roster');
      }
      const mine = relations.parties.map((p) => p.id);
      await manager.getRepository(CaseParty).update({ id: In(mine) }, { mediatorChoiceId: dto.mediatorId });
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId } });
      const joint = parties.every((p) => p.mediatorChoiceId === dto.mediatorId);
      const mediator = await manager.getRepository(User).findOneByOrFail({ id: dto.mediatorId });
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        event: joint ? 'mediator_assigned' : 'mediator_chosen',
        data: { mediatorId: dto.mediatorId, mediatorName: mediator.name, role: 'presiding', jointChoice: joint, partyIds: mine },
        notify: joint ? ['mediator', 'applicant', 'respondent'] : [],
        mutate: async (_row, m) => {
          if (!joint) return;
          await m.getRepository(CaseAssignment).save(
            pendingAssignment({
              caseId,
              mediatorId: dto.mediatorId,
              role: 'presiding',
              assignedById: null,
              assignedAt: now,
              respondBy: deadlineFrom('mediatorAccept', now, this.holidays.calendar()),
            }),
          );
        },
      });
    });
    return this.mediatorChoice(caseId, viewer);
  }
}
