import { EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Membership } from './membership.entity';

/** The roles of a court's staff (they are not case members: they act for their court, R21, R33, R36). */
export type CourtRole = 'judge' | 'clerk';
const COURT_ROLES: readonly CourtRole[] = ['judge', 'clerk'];

/**
 * The one court-staff lookup: the courts a user is a judge or clerk of, with the role held
 * there (one row per court and role). Court staff act for their own court only (R21).
 */
export async function courtMemberships(manager: EntityManager, userId: string, roles: readonly CourtRole[] = COURT_ROLES): Promise<Array<{ courtId: string; role: CourtRole }>> {
  const ms = await manager.getRepository(Membership).find({ where: { userId, role: In([...roles]) } });
  return ms.flatMap((m) => (m.courtId ? [{ courtId: m.courtId, role: m.role as CourtRole }] : []));
}

/** The distinct courts a user is a judge or clerk (or only `roles`) of. */
export async function courtsOf(manager: EntityManager, userId: string, roles: readonly CourtRole[] = COURT_ROLES): Promise<string[]> {
  return [...new Set((await courtMemberships(manager, userId, roles)).map((m) => m.courtId))];
}

/** The role a user holds at one court (a judge before a clerk), or null if none. */
export async function courtRoleAt(manager: EntityManager, userId: string, courtId: string | null): Promise<CourtRole | null> {
  const mine = (await courtMemberships(manager, userId)).filter((m) => !courtId || m.courtId === courtId);
  return mine.length ? (mine.some((m) => m.role === 'judge') ? 'judge' : 'clerk') : null;
}

/** The reverse: the users who are judges or clerks (or only `roles`) of a court. */
export async function staffOf(manager: EntityManager, courtId: string, roles: readonly CourtRole[] = COURT_ROLES): Promise<User[]> {
  const ms = await manager.getRepository(Membership).find({ where: { courtId, role: In([...roles]) } });
  return ms.length ? manager.getRepository(User).find({ where: { id: In([...new Set(ms.map((m) => m.userId))]) } }) : [];
}
