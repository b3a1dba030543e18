import type {
  AnswerExtensionRequest,
  AppraisalRequest,
  CourtFilingView,
  CourtSuspendRequest,
  EndingView,
  EscalateRequest,
  ProposeExtensionRequest,
  ResumeRequest,
  SuspendRequest,
  TerminateWithReportRequest,
} from '@tiaojie/contracts';
import { api } from '../../../lib/api';

const endingPath = (caseId: string, rest = '') => `/api/cases/${encodeURIComponent(caseId)}/ending${rest}`;

export const fetchEnding = (caseId: string) => api<EndingView>(endingPath(caseId));

export const endingSteps = {
  terminate: (caseId: string, body: TerminateWithReportRequest) => api<EndingView>(endingPath(caseId, '/terminate'), { method: 'POST', body }),
  escalate: (caseId: string, body: EscalateRequest) => api<EndingView>(endingPath(caseId, '/escalate'), { method: 'POST', body }),
  proposeExtension: (caseId: string, body: ProposeExtensionRequest) => api<EndingView>(endingPath(caseId, '/extensions'), { method: 'POST', body }),
  answerExtension: (caseId: string, extensionId: string, body: AnswerExtensionRequest) =>
    api<EndingView>(endingPath(caseId, `/extensions/${encodeURIComponent(extensionId)}/answer`), { method: 'POST', body }),
  suspend: (caseId: string, body: SuspendRequest) => api<{ caseId: string; state: string }>(endingPath(caseId, '/suspend'), { method: 'POST', body }),
  /** R20: the mediator records the start or end of an expert appraisal (its time is excluded from the period). */
  appraisal: (caseId: string, body: AppraisalRequest) => api<EndingView>(endingPath(caseId, '/appraisal'), { method: 'POST', body }),
  resume: (caseId: string, body: ResumeRequest) => api<{ caseId: string; state: string }>(endingPath(caseId, '/resume'), { method: 'POST', body }),
};

export const fetchCourtFilings = () => api<CourtFilingView[]>('/api/court/filings');
export const registerFiling = (filingId: string) => api<CourtFilingView>(`/api/court/filings/${encodeURIComponent(filingId)}/register`, { method: 'POST' });
export const courtShamFlag = (body: CourtSuspendRequest) => api<{ caseId: string; state: string }>('/api/court/sham-flags', { method: 'POST', body });
