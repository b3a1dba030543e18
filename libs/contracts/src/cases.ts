import type { ConflictCheckView, MediatorChangeRequestView } from './mediator-change';
import type {
  CaseAction,
  CaseState,
  CourtCaseKind,
  CourtProcedure,
  NextAction,
  ContactAnswer,
  PartyWithdrawalReason,
  DeclineReason,
  IntakeChannel,
  OrganisationType,
  ReturnReason,
  Role,
  TerminationReason,
} from '@tiaojie/domain';
import type { CursorPage } from './auth';
import type { Locale } from './limits';

// ─── Dispute types and consultation ─────────────────────────────────────────────────────

export { DISPUTE_TYPES, type DisputeType } from '@tiaojie/domain';
import type { DisputeType, Evaluation } from '@tiaojie/domain';

/** What the self-help questionnaire concluded; carried into a filing as `evaluation`. */
export type EvaluationResult = Evaluation;

// ─── Parties, documents ─────────────────────────────────────────────────────────────────

export const PARTY_SIDES = ['applicant', 'respondent'] as const;
export type PartySide = (typeof PARTY_SIDES)[number];

export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export type ConsentValue = 'pending' | 'given' | 'refused';

export interface PartyInput {
  kind?: PartyKind;
  name: string;
  /** Mainland mobile; R03 for the applicant, used for the invitation for respondents. */
  mobile: string;
  /** Optional for respondents; required for a person applicant (R03, validated GB 11643). */
  idNumber?: string;
  address?: string;
  /** Electronic service address (R03, R40): an email, or the platform inbox when absent. */
  email?: string;
  /** The language of SMS and email to this party while it has no account (default zh-CN, issue #11). */
  locale?: Locale;
}

export interface PartyView {
  id: string;
  side: PartySide;
  kind: PartyKind;
  name: string;
  /** Masked for everyone but the party itself and the case's mediators. */
  mobile: string;
  idNumberMasked: string | null;
  address: string | null;
  email: string | null;
  /** The language given for this party's notices while it has no account; null is zh-CN. */
  locale?: Locale | null;
  /** The account that acts as this party (after registration / claiming the invitation). */
  linked: boolean;
  consent: ConsentValue;
  consentAt: string | null;
  noticeSeenAt: string | null;
  /** R02: the version of the notice text this party was shown (`NOTICE_VERSION` in the domain). */
  noticeVersion: string | null;
  /** R02: how the party's own consent was given: on the platform, or by the SMS code sent after staff filed for them. */
  consentChannel: ConsentChannel | null;
  invitedAt: string | null;
  /**
   * R12: the answer the party gave when the mediator reached it (by phone…); `agreed` is not
   * consent — the party confirms through the SMS link. Shown to staff and the party only.
   */
  contactAnswer?: ContactAnswer | null;
  /** R12: when the mediator last reached this party. */
  contactedAt?: string | null;
  /** The viewer is this party (or its agent). */
  isViewer: boolean;
}

export const DOCUMENT_KINDS = ['id_card', 'evidence', 'power_of_attorney', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** `all_parties`: everyone on the case; `own_side`: the uploader's side and the mediators only. */
export const DOCUMENT_VISIBILITIES = ['all_parties', 'own_side'] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  visibility: DocumentVisibility;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBySide: PartySide | 'mediator' | 'staff';
  createdAt: string;
  /** Authorised download URL (relative). */
  downloadUrl: string;
}

/** Upload limits (bytes) and the content types accepted after sniffing the bytes. */
export const UPLOAD_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  imageMaxBytes: 10 * 1024 * 1024,
  fileNameMax: 120,
  perCase: 60,
} as const;
export const UPLOAD_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-cfb',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/wav',
  'audio/amr',
  'video/mp4',
  'video/quicktime',
] as const;

// ─── The case ──────────────────────────────────────────────────────────────────────────

export interface ClaimInput {
  /** Exact decimal string, CNY, at most 2 decimals, e.g. "12000.50"; absent if no money claim. */
  amount?: string;
  otherRequests?: string;
}

export interface CreateCaseRequest {
  disputeType: DisputeType;
  facts?: string;
  claims?: ClaimInput;
  /** Administrative division code (6 digits) where the dispute arose: used for routing. */
  region?: string;
  applicant?: PartyInput;
  respondents?: PartyInput[];
  /** The applicant's chosen organisation (else routed). */
  organisationId?: string;
  /** The parties' chosen mediator from the public roster (R07). */
  preferredMediatorId?: string;
  evaluation?: EvaluationResult;
}

/** Draft edits: every field optional; `version` for optimistic locking. */
export interface UpdateCaseRequest extends Partial<CreateCaseRequest> {
  version: number;
}

export interface SubmitCaseRequest {
  version: number;
  /** R01: the applicant consents to online mediation. */
  consent: true;
  /** R02: the applicant saw the notice of rights, duties and legal effect. */
  noticeSeen: true;
  /**
   * R02: the version of the notice text shown (`NOTICE_VERSION`); an older one is refused. When
   * a citizen files for themselves and omits it, the current version is recorded. Staff filing
   * for a citizen never record the citizen's consent or notice: the citizen confirms by SMS
   * code (`POST /api/filing-confirmations/:caseId`).
   */
  noticeVersion?: string;
}

/** R02: how a party's own consent and acknowledgement were given. */
export type ConsentChannel = 'platform' | 'sms_code';

/**
 * R02: the applicant of a case staff filed for them confirms it themselves with the code sent
 * to the mobile filed: consent to online mediation, and the notice version they read.
 */
export interface FilingConfirmationRequest {
  code: string;
  consent: true;
  noticeSeen: true;
  noticeVersion: string;
}
export interface FilingConfirmationResult {
  caseNumber: string | null;
  confirmedAt: string;
  noticeVersion: string;
}

/** A step that only names the version of the case it was taken on (optimistic concurrency). */
export interface VersionRequest {
  version: number;
}

export interface CaseActionRequest {
  version: number;
  reasonCode?: string;
  reasonNote?: string;
}

export interface ReturnCaseRequest extends CaseActionRequest {
  reasonCode: ReturnReason;
}

export interface AssignMediatorRequest {
  version: number;
  mediatorId: string;
  /** R08: two or more for complex cases, one presiding. */
  role?: 'presiding' | 'member';
}

export interface DeclineAssignmentRequest {
  version: number;
  reasonCode: DeclineReason;
  reasonNote?: string;
}

export interface AcceptAssignmentRequest {
  version: number;
  /** R10: a conflict to disclose (relative, interest, other relationship); parties then consent. */
  conflictDisclosure?: string;
}

export interface RecordContactRequest {
  version: number;
  partyId: string;
  method: 'phone' | 'sms' | 'in_person' | 'video' | 'platform';
  /** Reached or not: an unreachable respondent may end the case (R12). */
  reached: boolean;
  /** R12: required when a respondent still to answer was reached; `refused` ends the case. */
  answer?: ContactAnswer;
  note?: string;
}

/** R01 (PML 23): a party ends mediation itself, with its coded reason (and a note; required for `other`). */
export interface EndMediationRequest {
  version: number;
  reasonCode: PartyWithdrawalReason;
  reasonNote?: string;
}

export interface ConsentRequest {
  version: number;
  consent: 'given' | 'refused';
  /** R02: must be true to give consent. */
  noticeSeen: boolean;
  /** R02: the version of the notice text shown (`NOTICE_VERSION`); an older one is refused; omitted → the current one. */
  noticeVersion?: string;
}

export interface DeadlineView {
  kind: string;
  rule: string;
  dueAt: string;
  overdue: boolean;
  dueSoon: boolean;
  /** The holiday schedule of the deadline's year is not published: the date may still move. */
  provisional?: boolean;
}

export interface AssignmentView {
  id: string;
  mediatorId: string;
  mediatorName: string;
  role: 'presiding' | 'member';
  status: 'pending' | 'accepted' | 'declined' | 'expired' | 'removed';
  assignedAt: string;
  respondBy: string;
  respondedAt: string | null;
  declineReason: DeclineReason | null;
  conflictDisclosure: string | null;
}

export interface CaseSummary {
  id: string;
  /** Human-readable, unique and sequential per year, e.g. TJ-2026-000123; null while a draft. */
  number: string | null;
  state: CaseState;
  version: number;
  disputeType: DisputeType;
  applicantName: string;
  respondentNames: string[];
  organisationId: string | null;
  organisationName: string | null;
  mediatorNames: string[];
  channel: IntakeChannel;
  submittedAt: string | null;
  updatedAt: string;
  /** The nearest open deadline, for countdowns in queues. */
  nextDeadline: DeadlineView | null;
  /** The viewer's relation to the case. */
  viewerRole: CaseViewerRole;
  /** R10, R11: open requests to change mediator, on the organisation queue for its admins only. */
  pendingMediatorChanges?: number;
}

export type CaseViewerRole = 'applicant' | 'respondent' | 'agent' | 'filer' | 'mediator' | 'org_admin' | 'org_member';

export interface CaseDetail extends CaseSummary {
  facts: string;
  claims: { amount: string | null; otherRequests: string | null };
  region: string | null;
  parties: PartyView[];
  assignments: AssignmentView[];
  preferredMediatorId: string | null;
  evaluation: EvaluationResult | null;
  deadlines: DeadlineView[];
  /** Actions the viewer may take now (from the domain state machine + membership). */
  actions: CaseAction[];
  returnReason: ReturnReason | null;
  terminationReason: TerminationReason | null;
  reasonNote: string | null;
  firstContactAt: string | null;
  /** Same-day contact SLA: minutes from submission to first contact, and whether within SLA. */
  contactSla: { dueAt: string; metAt: string | null; met: boolean | null } | null;
  documents: DocumentView[];
  /** Respondent before consent: sees a summary only (no documents, masked contacts). */
  limitedView: boolean;
  /** R10: the parties' answers to a conflict the accepted mediator disclosed; null when none. */
  conflictCheck: ConflictCheckView | null;
  /** R10, R11: requests for recusal or change of mediator this viewer may see (its own party's; all for the org admin). */
  mediatorChangeRequests: MediatorChangeRequestView[];
  /** Open requests for the dispatcher to answer (0 for anyone who may not see them). */
  pendingMediatorChanges: number;
  /** R21: the court that brought the case, its number, kind and period; null for a direct application. */
  courtCase?: CourtCaseInfo | null;
  /** R27: closed and archived (read-only); null before. */
  archive?: CaseArchiveInfo | null;
  /** What this viewer has to do next on the case ("需要您处理", domain nextActionsFor), with deadlines. */
  nextActions: NextAction[];
  /**
   * Issue #11: each party's important notices (invitations, deadline notices, court requests)
   * and whether the party read them — for the case's staff only; null for anyone else (R19).
   */
  partyNotices?: PartyNoticeView[] | null;
}

/** Issue #11: one important notice to a party (or its agent), as the case's staff see it. */
export interface PartyNoticeView {
  partyId: string;
  /** The notice's template id (e.g. respondent_invited, session_scheduled, confirmation_supplement_requested). */
  template: string;
  kind: 'invitation' | 'deadline' | 'court_request';
  sentAt: string;
  /** When the party opened it in the app or followed its link; null while unread. */
  readAt: string | null;
  /** When the "unread notice" text message went out for it; null if none. */
  escalatedAt: string | null;
}

/** One line of the home page's "需要您处理": a next step on one of the viewer's cases (GET /api/me/actions). */
export interface MyNextAction extends NextAction {
  caseId: string;
  caseNumber: string | null;
}

export interface TimelineEvent {
  id: string;
  seq: number;
  type: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  actorName: string | null;
  actorRole: Role | 'system' | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface CaseListQuery {
  /** `mine` (party / filer), `assigned` (mediator), `organisation` (dispatcher queue). */
  scope?: 'mine' | 'assigned' | 'organisation';
  state?: CaseState;
  /** Queue filters for mediators: new, waiting for contact, in mediation, due soon. */
  bucket?: 'new' | 'awaiting_contact' | 'mediating' | 'due_soon';
  q?: string;
  cursor?: string;
  limit?: number;
}
export type CaseListResponse = CursorPage<CaseSummary>;

/**
 * What the invitation link shows to whoever holds it: nothing of the dispute, only where the
 * code goes (R15: a forwarded SMS must not disclose the dispute). `claimed`: taken up by an
 * account — the link shows nothing more, ever; the respondent reads the case after logging in.
 */
export interface InvitationPreview {
  mobileMasked: string;
  status: 'open' | 'claimed';
}

/** Body of POST /invitations/:token/view: the code sent to the invited number. */
export interface InvitationViewRequest {
  code: string;
}

/** The invitation a respondent follows (the link carries a one-time token), after the invited number's code. */
export interface InvitationView {
  caseId: string;
  caseNumber: string | null;
  disputeType: DisputeType;
  applicantName: string;
  respondentName: string;
  /** Masked mobile the invitation was sent to: the account claiming it must have this number. */
  mobileMasked: string;
  organisationName: string | null;
  /** R35: the organisation charges for mediation, and its fee schedule ("free" is shown only when it does not). */
  chargesFees: boolean;
  feeSchedule: string;
  factsSummary: string;
  claimAmount: string | null;
  state: CaseState;
  answerBy: string | null;
}

export interface MediatorProfileView {
  id: string;
  name: string;
  organisations: Array<{ id: string; name: string; nameEn?: string | null; type: OrganisationType }>;
  disputeTypes: DisputeType[];
  expertise: string[];
  bio: string;
  /** R05 in English where the admin gave it, else null: the web falls back to the Chinese (issue #11). */
  nameEn?: string | null;
  bioEn?: string | null;
  expertiseEn?: string[] | null;
  yearsOfPractice: number;
  chargesFees: boolean;
  courtName: string | null;
  /** Cases in progress (for dispatchers' load view; omitted on the public roster). */
  activeCases?: number;
}

export interface OrganisationSlaView {
  organisationId: string;
  submitted: number;
  contacted: number;
  contactedWithinSla: number;
  medianMinutesToContact: number | null;
}

/** GET /api/consultation: what the public questionnaire needs. */
export interface ConsultationConfig {
  disputeTypes: DisputeType[];
  /** One-year LPR in percent (configurable); the cap is lprMultiple × it. */
  lprPercent: string;
  lprMultiple: number;
}

/** One notice as delivered: shown on the case timeline (R40: served when it reaches the address). */
export interface DeliveryView {
  id: string;
  caseId: string | null;
  template: string;
  channel: 'in_app' | 'sms' | 'email';
  recipientRole: string;
  /** Masked mobile or email; null for in-app. */
  address: string | null;
  /** `unknown`: interrupted mid-call and the provider cannot say whether it took it (an admin decides). */
  status: 'pending' | 'queued' | 'sending' | 'sent' | 'failed' | 'unknown';
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  /** Opened in the app, or its link followed. */
  readAt: string | null;
  lastError: string | null;
  /** The text as the recipient read it (only for the viewer's own notices). */
  text: string | null;
}

/** R07: the parties' joint choice of a mediator from the organisation's public roster. */
export interface MediatorChoiceView {
  caseId: string;
  caseVersion: number;
  /** 2 working days from the application: the parties may choose until then. */
  windowEndsAt: string | null;
  open: boolean;
  /** 3 working days from the application: the organisation designates one by then. */
  designateBy: string | null;
  choices: { partyId: string; partyName: string; mediatorId: string | null; mediatorName: string | null }[];
  /** The viewer's own parties (to mark its choice). */
  ownPartyIds: string[];
  /** The organisation's roster (its mediators' public profiles). */
  roster: { id: string; name: string }[];
  /** A mediator is assigned (by the joint choice or by the organisation). */
  assigned: boolean;
  /** The viewer may choose now. */
  canChoose: boolean;
}

export interface ChooseMediatorRequest {
  mediatorId: string;
  version: number;
}

// ─── Shown on the case page (R21, R27) ─────────────────────────────────────────────────

/** R21/R20: what the case page shows of a court-brought case. */
export interface CourtCaseInfo {
  kind: CourtCaseKind;
  courtCaseNumber: string;
  courtId: string;
  courtName: string;
  procedure: CourtProcedure | null;
  /** R20: the period in calendar days (30 delegated, 15 ordinary, 7 simple), before extensions and excluded time. */
  periodDays: number;
}

/** R27: the archived case file of a closed case. */
export interface CaseArchiveInfo {
  archivedAt: string;
  /** Staff only; null for anyone else. */
  pdfUrl: string | null;
  sha256: string;
}

/** `GET /api/organisations/:id/notifications`: one status; without it, what needs the admin (`failed` and `unknown`). */
export interface DeliveryListQuery {
  status?: DeliveryView['status'];
}

/** `GET /api/mediators` (R05, R07): the public roster, narrowed. */
export interface MediatorRosterQuery {
  disputeType?: DisputeType;
  organisationId?: string;
}
