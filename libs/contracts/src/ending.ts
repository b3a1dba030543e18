/**
 * Ending a mediation: the failure report (R22, R23), escalation to online case filing, back to
 * the court or to arbitration with the case file (R24), the courts' filing queue, extensions
 * of the mediation period agreed by every party (R20), and the sham-mediation flag (R36).
 */

import { TERMINATION_REASONS, type TerminationReason } from '@tiaojie/domain';

export const ENDING_LIMITS = {
  /** Situation and conduct texts of the failure report (R23). */
  textMax: 4000,
  /** Reason notes, extension reasons, sham-mediation reports. */
  noteMax: 1000,
  /** One extension of the mediation period, in calendar days (R20). */
  extensionDaysMin: 1,
  extensionDaysMax: 60,
} as const;

/** R22: the routes a party is told about after a failed mediation. */
export const ROUTES_AFTER_FAILURE = ['arbitration', 'administrative', 'court'] as const;
export type RouteAfterFailure = (typeof ROUTES_AFTER_FAILURE)[number];

/** R22 codes a mediator may end with by hand (an agreement is recorded by signing it). */
export type ManualTerminationReason = Exclude<TerminationReason, 'agreement'>;
export const MANUAL_TERMINATION_REASONS: readonly ManualTerminationReason[] = TERMINATION_REASONS.filter((code): code is ManualTerminationReason => code !== 'agreement');

export interface TerminateWithReportRequest {
  version: number;
  reasonCode: ManualTerminationReason;
  /** Required with `other`. */
  reasonNote?: string;
  /** R23: how the mediation went, where it stands. */
  situation: string;
  /** R23: conduct of a party that raised the others' costs (empty: none). */
  costConduct?: string;
}

export interface FailureReportView {
  id: string;
  reasonCode: string;
  reasonNote: string | null;
  situation: string;
  costConduct: string | null;
  authorName: string;
  createdAt: string;
  pdfUrl: string;
}

export type EscalationRouteCode = 'online_filing' | 'return_to_court' | 'arbitration';

export interface EscalateRequest {
  version: number;
  route: EscalationRouteCode;
}

export type CourtFilingStatus = 'submitted' | 'registered';

export interface CourtFilingView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  route: EscalationRouteCode;
  courtId: string | null;
  courtName: string | null;
  status: CourtFilingStatus;
  disputeType: string;
  applicantName: string;
  respondentNames: string[];
  organisationName: string | null;
  claimAmount: string | null;
  submittedAt: string;
  registeredAt: string | null;
  packagePdfUrl: string;
  packageJsonUrl: string;
  /** R24: every material of the package, each downloadable by the receiving court (and the case's own people). */
  documents: CourtFilingDocumentView[];
}

export interface CourtFilingDocumentView {
  id: string | null;
  fileName: string;
  kind: string;
  uploadedBySide: string;
  sizeBytes: number;
  sha256: string;
  /** null: the material could not be found any more. */
  downloadUrl: string | null;
}

export type ExtensionStatus = 'pending' | 'granted' | 'refused';

export interface ExtensionConsentView {
  partyId: string;
  partyName: string;
  decision: 'pending' | 'given' | 'refused';
  decidedAt: string | null;
}

export interface ExtensionView {
  id: string;
  days: number;
  reason: string;
  status: ExtensionStatus;
  proposedAt: string;
  decidedAt: string | null;
  consents: ExtensionConsentView[];
  /** Parties the viewer answers for and who have not answered yet. */
  viewerPendingPartyIds: string[];
}

export interface ProposeExtensionRequest {
  version: number;
  days: number;
  reason: string;
}

export interface AnswerExtensionRequest {
  partyId: string;
  consent: boolean;
}

export interface SuspendRequest {
  /** The case version (null / absent for a judge flagging by case number). */
  version?: number;
  note: string;
}

export interface CourtSuspendRequest {
  caseNumber: string;
  note: string;
}

/** POST /api/cases/:id/ending/appraisal — R20: an expert appraisal starts or ends (its time is not counted). */
export interface AppraisalRequest {
  start: boolean;
  version: number;
  note?: string;
}

export interface ResumeRequest {
  version?: number;
  note?: string;
}

export interface ShamReportView {
  id: string;
  note: string;
  reporterName: string;
  reporterRole: 'mediator' | 'judge';
  fromState: string;
  createdAt: string;
  resolvedAt: string | null;
}

export type EndingAction = 'terminate' | 'escalate' | 'propose_extension' | 'suspend' | 'resume' | 'start_appraisal' | 'end_appraisal';

/** R20: time that does not count against the mediation period (expert appraisal, R36 suspension). */
export interface PeriodPauseView {
  kind: 'appraisal' | 'suspension';
  from: string;
  /** null: still running (the deadline moves with it). */
  to: string | null;
}

/** Everything about a case's ending the viewer may see, and what it may do now. */
export interface EndingView {
  caseId: string;
  state: string;
  /** R20: end of the mediation period, extensions included (null before the mediator accepted). */
  mediationDeadline: string | null;
  extensionDays: number;
  failureReport: FailureReportView | null;
  /** Where the case went (R24), when escalated. */
  filing: CourtFilingView | null;
  extensions: ExtensionView[];
  /** Open sham-mediation report (staff only; parties see only that it is suspended). */
  shamReport: ShamReportView | null;
  routesAfterFailure: RouteAfterFailure[];
  /** Routes the viewer may escalate to now (R24: a court-delegated case only back to its court). */
  escalationRoutes: EscalationRouteCode[];
  actions: EndingAction[];
  /** R20: appraisal and suspension time excluded from the period. */
  periodPauses: PeriodPauseView[];
  /** The case-file package may be downloaded by the viewer (parties and staff, after escalation). */
  packagePdfUrl: string | null;
}
