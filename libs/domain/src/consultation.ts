import type { OrganisationType } from './roles';

/**
 * Self-help consultation before a case exists: the dispute types, a short questionnaire per
 * type, and an evaluation that recommends a route. Texts live in the web's locales under the
 * ids used here (`consult.questions.<id>`, `consult.advice.<id>`), in zh-CN and English.
 */

export const DISPUTE_TYPES = [
  'private_loan',
  'family_neighbour',
  'property_management',
  'labour',
  'traffic_accident',
  'consumer',
  'banking_insurance',
  'maritime_fishery',
  'medical',
  'other',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

export function isDisputeType(value: unknown): value is DisputeType {
  return typeof value === 'string' && (DISPUTE_TYPES as readonly string[]).includes(value);
}

export type QuestionKind = 'yes_no' | 'percent' | 'amount';
export interface Question {
  id: string;
  kind: QuestionKind;
  /** Only asked when this other yes/no answer is yes. */
  onlyIf?: string;
}

/** Asked for every type: what makes online mediation unsuitable or urgent. */
const COMMON: Question[] = [
  { id: 'other_party_known', kind: 'yes_no' },
  { id: 'already_in_court', kind: 'yes_no' },
  { id: 'violence_or_threat', kind: 'yes_no' },
];

export const QUESTIONNAIRES: Record<DisputeType, Question[]> = {
  private_loan: [{ id: 'has_iou', kind: 'yes_no' }, { id: 'interest_agreed', kind: 'yes_no' }, { id: 'annual_rate_percent', kind: 'percent', onlyIf: 'interest_agreed' }, ...COMMON],
  family_neighbour: [{ id: 'personal_status', kind: 'yes_no' }, { id: 'ongoing_nuisance', kind: 'yes_no' }, ...COMMON],
  property_management: [{ id: 'fees_unpaid', kind: 'yes_no' }, { id: 'owners_committee', kind: 'yes_no' }, ...COMMON],
  labour: [{ id: 'wages_unpaid', kind: 'yes_no' }, { id: 'written_contract', kind: 'yes_no' }, { id: 'work_injury', kind: 'yes_no' }, ...COMMON],
  traffic_accident: [{ id: 'police_report', kind: 'yes_no' }, { id: 'personal_injury', kind: 'yes_no' }, { id: 'insured', kind: 'yes_no' }, ...COMMON],
  consumer: [{ id: 'has_receipt', kind: 'yes_no' }, { id: 'online_purchase', kind: 'yes_no' }, ...COMMON],
  banking_insurance: [{ id: 'complained_to_institution', kind: 'yes_no' }, { id: 'insurance_claim', kind: 'yes_no' }, ...COMMON],
  maritime_fishery: [{ id: 'vessel_collision', kind: 'yes_no' }, { id: 'crew_wages', kind: 'yes_no' }, ...COMMON],
  medical: [{ id: 'records_sealed', kind: 'yes_no' }, { id: 'death_or_disability', kind: 'yes_no' }, ...COMMON],
  other: [...COMMON],
};

/** The organisation types that fit each dispute type, best first. */
export const ORGANISATIONS_FOR: Record<DisputeType, OrganisationType[]> = {
  private_loan: ['peoples_mediation_committee', 'court_invited'],
  family_neighbour: ['peoples_mediation_committee', 'police_mediation'],
  property_management: ['property', 'peoples_mediation_committee'],
  labour: ['labour', 'peoples_mediation_committee'],
  traffic_accident: ['traffic', 'police_mediation', 'peoples_mediation_committee'],
  consumer: ['peoples_mediation_committee'],
  banking_insurance: ['banking_insurance'],
  maritime_fishery: ['maritime_fishery'],
  medical: ['medical', 'peoples_mediation_committee'],
  other: ['peoples_mediation_committee'],
};

/**
 * The court-protected cap on private-loan interest: 4 × the one-year Loan Prime Rate at the
 * time the contract was made (SPC provisions on private lending, 2020). The LPR changes
 * monthly: keep it configurable; this default is the one-year LPR of 2025 (check).
 */
export const DEFAULT_ONE_YEAR_LPR_PERCENT = '3.00';
export const LPR_MULTIPLE = 4;

/** Percent with up to two decimals → hundredths of a percent (integer), or null. */
function toBasisHundredths(percent: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
const fromHundredths = (h: number) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;

export interface InterestCheck {
  annualRatePercent: string;
  capPercent: string;
  aboveCap: boolean;
}

export function checkInterest(annualRatePercent: string, lprPercent: string = DEFAULT_ONE_YEAR_LPR_PERCENT): InterestCheck | null {
  const rate = toBasisHundredths(annualRatePercent);
  const lpr = toBasisHundredths(lprPercent);
  if (rate === null || lpr === null) return null;
  const cap = lpr * LPR_MULTIPLE;
  return { annualRatePercent: fromHundredths(rate), capPercent: fromHundredths(cap), aboveCap: rate > cap };
}

export type Answers = Record<string, string | number | boolean>;

export interface Evaluation {
  disputeType: DisputeType;
  suitable: boolean;
  urgent: boolean;
  recommendedOrganisationTypes: OrganisationType[];
  /** Advice ids, translated by the web. */
  advice: string[];
  interestCheck?: InterestCheck;
  answers: Answers;
}

const yes = (a: Answers, id: string) => a[id] === true || a[id] === 'yes';
const no = (a: Answers, id: string) => a[id] === false || a[id] === 'no';

/**
 * Evaluates the answers: is the dispute suitable for online mediation, is it urgent, which
 * kind of organisation fits, and what to prepare. Unknown answers are ignored.
 */
export function evaluate(disputeType: DisputeType, answers: Answers, options: { lprPercent?: string } = {}): Evaluation {
  const advice: string[] = [];
  let suitable = true;
  let urgent = false;
  if (yes(answers, 'violence_or_threat')) {
    urgent = true;
    suitable = false;
    advice.push('call_police');
  }
  if (yes(answers, 'already_in_court')) {
    suitable = false;
    advice.push('contact_court');
  }
  if (no(answers, 'other_party_known')) {
    suitable = false;
    advice.push('identify_other_party');
  }
  let interestCheck: InterestCheck | undefined;
  switch (disputeType) {
    case 'private_loan':
      advice.push(yes(answers, 'has_iou') ? 'prepare_iou' : 'prepare_transfer_records');
      if (yes(answers, 'interest_agreed') && answers.annual_rate_percent !== undefined) {
        interestCheck = checkInterest(String(answers.annual_rate_percent), options.lprPercent) ?? undefined;
        if (interestCheck?.aboveCap) advice.push('interest_above_cap');
      }
      break;
    case 'family_neighbour':
      // Marriage, parentage or adoption status is for the court; property and care can be mediated.
      if (yes(answers, 'personal_status')) advice.push('status_needs_court');
      if (yes(answers, 'ongoing_nuisance')) urgent = true;
      break;
    case 'property_management':
      advice.push('prepare_property_contract');
      break;
    case 'labour':
      if (yes(answers, 'wages_unpaid')) {
        urgent = true;
        advice.push('wage_arrears_priority');
      }
      if (yes(answers, 'work_injury')) advice.push('work_injury_assessment');
      advice.push(yes(answers, 'written_contract') ? 'prepare_labour_contract' : 'prepare_work_evidence');
      break;
    case 'traffic_accident':
      advice.push(yes(answers, 'police_report') ? 'prepare_accident_report' : 'get_accident_report');
      if (yes(answers, 'personal_injury')) advice.push('prepare_medical_records');
      if (yes(answers, 'insured')) advice.push('notify_insurer');
      break;
    case 'consumer':
      advice.push(yes(answers, 'has_receipt') ? 'prepare_receipt' : 'prepare_payment_records');
      break;
    case 'banking_insurance':
      if (!yes(answers, 'complained_to_institution')) advice.push('complain_to_institution_first');
      break;
    case 'maritime_fishery':
      if (yes(answers, 'crew_wages')) urgent = true;
      advice.push('prepare_vessel_documents');
      break;
    case 'medical':
      advice.push(yes(answers, 'records_sealed') ? 'records_sealed_ok' : 'seal_medical_records');
      if (yes(answers, 'death_or_disability')) {
        urgent = true;
        advice.push('medical_appraisal');
      }
      break;
    case 'other':
      break;
  }
  advice.push('mediation_is_free');
  return { disputeType, suitable, urgent, recommendedOrganisationTypes: ORGANISATIONS_FOR[disputeType], advice, ...(interestCheck ? { interestCheck } : {}), answers };
}
