import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chinaDateOf } from '@tiaojie/domain';
import { DataSource } from 'typeorm';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { DeadlineScanner } from '../cases/deadline-scanner.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { Notifier } from '../cases/notifier';
import { Obligation } from '../cases/agreement.entity';
import { obligationParams, partyRecipients } from './performance-notices';
import { daysLeft, PERFORMANCE_STATES, REMINDER_DAYS } from './performance-rules';

/**
 * R28: prompts for voluntary performance. Before each due date the obligor is reminded
 * 3 days and 1 day before (each once); once the date has passed unperformed, the obligor, the
 * obligee and the mediators are told once (and the timeline records it). `remindedAt` holds the
 * last notice; the notices also carry a de-duplication key, so a rescan never repeats one.
 * Run with every deadline scan (ObligationReminders below).
 */
export async function scanObligations(db: DataSource, notifier: Notifier, lifecycle: CaseLifecycleService, now: Date): Promise<void> {
  const horizon = new Date(Date.parse(`${chinaDateOf(now)}T00:00:00Z`) + Math.max(...REMINDER_DAYS) * 24 * 3600_000).toISOString().slice(0, 10);
  const due: Obligation[] = await db
    .getRepository(Obligation)
    .createQueryBuilder('o')
    .innerJoin('agreement', 'a', "a.id = o.agreement_id AND a.status = 'effective'")
    .innerJoin('mediation_case', 'c', 'c.id = o.case_id AND c.state IN (:...states)', { states: PERFORMANCE_STATES })
    .where("o.status IN ('pending', 'disputed')")
    .andWhere('o.due_date <= :horizon', { horizon })
    // Already told it is overdue: a notice at or after the end of the due date (24:00 China).
    .andWhere("(o.reminded_at IS NULL OR o.reminded_at < (o.due_date::timestamp + interval '16 hours') AT TIME ZONE 'UTC')")
    .getMany();
  for (const o of due) {
    const left = daysLeft(o.dueDate, now);
    const last = o.remindedAt ? daysLeft(o.dueDate, o.remindedAt) : Infinity;
    // The nearest reminder stage reached now, unless one at that stage (or later) was sent.
    const stage = left < 0 ? 'overdue' : REMINDER_DAYS.filter((d) => left <= d).pop();
    if (stage === undefined) continue;
    if (stage === 'overdue' ? last < 0 : last <= stage) continue;
    await db.transaction(async (manager) => {
      const c = await manager.getRepository(MediationCase).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: o.caseId }).getOneOrFail();
      const fresh = await manager.getRepository(Obligation).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id: o.id }).getOneOrFail();
      if (!['pending', 'disputed'].includes(fresh.status) || (fresh.remindedAt?.getTime() ?? null) !== (o.remindedAt?.getTime() ?? null)) return;
      const obligor = await manager.getRepository(CaseParty).findOneByOrFail({ id: o.obligorPartyId });
      if (stage === 'overdue') {
        const obligee = await manager.getRepository(CaseParty).findOneByOrFail({ id: o.obligeePartyId });
        const event = await lifecycle.appendEvent(manager, c, {
          type: 'obligation_overdue',
          fromState: null,
          toState: null,
          actorId: null,
          actorRole: 'system',
          audience: 'case',
          data: { obligationId: o.id, seq: o.seq, description: o.description, amount: o.amount, dueDate: o.dueDate },
        });
        const params = obligationParams(c, o, { confirmed: c.state === 'CONFIRMED' });
        await notifier.queue(manager, {
          caseId: c.id,
          eventId: event.id,
          dedupBase: `overdue:obligation:${o.id}`,
          template: 'obligation_overdue',
          params,
          recipients: [...(await partyRecipients(notifier, manager, c, obligor)), ...(await notifier.recipients(manager, c, ['mediator']))],
        });
        await notifier.queue(manager, {
          caseId: c.id,
          eventId: event.id,
          dedupBase: `overdue:obligation:${o.id}:owed`,
          template: 'obligation_overdue_owed',
          params,
          recipients: await partyRecipients(notifier, manager, c, obligee),
        });
      } else {
        await notifier.queue(manager, {
          caseId: c.id,
          eventId: null,
          dedupBase: `reminder:obligation:${o.id}:${stage}`,
          template: 'obligation_reminder',
          params: obligationParams(c, o, { daysLeft: left }),
          recipients: await partyRecipients(notifier, manager, c, obligor),
        });
      }
      await manager.getRepository(Obligation).update({ id: o.id }, { remindedAt: now });
    });
  }
}

/** Adds the obligation reminders to every deadline scan (R28), in the scanner's own sequence. */
@Injectable()
export class ObligationReminders implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scanner: DeadlineScanner,
    private readonly notifier: Notifier,
    private readonly lifecycle: CaseLifecycleService,
  ) {}

  onModuleInit() {
    this.scanner.addDeadlines((now) => scanObligations(this.db, this.notifier, this.lifecycle, now), 'obligation reminders failed');
  }
}
