import type { CaseViewerRole } from '@tiaojie/contracts';
import type { Actor, CaseAudience } from '@tiaojie/domain';
import { EntityManager } from 'typeorm';
import { AppException, notFound } from '../common/app-exception';
import { Membership } from '../organisations/membership.entity';
import { CaseAccessLog } from './case-access-log.entity';
import { CaseAssignment } from './case-assignment.entity';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';

/**
 * Who the viewer is to this case, derived from the database on every request — never from
 * anything the client says. A user can be several things (a mediator who also dispatches).
 */
export interface CaseRelations {
  /** Parties this user acts as (own account or agent). */
  parties: CaseParty[];
  isFiler: boolean;
  /** Has a pending or accepted assignment. */
  isAssignedMediator: boolean;
  /** Accepted assignment (may mediate). */
  isActiveMediator: boolean;
  isOrgAdmin: boolean;
  /** A mediator of the case's organisation, not assigned and not removed from it (may read, R19-logged). */
  isOrgMember: boolean;
}

/**
 * R39: a mediator who left the case's organisation no longer acts on its cases, even while an
 * assignment is still open (the admin reassigns them; roster `needsReassignment`). The same rule
 * as SQL for the queries that derive rights in one statement (socket sends, queues).
 */
export const leftOrganisationSql = (caseIdSql: string, userIdSql: string) =>
  `EXISTS (SELECT 1 FROM mediation_case lc JOIN membership lm ON lm.organisation_id = lc.organisation_id WHERE lc.id = ${caseIdSql} AND lm.user_id = ${userIdSql} AND lm.role = 'mediator' AND lm.status = 'left')`;

export async function relationsOf(manager: EntityManager, userId: string, c: MediationCase): Promise<CaseRelations> {
  const parties = await manager.getRepository(CaseParty).find({
    where: [
      { caseId: c.id, userId },
      { caseId: c.id, agentUserId: userId },
    ],
  });
  const all = await manager.getRepository(CaseAssignment).find({ where: { caseId: c.id, mediatorId: userId } });
  const memberships = c.organisationId ? await manager.getRepository(Membership).find({ where: { userId, organisationId: c.organisationId } }) : [];
  const leftOrganisation = memberships.some((m) => m.role === 'mediator' && m.status === 'left');
  const assignments = leftOrganisation ? [] : all.filter((a) => a.status === 'pending' || a.status === 'accepted');
  // R10, R11: a mediator removed from the case (recusal, change of mediator) no longer reads it
  // as a mediator of the organisation either, unless assigned again.
  const removed = !assignments.length && all.some((a) => a.status === 'removed');
  return {
    parties,
    isFiler: c.filedById === userId,
    isAssignedMediator: assignments.length > 0,
    isActiveMediator: assignments.some((a) => a.status === 'accepted'),
    isOrgAdmin: memberships.some((m) => m.role === 'org_admin'),
    // R39: only an active mediator of the organisation reads its cases (not a suspended one, nor one who left).
    isOrgMember: !removed && memberships.some((m) => m.role === 'mediator' && m.status === 'active'),
  };
}

/**
 * The read rule (R15, R19), applied here only (issue #12; architecture.spec.ts): a party or its
 * agent, the filer, an assigned mediator, the organisation's admins and active mediators.
 */
function canRead(r: CaseRelations): boolean {
  return r.parties.length > 0 || r.isFiler || r.isAssignedMediator || r.isOrgAdmin || r.isOrgMember;
}

/** Who the viewer is to a case it may read; 404 when it may not, the answer of a missing case (R19). */
export async function readerOf(manager: EntityManager, userId: string, c: MediationCase): Promise<CaseRelations> {
  const relations = await relationsOf(manager, userId, c);
  if (!canRead(relations)) throw notFound();
  return relations;
}

/**
 * The one way to open a case for a viewer: the case and who the viewer is to it, or 404 for a
 * missing case and an unreadable one alike (R15, R19). `orIf` is a further way in that a
 * feature grants on its own terms (the judge of the case's court, R36), asked only when the read
 * rule says no. Logs nothing: reads of the file are logged by `CasesService.withAccess`.
 */
export async function openCase(manager: EntityManager, caseId: string, userId: string, orIf?: (c: MediationCase) => Promise<boolean>): Promise<{ c: MediationCase; relations: CaseRelations }> {
  const c = await manager.getRepository(MediationCase).findOne({ where: { id: caseId } });
  if (!c) throw notFound();
  const relations = await relationsOf(manager, userId, c);
  if (!canRead(relations) && !(await orIf?.(c))) throw notFound();
  return { c, relations };
}

/** One entry of the case access log (R19): who asked what of which case, allowed or refused. */
export interface CaseAccessEntry {
  caseId: string;
  userId: string;
  action: string;
  targetId: string | null;
  allowed: boolean;
  ip: string | null;
}

/** R19: the one writer of the case access log (issue #12; architecture.spec.ts). */
export async function recordCaseAccess(manager: EntityManager, entry: CaseAccessEntry): Promise<void> {
  await manager.getRepository(CaseAccessLog).insert(entry);
}

/**
 * The viewer as the visibility rules of the domain see it (R15): which parties and sides it
 * acts for — the filer acting for a citizen is on the applicant's side only — whether it is a
 * respondent still to consent, and what it is to the organisation.
 */
export function audienceOf(r: CaseRelations): CaseAudience {
  const sides = new Set(r.parties.map((p) => p.side));
  if (r.isFiler) sides.add('applicant');
  const staff = isCaseStaff(r);
  return {
    partyIds: r.parties.map((p) => p.id),
    sides: [...sides],
    limited: !staff && !r.isFiler && r.parties.length > 0 && r.parties.every((p) => p.side === 'respondent' && p.consent !== 'given'),
    mediator: r.isActiveMediator ? 'accepted' : r.isAssignedMediator ? 'pending' : null,
    orgAdmin: r.isOrgAdmin,
    orgMember: r.isOrgMember,
  };
}

/** Sees what mediators see: every party's contacts and documents. */
export function isCaseStaff(r: CaseRelations): boolean {
  return r.isAssignedMediator || r.isOrgAdmin || r.isOrgMember;
}

export function viewerRoleOf(r: CaseRelations, userId: string): CaseViewerRole {
  const own = r.parties.find((p) => p.userId === userId);
  if (own) return own.side;
  if (r.parties.length) return 'agent';
  if (r.isAssignedMediator) return 'mediator';
  if (r.isOrgAdmin) return 'org_admin';
  if (r.isFiler) return 'filer';
  return 'org_member';
}

/** The actor roles (for the domain state machine) this user may act as on this case. */
export function actorsOf(r: CaseRelations, userId: string, filerIsIntake: boolean): Actor[] {
  const actors: Actor[] = [];
  if (r.parties.some((p) => p.userId === userId)) actors.push('citizen');
  if (r.parties.some((p) => p.agentUserId === userId)) actors.push('agent');
  if (r.isFiler && filerIsIntake) actors.push('intake');
  if (r.isActiveMediator) actors.push('mediator');
  if (r.isOrgAdmin) actors.push('org_admin');
  return actors;
}

/**
 * The role the viewer takes a case step as: 404 when it cannot see the case (R19: "forbidden"
 * and "missing" answer alike), 403 when it sees it but none of its roles may take this step.
 */
export async function caseActorFor(manager: EntityManager, caseId: string, viewer: { userId: string; user: { roles: readonly string[] } }, allowed: readonly Actor[]) {
  const { c, relations } = await openCase(manager, caseId, viewer.userId);
  const actor = actorsOf(relations, viewer.userId, viewer.user.roles.includes('intake')).find((a) => allowed.includes(a));
  if (!actor) throw new AppException('FORBIDDEN', 'Your role may not do this on this case');
  return { c, relations, actor };
}
