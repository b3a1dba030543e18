import { call } from '../../../lib/api';

export function fetchPerformance(caseId: string) {
  return call('GET /api/cases/:id/obligations', { params: { id: caseId } });
}

/** The obligor marks it performed; the proof, when given, was uploaded first as a case document (evidence, shared). */
export function markPerformed(caseId: string, obligationId: string, proofDocumentId?: string) {
  return call('POST /api/cases/:id/obligations/:obligationId/performed', { params: { id: caseId, obligationId }, body: proofDocumentId ? { proofDocumentId } : {} });
}

export function confirmPerformed(caseId: string, obligationId: string) {
  return call('POST /api/cases/:id/obligations/:obligationId/confirm', { params: { id: caseId, obligationId }, body: {} });
}

export function disputePerformed(caseId: string, obligationId: string, note: string) {
  return call('POST /api/cases/:id/obligations/:obligationId/dispute', { params: { id: caseId, obligationId }, body: { note } });
}
