import { EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import type { Notifier, Recipient } from '../cases/notifier';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';

/**
 * R38: who is told about a complaint. The complainant as an applicant-side recipient (its own
 * account), the organisation's admins as the dispatcher, the supervisor (the staff of the
 * organisation's 司法局, or the system admin without one) as the dispatcher too. Disabled accounts are skipped.
 */
export async function complainantRecipient(manager: EntityManager, notifier: Notifier, complainantId: string): Promise<Recipient[]> {
  const u = await manager.getRepository(User).findOne({ where: { id: complainantId } });
  return u ? [notifier.fromUser('applicant', u)] : [];
}

/** The organisation's admins, except the mediator complained about when it is one of them. */
export async function handlerRecipients(manager: EntityManager, notifier: Notifier, organisationId: string, exceptUserId: string | null = null): Promise<Recipient[]> {
  const admins = (await manager.getRepository(Membership).find({ where: { organisationId, role: 'org_admin' } })).filter((m) => m.userId !== exceptUserId);
  if (!admins.length) return [];
  const users = await manager.getRepository(User).find({ where: { id: In(admins.map((m) => m.userId)), disabledAt: IsNull() } });
  return users.map((u) => notifier.fromUser('dispatcher', u));
}

/**
 * R38: the supervisor of the organisation — the staff (`bureau` role) of its 司法局; the system
 * admins when it has no bureau, or its bureau has no active staff (nobody is left untold).
 */
export async function supervisorRecipients(manager: EntityManager, notifier: Notifier, organisationId: string): Promise<Recipient[]> {
  const org = await manager.getRepository(Organisation).findOne({ where: { id: organisationId }, select: { id: true, bureauId: true } });
  if (org?.bureauId) {
    const staff = await manager.getRepository(Membership).find({ where: { bureauId: org.bureauId, role: 'bureau' } });
    const users = staff.length ? await manager.getRepository(User).find({ where: { id: In(staff.map((m) => m.userId)), disabledAt: IsNull() } }) : [];
    if (users.length) return users.map((u) => notifier.fromUser('dispatcher', u));
  }
  const users = await manager.getRepository(User).createQueryBuilder('u').where(`'admin' = ANY(u.roles)`).andWhere('u.disabled_at IS NULL').getMany();
  return users.map((u) => notifier.fromUser('dispatcher', u));
}
