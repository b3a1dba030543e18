import type {
  CourtQueueQuery,
  ErrorBody,
  ExclusionAnswers,
  ExtendRequest,
  PartyContactsRequest,
  RefuseRequest,
  RejectRequest,
  SupplementDecisionRequest,
  SupplementRequestBody,
} from '@tiaojie/contracts';
import { call, routeUrl, upload } from '../../../lib/api';

export const confirmationKeys = {
  overview: (caseId: string) => ['cases', 'confirmation', caseId] as const,
  queue: (scope: string) => ['court', 'confirmations', scope] as const,
  detail: (appId: string) => ['court', 'confirmation', appId] as const,
};

// ─── Parties ───────────────────────────────────────────────────────────────────────────

export const fetchConfirmation = (caseId: string) => call('GET /api/cases/:id/confirmation', { params: { id: caseId } });
export const requestSigningCode = (caseId: string) => call('POST /api/cases/:id/confirmation/code', { params: { id: caseId }, body: {} });
export const signApplication = (caseId: string, body: { code: string; answers: ExclusionAnswers; version: number }) => call('POST /api/cases/:id/confirmation/sign', { params: { id: caseId }, body });
export const withdrawApplication = (caseId: string, body: { version: number; note?: string }) => call('POST /api/cases/:id/confirmation/withdraw', { params: { id: caseId }, body });
export const sendPartyMessage = (caseId: string, body: string) => call('POST /api/cases/:id/confirmation/messages', { params: { id: caseId }, body: { body } });
/** R31/R30: a party's address and domicile. */
export const saveContacts = (caseId: string, body: PartyContactsRequest) => call('POST /api/cases/:id/confirmation/contacts', { params: { id: caseId }, body });
/** R30: the viewer's parties choose a competent court. */
export const chooseCourt = (caseId: string, courtId: string) => call('POST /api/cases/:id/confirmation/court', { params: { id: caseId }, body: { courtId } });
export const rulingUrl = (caseId: string) => routeUrl('GET /api/cases/:id/confirmation/ruling.pdf', { params: { id: caseId } });
export const applicationUrl = (caseId: string) => routeUrl('GET /api/cases/:id/confirmation/application.pdf', { params: { id: caseId } });

/** Issue #11: a party supplies a missing package item (its ID proof, a power of attorney) from the confirmation section. */
export const uploadPackageDocument = (caseId: string, kind: 'id_card' | 'power_of_attorney', file: File) => upload('POST /api/cases/:id/documents', { params: { id: caseId }, file, fields: { kind } });

export const uploadSupplement = (caseId: string, supplementId: string, file: File) =>
  upload('POST /api/cases/:id/confirmation/supplements/:supplementId/documents', { params: { id: caseId, supplementId }, file });

// ─── Court ─────────────────────────────────────────────────────────────────────────────

export const fetchCourtQueue = (scope: NonNullable<CourtQueueQuery['scope']>) => call('GET /api/court/confirmations', { query: { scope } });
export const fetchCourtApplication = (appId: string) => call('GET /api/court/confirmations/:appId', { params: { appId } });
export const courtSteps = {
  accept: (appId: string) => call('POST /api/court/confirmations/:appId/accept', { params: { appId }, body: {} }),
  extend: (appId: string, body: ExtendRequest) => call('POST /api/court/confirmations/:appId/extend', { params: { appId }, body }),
  /** R33: not accepted (不予受理), with a ground. */
  refuse: (appId: string, body: RefuseRequest & { version: number }) => call('POST /api/court/confirmations/:appId/refuse', { params: { appId }, body }),
  /** R33: the judge decides whether a missed materials deadline counts as withdrawal. */
  decideSupplement: (appId: string, supplementId: string, body: SupplementDecisionRequest) =>
    call('POST /api/court/confirmations/:appId/supplements/:supplementId/decision', { params: { appId, supplementId }, body }),
  supplement: (appId: string, body: SupplementRequestBody) => call('POST /api/court/confirmations/:appId/supplements', { params: { appId }, body }),
  message: (appId: string, body: string) => call('POST /api/court/confirmations/:appId/messages', { params: { appId }, body: { body } }),
  confirm: (appId: string, version: number) => call('POST /api/court/confirmations/:appId/confirm', { params: { appId }, body: { version } }),
  reject: (appId: string, body: RejectRequest & { version: number }) => call('POST /api/court/confirmations/:appId/reject', { params: { appId }, body }),
};
export const courtFileUrl = (appId: string, what: 'application.pdf' | 'agreement.pdf' | 'ruling.pdf') => routeUrl(`GET /api/court/confirmations/:appId/${what}`, { params: { appId } });
export const courtDocumentUrl = (appId: string, documentId: string) => routeUrl('GET /api/court/confirmations/:appId/documents/:documentId', { params: { appId, documentId } });

export type { ErrorBody };
