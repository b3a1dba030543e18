import { MEDIATOR_OPEN_CASE_STATES } from '@tiaojie/domain';
import type { EntityManager } from 'typeorm';
import { AppException } from '../common/app-exception';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';

/**
 * Issue #13: a roster is managed by the admins of THAT organisation (or a system admin),
 * checked on the server on every request. Anyone else gets 404 — the same answer as an
 * organisation that does not exist (R19: no answer tells what exists).
 */
export async function rosterOrganisation(manager: EntityManager, viewer: { userId: string; user: { roles: readonly string[] } }, organisationId: string): Promise<Organisation> {
  const org = await manager.getRepository(Organisation).findOne({ where: { id: organisationId } });
  if (!org) throw new AppException('NOT_FOUND', 'Not found');
  if (viewer.user.roles.includes('admin')) return org;
  const admin = await manager.getRepository(Membership).exists({ where: { userId: viewer.userId, organisationId, role: 'org_admin', status: 'active' } });
  if (!admin) throw new AppException('NOT_FOUND', 'Not found');
  return org;
}

/** The mediator's membership of the organisation (any status), or 404. */
export async function rosterMembership(manager: EntityManager, organisationId: string, userId: string): Promise<Membership> {
  const m = await manager.getRepository(Membership).findOne({ where: { organisationId, userId, role: 'mediator' } });
  if (!m) throw new AppException('NOT_FOUND', 'Not found');
  return m;
}

/** States in which a case is still open for its mediator (the domain's list, R39). */
export const OPEN_CASE_STATES: readonly string[] = MEDIATOR_OPEN_CASE_STATES;
