/**
 * The roles of the platform (README). An account holds one or more roles; organisation and
 * court roles are held through a membership (a bureau role through a membership of one 司法局) (see Membership in @tiaojie/contracts).
 */
export const ROLES = [
  'citizen', // applicant / respondent (申请人/被申请人)
  'agent', // 代理人, acts for a party under a power of attorney
  'intake', // grid worker (网格员), police officer (警调衔接), court clerk filing for a citizen
  'mediator', // 调解员
  'org_admin', // organisation admin / dispatcher
  'judge', // judge (法官)
  'clerk', // court clerk (书记员)
  'bureau', // 司法局 staff: supervises the organisations of its bureau (R38 escalation, statistics)
  'admin', // system admin
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** How intake staff reached the citizen (R03: the channel is recorded). */
export const INTAKE_CHANNELS = ['self', 'agent', 'grid_worker', 'police', 'court'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** Organisation types (README). */
export const ORGANISATION_TYPES = [
  'peoples_mediation_committee', // 人民调解委员会
  'banking_insurance', // 银行业保险业纠纷调解委员会
  'maritime_fishery', // 海事渔事纠纷调解委员会
  'labour',
  'medical',
  'traffic',
  'property',
  'court_invited', // 特邀调解组织
  'police_mediation', // 警调衔接调解室
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
