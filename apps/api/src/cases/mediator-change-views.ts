import type { ConflictCheckView, DeadlineView, MediatorChangeRequestView } from '@tiaojie/contracts';
import { conflictConsentedByAll, mayReadMediatorChangeRequest, type CaseAudience, type ConflictAnswer, type WorkingCalendar } from '@tiaojie/domain';
import { EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import type { CaseAssignment } from './case-assignment.entity';
import type { CaseParty } from './case-party.entity';
import type { MediationCase } from './case.entity';
import { deadlineView } from './case-views';
import { ConflictConsent, MediatorChangeRequest } from './mediator-change.entity';

/**
 * R10: the accepted assignment whose mediator disclosed a conflict (the latest one), while the
 * case can still go on with that mediator.
 */
export function disclosedAssignment(c: MediationCase, assignments: CaseAssignment[]): CaseAssignment | null {
  if (c.state !== 'ACCEPTED' && c.state !== 'MEDIATING') return null;
  const disclosed = assignments.filter((a) => a.status === 'accepted' && a.conflictDisclosure);
  return disclosed.sort((a, b) => (b.respondedAt?.getTime() ?? 0) - (a.respondedAt?.getTime() ?? 0))[0] ?? null;
}

/** R10: each party's answer to the conflict disclosed by `assignment` (consent rows and open recusal requests). */
export async function conflictAnswers(manager: EntityManager, assignment: CaseAssignment, parties: CaseParty[]): Promise<Record<string, ConflictAnswer>> {
  const consents = await manager.getRepository(ConflictConsent).find({ where: { assignmentId: assignment.id } });
  const recusals = await manager.getRepository(MediatorChangeRequest).find({ where: { assignmentId: assignment.id, kind: 'recusal', status: 'open' } });
  return Object.fromEntries(parties.map((p) => [p.id, consents.some((x) => x.partyId === p.id) ? 'consented' : recusals.some((r) => r.partyId === p.id) ? 'recusal' : 'pending'] as const));
}

/**
 * R10 for the state machine: every accepted mediator who disclosed a conflict has every
 * party's consent given after the disclosure (consent to mediation given before does not count).
 */
export async function allConsentedToDisclosures(manager: EntityManager, assignments: CaseAssignment[], parties: CaseParty[]): Promise<boolean> {
  const disclosed = assignments.filter((a) => a.status === 'accepted' && a.conflictDisclosure);
  for (const a of disclosed) {
    if (
      !conflictConsentedByAll(
        parties.map((p) => p.id),
        await conflictAnswers(manager, a, parties),
      )
    )
      return false;
  }
  return disclosed.length > 0;
}

export function mediatorChangeView(r: MediatorChangeRequest, parties: CaseParty[], assignments: CaseAssignment[], users: User[]): MediatorChangeRequestView {
  const name = (assignmentId: string | null) => {
    const a = assignments.find((x) => x.id === assignmentId);
    return a ? (users.find((u) => u.id === a.mediatorId)?.name ?? '') : null;
  };
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    partyId: r.partyId,
    partyName: parties.find((p) => p.id === r.partyId)?.name ?? '',
    assignmentId: r.assignmentId,
    mediatorName: name(r.assignmentId) ?? '',
    reasonCode: r.reasonCode,
    reasonNote: r.reasonNote,
    createdAt: r.createdAt.toISOString(),
    answerBy: r.answerBy.toISOString(),
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answerNote: r.answerNote,
    newMediatorName: name(r.newAssignmentId),
  };
}

/** The requests this audience may see (R10, R11: the asking party's own item and the org admin's), newest first. */
export async function visibleMediatorChanges(
  manager: EntityManager,
  caseId: string,
  audience: CaseAudience,
  parties: CaseParty[],
  assignments: CaseAssignment[],
): Promise<MediatorChangeRequestView[]> {
  const all = await manager.getRepository(MediatorChangeRequest).find({ where: { caseId }, order: { createdAt: 'DESC' } });
  const visible = all.filter((r) => mayReadMediatorChangeRequest(audience, r));
  if (!visible.length) return [];
  const ids = assignments.map((a) => a.mediatorId);
  const users = ids.length ? await manager.getRepository(User).find({ where: { id: In(ids) } }) : [];
  return visible.map((r) => mediatorChangeView(r, parties, assignments, users));
}

/** R10, R11: open requests per case, for the dispatcher's queue badge (only cases of organisations the user administers). */
export async function openChangeCounts(manager: EntityManager, caseIds: string[], userId: string): Promise<Map<string, number>> {
  if (!caseIds.length) return new Map();
  const rows: Array<{ case_id: string; n: number | string }> = await manager.query(
    `SELECT r.case_id, count(*) AS n FROM mediator_change_request r JOIN mediation_case c ON c.id = r.case_id
     JOIN membership m ON m.organisation_id = c.organisation_id AND m.user_id = $2 AND m.role = 'org_admin'
     WHERE r.case_id = ANY($1) AND r.status = 'open' GROUP BY r.case_id`,
    [caseIds, userId],
  );
  return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
}

/** The case page's R10/R11 fields for this viewer, and the deadlines of the open requests it may see. */
export async function mediatorChangeFields(
  manager: EntityManager,
  c: MediationCase,
  audience: CaseAudience,
  parties: CaseParty[],
  assignments: CaseAssignment[],
  mediators: User[],
  now: Date,
  calendar: WorkingCalendar,
): Promise<{ conflictCheck: ConflictCheckView | null; mediatorChangeRequests: MediatorChangeRequestView[]; pendingMediatorChanges: number; deadlines: DeadlineView[] }> {
  const requests = await visibleMediatorChanges(manager, c.id, audience, parties, assignments);
  const open = requests.filter((r) => r.status === 'open');
  const disclosed = disclosedAssignment(c, assignments);
  let conflictCheck: ConflictCheckView | null = null;
  if (disclosed) {
    const answers = await conflictAnswers(manager, disclosed, parties);
    // Another party's recusal request is that party's own item: shown to others as still pending.
    const shown = (partyId: string) => (answers[partyId] === 'recusal' && !mayReadMediatorChangeRequest(audience, { partyId }) ? 'pending' : answers[partyId]);
    conflictCheck = {
      assignmentId: disclosed.id,
      mediatorName: mediators.find((m) => m.id === disclosed.mediatorId)?.name ?? '',
      disclosure: disclosed.conflictDisclosure ?? '',
      disclosedAt: (disclosed.respondedAt ?? disclosed.assignedAt).toISOString(),
      parties: parties.map((p) => ({ partyId: p.id, partyName: p.name, answer: shown(p.id) })),
      canAnswer: audience.partyIds.some((id) => answers[id] !== 'consented'),
    };
  }
  return {
    conflictCheck,
    mediatorChangeRequests: requests,
    pendingMediatorChanges: audience.orgAdmin ? open.length : 0,
    deadlines: open.map((r) => deadlineView('mediatorChangeAnswer', 'R11', new Date(r.answerBy), now, calendar)),
  };
}
