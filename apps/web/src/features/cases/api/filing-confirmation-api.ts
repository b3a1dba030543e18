import type { FilingConfirmationRequest } from '@tiaojie/contracts';
import { call } from '../../../lib/api';

/** R02, public: texts the code (again) to the mobile the application was filed with — the page never names one. */
export function requestFilingConfirmationCode(caseId: string) {
  return call('POST /api/filing-confirmations/:caseId/code', { params: { caseId }, body: {}, onUnauthenticated: 'throw' });
}

/** R02, public: the applicant's own consent and the notice version read, proven by the code. */
export function confirmFiling(caseId: string, request: FilingConfirmationRequest) {
  return call('POST /api/filing-confirmations/:caseId', { params: { caseId }, body: request, onUnauthenticated: 'throw' });
}
