import { COURT_OUTCOME_STATES } from '@tiaojie/domain';
import type { CaseState } from '@tiaojie/domain';
import { EntityManager } from 'typeorm';
import type { Notifier } from './notifier';
import { staffOf } from '../organisations/court-staff';
import type { MediationCase } from './case.entity';

/** The states a court that brought a case is told about (R21: results go back to that court). */
const OUTCOMES: readonly CaseState[] = COURT_OUTCOME_STATES;

/** R21: in the step's transaction, the judges and clerks of the court that brought the case learn its outcome. */
export async function tellCourtOfOutcome(manager: EntityManager, notifier: Notifier, c: MediationCase, from: CaseState, eventId: string) {
  if (!c.courtId || from === c.state || !OUTCOMES.includes(c.state)) return;
  const users = await staffOf(manager, c.courtId);
  if (!users.length) return;
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
