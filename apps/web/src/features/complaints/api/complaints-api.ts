import type { CaseAccessLogEntry, ComplaintDetail, ComplaintEvidenceView, ComplaintView, CreateComplaintRequest, DecideComplaintRequest } from '@tiaojie/contracts';
import { ApiError, api, refreshSession, toApiError } from '../../../lib/api';

const path = (id: string, rest = '') => `/api/complaints/${encodeURIComponent(id)}${rest}`;
export type ComplaintScope = 'mine' | 'queue' | 'about_me';

export const fileComplaint = (body: CreateComplaintRequest) => api<ComplaintDetail>('/api/complaints', { method: 'POST', body });
export const listComplaints = (scope: ComplaintScope) => api<ComplaintView[]>('/api/complaints', { query: { scope } });
export const fetchComplaint = (id: string) => api<ComplaintDetail>(path(id));
export const investigateComplaint = (id: string, note?: string) => api<ComplaintDetail>(path(id, '/investigate'), { method: 'POST', body: note ? { note } : {} });
export const noteComplaint = (id: string, text: string) => api<ComplaintDetail>(path(id, '/notes'), { method: 'POST', body: { text } });
export const decideComplaint = (id: string, body: DecideComplaintRequest) => api<ComplaintDetail>(path(id, '/decide'), { method: 'POST', body });
export const fetchCaseAccessLog = (id: string) => api<CaseAccessLogEntry[]>(path(id, '/case-access-log'));
export const evidenceUrl = (id: string, evidenceId: string) => path(id, `/evidence/${encodeURIComponent(evidenceId)}`);

function sendEvidence(id: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return fetch(path(id, '/evidence'), { method: 'POST', body: form, credentials: 'include', headers: { Accept: 'application/json' } });
}

/** R38: evidence, as multipart (the server decides the type from the bytes). */
export async function uploadEvidence(id: string, file: File): Promise<ComplaintEvidenceView> {
  let res: Response;
  try {
    res = await sendEvidence(id, file);
    if (res.status === 401 && (await refreshSession())) res = await sendEvidence(id, file);
  } catch {
    throw new ApiError(0, { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: 'Network error' }, 'NETWORK');
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as ComplaintEvidenceView;
}
