import { DataSource, IsNull, LessThan } from 'typeorm';
import type { Notifier } from './notifier';
import { updateRows, type CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { MediatorChangeRequest } from './mediator-change.entity';
import { partyRecipients } from './mediator-change.service';

const DAY = 24 * 3600_000;

/**
 * R10, R11: the dispatcher answers a request to change mediator (or for recusal) within 3
 * working days. A day before, the organisation's admins are reminded; when it passes
 * unanswered the request is escalated once — the admins get an overdue notice, the asking
 * party is told it was escalated — and it stays open (and marked) until answered: no dead end.
 */
export async function scanMediatorChanges(db: DataSource, notifier: Notifier, lifecycle: CaseLifecycleService, now: Date) {
  const due = await db.getRepository(MediatorChangeRequest).find({ where: { status: 'open', escalatedAt: IsNull(), answerBy: LessThan(new Date(now.getTime() + DAY)) } });
  for (const r of due) {
    await db.transaction(async (manager) => {
      // Re-read under the case lock: another process may have answered or escalated it meanwhile.
      const c = await manager.getRepository(MediationCase).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: r.caseId }).getOneOrFail();
      const fresh = await manager.getRepository(MediatorChangeRequest).findOneByOrFail({ id: r.id });
      if (fresh.status !== 'open' || fresh.escalatedAt) return;
      const params = { caseNumber: c.number, kind: fresh.kind, dueAt: fresh.answerBy.toISOString() };
      if (fresh.answerBy > now) {
        if (fresh.remindedAt) return;
        await manager.getRepository(MediatorChangeRequest).update({ id: fresh.id }, { remindedAt: now });
        await notifier.queue(manager, {
          caseId: c.id,
          eventId: null,
          dedupBase: `mediator-change:${fresh.id}:due`,
          template: 'mediator_change_due',
          params,
          recipients: await notifier.recipients(manager, c, ['dispatcher']),
        });
        return;
      }
      const party = await manager.getRepository(CaseParty).findOneByOrFail({ id: fresh.partyId });
      const saved = await lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId: null,
        actor: 'system',
        event: 'mediator_change_overdue',
        audience: 'organisation',
        data: { partyId: party.id, partyName: party.name, kind: fresh.kind, requestId: fresh.id },
        mutate: updateRows(MediatorChangeRequest, { id: fresh.id }, { escalatedAt: now }),
      });
      const recipients = [...(await notifier.recipients(manager, saved, ['dispatcher'])), ...(await partyRecipients(notifier, manager, saved, party))];
      await notifier.queue(manager, { caseId: c.id, eventId: null, dedupBase: `mediator-change:${fresh.id}:overdue`, template: 'mediator_change_overdue', params, recipients });
    });
  }
}
