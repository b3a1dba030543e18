import type { DisputeType } from './consultation';
import type { Exclusion } from './case-lifecycle';

/**
 * Judicial confirmation (司法确认), the pure parts: which court is competent (R30), which
 * excluded matters the pre-check finds (R32), whether the application package is complete
 * (R31), and the number printed on the ruling. No I/O: the API passes plain facts.
 */

// ─── R30: court routing ─────────────────────────────────────────────────────────────────

/** Why a court is proposed, in the order R30 applies them. */
export const COURT_ROUTING_BASES = [
  'inviting_court', // court-invited (delegated) mediation goes back to the inviting court
  'party_domicile', // basic court where a party lives
  'subject_matter', // basic court where the subject matter is
  'organisation_location', // basic court where the mediation organisation is located
] as const;
export type CourtRoutingBasis = (typeof COURT_ROUTING_BASES)[number];

export interface CourtCandidate {
  id: string;
  name: string;
  /** GB/T 2260 division code, e.g. 330106. */
  region: string;
  level: 'basic' | 'intermediate' | 'high';
}

export interface CourtRoutingInput {
  /** R21/R30: the case was delegated by a court: that court (id) is competent. */
  invitingCourtId?: string | null;
  /** Divisions where parties live, when the platform knows them. */
  partyRegions?: readonly (string | null | undefined)[];
  /** Division where the subject matter is (the case's region). */
  subjectRegion?: string | null;
  /** Division where the mediation organisation is located. */
  organisationRegion?: string | null;
  courts: readonly CourtCandidate[];
}

export interface CourtRoute {
  court: CourtCandidate;
  basis: CourtRoutingBasis;
  /** The division that decided it (null for the inviting court). */
  region: string | null;
}

/** The basic court of a district (exact division code match). */
function basicCourtOf(region: string | null | undefined, courts: readonly CourtCandidate[]): CourtCandidate | null {
  if (!region) return null;
  return courts.find((c) => c.level === 'basic' && c.region === region) ?? null;
}

/**
 * R30 (CPL 205): every competent court, most specific basis first. The first one is proposed;
 * the others are alternatives the parties could choose. Empty: no competent court on the
 * platform (the R32 `outside_jurisdiction` exclusion).
 */
export function competentCourts(input: CourtRoutingInput): CourtRoute[] {
  const out: CourtRoute[] = [];
  const add = (court: CourtCandidate | null, basis: CourtRoutingBasis, region: string | null) => {
    if (court && !out.some((r) => r.court.id === court.id)) out.push({ court, basis, region });
  };
  if (input.invitingCourtId) {
    // A court-invited mediation goes back to the inviting court, and only there.
    const inviting = input.courts.find((c) => c.id === input.invitingCourtId) ?? null;
    return inviting ? [{ court: inviting, basis: 'inviting_court', region: null }] : [];
  }
  for (const r of input.partyRegions ?? []) add(basicCourtOf(r, input.courts), 'party_domicile', r ?? null);
  add(basicCourtOf(input.subjectRegion, input.courts), 'subject_matter', input.subjectRegion ?? null);
  add(basicCourtOf(input.organisationRegion, input.courts), 'organisation_location', input.organisationRegion ?? null);
  return out;
}

export function proposeCourt(input: CourtRoutingInput): CourtRoute | null {
  return competentCourts(input)[0] ?? null;
}

// ─── R32: exclusions pre-check ─────────────────────────────────────────────────────────

/** What the parties declare about the agreement when they apply (each a yes/no). */
export interface ExclusionAnswers {
  /** The agreement settles marriage, parentage or adoption status (not e.g. support payments). */
  personalStatus?: boolean;
  /** The matter is under a special procedure (e.g. declaring a person missing, voter lists). */
  specialProcedure?: boolean;
  /** The agreement decides who owns property or an intellectual-property right. */
  titleDispute?: boolean;
}

export interface ExclusionCheckInput {
  disputeType: DisputeType | string;
  /** R30 found a competent court. */
  courtFound: boolean;
  /** The proposed court is a court that takes civil cases of this type (default true). */
  withinCourtScope?: boolean;
  answers: ExclusionAnswers;
}

export interface ExclusionFinding {
  code: Exclusion;
  /** 'data': found from the platform's records; 'declared': from the parties' answers. */
  source: 'data' | 'declared';
}

/**
 * R32 (check): matters excluded from judicial confirmation. A non-empty result refuses the
 * application (R32_no_exclusion in the state machine); each finding is explained to the parties.
 */
export function exclusionPreCheck(input: ExclusionCheckInput): ExclusionFinding[] {
  const found: ExclusionFinding[] = [];
  if (input.withinCourtScope === false) found.push({ code: 'outside_court_scope', source: 'data' });
  if (!input.courtFound) found.push({ code: 'outside_jurisdiction', source: 'data' });
  if (input.answers.personalStatus === true) found.push({ code: 'personal_status', source: 'declared' });
  if (input.answers.specialProcedure === true) found.push({ code: 'special_procedure', source: 'declared' });
  if (input.answers.titleDispute === true) found.push({ code: 'title_dispute', source: 'declared' });
  return found;
}

/** Dispute types where the parties are asked specifically about a status question (hint only). */
export function exclusionQuestionsFor(disputeType: DisputeType | string): (keyof ExclusionAnswers)[] {
  return disputeType === 'family_neighbour' ? ['personalStatus', 'titleDispute', 'specialProcedure'] : ['titleDispute', 'personalStatus', 'specialProcedure'];
}

// ─── R31: the package ──────────────────────────────────────────────────────────────────

export const PACKAGE_ITEM_KINDS = [
  'application', // the joint application (rendered by the platform)
  'agreement', // the signed mediation agreement (PDF)
  'id_proof', // one per party: ID or qualification proof
  'power_of_attorney', // one per party acting through an agent
  'contacts', // addresses and phones of every party
  'property_proof', // where relevant: optional
] as const;
export type PackageItemKind = (typeof PACKAGE_ITEM_KINDS)[number];

export interface PackageFacts {
  agreementPdf: boolean;
  parties: readonly { id: string; hasIdProof: boolean; hasAgent: boolean; hasPowerOfAttorney: boolean; mobile: string | null; address: string | null }[];
}

/** R31: the contact fields of a party the package needs. */
export const PACKAGE_CONTACT_FIELDS = ['mobile', 'address'] as const;
export type PackageContactField = (typeof PACKAGE_CONTACT_FIELDS)[number];

export interface PackageGap {
  kind: PackageItemKind;
  partyId?: string;
  /** For `contacts`: which of the party's fields is missing. */
  field?: PackageContactField;
}

/** R31: what is missing from the package (the application itself is rendered on submission). */
export function packageGaps(facts: PackageFacts): PackageGap[] {
  const gaps: PackageGap[] = [];
  if (!facts.agreementPdf) gaps.push({ kind: 'agreement' });
  for (const p of facts.parties) {
    if (!p.hasIdProof) gaps.push({ kind: 'id_proof', partyId: p.id });
    if (p.hasAgent && !p.hasPowerOfAttorney) gaps.push({ kind: 'power_of_attorney', partyId: p.id });
    // R31: addresses and phones of every party.
    if (!p.mobile?.trim()) gaps.push({ kind: 'contacts', partyId: p.id, field: 'mobile' });
    if (!p.address?.trim()) gaps.push({ kind: 'contacts', partyId: p.id, field: 'address' });
  }
  return gaps;
}

// ─── The ruling number ─────────────────────────────────────────────────────────────────

/** Province abbreviations by the first two digits of the division code (GB/T 2260). */
const PROVINCE_ABBR: Readonly<Record<string, string>> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '内',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '贵',
  '53': '云',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
};

/**
 * The case number of a confirmation ruling: (2026)浙0106民特123号 — year, province, the
 * court's code (the division code without the province), 民特 (civil special procedure), serial.
 */
export function rulingNumber(year: number, courtRegion: string, serial: number): string {
  const province = PROVINCE_ABBR[courtRegion.slice(0, 2)] ?? '';
  const courtCode = courtRegion.length >= 6 ? courtRegion.slice(2, 6) : courtRegion;
  return `(${year})${province}${courtCode}民特${serial}号`;
}
