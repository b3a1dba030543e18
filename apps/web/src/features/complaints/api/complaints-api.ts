import type { CaseAccessLogEntry, ComplaintDetail, ComplaintEvidenceView, ComplaintView, CreateComplaintRequest, DecideComplaintRequest } from '@tiaojie/contracts';
import { api, upload } from '../../../lib/api';

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

/** R38: evidence, as multipart (the server decides the type from the bytes). */
export const uploadEvidence = (id: string, file: File) => upload<ComplaintEvidenceView>(path(id, '/evidence'), { file });
