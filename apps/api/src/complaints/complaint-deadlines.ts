import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { overdueComplaintDeadline } from '@tiaojie/domain';
import { DataSource, In, IsNull, LessThan } from 'typeorm';
import { DeadlineScanner } from '../cases/deadline-scanner.service';
import { AuditLog } from '../audit/audit-log.entity';
import { Notifier } from '../cases/notifier';
import { complainantRecipient, handlerRecipients, supervisorRecipients } from './complaint-recipients';
import { Complaint, ComplaintEvent } from './complaint.entity';

/**
 * R38: a complaint not taken into investigation within 3 working days, or not decided within
 * 15, is escalated once per deadline to the supervisor — the staff of the organisation's 司法局 (the
 * system admin when it has none) — formerly the system admin, standing in for the
 * supervising 司法局 (no such role yet) — who may then handle it; the organisation's admins get
 * an overdue notice and the complainant is told. It stays open until decided: no dead end.
 */
export async function scanComplaints(db: DataSource, notifier: Notifier, now: Date) {
  const due = await db.getRepository(Complaint).find({
    where: [
      { status: 'received', acknowledgeBy: LessThan(now), ackEscalatedAt: IsNull() },
      { status: In(['received', 'investigating']), decideBy: LessThan(now), decideEscalatedAt: IsNull() },
    ],
  });
  for (const r of due) {
    await db.transaction(async (manager) => {
      const c = await manager.getRepository(Complaint).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: r.id }).getOneOrFail();
      const kind = overdueComplaintDeadline(c, now);
      if (!kind) return;
      await manager.getRepository(Complaint).update({ id: c.id }, kind === 'decide' ? { decideEscalatedAt: now } : { ackEscalatedAt: now });
      await manager.getRepository(ComplaintEvent).insert({ complaintId: c.id, type: 'escalated', internal: false, actorId: null, text: kind, outcome: null, createdAt: now });
      await manager
        .getRepository(AuditLog)
        .insert({ actorId: null, action: 'complaint.escalated', targetType: 'complaint', targetId: c.id, detail: { deadline: kind }, ip: null, userAgent: null, requestId: null });
      const params = { ground: c.ground, deadline: kind, dueAt: (kind === 'decide' ? c.decideBy : c.acknowledgeBy).toISOString() };
      const staff = [...(await supervisorRecipients(manager, notifier, c.organisationId)), ...(await handlerRecipients(manager, notifier, c.organisationId, c.mediatorId))];
      await notifier.queue(manager, { caseId: null, eventId: null, dedupBase: `complaint:${c.id}:overdue:${kind}`, template: 'complaint_overdue', params, recipients: staff });
      await notifier.queue(manager, {
        caseId: null,
        eventId: null,
        dedupBase: `complaint:${c.id}:escalated:${kind}`,
        template: 'complaint_escalated',
        params,
        recipients: await complainantRecipient(manager, notifier, c.complainantId),
      });
    });
  }
}

/** Adds the complaint deadlines to every scan of the DeadlineScanner (on its clock). */
@Injectable()
export class ComplaintDeadlines implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scanner: DeadlineScanner,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit() {
    this.scanner.addStep((now) => scanComplaints(this.db, this.notifier, now));
  }
}
