import type { ComplaintScope, CreateComplaintRequest, DecideComplaintRequest } from '@tiaojie/contracts';
import { call, routeUrl, upload } from '../../../lib/api';

export const fileComplaint = (body: CreateComplaintRequest) => call('POST /api/complaints', { body });
export const listComplaints = (scope: ComplaintScope) => call('GET /api/complaints', { query: { scope } });
export const fetchComplaint = (id: string) => call('GET /api/complaints/:id', { params: { id } });
export const investigateComplaint = (id: string, note?: string) => call('POST /api/complaints/:id/investigate', { params: { id }, body: note ? { note } : {} });
export const noteComplaint = (id: string, text: string) => call('POST /api/complaints/:id/notes', { params: { id }, body: { text } });
export const decideComplaint = (id: string, body: DecideComplaintRequest) => call('POST /api/complaints/:id/decide', { params: { id }, body });
export const fetchCaseAccessLog = (id: string) => call('GET /api/complaints/:id/case-access-log', { params: { id } });
export const evidenceUrl = (id: string, evidenceId: string) => routeUrl('GET /api/complaints/:id/evidence/:evidenceId', { params: { id, evidenceId } });

/** R38: evidence, as multipart (the server decides the type from the bytes). */
export const uploadEvidence = (id: string, file: File) => upload('POST /api/complaints/:id/evidence', { params: { id }, file });
