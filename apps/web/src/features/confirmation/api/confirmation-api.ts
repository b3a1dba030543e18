import type {
  ConfirmationOverview,
  CourtApplicationDetail,
  CourtQueueItem,
  ErrorBody,
  ExclusionAnswers,
  ExtendRequest,
  RefuseRequest,
  PartyContactsRequest,
  RejectRequest,
  SupplementDecisionRequest,
  SupplementRequestBody,
} from '@tiaojie/contracts';
import { api, upload } from '../../../lib/api';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/confirmation`;
const court = (appId: string, rest = '') => `/api/court/confirmations/${encodeURIComponent(appId)}${rest}`;

export const confirmationKeys = {
  overview: (caseId: string) => ['cases', 'confirmation', caseId] as const,
  queue: (scope: string) => ['court', 'confirmations', scope] as const,
  detail: (appId: string) => ['court', 'confirmation', appId] as const,
};

// ─── Parties ───────────────────────────────────────────────────────────────────────────

export const fetchConfirmation = (caseId: string) => api<ConfirmationOverview>(base(caseId));
export const requestSigningCode = (caseId: string) => api<unknown>(`${base(caseId)}/code`, { method: 'POST', body: {} });
export const signApplication = (caseId: string, body: { code: string; answers: ExclusionAnswers; version: number }) => api<ConfirmationOverview>(`${base(caseId)}/sign`, { method: 'POST', body });
export const withdrawApplication = (caseId: string, body: { version: number; note?: string }) => api<ConfirmationOverview>(`${base(caseId)}/withdraw`, { method: 'POST', body });
export const sendPartyMessage = (caseId: string, body: string) => api<ConfirmationOverview>(`${base(caseId)}/messages`, { method: 'POST', body: { body } });
/** R31/R30: a party's address and domicile. */
export const saveContacts = (caseId: string, body: PartyContactsRequest) => api<ConfirmationOverview>(`${base(caseId)}/contacts`, { method: 'POST', body });
/** R30: the viewer's parties choose a competent court. */
export const chooseCourt = (caseId: string, courtId: string) => api<ConfirmationOverview>(`${base(caseId)}/court`, { method: 'POST', body: { courtId } });
export const rulingUrl = (caseId: string) => `${base(caseId)}/ruling.pdf`;
export const applicationUrl = (caseId: string) => `${base(caseId)}/application.pdf`;

/** Issue #11: a party supplies a missing package item (its ID proof, a power of attorney) from the confirmation section. */
export const uploadPackageDocument = (caseId: string, kind: 'id_card' | 'power_of_attorney', file: File) =>
  upload<unknown>(`/api/cases/${encodeURIComponent(caseId)}/documents`, { file, fields: { kind } });

export const uploadSupplement = (caseId: string, supplementId: string, file: File) =>
  upload<ConfirmationOverview>(`${base(caseId)}/supplements/${encodeURIComponent(supplementId)}/documents`, { file });

// ─── Court ─────────────────────────────────────────────────────────────────────────────

export const fetchCourtQueue = (scope: 'open' | 'all') => api<CourtQueueItem[]>('/api/court/confirmations', { query: { scope } });
export const fetchCourtApplication = (appId: string) => api<CourtApplicationDetail>(court(appId));
export const courtSteps = {
  accept: (appId: string) => api<CourtApplicationDetail>(court(appId, '/accept'), { method: 'POST', body: {} }),
  extend: (appId: string, body: ExtendRequest) => api<CourtApplicationDetail>(court(appId, '/extend'), { method: 'POST', body }),
  /** R33: not accepted (不予受理), with a ground. */
  refuse: (appId: string, body: RefuseRequest & { version: number }) => api<CourtApplicationDetail>(court(appId, '/refuse'), { method: 'POST', body }),
  /** R33: the judge decides whether a missed materials deadline counts as withdrawal. */
  decideSupplement: (appId: string, supplementId: string, body: SupplementDecisionRequest) =>
    api<CourtApplicationDetail>(court(appId, `/supplements/${encodeURIComponent(supplementId)}/decision`), { method: 'POST', body }),
  supplement: (appId: string, body: SupplementRequestBody) => api<CourtApplicationDetail>(court(appId, '/supplements'), { method: 'POST', body }),
  message: (appId: string, body: string) => api<CourtApplicationDetail>(court(appId, '/messages'), { method: 'POST', body: { body } }),
  confirm: (appId: string, version: number) => api<CourtApplicationDetail>(court(appId, '/confirm'), { method: 'POST', body: { version } }),
  reject: (appId: string, body: RejectRequest & { version: number }) => api<CourtApplicationDetail>(court(appId, '/reject'), { method: 'POST', body }),
};
export const courtFileUrl = (appId: string, what: 'application.pdf' | 'agreement.pdf' | 'ruling.pdf') => court(appId, `/${what}`);
export const courtDocumentUrl = (appId: string, documentId: string) => court(appId, `/documents/${encodeURIComponent(documentId)}`);

export type { ErrorBody };
