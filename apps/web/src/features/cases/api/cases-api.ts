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
  ErrorBody,
  MediatorProfileView,
  PublicOrganisation,
  RecordContactRequest,
  ReturnCaseRequest,
  SubmitCaseRequest,
  TimelineEvent,
  UpdateCaseRequest,
} from '@tiaojie/contracts';
import { ApiError, api, refreshSession, toApiError } from '../../../lib/api';

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

function parseXhrBody(xhr: XMLHttpRequest): unknown {
  try {
    return xhr.responseText ? JSON.parse(xhr.responseText) : null;
  } catch {
    return null;
  }
}

function sendUpload(id: string, file: File, kind: DocumentKind, onProgress: (percent: number) => void): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', casePath(id, '/documents'));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError(0, { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: 'Network error' }, 'NETWORK'));
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Multipart upload with progress (fetch cannot report upload progress, so this one call uses
 * XMLHttpRequest). Like api(): an expired session is refreshed once, failures become ApiError.
 */
export async function uploadDocument(id: string, file: File, kind: DocumentKind, onProgress: (percent: number) => void): Promise<DocumentView> {
  let xhr = await sendUpload(id, file, kind, onProgress);
  if (xhr.status === 401 && (await refreshSession())) xhr = await sendUpload(id, file, kind, onProgress);
  const body = parseXhrBody(xhr);
  if (xhr.status >= 200 && xhr.status < 300) {
    onProgress(100);
    return body as DocumentView;
  }
  throw await toApiError(new Response(body === null ? null : JSON.stringify(body as ErrorBody), { status: xhr.status, statusText: xhr.statusText }));
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
