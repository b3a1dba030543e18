import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FollowUpView } from '@tiaojie/contracts';
import { chinaDateOf, PERFORMANCE_STATES } from '@tiaojie/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { openCase } from '../cases/case-access';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/viewer.decorator';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import type { FollowUpResultDto, ScheduleFollowUpDto } from './follow-ups.dto';
import { CaseFollowUp } from './roster.entities';

/**
 * 回访 (issue #13): the organisation's admins and the case's mediator schedule follow-ups on the
 * performance of the agreement and record what they found. Staff only: a party (or anyone who is
 * not the case's staff) gets 404 — the follow-ups are never shown to the parties.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private async staffCase(manager: EntityManager, caseId: string, viewer: Viewer) {
    const { c, relations: r } = await openCase(manager, caseId, viewer.userId);
    // Read by its staff only: 403 for the organisation's other staff, 404 for the parties and the filer.
    if (!r.isOrgAdmin && !r.isActiveMediator) throw new AppException(!r.parties.length && !r.isFiler ? 'FORBIDDEN' : 'NOT_FOUND', 'No such case');
    return c;
  }

  async list(caseId: string, viewer: Viewer): Promise<FollowUpView[]> {
    return this.db.transaction(async (manager) => {
      await this.staffCase(manager, caseId, viewer);
      const rows = await manager.getRepository(CaseFollowUp).find({ where: { caseId }, order: { dueOn: 'ASC', createdAt: 'ASC' } });
      return this.views(manager, rows);
    });
  }

  /** The viewer's follow-ups due today or earlier and not yet recorded (its queue). */
  async due(viewer: Viewer): Promise<Array<FollowUpView & { caseNumber: string | null }>> {
    const today = chinaDateOf(this.clock.now());
    const rows: CaseFollowUp[] = await this.db
      .getRepository(CaseFollowUp)
      .createQueryBuilder('f')
      .where('f.recorded_at IS NULL AND f.due_on <= :today', { today })
      .andWhere(
        `(f.organisation_id IN (SELECT m.organisation_id FROM membership m WHERE m.user_id = :uid AND m.role = 'org_admin' AND m.status = 'active')
          OR EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = f.case_id AND a.mediator_id = :uid AND a.status = 'accepted'))`,
        { uid: viewer.userId },
      )
      .orderBy('f.due_on', 'ASC')
      .take(100)
      .getMany();
    const views = await this.views(this.db.manager, rows);
    const cases = rows.length ? await this.db.getRepository(MediationCase).find({ where: { id: In(rows.map((r) => r.caseId)) }, select: { id: true, number: true } }) : [];
    return views.map((v) => ({ ...v, caseNumber: cases.find((c) => c.id === v.caseId)?.number ?? null }));
  }

  async schedule(caseId: string, dto: ScheduleFollowUpDto, viewer: Viewer, meta: RequestMeta): Promise<FollowUpView[]> {
    await this.db.transaction(async (manager) => {
      const c = await this.staffCase(manager, caseId, viewer);
      if (!(PERFORMANCE_STATES as readonly string[]).includes(c.state)) throw AppException.field('CONFLICT', 'state', 'noAgreement', 'A follow-up is scheduled on a case with an agreement in effect');
      const saved = await manager
        .getRepository(CaseFollowUp)
        .save({ caseId, organisationId: c.organisationId, dueOn: dto.dueOn, method: dto.method, notes: dto.notes?.trim() ?? '', scheduledById: viewer.userId });
      await this.audit.record(
        { actorId: viewer.userId, action: 'follow_up.scheduled', targetType: 'case', targetId: caseId, detail: { followUpId: saved.id, dueOn: dto.dueOn, method: dto.method } },
        meta,
        manager,
      );
    });
    return this.list(caseId, viewer);
  }

  async record(caseId: string, followUpId: string, dto: FollowUpResultDto, viewer: Viewer, meta: RequestMeta): Promise<FollowUpView[]> {
    await this.db.transaction(async (manager) => {
      await this.staffCase(manager, caseId, viewer);
      const f = await manager.getRepository(CaseFollowUp).findOne({ where: { id: followUpId, caseId } });
      if (!f) throw new AppException('NOT_FOUND', 'Not found');
      const done = await manager
        .getRepository(CaseFollowUp)
        .update(
          { id: f.id, recordedAt: IsNull() },
          { performanceStatus: dto.performanceStatus, resultNotes: dto.resultNotes?.trim() ?? '', recordedById: viewer.userId, recordedAt: this.clock.now() },
        );
      if (!done.affected) throw AppException.field('CONFLICT', 'performanceStatus', 'alreadyRecorded', 'This follow-up has already been recorded');
      await this.audit.record(
        { actorId: viewer.userId, action: 'follow_up.recorded', targetType: 'case', targetId: caseId, detail: { followUpId, performanceStatus: dto.performanceStatus } },
        meta,
        manager,
      );
    });
    return this.list(caseId, viewer);
  }

  private async views(manager: EntityManager, rows: CaseFollowUp[]): Promise<FollowUpView[]> {
    const ids = [...new Set(rows.flatMap((r) => [r.scheduledById, r.recordedById]).filter((x): x is string => !!x))];
    const users = ids.length ? await manager.getRepository(User).find({ where: { id: In(ids) } }) : [];
    const name = (id: string | null) => {
      const u = users.find((x) => x.id === id);
      return u ? (u.realName ?? u.name) : null;
    };
    const today = chinaDateOf(this.clock.now());
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      dueOn: r.dueOn,
      method: r.method,
      notes: r.notes,
      scheduledByName: name(r.scheduledById),
      performanceStatus: r.performanceStatus,
      resultNotes: r.resultNotes,
      recordedAt: r.recordedAt?.toISOString() ?? null,
      recordedByName: name(r.recordedById),
      due: !r.recordedAt && r.dueOn <= today,
    }));
  }
}
