import { DomainError } from './errors';
import { ROLES, type Role } from './roles';
import { deadlineFrom, type DateInput, type WorkingCalendar } from './working-days';

/**
 * The ONE state machine of a mediation case (README "Architecture").
 *
 * It is the only place that knows which transition is allowed from which state, for which
 * actor, and what each transition requires. The API calls `nextState` inside the
 * transition's database transaction; the web calls `availableActions` / `actionOptions` to
 * hide or explain actions and `progressSteps` for the progress bar. Both pass a plain
 * `CaseContext` built from the case's records — this module never loads anything.
 *
 * Roles here are coarse: "a citizen may withdraw". Whether the *particular* citizen is the
 * case's applicant, or the mediator is the one assigned, is the API's membership check.
 */

// ─── States ────────────────────────────────────────────────────────────────────────────

export const CASE_STATES = [
  'DRAFT', // being written by the applicant or intake staff; not yet visible to an organisation
  'SUBMITTED', // in the organisation's queue (R03)
  'RETURNED', // sent back with a coded reason (R04); may be corrected and resubmitted
  'WITHDRAWN', // the applicant gave up before mediation started
  'ACCEPTED', // organisation accepted: mediator being assigned (R07, R09), respondent contacted (R12)
  'MEDIATING', // every party consented and was informed (R01, R02); sessions under way
  'SUSPENDED', // suspected sham mediation flagged and reported (R36)
  'SETTLED', // agreement signed by all parties and in effect (R26)
  'CONFIRMATION_REQUESTED', // joint application for judicial confirmation before the court (R29–R33)
  'CONFIRMED', // the court confirmed the agreement: enforceable (R34)
  'CONFIRMATION_REJECTED', // the court refused, with grounds (R34)
  'TERMINATED', // mediation ended without agreement, with a coded reason (R22)
  'ESCALATED', // sent on to online case filing / back to the court / arbitration with its file (R24)
  'CLOSED', // archived (R27, R28)
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States from which no action leads anywhere. */
export const TERMINAL_STATES = ['WITHDRAWN', 'CLOSED'] as const satisfies readonly CaseState[];

/** States from which mediation can be suspended (R36), and so to which `resume` may return. */
export const SUSPENDABLE_STATES = ['ACCEPTED', 'MEDIATING'] as const satisfies readonly CaseState[];

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}

export function isTerminalState(state: CaseState): boolean {
  return (TERMINAL_STATES as readonly CaseState[]).includes(state);
}

/** Who can cause a transition: a role, or the platform itself (timers). */
export const ACTORS = [...ROLES, 'system'] as const;
export type Actor = Role | 'system';

// ─── Reason codes (rules R04, R22, R34: reason codes live in one domain module) ─────────────────────

/** R04: why an application is returned. */
export const RETURN_REASONS = ['outside_scope', 'no_jurisdiction', 'unsuitable_online', 'incomplete', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** R22: why mediation ended, exactly the list of the rule. */
export const TERMINATION_REASONS = ['agreement', 'settled_withdrawn', 'respondent_unreachable', 'party_unwilling', 'positions_too_far', 'period_expired', 'refused_to_sign', 'other'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

/**
 * R01 (PML 23): why a party itself ends mediation, at any time. The case ends with the R22 code
 * `terminationReasonForWithdrawal` gives: the rule's list already has "a party unwilling" and
 * "settled and withdrawn", so the party's own reason is kept beside it, not added to R22's list.
 */
export const PARTY_WITHDRAWAL_REASONS = ['no_longer_willing', 'settled_privately', 'going_to_court', 'lost_trust', 'other'] as const;
export type PartyWithdrawalReason = (typeof PARTY_WITHDRAWAL_REASONS)[number];

/** R01/R22: the coded termination reason a party's own ending records. */
export function terminationReasonForWithdrawal(reason: string | undefined): TerminationReason {
  return reason === 'settled_privately' ? 'settled_withdrawn' : 'party_unwilling';
}

/** R12: the respondent's answer when the mediator reached it (by phone, in person…). */
export const CONTACT_ANSWERS = ['agreed', 'refused', 'thinking'] as const;
export type ContactAnswer = (typeof CONTACT_ANSWERS)[number];

/** R09: why a mediator declines an assignment (the assignment itself is not a case state). */
export const DECLINE_REASONS = ['conflict_of_interest', 'workload', 'outside_expertise', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** R32 (check) configurable: matters excluded from judicial confirmation, found at the pre-check. */
export const EXCLUSIONS = [
  'outside_court_scope', // outside the court's scope of acceptance
  'outside_jurisdiction', // the chosen court is not competent (R30)
  'personal_status', // marriage, parentage or adoption status
  'special_procedure', // cases under special procedures
  'title_dispute', // ownership or intellectual-property title
] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

/** R34: grounds on which a court refuses confirmation; `excluded_matter` refers to R32. */
export const REJECTION_GROUNDS = ['violates_mandatory_law', 'harms_public_interest', 'harms_third_party', 'violates_public_order', 'unclear_content', 'excluded_matter', 'other'] as const;
export type RejectionGround = (typeof REJECTION_GROUNDS)[number];

/**
 * R33: grounds on which a court refuses to accept an application (不予受理) within the 3 days:
 * the excluded matters of R32 found by the court, the parties not applying jointly or in time,
 * or another ground explained in a note.
 */
export const REFUSAL_GROUNDS = ['outside_court_scope', 'outside_jurisdiction', 'personal_status', 'special_procedure', 'title_dispute', 'not_joint_or_late', 'other'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** R24: where a failed case goes. A court-delegated case goes back to its court. */
export const ESCALATION_ROUTES = ['online_filing', 'return_to_court', 'arbitration'] as const;
export type EscalationRoute = (typeof ESCALATION_ROUTES)[number];

// ─── Context: the facts a requirement looks at ────────────────────────────────────────

export type ConsentStatus = 'given' | 'refused' | 'pending';

/**
 * Plain facts about the case, computed by the caller from its records. Every field but
 * `now` is optional; a missing fact never satisfies a requirement that needs it.
 */
export interface CaseContext {
  now: DateInput;
  /** For deadlines computed here (R29): the holiday calendar in force; without it R29's window is not met. */
  calendar?: WorkingCalendar;
  /** R03: identity, summary, mobile, electronic service address and materials captured. */
  applicationComplete?: boolean;
  /** R01: consent of EVERY party, applicant included (filing records the applicant's), by party id. */
  consents?: Readonly<Record<string, ConsentStatus>>;
  /** R02: notices seen, by participant id (every party in `consents` must be present). */
  noticesSeen?: Readonly<Record<string, boolean>>;
  /** R12: every respondent still to answer was reached by the mediator (and gave an answer). */
  respondentsReached?: boolean;
  /** R09: the assigned mediator accepted the assignment. */
  mediatorAccepted?: boolean;
  /** R10: the mediator disclosed a conflict … */
  mediatorConflictDisclosed?: boolean;
  /** … and every party consented to go on with that mediator. */
  conflictConsentedByAll?: boolean;
  /** R26: every party and the mediator signed (the agreement, or its amendment). */
  agreementSignedByAll?: boolean;
  /** R26/R29: when the last party signature made the agreement effective. */
  agreementEffectiveAt?: DateInput;
  /** R29: all parties joined the application for confirmation. */
  jointApplication?: boolean;
  /** R31: the application package is complete. */
  confirmationPackageComplete?: boolean;
  /** R32: exclusions found by the pre-check (empty or absent: none). */
  exclusions?: readonly string[];
  /** R20: end of the mediation period, extensions and appraisal time already applied. */
  mediationDeadline?: DateInput;
  /** R33: deadline the court set for supplementary materials. */
  supplementDeadline?: DateInput;
  /** The coded reason of return (R04), termination (R22) or rejection (R34). */
  reasonCode?: string;
  /** Free text; required with the code `other`, and for a sham-mediation report (R36). */
  reasonNote?: string;
  /** R24 */
  escalationRoute?: string;
  /** R24: the case was delegated by a court (it then goes back there). */
  courtDelegated?: boolean;
  /** R36: the state the case was in when suspended. */
  suspendedFrom?: CaseState;
  /** R27/R29: a settled case whose 30-day window for judicial confirmation is still open (or an application is pending). */
  confirmationWindowOpen?: boolean;
}

export interface Requirement {
  /** Stable id, prefixed with its rule: the web translates it, the API returns it. */
  id: string;
  rule: string;
  description: string;
  check: (ctx: CaseContext) => boolean;
}

function toMs(input: DateInput | undefined): number {
  if (input === undefined) return Number.NaN;
  return input instanceof Date ? input.getTime() : typeof input === 'number' ? input : Date.parse(input);
}

const oneOf = (list: readonly string[], value: string | undefined): boolean => value !== undefined && list.includes(value);
const hasText = (s: string | undefined): boolean => typeof s === 'string' && s.trim().length > 0;

function reasonRequirements(rule: string, codes: readonly string[], what: string): Requirement[] {
  return [
    {
      id: `${rule}_${what}`,
      rule,
      description: `a ${what.replace(/_/g, ' ')} from the coded list`,
      check: (ctx) => oneOf(codes, ctx.reasonCode),
    },
    {
      id: `${rule}_note_for_other`,
      rule,
      description: 'the code "other" needs an explanatory note',
      check: (ctx) => ctx.reasonCode !== 'other' || hasText(ctx.reasonNote),
    },
  ];
}

/** True when `deadline` is known and `now` is past it. */
const isPast = (deadline: DateInput | undefined, now: DateInput): boolean => toMs(now) > toMs(deadline);

/** R29: end of the 30-day window for judicial confirmation, from the agreement taking effect. */
export function confirmationDeadline(agreementEffectiveAt: DateInput, calendar: WorkingCalendar): Date {
  return deadlineFrom('confirmationWindow', agreementEffectiveAt, calendar);
}

export const REQUIREMENTS = {
  R03_application_complete: {
    id: 'R03_application_complete',
    rule: 'R03',
    description: 'identity, dispute summary, mobile, electronic service address and materials are captured',
    check: (ctx) => ctx.applicationComplete === true,
  },
  R01_no_refusal: {
    id: 'R01_no_refusal',
    rule: 'R01',
    description: 'no party has refused mediation',
    check: (ctx) => !Object.values(ctx.consents ?? {}).includes('refused'),
  },
  R01_all_consented: {
    id: 'R01_all_consented',
    rule: 'R01',
    description: 'the consent of every party (at least two) is recorded',
    check: (ctx) => {
      const values = Object.values(ctx.consents ?? {});
      return values.length >= 2 && values.every((v) => v === 'given');
    },
  },
  R02_notices_seen: {
    id: 'R02_notices_seen',
    rule: 'R02',
    description: 'every participant was shown the notice of rights, duties and legal effect',
    check: (ctx) => {
      const seen = ctx.noticesSeen ?? {};
      const ids = Object.keys(seen);
      return ids.length > 0 && ids.every((id) => seen[id] === true) && Object.keys(ctx.consents ?? {}).every((party) => seen[party] === true);
    },
  },
  R12_reached_not_unreachable: {
    id: 'R12_reached_not_unreachable',
    rule: 'R12',
    description: 'a respondent the mediator reached is never ended as unreachable',
    check: (ctx) => ctx.reasonCode !== 'respondent_unreachable' || ctx.respondentsReached !== true,
  },
  R12_not_reached: {
    id: 'R12_not_reached',
    rule: 'R12',
    description: 'the respondent still to answer was never reached',
    check: (ctx) => ctx.respondentsReached !== true,
  },
  R09_mediator_accepted: {
    id: 'R09_mediator_accepted',
    rule: 'R09',
    description: 'an assigned mediator accepted the assignment',
    check: (ctx) => ctx.mediatorAccepted === true,
  },
  R10_conflict_consented: {
    id: 'R10_conflict_consented',
    rule: 'R10',
    description: 'a disclosed conflict of interest was accepted by every party',
    check: (ctx) => ctx.mediatorConflictDisclosed !== true || ctx.conflictConsentedByAll === true,
  },
  R26_signed_by_all: {
    id: 'R26_signed_by_all',
    rule: 'R26',
    description: 'the agreement is signed by every party and the mediator',
    check: (ctx) => ctx.agreementSignedByAll === true,
  },
  R22_settle_via_agreement: {
    id: 'R22_settle_via_agreement',
    rule: 'R22',
    description: 'an agreement is recorded with record_settlement, not by terminating',
    check: (ctx) => ctx.reasonCode !== 'agreement',
  },
  R20_period_expired_for_reason: {
    id: 'R20_period_expired_for_reason',
    rule: 'R20',
    description: 'the reason "period expired" needs the mediation period to have passed',
    check: (ctx) => ctx.reasonCode !== 'period_expired' || isPast(ctx.mediationDeadline, ctx.now),
  },
  R20_period_passed: {
    id: 'R20_period_passed',
    rule: 'R20',
    description: 'the mediation period (with any agreed extension) has passed',
    check: (ctx) => isPast(ctx.mediationDeadline, ctx.now),
  },
  R24_escalation_route: {
    id: 'R24_escalation_route',
    rule: 'R24',
    description: 'a route from the list; a court-delegated case goes back to the court, and only it',
    check: (ctx) => oneOf(ESCALATION_ROUTES, ctx.escalationRoute) && (ctx.courtDelegated === true) === (ctx.escalationRoute === 'return_to_court'),
  },
  R29_joint_application: {
    id: 'R29_joint_application',
    rule: 'R29',
    description: 'all parties apply jointly',
    check: (ctx) => ctx.jointApplication === true,
  },
  R29_within_window: {
    id: 'R29_within_window',
    rule: 'R29',
    description: 'within 30 days of the agreement taking effect',
    check: (ctx) => {
      const effective = toMs(ctx.agreementEffectiveAt);
      const now = toMs(ctx.now);
      if (!ctx.calendar || !Number.isFinite(effective) || !Number.isFinite(now) || now < effective) return false;
      return now <= confirmationDeadline(effective, ctx.calendar).getTime();
    },
  },
  R31_package_complete: {
    id: 'R31_package_complete',
    rule: 'R31',
    description: 'the application package is complete',
    check: (ctx) => ctx.confirmationPackageComplete === true,
  },
  R32_no_exclusion: {
    id: 'R32_no_exclusion',
    rule: 'R32',
    description: 'the pre-check found no excluded matter',
    check: (ctx) => (ctx.exclusions ?? []).length === 0,
  },
  R33_supplement_deadline_passed: {
    id: 'R33_supplement_deadline_passed',
    rule: 'R33',
    description: 'the deadline for supplementary materials has passed',
    check: (ctx) => isPast(ctx.supplementDeadline, ctx.now),
  },
  R27_confirmation_window_over: {
    id: 'R27_confirmation_window_over',
    rule: 'R27',
    description: 'a settled case is archived only once the window for judicial confirmation has passed',
    check: (ctx) => ctx.confirmationWindowOpen !== true,
  },
  R36_report_note: {
    id: 'R36_report_note',
    rule: 'R36',
    description: 'a report explaining the suspected sham mediation',
    check: (ctx) => hasText(ctx.reasonNote),
  },
  R36_suspended_from: {
    id: 'R36_suspended_from',
    rule: 'R36',
    description: 'the state before the suspension is known',
    check: (ctx) => oneOf(SUSPENDABLE_STATES, ctx.suspendedFrom),
  },
} as const satisfies Record<string, Requirement>;

const [R04_return_reason, R04_note_for_other] = reasonRequirements('R04', RETURN_REASONS, 'return_reason');
const [R22_termination_reason, R22_note_for_other] = reasonRequirements('R22', TERMINATION_REASONS, 'termination_reason');
const [R34_rejection_ground, R34_note_for_other] = reasonRequirements('R34', REJECTION_GROUNDS, 'rejection_ground');
const [R33_refusal_ground, R33_note_for_other] = reasonRequirements('R33', REFUSAL_GROUNDS, 'refusal_ground');
const [R01_withdrawal_reason, R01_note_for_other] = reasonRequirements('R01', PARTY_WITHDRAWAL_REASONS, 'withdrawal_reason');

// ─── Transitions ───────────────────────────────────────────────────────────────────────

export const CASE_ACTIONS = [
  'submit',
  'withdraw',
  'return',
  'accept_application',
  'respondent_consent',
  'respondent_decline',
  'respondent_no_answer',
  'start_mediation',
  'party_refuse',
  'record_settlement',
  'terminate',
  'expire',
  'escalate',
  'request_confirmation',
  'confirm',
  'reject_confirmation',
  'withdraw_confirmation',
  'supplement_deadline_missed',
  'refuse_confirmation',
  'amend_after_rejection',
  'close',
  'suspend',
  'resume',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export function isCaseAction(value: unknown): value is CaseAction {
  return typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value);
}

export interface TransitionDef {
  action: CaseAction;
  from: readonly CaseState[];
  /** 'previous' (resume only): back to `ctx.suspendedFrom`. */
  to: CaseState | 'previous';
  actors: readonly Actor[];
  requirements: readonly Requirement[];
  /** The R22 reason this action records, when it ends mediation with a fixed reason. */
  terminationReason?: TerminationReason;
  rules: readonly string[];
  description: string;
}

const R = REQUIREMENTS;
const PARTY: readonly Actor[] = ['citizen', 'agent'];

export const TRANSITIONS: { readonly [A in CaseAction]: TransitionDef & { action: A } } = {
  submit: {
    action: 'submit',
    from: ['DRAFT', 'RETURNED'], // a returned application may be corrected and resubmitted (R04)
    to: 'SUBMITTED',
    actors: [...PARTY, 'intake'], // intake staff file on a citizen's behalf (R03)
    requirements: [R.R03_application_complete],
    rules: ['R03'],
    description: 'file the application with the organisation',
  },
  withdraw: {
    action: 'withdraw',
    from: ['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'],
    to: 'WITHDRAWN',
    actors: [...PARTY, 'intake'],
    requirements: [],
    rules: [],
    description: 'the applicant withdraws before mediation starts',
  },
  return: {
    action: 'return',
    from: ['SUBMITTED'],
    to: 'RETURNED',
    actors: ['org_admin'],
    requirements: [R04_return_reason, R04_note_for_other],
    rules: ['R04'],
    description: 'return the application with a coded reason',
  },
  accept_application: {
    action: 'accept_application',
    from: ['SUBMITTED'],
    to: 'ACCEPTED',
    actors: ['org_admin'],
    requirements: [],
    rules: ['R07'],
    description: 'accept the application; mediator assignment and respondent contact begin',
  },
  respondent_consent: {
    action: 'respondent_consent',
    from: ['ACCEPTED'],
    to: 'ACCEPTED', // records the consent; the state changes at start_mediation
    // R12: the respondent's own act; a consent the mediator obtained by phone is confirmed by
    // the respondent through the SMS link, never recorded by the mediator.
    actors: PARTY,
    requirements: [],
    rules: ['R01', 'R12'],
    description: 'the respondent consents to (online) mediation',
  },
  respondent_decline: {
    action: 'respondent_decline',
    from: ['ACCEPTED'],
    to: 'TERMINATED', // one party's explicit refusal ends it (R01); the applicant is told (R12)
    actors: [...PARTY, 'mediator'],
    requirements: [],
    terminationReason: 'party_unwilling',
    rules: ['R01', 'R12', 'R22'],
    description: 'the respondent refuses mediation',
  },
  respondent_no_answer: {
    action: 'respondent_no_answer',
    from: ['ACCEPTED'],
    to: 'TERMINATED', // R12: no answer within the contact period ends the case; the applicant is told
    actors: ['system'],
    requirements: [R.R12_not_reached],
    terminationReason: 'respondent_unreachable',
    rules: ['R12', 'R22'],
    description: 'the respondent did not answer within the contact period',
  },
  start_mediation: {
    action: 'start_mediation',
    from: ['ACCEPTED'],
    to: 'MEDIATING',
    actors: ['mediator'],
    requirements: [R.R01_no_refusal, R.R01_all_consented, R.R02_notices_seen, R.R09_mediator_accepted, R.R10_conflict_consented],
    rules: ['R01', 'R02', 'R09', 'R10'],
    description: 'start mediating',
  },
  party_refuse: {
    action: 'party_refuse',
    // R01 (PML 23): a party may end mediation at any time, with its coded reason.
    from: ['ACCEPTED', 'MEDIATING', 'SUSPENDED'],
    to: 'TERMINATED',
    actors: PARTY,
    requirements: [R01_withdrawal_reason, R01_note_for_other],
    rules: ['R01', 'R22'],
    description: 'a party ends mediation itself, with its reason',
  },
  record_settlement: {
    action: 'record_settlement',
    from: ['MEDIATING'],
    to: 'SETTLED',
    // 'system': the last party signature makes it effective; 'org_admin': the seal act of a
    // people's mediation committee does (R26, PML 29).
    actors: ['mediator', 'system', 'org_admin'],
    requirements: [R.R26_signed_by_all],
    terminationReason: 'agreement',
    rules: ['R25', 'R26'],
    description: 'the agreement is signed by all and takes effect',
  },
  terminate: {
    action: 'terminate',
    from: ['ACCEPTED', 'MEDIATING', 'SUSPENDED'],
    to: 'TERMINATED',
    actors: ['mediator', 'org_admin', 'judge'], // judge: after a sham-mediation flag (R36)
    requirements: [R22_termination_reason, R22_note_for_other, R.R22_settle_via_agreement, R.R20_period_expired_for_reason, R.R12_reached_not_unreachable],
    rules: ['R12', 'R22'],
    description: 'end mediation without agreement, with a coded reason',
  },
  expire: {
    action: 'expire',
    from: ['ACCEPTED', 'MEDIATING'],
    to: 'TERMINATED',
    actors: ['system'],
    requirements: [R.R20_period_passed],
    terminationReason: 'period_expired',
    rules: ['R20', 'R22'],
    description: 'the mediation period passed without extension',
  },
  escalate: {
    action: 'escalate',
    from: ['TERMINATED', 'CONFIRMATION_REJECTED'],
    to: 'ESCALATED',
    // 'system': a court-brought case whose period expired goes back to its court (R20, R21, R24).
    actors: [...PARTY, 'mediator', 'org_admin', 'system'],
    requirements: [R.R24_escalation_route],
    rules: ['R24', 'R34'],
    description: 'send the case on with its file: online filing, back to the court, or arbitration',
  },
  request_confirmation: {
    action: 'request_confirmation',
    from: ['SETTLED'],
    to: 'CONFIRMATION_REQUESTED',
    actors: PARTY,
    requirements: [R.R29_joint_application, R.R29_within_window, R.R31_package_complete, R.R32_no_exclusion],
    rules: ['R29', 'R30', 'R31', 'R32'],
    description: 'apply jointly to the court for judicial confirmation',
  },
  confirm: {
    action: 'confirm',
    from: ['CONFIRMATION_REQUESTED'],
    to: 'CONFIRMED',
    actors: ['judge'],
    requirements: [],
    rules: ['R34'],
    description: 'the court confirms the agreement',
  },
  reject_confirmation: {
    action: 'reject_confirmation',
    from: ['CONFIRMATION_REQUESTED'],
    to: 'CONFIRMATION_REJECTED',
    actors: ['judge'],
    requirements: [R34_rejection_ground, R34_note_for_other],
    rules: ['R34'],
    description: 'the court refuses confirmation, with grounds',
  },
  withdraw_confirmation: {
    action: 'withdraw_confirmation',
    from: ['CONFIRMATION_REQUESTED'],
    to: 'SETTLED', // the agreement stays in effect; they may re-apply within the R29 window
    actors: PARTY,
    requirements: [],
    rules: ['R33'],
    description: 'the parties withdraw the application before the ruling',
  },
  supplement_deadline_missed: {
    action: 'supplement_deadline_missed',
    from: ['CONFIRMATION_REQUESTED'],
    // R33: a missed deadline for materials is put to the judge, who decides that it counts as
    // withdrawal (JC2011 6); the scanner only marks it missed and tells the court.
    to: 'SETTLED',
    actors: ['judge'],
    requirements: [R.R33_supplement_deadline_passed],
    rules: ['R33'],
    description: 'supplementary materials were not provided in time',
  },
  refuse_confirmation: {
    action: 'refuse_confirmation',
    from: ['CONFIRMATION_REQUESTED'],
    to: 'SETTLED', // not accepted (不予受理): the agreement stays in effect; they may apply to the competent court or sue
    actors: ['judge'],
    requirements: [R33_refusal_ground, R33_note_for_other],
    rules: ['R33'],
    description: 'the court refuses to accept the application, with a ground',
  },
  amend_after_rejection: {
    action: 'amend_after_rejection',
    from: ['CONFIRMATION_REJECTED'],
    to: 'SETTLED',
    actors: ['mediator', 'org_admin'], // org_admin: the seal act (R26)
    requirements: [R.R26_signed_by_all], // the amended or new agreement, signed again
    rules: ['R26', 'R34'],
    description: 'an amended or new agreement is signed by all',
  },
  close: {
    action: 'close',
    // R27: every final state is archived (立卷归档); an escalated case keeps its file here too.
    from: ['SETTLED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'TERMINATED', 'ESCALATED', 'RETURNED'],
    to: 'CLOSED',
    actors: ['mediator', 'org_admin', 'system'],
    requirements: [R.R27_confirmation_window_over],
    rules: ['R27', 'R28'],
    description: 'close the case and archive its file',
  },
  suspend: {
    action: 'suspend',
    from: SUSPENDABLE_STATES,
    to: 'SUSPENDED',
    actors: ['mediator', 'judge'],
    requirements: [R.R36_report_note],
    rules: ['R36'],
    description: 'suspend for suspected sham mediation, and report it',
  },
  resume: {
    action: 'resume',
    from: ['SUSPENDED'],
    to: 'previous',
    actors: ['mediator', 'org_admin', 'judge'],
    requirements: [R.R36_suspended_from],
    rules: ['R36'],
    description: 'the suspicion is cleared: go back to where the case was',
  },
};

// ─── Queries ───────────────────────────────────────────────────────────────────────────

export type TransitionRefusal = 'WRONG_STATE' | 'WRONG_ROLE' | 'REQUIREMENT_NOT_MET' | 'UNKNOWN_ACTION';

export type TransitionCheck =
  | { ok: true; to: CaseState }
  | {
      ok: false;
      reason: TransitionRefusal;
      /** The first unmet requirement's id (REQUIREMENT_NOT_MET only). */
      requirement?: string;
      /** Every unmet requirement's id, in order (REQUIREMENT_NOT_MET only). */
      unmet?: string[];
    };

/** The requirements of `action` that `ctx` does not meet, in declaration order. */
/**
 * Requirements the step's own request supplies (a coded reason, a note, a route): an action
 * blocked only by these is still offered — the form asks for them.
 */
export const REQUEST_INPUT_REQUIREMENTS: ReadonlySet<string> = new Set([
  'R04_return_reason',
  'R04_note_for_other',
  'R22_termination_reason',
  'R22_note_for_other',
  'R22_settle_via_agreement',
  'R20_period_expired_for_reason',
  'R24_escalation_route',
  'R34_rejection_ground',
  'R34_note_for_other',
  'R33_refusal_ground',
  'R33_note_for_other',
  'R36_report_note',
  'R01_withdrawal_reason',
  'R01_note_for_other',
]);

/** Whether to offer an action now: allowed, or blocked only by what the request will supply. */
export function isOfferable(option: { ok: boolean; unmet: readonly string[] }): boolean {
  return option.ok || (option.unmet.length > 0 && option.unmet.every((id) => REQUEST_INPUT_REQUIREMENTS.has(id)));
}

export function unmetRequirements(action: CaseAction, ctx: CaseContext): Requirement[] {
  return TRANSITIONS[action].requirements.filter((r) => !r.check(ctx));
}

/**
 * Whether `actor` may take `action` on a case in `state`. Checks run in the order state →
 * actor → requirements, so a refusal names the most basic problem first.
 */
export function canTransition(state: CaseState, action: CaseAction, actor: Actor, ctx: CaseContext): TransitionCheck {
  if (!isCaseAction(action)) return { ok: false, reason: 'UNKNOWN_ACTION' };
  const def: TransitionDef = TRANSITIONS[action];
  if (!def.from.includes(state)) return { ok: false, reason: 'WRONG_STATE' };
  if (!def.actors.includes(actor)) return { ok: false, reason: 'WRONG_ROLE' };
  const unmet = unmetRequirements(action, ctx).map((r) => r.id);
  if (unmet.length > 0) return { ok: false, reason: 'REQUIREMENT_NOT_MET', requirement: unmet[0], unmet };
  // `resume`'s requirement guarantees suspendedFrom is set.
  const to = def.to === 'previous' ? (ctx.suspendedFrom as CaseState) : def.to;
  return { ok: true, to };
}

/** The state after `action`, or a DomainError whose code is the refusal reason. */
export function nextState(state: CaseState, action: CaseAction, actor: Actor, ctx: CaseContext): CaseState {
  const result = canTransition(state, action, actor, ctx);
  if (result.ok) return result.to;
  const details = { state, action, actor, requirement: result.requirement, unmet: result.unmet };
  const message =
    result.reason === 'REQUIREMENT_NOT_MET'
      ? `${action} from ${state}: requirement ${result.requirement} not met`
      : result.reason === 'WRONG_ROLE'
        ? `${actor} may not ${action}`
        : result.reason === 'WRONG_STATE'
          ? `${action} is not possible from ${state}`
          : `unknown action ${String(action)}`;
  throw new DomainError(result.reason, message, details);
}

export interface ActionOption {
  action: CaseAction;
  /** Whether the action would succeed now. */
  ok: boolean;
  /** Where it leads (if ok). */
  to?: CaseState;
  /** Ids of unmet requirements, to explain a disabled button. */
  unmet: string[];
}

/**
 * Every action `actor` could take from `state`, including ones blocked by a requirement
 * (with the reason): for showing a disabled button with an explanation.
 */
export function actionOptions(state: CaseState, actor: Actor, ctx: CaseContext): ActionOption[] {
  return CASE_ACTIONS.filter((a) => {
    const def: TransitionDef = TRANSITIONS[a];
    return def.from.includes(state) && def.actors.includes(actor);
  }).map((action) => {
    const r = canTransition(state, action, actor, ctx);
    return r.ok ? { action, ok: true, to: r.to, unmet: [] } : { action, ok: false, unmet: r.unmet ?? [] };
  });
}

/** The actions `actor` can take now: the buttons to show. */
export function availableActions(state: CaseState, actor: Actor, ctx: CaseContext): CaseAction[] {
  return actionOptions(state, actor, ctx)
    .filter((o) => o.ok)
    .map((o) => o.action);
}

/**
 * The R22 reason to record for a transition into TERMINATED (or SETTLED: 'agreement'):
 * fixed for actions like `expire`, the coded `ctx.reasonCode` for `terminate`.
 */
export function terminationReasonOf(action: CaseAction, ctx: Pick<CaseContext, 'reasonCode'>): TerminationReason | undefined {
  const def: TransitionDef = TRANSITIONS[action];
  if (def.terminationReason) return def.terminationReason;
  if (action === 'terminate' && oneOf(TERMINATION_REASONS, ctx.reasonCode)) return ctx.reasonCode as TerminationReason;
  if (action === 'party_refuse') return terminationReasonForWithdrawal(ctx.reasonCode);
  return undefined;
}

// ─── Stages after mediation starts ────────────────────────────────────────────────────
// Which states a part of the case belongs to: shared by the API's checks and the web's case
// page (which loads a part's code only in these states).

/** R22–R24, R36: ending, escalation, extension and the sham flag can be shown or taken. */
export const ENDING_STATES = ['ACCEPTED', 'MEDIATING', 'SUSPENDED', 'TERMINATED', 'ESCALATED', 'CONFIRMATION_REJECTED'] as const satisfies readonly CaseState[];
/** R25–R27: the case has, or may get, a settlement agreement. */
export const AGREEMENT_STATES = ['MEDIATING', 'SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'CLOSED'] as const satisfies readonly CaseState[];
/** R28: an agreement is in effect and its obligations are performed. */
export const PERFORMANCE_STATES = ['SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'CLOSED'] as const satisfies readonly CaseState[];
/** R29–R34: judicial confirmation can be applied for, is pending, or was ruled on. */
export const CONFIRMATION_STATES = ['SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CONFIRMATION_REJECTED'] as const satisfies readonly CaseState[];

/** R13–R18: the case's channels exist (are readable) in these states… */
export const CHANNEL_READABLE_STATES = [
  'ACCEPTED',
  'MEDIATING',
  'SUSPENDED',
  'SETTLED',
  'CONFIRMATION_REQUESTED',
  'CONFIRMED',
  'CONFIRMATION_REJECTED',
  'TERMINATED',
  'ESCALATED',
  'CLOSED',
] as const satisfies readonly CaseState[];
/** …and take new messages in these (not while suspended, not once ended). */
export const CHANNEL_WRITABLE_STATES = ['ACCEPTED', 'MEDIATING', 'SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMATION_REJECTED'] as const satisfies readonly CaseState[];
/** R25: a new agreement may be drafted, signed or sealed (mediating, or amending after a rejection). */
export const DRAFTING_STATES = ['MEDIATING', 'CONFIRMATION_REJECTED'] as const satisfies readonly CaseState[];
/** R20: the mediation period runs (and may be extended). */
export const MEDIATION_PERIOD_STATES = ['ACCEPTED', 'MEDIATING'] as const satisfies readonly CaseState[];
/** R03: a staff-filed application still waits for its applicant's own confirmation. */
export const FILING_CONFIRMATION_STATES = ['SUBMITTED', 'RETURNED', 'ACCEPTED'] as const satisfies readonly CaseState[];

/** R03/R04: the applicant may still change the application and its documents. */
export const APPLICANT_EDITABLE_STATES = ['DRAFT', 'RETURNED'] as const satisfies readonly CaseState[];
/** R09/R10: a mediator may be assigned, contacts recorded, a change of mediator asked for. */
export const ASSIGNMENT_STATES = ['ACCEPTED', 'MEDIATING'] as const satisfies readonly CaseState[];
/** R09: the same-day contact clock runs from submission until mediation starts. */
export const FIRST_CONTACT_STATES = ['SUBMITTED', 'ACCEPTED'] as const satisfies readonly CaseState[];
/** The case's file takes no more documents: it ended before mediation, left with its file, or is archived (R24, R27). */
export const DOCUMENTS_CLOSED_STATES = ['WITHDRAWN', 'CLOSED', 'ESCALATED'] as const satisfies readonly CaseState[];
/** R21: the outcomes a court that brought a case is told about. */
export const COURT_OUTCOME_STATES = ['RETURNED', 'SETTLED', 'TERMINATED', 'ESCALATED', 'CLOSED'] as const satisfies readonly CaseState[];
/** The states an organisation's queue filters by (the others are reached from a case). */
export const ORGANISATION_QUEUE_STATES = ['SUBMITTED', 'ACCEPTED', 'MEDIATING', 'RETURNED', 'TERMINATED', 'WITHDRAWN', 'CLOSED'] as const satisfies readonly CaseState[];

/** True when `state` is one of `states` (typed for the readonly tuples above). */
export function inStates(states: readonly CaseState[], state: string): boolean {
  return (states as readonly string[]).includes(state);
}

// ─── Progress bar ──────────────────────────────────────────────────────────────────────

/** The main path, in order; every other state is shown against one of these steps. */
export const MAIN_PATH = ['DRAFT', 'SUBMITTED', 'ACCEPTED', 'MEDIATING', 'SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CLOSED'] as const satisfies readonly CaseState[];
export type MainPathState = (typeof MAIN_PATH)[number];

export type StepStatus = 'done' | 'current' | 'upcoming' | 'skipped';
export interface ProgressStep {
  state: MainPathState;
  status: StepStatus;
  /** On the step where the case left the main path: the side state it is in. */
  sideState?: CaseState;
}
/**
 * in_progress: on the main path; attention: on a side state it can come back from
 * (RETURNED, SUSPENDED, CONFIRMATION_REJECTED); succeeded: closed after an agreement;
 * ended: withdrawn, terminated, escalated, or closed after one of those.
 */
export type ProgressOutcome = 'in_progress' | 'attention' | 'succeeded' | 'ended';
export interface Progress {
  steps: ProgressStep[];
  /** The main-path step the case is at (or stopped at). */
  current: MainPathState;
  sideState: CaseState | null;
  outcome: ProgressOutcome;
}

function isMainPath(value: unknown): value is MainPathState {
  return typeof value === 'string' && (MAIN_PATH as readonly string[]).includes(value);
}

/**
 * Progress-bar steps for a case in `state`. `lastMainState` is the last main-path state the
 * case was in before a side state (from its timeline): it places WITHDRAWN, TERMINATED,
 * SUSPENDED, ESCALATED and CLOSED precisely. Without it: WITHDRAWN at SUBMITTED, SUSPENDED /
 * TERMINATED / ESCALATED at MEDIATING, CLOSED after CONFIRMED.
 */
export function progressSteps(state: CaseState, lastMainState?: MainPathState): Progress {
  const last = isMainPath(lastMainState) ? lastMainState : undefined;
  let current: MainPathState;
  let sideState: CaseState | null = null;
  let outcome: ProgressOutcome;
  let skipConfirmation = false;

  switch (state) {
    case 'RETURNED':
      [current, sideState, outcome] = ['SUBMITTED', state, 'attention'];
      break;
    case 'CONFIRMATION_REJECTED':
      [current, sideState, outcome] = ['CONFIRMATION_REQUESTED', state, 'attention'];
      break;
    case 'SUSPENDED':
      [current, sideState, outcome] = [last ?? 'MEDIATING', state, 'attention'];
      break;
    case 'WITHDRAWN':
      [current, sideState, outcome] = [last ?? 'SUBMITTED', state, 'ended'];
      break;
    case 'TERMINATED':
    case 'ESCALATED':
      [current, sideState, outcome] = [last ?? 'MEDIATING', state, 'ended'];
      break;
    case 'CLOSED':
      if (last === undefined || last === 'CONFIRMED' || last === 'SETTLED' || last === 'CLOSED') {
        [current, outcome] = ['CLOSED', 'succeeded'];
        skipConfirmation = last === 'SETTLED'; // closed without confirmation (R28)
      } else {
        [current, sideState, outcome] = [last, state, 'ended'];
      }
      break;
    default:
      [current, outcome] = [state, 'in_progress'];
  }

  const at = MAIN_PATH.indexOf(current);
  const steps = MAIN_PATH.map((step, i): ProgressStep => {
    if (outcome === 'succeeded') {
      const skipped = skipConfirmation && (step === 'CONFIRMATION_REQUESTED' || step === 'CONFIRMED');
      return { state: step, status: skipped ? 'skipped' : 'done' };
    }
    if (i < at) return { state: step, status: 'done' };
    if (i === at) return sideState ? { state: step, status: 'current', sideState } : { state: step, status: 'current' };
    if (outcome === 'ended') return { state: step, status: step === 'CLOSED' && state === 'CLOSED' ? 'done' : 'skipped' };
    return { state: step, status: 'upcoming' };
  });
  return { steps, current, sideState, outcome };
}
