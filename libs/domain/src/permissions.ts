import { ROLES, type Role } from './roles';

/**
 * Platform-level permissions: which roles may do what, regardless of any one case. Whether a
 * transition of a particular case is allowed is the case lifecycle's business
 * (case-lifecycle.ts); whether *this* user is a party / the assigned mediator / a member of
 * the case's organisation or court is checked by the API against memberships. Both must pass.
 */
export const PERMISSIONS = {
  // Intake (R03)
  file_case: ['citizen', 'agent', 'intake'],
  /** File or digitise on a citizen's behalf; the intake channel is recorded (R03). */
  file_for_citizen: ['intake', 'agent'],
  view_own_cases: ['citizen', 'agent'],
  // Organisation queue (R04, R07, R09)
  accept_application: ['org_admin'],
  return_application: ['org_admin'],
  assign_mediator: ['org_admin'],
  view_deadline_dashboard: ['org_admin'],
  /** Accept or decline an assignment (R09). */
  respond_to_assignment: ['mediator'],
  // Mediation (R13–R18)
  mediate: ['mediator'],
  /** Copy an item from one caucus to another; audited (R15). */
  share_caucus_item: ['mediator'],
  draft_agreement: ['mediator'],
  /** Each party and the mediator sign (R26); an agent signs under its power of attorney. */
  sign_agreement: ['citizen', 'agent', 'mediator'],
  /** The organisation's seal on an agreement (R26). */
  seal_agreement: ['org_admin'],
  terminate_mediation: ['mediator', 'org_admin'],
  /** Flag suspected sham mediation (R36). */
  flag_sham_mediation: ['mediator', 'judge'],
  // Judicial confirmation (R29–R34)
  apply_confirmation: ['citizen', 'agent'],
  review_confirmation: ['judge', 'clerk'],
  rule_on_confirmation: ['judge'],
  report_payment: ['citizen', 'agent'],
  // Governance (R05, R19, R38, R39)
  view_public_profiles: [...ROLES],
  file_complaint: ['citizen', 'agent'],
  handle_complaints: ['org_admin', 'admin'],
  manage_roster: ['org_admin', 'admin'],
  view_access_log: ['admin'],
  manage_organisations: ['admin'],
  manage_courts: ['admin'],
  manage_reference_data: ['admin'], // dispute types, templates
  manage_settings: ['admin'],
  /** The development SMS outbox. In production only admins; in development the API opens it to everyone — not decided here. */
  view_dev_sms: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

/** True when any of `roles` grants `permission`. An unknown permission is never granted. */
export function can(roles: readonly Role[], permission: Permission): boolean {
  if (!isPermission(permission)) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

/** Every permission granted by `roles`, in declaration order (e.g. to send to the web client). */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(roles, p));
}
