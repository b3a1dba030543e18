import type { CourtCaseKind, DisputeType, OrganisationType, Role } from '@tiaojie/domain';

/** Issue #13: the system admin console. */

export interface AdminOrganisation {
  id: string;
  name: string;
  nameEn: string | null;
  type: OrganisationType;
  region: string;
  regions: string[];
  disputeTypes: DisputeType[];
  courtId: string | null;
  courtName: string | null;
  /** The supervising 司法局 (complaint escalation R38, its statistics). */
  bureauId: string | null;
  bureauName: string | null;
  chargesFees: boolean;
  feeSchedule: string;
  description: string;
  descriptionEn: string | null;
  courtCaseKinds: CourtCaseKind[];
  createdAt: string;
}

export interface SaveOrganisationRequest {
  name: string;
  nameEn?: string | null;
  type: OrganisationType;
  region: string;
  regions: string[];
  disputeTypes: DisputeType[];
  courtId?: string | null;
  bureauId?: string | null;
  chargesFees: boolean;
  /** R35: required when chargesFees. */
  feeSchedule?: string;
  description?: string;
  descriptionEn?: string | null;
  courtCaseKinds: CourtCaseKind[];
}

/** A 司法局 as the admin console lists it (to attach organisations to). */
export interface AdminBureau {
  id: string;
  name: string;
  region: string;
}

export type CourtLevel = 'basic' | 'intermediate' | 'high';
export interface AdminCourt {
  id: string;
  name: string;
  region: string;
  level: CourtLevel;
  createdAt: string;
}
export interface SaveCourtRequest {
  name: string;
  region: string;
  level: CourtLevel;
}

/** A row of the accounts list: the mobile masked (R19). */
export interface AdminAccountRow {
  id: string;
  name: string;
  mobileMasked: string;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
}
export interface AdminAccountMembership {
  kind: 'organisation' | 'court';
  id: string;
  name: string;
  role: Role;
}
export interface AdminAccountDetail extends AdminAccountRow {
  disabledReason: string | null;
  memberships: AdminAccountMembership[];
}
export interface AdminPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface SetAccountRolesRequest {
  roles: Role[];
}

export interface AuditEntryView {
  id: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export type PlatformSettingKind = 'percent' | 'choice';
export interface PlatformSettingView {
  key: string;
  kind: PlatformSettingKind;
  value: string;
  defaultValue: string;
  min: number;
  max: number;
  /** For a 'choice': the values allowed. */
  choices?: string[];
  /** The rule it serves (R-number or doc). */
  rule: string;
  updatedById: string | null;
  updatedAt: string | null;
}
export interface PutPlatformSettingRequest {
  value: string;
}

export interface HolidayOverrideRequest {
  date: string;
  /** `holiday`: the day is not worked; `working`: it is worked (a weekday holiday removed, or a weekend made a 调休 working day). */
  kind: 'holiday' | 'working';
  reason: string;
}

export interface TemplatePreview {
  key: string;
  role: string;
  deadline: boolean;
  title: { 'zh-CN': string; en: string };
  text: { 'zh-CN': string; en: string };
  sms: { 'zh-CN': SmsLength; en: SmsLength };
  /** R19: what the SMS text would reveal beyond the case number (a name, an amount, free text), if anything. */
  privacyFlags: string[];
}
export interface SmsLength {
  characters: number;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
}

export interface DisputeTypeView {
  disputeType: DisputeType;
  questions: Array<{ id: string; kind: string; onlyIf?: string }>;
  organisationTypes: OrganisationType[];
  /** The agreement's starting text (R25), in Chinese. */
  agreementTemplate: { disputedMatters: string; responsibilities: string; otherTerms: string };
  /** Whether a system admin changed the wording (else it is the coded text). */
  templateEdited: boolean;
  templateUpdatedAt: string | null;
}

export interface PutAgreementTemplateRequest {
  disputedMatters: string;
  responsibilities: string;
  otherTerms: string;
}

/** A page of a console list (`?page=&pageSize=`): the first page is 1. */
export interface PageRequest {
  page?: number;
  pageSize?: number;
}

/** `GET /api/admin/accounts`: part of a name or a mobile number. */
export interface AccountSearchQuery extends PageRequest {
  q?: string;
}

/** `GET /api/admin/audit`: who (part of a name or mobile), what kind of record, which China-time days (YYYY-MM-DD). */
export interface AuditQuery extends PageRequest {
  actor?: string;
  entity?: string;
  from?: string;
  to?: string;
}

/** Whom a notice is written for: its wording differs by role. */
export const RECIPIENT_ROLES = ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher', 'filer'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/** `GET /api/admin/templates`: the previews as one role reads them. */
export interface TemplatesQuery {
  role?: RecipientRole;
}
