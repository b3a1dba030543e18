import { supervisedOrganisations } from '@tiaojie/domain';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Membership } from './membership.entity';
import { Organisation } from './organisation.entity';

/** The 司法局 (bureaux) the user is staff of (`bureau` role memberships). */
export async function bureauIdsOf(manager: EntityManager, userId: string): Promise<string[]> {
  const ms = await manager.getRepository(Membership).find({ where: { userId, role: 'bureau', bureauId: Not(IsNull()) } });
  return ms.map((m) => m.bureauId).filter((x): x is string => !!x);
}

/** The organisations of the given bureaux. */
export async function organisationIdsOfBureaux(manager: EntityManager, bureauIds: readonly string[]): Promise<string[]> {
  if (!bureauIds.length) return [];
  const orgs = await manager.getRepository(Organisation).find({ where: { bureauId: In([...bureauIds]) }, select: { id: true } });
  return orgs.map((o) => o.id);
}

/**
 * R38: the organisations whose complaints the user supervises — those of its 司法局; for a system
 * admin, also those without a bureau (the domain's `supervisedOrganisations`).
 */
export async function supervisedOrganisationIds(manager: EntityManager, userId: string, roles: readonly string[]): Promise<string[]> {
  const bureauIds = roles.includes('bureau') ? await bureauIdsOf(manager, userId) : [];
  if (!bureauIds.length && !roles.includes('admin')) return [];
  const admin = roles.includes('admin');
  const orgs = await manager.getRepository(Organisation).find({ where: admin ? {} : { bureauId: In(bureauIds) }, select: { id: true, bureauId: true } });
  return supervisedOrganisations(orgs, { roles, bureauIds }, admin ? await staffedBureauIds(manager) : []);
}

/** The bureaux with at least one enabled staff account (the others' escalations go to the system admins, R38). */
export async function staffedBureauIds(manager: EntityManager): Promise<string[]> {
  const rows: Array<{ bureau_id: string }> = await manager.query(
    `SELECT DISTINCT m.bureau_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.role = 'bureau' AND m.bureau_id IS NOT NULL AND u.disabled_at IS NULL`,
  );
  return rows.map((r) => r.bureau_id);
}
