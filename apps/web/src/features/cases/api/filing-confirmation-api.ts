import type { FilingConfirmationRequest, FilingConfirmationResult, RequestOtpResponse } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

const path = (caseId: string) => `/api/filing-confirmations/${encodeURIComponent(caseId)}`;

/** R02, public: texts the code (again) to the mobile the application was filed with — the page never names one. */
export function requestFilingConfirmationCode(caseId: string) {
  return api<RequestOtpResponse>(`${path(caseId)}/code`, { method: 'POST', body: {}, onUnauthenticated: 'throw' });
}

/** R02, public: the applicant's own consent and the notice version read, proven by the code. */
export function confirmFiling(caseId: string, request: FilingConfirmationRequest) {
  return api<FilingConfirmationResult>(path(caseId), { method: 'POST', body: request, onUnauthenticated: 'throw' });
}
