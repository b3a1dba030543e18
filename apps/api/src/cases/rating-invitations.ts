import { isRatingState } from '@tiaojie/domain';
import type { EntityManager } from 'typeorm';
import type { MediationCase } from './case.entity';
import type { Notifier } from './notifier';

/**
 * Issue #13: when a case's mediation ends (domain RATING_STATES, with a mediator who accepted
 * it), each party is asked for a rating in-app and by SMS with a link — once: the outbox key is
 * per case, so a later end state (closed after terminated) asks no one again. R19: the SMS
 * carries the case number and the link, nothing of the case. Called by CaseLifecycleService in
 * the step's transaction.
 */
export async function queueRatingInvitations(manager: EntityManager, notifier: Notifier, publicUrl: string, c: MediationCase, eventId: string) {
  if (!isRatingState(c.state) || !c.mediatorAcceptedAt) return;
  const recipients = await notifier.recipients(manager, c, ['applicant', 'respondent']);
  await notifier.queue(manager, {
    caseId: c.id,
    eventId,
    dedupBase: `rating:${c.id}`,
    template: 'rating_invited',
    params: { caseNumber: c.number, link: `${publicUrl}/cases/${c.id}?rate=1` },
    recipients,
  });
}
