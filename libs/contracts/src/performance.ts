/**
 * Performance of the obligations of the agreement in effect (R28) and the enforcement
 * application for a confirmed agreement (R34, CPL 250). Obligations themselves are
 * `ObligationView` (settlement.ts).
 */
import type { ObligationView } from './settlement';

/** What the viewer may do with one obligation now. */
export const OBLIGATION_ACTIONS = ['mark_performed', 'confirm', 'dispute'] as const;
export type ObligationAction = (typeof OBLIGATION_ACTIONS)[number];

export interface PerformanceObligationView extends ObligationView {
  obligorPartyId: string;
  obligeePartyId: string;
  /** Days until the due date (China calendar); negative when past it. */
  daysLeft: number;
  /** The obligee's note when it disputed the last claim. */
  disputeNote: string | null;
  actions: ObligationAction[];
}

/** Why the enforcement application is not offered (the rule it follows). */
export const ENFORCEMENT_REFUSALS = [
  'R34_confirmed_ruling', // only a confirmed agreement (a ruling) can be enforced
  'R34_overdue_unperformed', // nothing owed to the viewer is overdue and unperformed
  'R34_enforcement_period', // more than 2 years since the performance deadline (CPL 250)
  'R34_not_obligee', // the viewer is owed nothing
] as const;
export type EnforcementRefusal = (typeof ENFORCEMENT_REFUSALS)[number];

export interface EnforcementOffer {
  /** The viewer (an obligee) may download the application now. */
  available: boolean;
  refusal: EnforcementRefusal | null;
  /** Authorised download URL of the application PDF when available. */
  url: string | null;
  /** Sum of the overdue unpaid amounts (exact decimal string), when available. */
  unpaidTotal: string | null;
  /** Last day on which enforcement may be applied for (YYYY-MM-DD), earliest of the items. */
  applyBy: string | null;
}

export interface PerformanceView {
  caseId: string;
  /** The agreement in effect; null when the case has none. */
  agreementId: string | null;
  obligations: PerformanceObligationView[];
  /** Case parties the viewer acts for (own account or agent). */
  viewerPartyIds: string[];
  enforcement: EnforcementOffer;
}

/** Mark performed: optional proof — a file in the same multipart request, or a document of the case uploaded by this party. */
export interface MarkPerformedRequest {
  proofDocumentId?: string;
}

export interface DisputeObligationRequest {
  note: string;
}

export const PERFORMANCE_LIMITS = { noteMax: 500, reminderDays: [3, 1], enforcementYears: 2 } as const;

/** `GET /api/cases/:id/enforcement-application` (R34): the application of one party (staff pick; a party gets its own). */
export interface EnforcementQuery {
  partyId?: string;
}
