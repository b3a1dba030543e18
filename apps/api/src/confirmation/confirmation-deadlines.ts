import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { MediationCase } from '../cases/case.entity';
import { staffOf } from '../organisations/court-staff';
import { DeadlineScanner } from '../cases/deadline-scanner.service';
import { Notifier } from '../cases/notifier';
import { ConfirmationApplication, ConfirmationSupplement } from '../cases/confirmation.entity';

const DAY = 24 * 3600_000;

/**
 * R33 reminders, run by the deadline scanner: the parties a day before the court's deadline for
 * supplementary materials, and the judges and clerks of the court a day before its own
 * deadlines (accept within 3 days, rule within 15 (+10)). Each is sent once (de-duplication key).
 * When the materials deadline passes, `markMissedSupplements` puts it to the judge.
 */
export async function remindConfirmationDeadlines(db: DataSource, notifier: Notifier, now: Date): Promise<void> {
  const soon = new Date(now.getTime() + DAY);
  // Open requests due within the day, of applications still before the court (not withdrawn or ruled on).
  const supplements = await db
    .getRepository(ConfirmationSupplement)
    .createQueryBuilder('s')
    .innerJoin(ConfirmationApplication, 'a', 'a.id = s.application_id')
    .where('s.due_at > :now AND s.due_at < :soon AND s.fulfilled_at IS NULL AND s.missed_at IS NULL', { now, soon })
    .andWhere("a.status IN ('submitted', 'accepted')")
    .getMany();
  for (const s of supplements) {
    await db.transaction(async (manager) => {
      const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: s.caseId });
      const recipients = await notifier.recipients(manager, c, ['applicant', 'respondent', 'agent']);
      await notifier.queue(manager, {
        caseId: c.id,
        eventId: null,
        dedupBase: `reminder:supplement:${s.id}`,
        template: 'confirmation_supplement_requested',
        params: { caseNumber: c.number, dueAt: s.dueAt.toISOString() },
        recipients,
      });
    });
  }
  const apps = await db.getRepository(ConfirmationApplication).find({
    where: [
      { status: 'submitted', acceptBy: MoreThan(now) },
      { status: 'accepted', ruleBy: MoreThan(now) },
    ],
  });
  for (const a of apps) {
    const due = a.status === 'submitted' ? a.acceptBy : a.ruleBy;
    if (!due || due > soon) continue;
    await db.transaction(async (manager) => {
      const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: a.caseId });
      const users = await staffOf(manager, a.courtId);
      await notifier.queue(manager, {
        caseId: c.id,
        eventId: null,
        dedupBase: `reminder:court:${a.id}:${a.status}:${due.getTime()}`,
        template: 'confirmation_court_due',
        params: { caseNumber: c.number, dueAt: due.toISOString(), step: a.status === 'submitted' ? 'accept' : 'rule' },
        recipients: users.map((u) => notifier.fromUser('dispatcher', u)),
      });
    });
  }
}

/**
 * R33 (JC2011 6): a request for materials whose deadline passed unanswered is marked missed
 * (once) and put to the judges of the court, who decide whether it counts as withdrawal
 * (`CourtConfirmationService.decideSupplement`). The application stays before the court meanwhile.
 */
export async function markMissedSupplements(db: DataSource, lifecycle: CaseLifecycleService, notifier: Notifier, now: Date): Promise<void> {
  // One query: the overdue requests whose application is still before the court.
  const overdue = await db
    .getRepository(ConfirmationSupplement)
    .createQueryBuilder('s')
    .innerJoin(ConfirmationApplication, 'a', 'a.id = s.application_id')
    .where('s.due_at < :now AND s.fulfilled_at IS NULL AND s.missed_at IS NULL AND s.decision IS NULL', { now })
    .andWhere("a.status IN ('submitted', 'accepted')")
    .getMany();
  for (const s of overdue) {
    await db.transaction(async (manager) => {
      // Marked under a condition, so a rescan or a second process marks it once.
      const res = await manager.getRepository(ConfirmationSupplement).update({ id: s.id, missedAt: IsNull(), fulfilledAt: IsNull() }, { missedAt: now });
      if (!res.affected) return;
      const app = await manager.getRepository(ConfirmationApplication).findOneByOrFail({ id: s.applicationId });
      await lifecycle.runIn(manager, {
        caseId: s.caseId,
        version: null,
        userId: null,
        actor: 'system',
        event: 'confirmation_supplement_missed',
        data: { applicationId: s.applicationId, supplementId: s.id, dueAt: s.dueAt.toISOString() },
        notify: ['applicant', 'respondent', 'agent'],
      });
      const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: s.caseId });
      const users = await staffOf(manager, app.courtId, ['judge']);
      await notifier.queue(manager, {
        caseId: c.id,
        eventId: null,
        dedupBase: `court:supplement_missed:${s.id}`,
        template: 'confirmation_supplement_missed',
        params: { caseNumber: c.number, dueAt: s.dueAt.toISOString() },
        recipients: users.map((u) => notifier.fromUser('dispatcher', u)),
      });
    });
  }
}

/**
 * R33: run with every deadline scan, in the scanner's own sequence. Supplementary materials not
 * provided by the court's deadline are put to the judge, who decides whether that counts as
 * withdrawal (JC2011 6): the scan marks the request missed and tells the parties and the court;
 * it never withdraws the application itself.
 */
@Injectable()
export class ConfirmationDeadlines implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scanner: DeadlineScanner,
    private readonly notifier: Notifier,
    private readonly lifecycle: CaseLifecycleService,
  ) {}

  onModuleInit() {
    // Reminders a day before (parties: materials; court: accept / rule), then the missed deadlines.
    this.scanner.addDeadlines((now) => remindConfirmationDeadlines(this.db, this.notifier, now), 'confirmation reminders failed');
    this.scanner.addDeadlines((now) => markMissedSupplements(this.db, this.lifecycle, this.notifier, now), 'missed supplements not marked');
  }
}
