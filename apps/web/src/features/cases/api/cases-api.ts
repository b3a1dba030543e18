import type {
  AcceptAssignmentRequest,
  AssignMediatorRequest,
  CaseActionRequest,
  CaseDetail,
  ConsentRequest,
  CreateCaseRequest,
  DeclineAssignmentRequest,
  EndMediationRequest,
  DisputeType,
  DocumentKind,
  DocumentView,
  MediatorProfileView,
  PublicOrganisation,
  RecordContactRequest,
  ReturnCaseRequest,
  SubmitCaseRequest,
  TimelineEvent,
  UpdateCaseRequest,
} from '@tiaojie/contracts';
import { api, upload } from '../../../lib/api';

const casePath = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;

// ─── Filing ───────────────────────────────────────────────────────────────────────────

export function createCase(request: CreateCaseRequest) {
  return api<CaseDetail>('/api/cases', { method: 'POST', body: request });
}

export function updateCase(id: string, request: UpdateCaseRequest) {
  return api<CaseDetail>(casePath(id), { method: 'PATCH', body: request });
}

export function submitCase(id: string, request: SubmitCaseRequest) {
  return api<CaseDetail>(casePath(id, '/submit'), { method: 'POST', body: request });
}

export function fetchOrganisations() {
  return api<PublicOrganisation[]>('/api/organisations');
}

/** The public roster (R05), for the parties' choice of mediator (R07). */
export function fetchRoster(disputeType: DisputeType) {
  return api<MediatorProfileView[]>('/api/mediators', { query: { disputeType } });
}

/**
 * Multipart upload with progress: up to 99 while the file is sent, 100 once the server has
 * accepted it (lib/api.ts sends it by XMLHttpRequest, which reports progress).
 */
export function uploadDocument(id: string, file: File, kind: DocumentKind, onProgress: (percent: number) => void): Promise<DocumentView> {
  return upload<DocumentView>(casePath(id, '/documents'), { file, fields: { kind }, onUploadProgress: onProgress });
}

/** Removes a document its uploader added, before the application is submitted. */
export function deleteDocument(id: string, documentId: string) {
  return api(casePath(id, `/documents/${encodeURIComponent(documentId)}`), { method: 'DELETE' });
}

// ─── Reading ──────────────────────────────────────────────────────────────────────────

export function fetchCase(id: string) {
  return api<CaseDetail>(casePath(id));
}

export function fetchTimeline(id: string) {
  return api<TimelineEvent[]>(casePath(id, '/timeline'));
}

export function fetchMediatorProposals(id: string) {
  return api<MediatorProfileView[]>(casePath(id, '/mediator-proposals'));
}

// ─── Steps (each sends the version it saw) ──────────────────────────────────────────────

export const caseSteps = {
  withdraw: (id: string, body: CaseActionRequest) => api<CaseDetail>(casePath(id, '/withdraw'), { method: 'POST', body }),
  accept: (id: string, body: CaseActionRequest) => api<CaseDetail>(casePath(id, '/accept'), { method: 'POST', body }),
  return: (id: string, body: ReturnCaseRequest) => api<CaseDetail>(casePath(id, '/return'), { method: 'POST', body }),
  assign: (id: string, body: AssignMediatorRequest) => api<CaseDetail>(casePath(id, '/assignments'), { method: 'POST', body }),
  acceptAssignment: (id: string, body: AcceptAssignmentRequest) => api<CaseDetail>(casePath(id, '/assignment/accept'), { method: 'POST', body }),
  /** Answers `{ declined: true }`: the mediator no longer sees the case afterwards. */
  declineAssignment: (id: string, body: DeclineAssignmentRequest) => api<{ declined: true }>(casePath(id, '/assignment/decline'), { method: 'POST', body }),
  recordContact: (id: string, body: RecordContactRequest) => api<CaseDetail>(casePath(id, '/contacts'), { method: 'POST', body }),
  resendInvitation: (id: string, partyId: string) => api<CaseDetail>(casePath(id, `/parties/${encodeURIComponent(partyId)}/invitation`), { method: 'POST', body: {} }),
  consent: (id: string, body: ConsentRequest) => api<CaseDetail>(casePath(id, '/consent'), { method: 'POST', body }),
  start: (id: string, body: { version: number }) => api<CaseDetail>(casePath(id, '/start'), { method: 'POST', body }),
  /** R01 (PML 23): a party ends mediation itself, with its coded reason. */
  endMediation: (id: string, body: EndMediationRequest) => api<CaseDetail>(casePath(id, '/end-mediation'), { method: 'POST', body }),
  /** R27: close the case and archive its file (read-only afterwards). */
  close: (id: string, body: { version: number }) => api<CaseDetail>(casePath(id, '/close'), { method: 'POST', body }),
};
