/**
 * Judicial confirmation (R29–R35) and the court portal: shared by the API and the web.
 */
import type { CaseState, CourtRoutingBasis, Exclusion, ExclusionAnswers, PackageItemKind, RefusalGround, RejectionGround } from '@tiaojie/domain';
import type { ObligationView } from './settlement';

export {
  REJECTION_GROUNDS,
  REFUSAL_GROUNDS,
  type RefusalGround,
  EXCLUSIONS,
  COURT_ROUTING_BASES,
  type RejectionGround,
  type Exclusion,
  type CourtRoutingBasis,
  type ExclusionAnswers,
  type PackageItemKind,
} from '@tiaojie/domain';

export const CONFIRMATION_STATUSES = [
  'signing', // parties are signing the joint application (R29)
  'submitted', // filed with the court, awaiting acceptance (R33: 3 days)
  'accepted', // accepted by the court, ruling due (R33: 15 days, +10 once)
  'confirmed', // valid ruling: the agreement is enforceable (R34)
  'rejected', // rejected with grounds (R34)
  'withdrawn', // withdrawn by the parties, or the judge ruled a missed supplement a withdrawal (R33)
  'refused', // not accepted (不予受理) by the court, with a ground (R33)
] as const;
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];

export const CONFIRMATION_LIMITS = {
  messageMax: 2000,
  supplementTextMax: 1000,
  reasonNoteMax: 2000,
  /** The court's deadline for supplementary materials: at most this many days ahead. */
  supplementMaxDays: 30,
} as const;

/** The data of the `confirmation_granted` timeline event (read by the performance module). */
export interface ConfirmationGrantedData {
  applicationId: string;
  rulingNumber: string;
  courtId: string;
  courtName: string;
  ruledAt: string;
}

export interface CourtProposal {
  courtId: string;
  courtName: string;
  basis: CourtRoutingBasis;
  /** The division code that decided it (null for an inviting court). */
  region: string | null;
}

export interface ExclusionFindingView {
  code: Exclusion;
  source: 'data' | 'declared';
}

export interface PackageItemView {
  kind: PackageItemKind;
  partyId: string | null;
  partyName: string | null;
  /** Present (true) or missing (false). Optional items (property proofs) are never missing. */
  present: boolean;
  /** Case documents making up this item. */
  documents: { id: string; fileName: string }[];
  /** For `contacts`: the phone and address. */
  detail: string | null;
  /** For `contacts` (R31): the party's fields still missing ('mobile', 'address'). */
  missing?: string[];
}

/** R30/R31: a party's contacts and domicile the viewer may fill in (own parties; every party for the case's mediator). */
export interface EditableContactsView {
  partyId: string;
  partyName: string;
  address: string | null;
  /** R30: division code of the party's domicile. */
  domicileRegion: string | null;
}

/** R30: the court each party chose among the competent ones. */
export interface CourtChoiceView {
  partyId: string;
  partyName: string;
  courtId: string | null;
}

export interface ConfirmationPartyView {
  partyId: string;
  side: 'applicant' | 'respondent';
  name: string;
  mobileMasked: string;
  address: string | null;
  idNumberMasked: string | null;
  signedAt: string | null;
}

export interface SupplementRequestView {
  id: string;
  text: string;
  dueAt: string;
  createdAt: string;
  fulfilledAt: string | null;
  missedAt: string | null;
  /** R33: the judge's decision on a missed deadline (JC2011 6): withdrawal, or the application goes on. */
  decision: 'withdrawn' | 'continue' | null;
  decidedAt: string | null;
  decisionNote: string | null;
  documents: { id: string; fileName: string }[];
}

export interface ConfirmationMessageView {
  id: string;
  authorName: string;
  authorRole: 'court' | 'party';
  body: string;
  createdAt: string;
}

export interface RulingView {
  outcome: 'confirmed' | 'rejected';
  rulingNumber: string | null;
  judgeName: string;
  ruledAt: string;
  rejectionGround: RejectionGround | null;
  rejectionNote: string | null;
  verificationCode: string | null;
  pdfSha256: string | null;
}

export interface CourtDeadlinesView {
  /** R33: accept or refuse within 3 days of the application. */
  acceptBy: string | null;
  acceptedAt: string | null;
  /** R33: rule within 15 days of acceptance, +10 once. */
  ruleBy: string | null;
  extended: boolean;
  /** R33: who approved the 10-day extension (e.g. the court's president) and when. */
  extensionApprovedBy: string | null;
  extensionApprovedAt: string | null;
  extensionReason: string | null;
  overdue: boolean;
}

/** R33: the court's refusal to accept (不予受理). */
export interface RefusalView {
  ground: RefusalGround;
  note: string | null;
  judgeName: string;
  refusedAt: string;
  /** Refused within the 3-day acceptance period. */
  withinPeriod: boolean;
}

export interface ConfirmationApplicationView {
  id: string;
  status: ConfirmationStatus;
  courtId: string;
  courtName: string;
  basis: CourtRoutingBasis;
  parties: ConfirmationPartyView[];
  submittedAt: string | null;
  deadlines: CourtDeadlinesView;
  supplements: SupplementRequestView[];
  messages: ConfirmationMessageView[];
  ruling: RulingView | null;
  refusal: RefusalView | null;
  withdrawnAt: string | null;
  withdrawnReason: 'parties' | 'supplement_missed' | null;
  /** The agreement is enforceable (a valid ruling, R34). */
  enforceable: boolean;
  applicationPdfUrl: string | null;
  rulingPdfUrl: string | null;
}

/** What a party sees on the case page. */
export interface ConfirmationOverview {
  caseId: string;
  caseNumber: string | null;
  caseState: CaseState;
  caseVersion: number;
  /** The agreement in effect (null: no effective agreement yet). */
  agreementId: string | null;
  agreementEffectiveAt: string | null;
  /** R29: end of the 30-day window. */
  windowEndsAt: string | null;
  /** The window ends in a year whose holiday schedule is not published: the date may still move (issue #10). */
  windowProvisional?: boolean;
  windowOpen: boolean;
  proposal: CourtProposal | null;
  /** Other competent courts (R30). */
  alternatives: CourtProposal[];
  /** R32: found from the platform's data (answers are checked when signing). */
  exclusions: ExclusionFindingView[];
  /** R31 */
  packageItems: PackageItemView[];
  packageComplete: boolean;
  /** R35: judicial confirmation is free of charge (JC2011 11). */
  free: true;
  /** R35: what the mediation organisation charges: free only when it charges nothing. */
  organisationFees: OrganisationFeesView | null;
  /** The current (or last) application. */
  application: ConfirmationApplicationView | null;
  /** What the viewer may do now: 'sign', 'withdraw', 'message', 'upload_supplement', 'download_ruling'. */
  actions: string[];
  /** The viewer's own party ids (to mark own signature). */
  ownPartyIds: string[];
  /** R31/R30: contacts the viewer may fill in. */
  editableContacts: EditableContactsView[];
  /** R30: each party's choice of court (needed when more than one court is competent). */
  courtChoices: CourtChoiceView[];
  /** R30: the court the application goes to: every party chose it, or it is the only competent one. */
  chosenCourtId: string | null;
}

/** R31/R30: fill in a party's address and domicile. */
export interface PartyContactsRequest {
  partyId: string;
  address?: string;
  /** Six-digit division code; null clears it. */
  domicileRegion?: string | null;
}

/** R30: the viewer's parties choose this competent court. */
export interface CourtChoiceRequest {
  courtId: string;
}

export interface SignApplicationRequest {
  code: string;
  answers: ExclusionAnswers;
  /** The case version the viewer saw. */
  version: number;
}

export interface WithdrawApplicationRequest {
  version: number;
  note?: string;
}

export interface ConfirmationMessageRequest {
  body: string;
}

// ─── Court portal ──────────────────────────────────────────────────────────────────────

export interface CourtQueueItem {
  id: string;
  caseId: string;
  caseNumber: string | null;
  status: ConfirmationStatus;
  parties: string[];
  disputeType: string;
  submittedAt: string | null;
  deadlines: CourtDeadlinesView;
  openSupplements: number;
}

export interface CourtApplicationDetail extends ConfirmationApplicationView {
  caseId: string;
  caseNumber: string | null;
  caseVersion: number;
  disputeType: string;
  organisationName: string | null;
  packageItems: PackageItemView[];
  agreement: {
    id: string;
    effectiveAt: string | null;
    facts: string;
    disputedMatters: string;
    responsibilities: string;
    otherTerms: string;
    obligations: Pick<ObligationView, 'id' | 'seq' | 'kind' | 'description' | 'amount' | 'dueDate' | 'obligorName' | 'obligeeName'>[];
    pdfUrl: string | null;
  };
  /** What the viewer may do now: 'accept', 'extend', 'request_supplement', 'message', 'confirm', 'reject'. */
  actions: string[];
  viewerRole: 'judge' | 'clerk';
}

export interface SupplementRequestBody {
  text: string;
  /** YYYY-MM-DD, China time: the deadline is the end of that day. */
  dueDate: string;
}

export interface ExtendRequest {
  reason: string;
  /** R33: the approving person (e.g. 院长 王某), recorded with the extension. */
  approvedBy: string;
  /** R33: when it was approved (ISO date-time; not in the future, not before acceptance). */
  approvedAt: string;
}

export interface RefuseRequest {
  reasonCode: RefusalGround;
  reasonNote?: string;
}

/** R33: the judge's decision on a missed deadline for supplementary materials. */
export interface SupplementDecisionRequest {
  /** true: it counts as withdrawal (the application ends); false: the application goes on. */
  withdrawn: boolean;
  note?: string;
}

/** R35: an organisation's fees, as shown to the parties. */
export interface OrganisationFeesView {
  organisationName: string;
  chargesFees: boolean;
  /** The published fee schedule (empty when free). */
  feeSchedule: string;
}

/** The court's ruling on an application: the version of the application it was made on, when the client knows it. */
export interface RulingRequest {
  version?: number;
}

export interface RejectRequest extends RulingRequest {
  reasonCode: RejectionGround;
  reasonNote?: string;
}

/** `GET /api/court/confirmations`: the open applications (default) or all of them. */
export interface CourtQueueQuery {
  scope?: 'open' | 'all';
}
