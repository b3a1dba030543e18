import { EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import type { Notifier, Recipient } from '../notifications/notifier';
import { Membership } from '../organisations/membership.entity';

/**
 * R38: who is told about a complaint. The complainant as an applicant-side recipient (its own
 * account), the organisation's admins as the dispatcher, the supervisor (system admin, the
 * stand-in for the supervising 司法局) as the dispatcher too. Disabled accounts are skipped.
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

export async function supervisorRecipients(manager: EntityManager, notifier: Notifier): Promise<Recipient[]> {
  const users = await manager.getRepository(User).createQueryBuilder('u').where(`'admin' = ANY(u.roles)`).andWhere('u.disabled_at IS NULL').getMany();
  return users.map((u) => notifier.fromUser('dispatcher', u));
}
