import type { CaseState, CourtCaseKind, CourtProcedure, DisputeType, TerminationReason } from '@tiaojie/domain';
export { COURT_CASE_KINDS, COURT_PROCEDURES, type CourtCaseKind, type CourtProcedure } from '@tiaojie/domain';
import type { ClaimInput, PartyInput } from './cases';

/** R21: body of POST /api/court/cases — a judge or clerk brings a case to an organisation. */
export interface CreateCourtCaseRequest {
  /** The court it comes from; needed only when the account serves several courts. */
  courtId?: string;
  kind: CourtCaseKind;
  /** The court's own case number, e.g. (2026)浙0106民诉前调123号 (unique per court). */
  courtCaseNumber: string;
  /** R20: required for an entrusted case: ordinary (15 days) or simple (7 days). */
  procedure?: CourtProcedure;
  organisationId: string;
  disputeType: DisputeType;
  facts: string;
  claims?: ClaimInput;
  region?: string;
  applicant: PartyInput;
  respondents: PartyInput[];
}

/** R21: a case the court brought, as the court's portal lists it, with its outcome. */
export interface CourtBroughtCase {
  caseId: string;
  number: string | null;
  courtCaseNumber: string;
  kind: CourtCaseKind;
  procedure: CourtProcedure | null;
  state: CaseState;
  organisationName: string | null;
  terminationReason: TerminationReason | null;
  /** R24: the case came back to this court (escalated with route return_to_court). */
  returnedToCourt: boolean;
  mediationDueAt: string | null;
  createdAt: string;
  /** The case file (the archive once closed), for this court. */
  fileUrl: string;
}
