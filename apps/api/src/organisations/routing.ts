import type { RoutableOrganisation } from '@tiaojie/domain';
import { In, IsNull, type EntityManager } from 'typeorm';
import { User } from '../accounts/user.entity';
import { MediatorProfile } from './mediator-profile.entity';
import { Membership } from './membership.entity';
import type { Organisation } from './organisation.entity';

/**
 * Which dispute types each organisation can take now (issue #11, routing): an active (not
 * disabled) dispatcher (org_admin member) and, per type, an active mediator member whose profile
 * handles it (a mediator without a profile counts for every type the organisation handles).
 * Routing (`routeCase` in libs/domain) and the public organisation list both read it.
 */
export async function takesNowByOrganisation(manager: EntityManager, organisations: Organisation[]): Promise<Map<string, string[]>> {
  const memberships = await manager.getRepository(Membership).find({ where: { role: In(['org_admin', 'mediator']), courtId: IsNull(), status: 'active' } });
  const userIds = [...new Set(memberships.map((m) => m.userId))];
  const [active, profiles] = userIds.length
    ? await Promise.all([
        manager.getRepository(User).find({ where: { id: In(userIds), disabledAt: IsNull() }, select: { id: true } }),
        manager.getRepository(MediatorProfile).find({ where: { userId: In(userIds) } }),
      ])
    : [[], []];
  const activeIds = new Set(active.map((u) => u.id));
  const result = new Map<string, string[]>();
  for (const o of organisations) {
    const members = memberships.filter((m) => m.organisationId === o.id && activeIds.has(m.userId));
    if (!members.some((m) => m.role === 'org_admin')) {
      result.set(o.id, []);
      continue;
    }
    const mediatorTypes = members.filter((m) => m.role === 'mediator').map((m) => profiles.find((p) => p.userId === m.userId)?.disputeTypes ?? o.disputeTypes);
    result.set(
      o.id,
      o.disputeTypes.filter((type) => mediatorTypes.some((types) => (types as string[]).includes(type))),
    );
  }
  return result;
}

/** The organisations with what each can take now, ready for `routeCase`. */
export async function routableOrganisations(manager: EntityManager, organisations: Organisation[]): Promise<Array<Organisation & RoutableOrganisation>> {
  const takes = await takesNowByOrganisation(manager, organisations);
  return organisations.map((o) => Object.assign(o, { takesNow: takes.get(o.id) ?? [] }));
}
