import type { PerformanceView } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
const obligationPath = (caseId: string, obligationId: string, step: string) => `${base(caseId)}/obligations/${encodeURIComponent(obligationId)}/${step}`;

export function fetchPerformance(caseId: string) {
  return api<PerformanceView>(`${base(caseId)}/obligations`);
}

/** The obligor marks it performed; the proof, when given, was uploaded first as a case document (evidence, shared). */
export function markPerformed(caseId: string, obligationId: string, proofDocumentId?: string) {
  return api<PerformanceView>(obligationPath(caseId, obligationId, 'performed'), { method: 'POST', body: proofDocumentId ? { proofDocumentId } : {} });
}

export function confirmPerformed(caseId: string, obligationId: string) {
  return api<PerformanceView>(obligationPath(caseId, obligationId, 'confirm'), { method: 'POST', body: {} });
}

export function disputePerformed(caseId: string, obligationId: string, note: string) {
  return api<PerformanceView>(obligationPath(caseId, obligationId, 'dispute'), { method: 'POST', body: { note } });
}
