import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseAccessLogEntry, ComplaintDetail } from '@tiaojie/contracts';
import { mayHandleComplaint, mayReadCaseAccessLog, nextComplaintStatus, type ComplaintAction } from '@tiaojie/domain';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { CaseAccessLog } from '../cases/case-access-log.entity';
import { recordCaseAccess } from '../cases/case-access';
import type { Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { Notifier } from '../cases/notifier';
import { complainantRecipient } from './complaint-recipients';
import { complaintDetail, escalatedAt } from './complaint-views';
import { Complaint } from './complaint.entity';
import { ComplaintsService } from './complaints.service';
import type { DecideComplaintDto } from './dto';

/**
 * R38: the organisation's admin handles a complaint about it or its mediators — takes it into
 * investigation, adds internal notes, decides with a coded outcome and reasons; the supervisor
 * (system admin, standing in for the 司法局) may too once it was escalated. The complainant is
 * told at each public step. R19: the handler of a leak complaint reads the linked case's
 * access log, and that reading is itself written to the case's access log and audited.
 */
@Injectable()
export class ComplaintHandlingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly complaints: ComplaintsService,
    private readonly notifier: Notifier,
    private readonly audit: AuditService,
  ) {}

  /** Loads under lock, checks the viewer handles it and the step is allowed now. */
  private async step(manager: EntityManager, id: string, viewer: Viewer, action: ComplaintAction) {
    const { c, role } = await this.complaints.load(manager, id, viewer, true);
    if (!mayHandleComplaint(role, !!escalatedAt(c))) throw new AppException('FORBIDDEN', 'Only the organisation’s admin (or the supervisor, once escalated) handles this complaint');
    const next = nextComplaintStatus(c.status, action);
    if (!next)
      throw AppException.field(
        'CONFLICT',
        'status',
        'wrongState',
        `This complaint is ${c.status}: it cannot be ${action === 'decide' ? 'decided' : action === 'investigate' ? 'taken into investigation' : 'noted'} now`,
      );
    return { c, role, next };
  }

  private async tell(manager: EntityManager, c: Complaint, template: string, params: Record<string, unknown> = {}) {
    await this.notifier.queue(manager, {
      caseId: null,
      eventId: null,
      dedupBase: `complaint:${c.id}:${template}`,
      template,
      params: { ground: c.ground, ...params },
      recipients: await complainantRecipient(manager, this.notifier, c.complainantId),
    });
  }

  async investigate(id: string, note: string | undefined, viewer: Viewer, meta: RequestMeta): Promise<ComplaintDetail> {
    return this.db.transaction(async (manager) => {
      const { c, role, next } = await this.step(manager, id, viewer, 'investigate');
      const now = this.clock.now();
      await manager.getRepository(Complaint).update({ id }, { status: next, investigatingAt: now, handledById: viewer.userId });
      await this.complaints.addEvent(manager, { complaintId: id, type: 'investigating', actorId: viewer.userId });
      if (note) await this.complaints.addEvent(manager, { complaintId: id, type: 'note', actorId: viewer.userId, internal: true, text: note });
      await this.audit.record({ actorId: viewer.userId, action: 'complaint.investigating', targetType: 'complaint', targetId: id, detail: { as: role, note: !!note } }, meta, manager);
      await this.tell(manager, c, 'complaint_investigating', { dueAt: c.decideBy.toISOString() });
      return complaintDetail(manager, await manager.getRepository(Complaint).findOneByOrFail({ id }), role);
    });
  }

  /** An internal note: handlers and the supervisor see it; the complainant and the mediator never do. */
  async note(id: string, text: string, viewer: Viewer, meta: RequestMeta): Promise<ComplaintDetail> {
    return this.db.transaction(async (manager) => {
      const { c, role } = await this.step(manager, id, viewer, 'note');
      await this.complaints.addEvent(manager, { complaintId: id, type: 'note', actorId: viewer.userId, internal: true, text });
      await this.audit.record({ actorId: viewer.userId, action: 'complaint.note_added', targetType: 'complaint', targetId: id, detail: { as: role } }, meta, manager);
      return complaintDetail(manager, c, role);
    });
  }

  async decide(id: string, dto: DecideComplaintDto, viewer: Viewer, meta: RequestMeta): Promise<ComplaintDetail> {
    return this.db.transaction(async (manager) => {
      const { c, role, next } = await this.step(manager, id, viewer, 'decide');
      const now = this.clock.now();
      await manager.getRepository(Complaint).update({ id }, { status: next, outcome: dto.outcome, reasons: dto.reasons, decidedAt: now, handledById: viewer.userId });
      await this.complaints.addEvent(manager, { complaintId: id, type: 'decided', actorId: viewer.userId, outcome: dto.outcome, text: dto.reasons });
      await this.audit.record({ actorId: viewer.userId, action: 'complaint.decided', targetType: 'complaint', targetId: id, detail: { as: role, outcome: dto.outcome } }, meta, manager);
      await this.tell(manager, c, 'complaint_decided', { outcome: dto.outcome });
      return complaintDetail(manager, await manager.getRepository(Complaint).findOneByOrFail({ id }), role);
    });
  }

  /** R19: the linked case's access log, for the handler of a leak complaint; the reading is logged on the case too. */
  async caseAccessLog(id: string, viewer: Viewer, meta: RequestMeta): Promise<CaseAccessLogEntry[]> {
    let refused: { caseId: string; complaintId: string } | null = null;
    try {
      return await this.readAccessLog(id, viewer, meta, (r) => (refused = r));
    } finally {
      // Like every refused access to a case file (R19), a refused reading is logged — after the rollback.
      const r = refused as { caseId: string; complaintId: string } | null;
      if (r) await recordCaseAccess(this.db.manager, { caseId: r.caseId, userId: viewer.userId, action: 'complaint_access_log_read', targetId: r.complaintId, allowed: false, ip: meta.ip });
    }
  }

  private readAccessLog(id: string, viewer: Viewer, meta: RequestMeta, onRefused: (r: { caseId: string; complaintId: string }) => void): Promise<CaseAccessLogEntry[]> {
    return this.db.transaction(async (manager) => {
      const { c, role } = await this.complaints.load(manager, id, viewer);
      const caseId = c.caseId;
      if (!caseId || !mayReadCaseAccessLog(c, role)) {
        if (caseId) onRefused({ caseId, complaintId: c.id });
        throw new AppException('FORBIDDEN', 'The case access log is shown only to the handler of a complaint about a leak (R19) with a linked case');
      }
      const rows = await manager.getRepository(CaseAccessLog).find({ where: { caseId }, order: { createdAt: 'DESC' }, take: 1000 });
      const ids = [...new Set(rows.map((r) => r.userId).filter((x): x is string => !!x))];
      const users = ids.length ? await manager.getRepository(User).find({ where: { id: In(ids) } }) : [];
      await recordCaseAccess(manager, { caseId, userId: viewer.userId, action: 'complaint_access_log_read', targetId: c.id, allowed: true, ip: meta.ip });
      await this.complaints.addEvent(manager, { complaintId: id, type: 'access_log_read', actorId: viewer.userId, internal: true });
      await this.audit.record(
        { actorId: viewer.userId, action: 'complaint.access_log_read', targetType: 'complaint', targetId: id, detail: { caseId: c.caseId, entries: rows.length } },
        meta,
        manager,
      );
      return rows.map((r) => ({ at: r.createdAt.toISOString(), userId: r.userId, userName: users.find((u) => u.id === r.userId)?.name ?? null, action: r.action, allowed: r.allowed }));
    });
  }
}
