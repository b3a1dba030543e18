import type {
  AcceptAssignmentRequest,
  AssignMediatorRequest,
  CaseActionRequest,
  ConsentRequest,
  CreateCaseRequest,
  DeclineAssignmentRequest,
  DisputeType,
  DocumentKind,
  DocumentView,
  EndMediationRequest,
  RecordContactRequest,
  ReturnCaseRequest,
  SubmitCaseRequest,
  UpdateCaseRequest,
} from '@tiaojie/contracts';
import { call, upload } from '../../../lib/api';

// ─── Filing ───────────────────────────────────────────────────────────────────────────

export function createCase(request: CreateCaseRequest) {
  return call('POST /api/cases', { body: request });
}

export function updateCase(id: string, request: UpdateCaseRequest) {
  return call('PATCH /api/cases/:id', { params: { id }, body: request });
}

export function submitCase(id: string, request: SubmitCaseRequest) {
  return call('POST /api/cases/:id/submit', { params: { id }, body: request });
}

export function fetchOrganisations() {
  return call('GET /api/organisations');
}

/** The public roster (R05), for the parties' choice of mediator (R07). */
export function fetchRoster(disputeType: DisputeType) {
  return call('GET /api/mediators', { query: { disputeType } });
}

/**
 * Multipart upload with progress: up to 99 while the file is sent, 100 once the server has
 * accepted it (lib/api.ts sends it by XMLHttpRequest, which reports progress).
 */
export function uploadDocument(id: string, file: File, kind: DocumentKind, onProgress: (percent: number) => void): Promise<DocumentView> {
  return upload('POST /api/cases/:id/documents', { params: { id }, file, fields: { kind }, onUploadProgress: onProgress });
}

/** Removes a document its uploader added, before the application is submitted. */
export function deleteDocument(id: string, documentId: string) {
  return call('DELETE /api/cases/:id/documents/:documentId', { params: { id, documentId } });
}

// ─── Reading ──────────────────────────────────────────────────────────────────────────

export function fetchCase(id: string) {
  return call('GET /api/cases/:id', { params: { id } });
}

export function fetchTimeline(id: string) {
  return call('GET /api/cases/:id/timeline', { params: { id } });
}

export function fetchMediatorProposals(id: string) {
  return call('GET /api/cases/:id/mediator-proposals', { params: { id } });
}

// ─── Steps (each sends the version it saw) ──────────────────────────────────────────────

export const caseSteps = {
  withdraw: (id: string, body: CaseActionRequest) => call('POST /api/cases/:id/withdraw', { params: { id }, body }),
  accept: (id: string, body: CaseActionRequest) => call('POST /api/cases/:id/accept', { params: { id }, body }),
  return: (id: string, body: ReturnCaseRequest) => call('POST /api/cases/:id/return', { params: { id }, body }),
  assign: (id: string, body: AssignMediatorRequest) => call('POST /api/cases/:id/assignments', { params: { id }, body }),
  acceptAssignment: (id: string, body: AcceptAssignmentRequest) => call('POST /api/cases/:id/assignment/accept', { params: { id }, body }),
  /** Answers `{ declined: true }`: the mediator no longer sees the case afterwards. */
  declineAssignment: (id: string, body: DeclineAssignmentRequest) => call('POST /api/cases/:id/assignment/decline', { params: { id }, body }),
  recordContact: (id: string, body: RecordContactRequest) => call('POST /api/cases/:id/contacts', { params: { id }, body }),
  resendInvitation: (id: string, partyId: string) => call('POST /api/cases/:id/parties/:partyId/invitation', { params: { id, partyId }, body: {} }),
  consent: (id: string, body: ConsentRequest) => call('POST /api/cases/:id/consent', { params: { id }, body }),
  start: (id: string, body: { version: number }) => call('POST /api/cases/:id/start', { params: { id }, body }),
  /** R01 (PML 23): a party ends mediation itself, with its coded reason. */
  endMediation: (id: string, body: EndMediationRequest) => call('POST /api/cases/:id/end-mediation', { params: { id }, body }),
  /** R27: close the case and archive its file (read-only afterwards). */
  close: (id: string, body: { version: number }) => call('POST /api/cases/:id/close', { params: { id }, body }),
};
