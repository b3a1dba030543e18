import type {
  AnswerExtensionRequest,
  AppraisalRequest,
  CourtSuspendRequest,
  EscalateRequest,
  ProposeExtensionRequest,
  ResumeRequest,
  SuspendRequest,
  TerminateWithReportRequest,
} from '@tiaojie/contracts';
import { call } from '../../../lib/api';

export const fetchEnding = (caseId: string) => call('GET /api/cases/:id/ending', { params: { id: caseId } });

export const endingSteps = {
  terminate: (caseId: string, body: TerminateWithReportRequest) => call('POST /api/cases/:id/ending/terminate', { params: { id: caseId }, body }),
  escalate: (caseId: string, body: EscalateRequest) => call('POST /api/cases/:id/ending/escalate', { params: { id: caseId }, body }),
  proposeExtension: (caseId: string, body: ProposeExtensionRequest) => call('POST /api/cases/:id/ending/extensions', { params: { id: caseId }, body }),
  answerExtension: (caseId: string, extensionId: string, body: AnswerExtensionRequest) =>
    call('POST /api/cases/:id/ending/extensions/:extensionId/answer', { params: { id: caseId, extensionId }, body }),
  suspend: (caseId: string, body: SuspendRequest) => call('POST /api/cases/:id/ending/suspend', { params: { id: caseId }, body }),
  /** R20: the mediator records the start or end of an expert appraisal (its time is excluded from the period). */
  appraisal: (caseId: string, body: AppraisalRequest) => call('POST /api/cases/:id/ending/appraisal', { params: { id: caseId }, body }),
  resume: (caseId: string, body: ResumeRequest) => call('POST /api/cases/:id/ending/resume', { params: { id: caseId }, body }),
};

export const fetchCourtFilings = () => call('GET /api/court/filings');
export const registerFiling = (filingId: string) => call('POST /api/court/filings/:filingId/register', { params: { filingId } });
export const courtShamFlag = (body: CourtSuspendRequest) => call('POST /api/court/sham-flags', { body });
