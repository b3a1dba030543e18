import type { CaseState } from '@tiaojie/domain';
import { EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import type { Notifier } from '../notifications/notifier';
import { Membership } from '../organisations/membership.entity';
import type { MediationCase } from './case.entity';

/** The states a court that brought a case is told about (R21: results go back to that court). */
const OUTCOMES: readonly CaseState[] = ['RETURNED', 'SETTLED', 'TERMINATED', 'ESCALATED', 'CLOSED'];

/** R21: in the step's transaction, the judges and clerks of the court that brought the case learn its outcome. */
export async function tellCourtOfOutcome(manager: EntityManager, notifier: Notifier, c: MediationCase, from: CaseState, eventId: string) {
  if (!c.courtId || from === c.state || !OUTCOMES.includes(c.state)) return;
  const ms = await manager.getRepository(Membership).find({ where: { courtId: c.courtId, role: In(['judge', 'clerk']) } });
  if (!ms.length) return;
  const users = await manager.getRepository(User).find({ where: { id: In(ms.map((m) => m.userId)) } });
  await notifier.queue(manager, {
    caseId: c.id,
    eventId,
    dedupBase: `court-outcome:${eventId}`,
    template: 'court_case_outcome',
    params: { caseNumber: c.number, courtCaseNumber: c.courtCaseNumber, state: c.state },
    // Court staff read the staff wording of a notice.
    recipients: users.map((u) => notifier.fromUser('dispatcher', u)),
  });
}
