import type { ChangeRequestRequest, SaveAgreementRequest, SignAgreementRequest } from '@tiaojie/contracts';
import { call, upload } from '../../../lib/api';

export const settlementKeys = {
  list: (caseId: string) => ['agreements', caseId] as const,
  template: (caseId: string) => ['agreements', caseId, 'template'] as const,
  compare: (agreementId: string, from: number, to: number) => ['agreement-compare', agreementId, from, to] as const,
};

export const fetchCaseForAgreement = (caseId: string) => call('GET /api/cases/:id', { params: { id: caseId } });
export const fetchAgreements = (caseId: string) => call('GET /api/cases/:id/agreements', { params: { id: caseId } });
export const fetchTemplate = (caseId: string) => call('GET /api/cases/:id/agreement-template', { params: { id: caseId } });

export const createAgreement = (caseId: string, body: SaveAgreementRequest) => call('POST /api/cases/:id/agreements', { params: { id: caseId }, body });
export const saveAgreement = (agreementId: string, body: SaveAgreementRequest) => call('PUT /api/agreements/:id', { params: { id: agreementId }, body });
export const compareRevisions = (agreementId: string, from: number, to: number) => call('GET /api/agreements/:id/compare', { params: { id: agreementId }, query: { from, to } });
export const requestChanges = (agreementId: string, body: ChangeRequestRequest) => call('POST /api/agreements/:id/change-requests', { params: { id: agreementId }, body });
export const startSigning = (agreementId: string, revision: number) => call('POST /api/agreements/:id/start-signing', { params: { id: agreementId }, body: { revision } });
export const requestSigningCode = (agreementId: string) => call('POST /api/agreements/:id/signing-code', { params: { id: agreementId }, body: {} });
/** R26: an org admin applies the organisation's seal; a people's mediation agreement takes effect then. */
export const sealAgreement = (agreementId: string) => call('POST /api/agreements/:id/seal', { params: { id: agreementId }, body: {} });
export const signAgreement = (agreementId: string, body: SignAgreementRequest) => call('POST /api/agreements/:id/sign', { params: { id: agreementId }, body });

/** Public: the record behind a verification code. */
export const verifyByCode = (code: string) => call('GET /api/verify/:code', { params: { code: code.trim() }, onUnauthenticated: 'throw' });

/** Public: uploads a PDF and compares its sha-256 with the record. Like verifyByCode, a 401 never sends the visitor to /login. */
export const verifyByFile = (file: File, code?: string) => upload('POST /api/verify', { file, fields: { code: code?.trim() || undefined }, onUnauthenticated: 'throw' });
