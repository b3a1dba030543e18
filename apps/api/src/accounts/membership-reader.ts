import type { Membership as MembershipView } from '@tiaojie/contracts';
import type { Role } from '@tiaojie/domain';
import type { EntityManager } from 'typeorm';

/** One role an account holds through an organisation, a court or a 司法局, as accounts reads it. */
export interface HeldMembership {
  role: Role;
  /** Issue #13: the mediator left the organisation (the row stays: history). */
  left: boolean;
  /** Where the role is held; null when the membership names no place. */
  place: Omit<MembershipView, 'role'> | null;
}

/**
 * Issue #12: what accounts needs of memberships (a profile's roles and places, the console's
 * account view, the roles a membership holds), asked through this token so accounts does not
 * import organisations, which imports accounts (users, the auth guard). Organisations answers
 * it (organisations/membership-reader.module.ts).
 */
export abstract class MembershipReader {
  /** The user's memberships, oldest first. */
  abstract ofUser(userId: string, manager: EntityManager): Promise<HeldMembership[]>;
}
