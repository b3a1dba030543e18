import { PERMISSIONS, can, isPermission, permissionsOf, type Permission } from './permissions';
import { ROLES, type Role } from './roles';

describe('permissions', () => {
  // The full expected matrix: a change to PERMISSIONS must change this table too.
  const expected: Record<Permission, Role[]> = {
    file_case: ['citizen', 'agent', 'intake'],
    file_for_citizen: ['intake', 'agent'],
    view_own_cases: ['citizen', 'agent'],
    accept_application: ['org_admin'],
    return_application: ['org_admin'],
    assign_mediator: ['org_admin'],
    view_deadline_dashboard: ['org_admin'],
    respond_to_assignment: ['mediator'],
    mediate: ['mediator'],
    share_caucus_item: ['mediator'],
    draft_agreement: ['mediator'],
    sign_agreement: ['citizen', 'agent', 'mediator'],
    seal_agreement: ['org_admin'],
    terminate_mediation: ['mediator', 'org_admin'],
    flag_sham_mediation: ['mediator', 'judge'],
    apply_confirmation: ['citizen', 'agent'],
    review_confirmation: ['judge', 'clerk'],
    rule_on_confirmation: ['judge'],
    report_payment: ['citizen', 'agent'],
    view_public_profiles: [...ROLES],
    file_complaint: ['citizen', 'agent'],
    handle_complaints: ['org_admin', 'admin'],
    manage_roster: ['org_admin', 'admin'],
    view_access_log: ['admin'],
    manage_organisations: ['admin'],
    manage_courts: ['admin'],
    manage_reference_data: ['admin'],
    manage_settings: ['admin'],
    view_dev_sms: ['admin'],
  };

  it('covers exactly the expected permissions', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(expected).sort());
  });

  const cases = (Object.keys(expected) as Permission[]).flatMap((p) => ROLES.map((role) => [p, role, expected[p].includes(role)] as const));
  it.each(cases)('%s for %s: %s', (permission, role, allowed) => {
    expect(can([role], permission)).toBe(allowed);
  });

  it('a user with several roles gets the union', () => {
    expect(can(['citizen', 'admin'], 'manage_organisations')).toBe(true);
    expect(can(['citizen', 'admin'], 'file_case')).toBe(true);
    expect(can(['citizen', 'admin'], 'rule_on_confirmation')).toBe(false);
  });

  it('no roles, no permissions', () => {
    expect(can([], 'view_public_profiles')).toBe(false);
    expect(permissionsOf([])).toEqual([]);
  });

  it('an unknown permission is never granted', () => {
    expect(can([...ROLES], 'launch_rockets' as Permission)).toBe(false);
    expect(can([...ROLES], 'toString' as Permission)).toBe(false);
    expect(isPermission('toString')).toBe(false);
    expect(isPermission('file_case')).toBe(true);
    expect(isPermission(42)).toBe(false);
  });

  it('R15: only mediators share caucus items; R36: mediators and judges flag sham mediation', () => {
    expect(permissionsOf(['citizen'])).not.toContain('share_caucus_item');
    expect(can(['mediator'], 'share_caucus_item')).toBe(true);
    expect(can(['judge'], 'flag_sham_mediation')).toBe(true);
  });

  it('view_dev_sms is admin-only here (development openness is the API’s decision)', () => {
    expect(ROLES.filter((r) => can([r], 'view_dev_sms'))).toEqual(['admin']);
  });

  it('permissionsOf lists what a role may do, in declaration order', () => {
    expect(permissionsOf(['judge'])).toEqual(['flag_sham_mediation', 'review_confirmation', 'rule_on_confirmation', 'view_public_profiles']);
  });
});
