import type {
  AgreementCompareView,
  AgreementDetailView,
  AgreementTemplateView,
  AgreementVerification,
  CaseDetail,
  ChangeRequestRequest,
  RequestOtpResponse,
  SaveAgreementRequest,
  SignAgreementRequest,
} from '@tiaojie/contracts';
import { api, upload } from '../../../lib/api';

const id = (value: string) => encodeURIComponent(value);

export const settlementKeys = {
  list: (caseId: string) => ['agreements', caseId] as const,
  template: (caseId: string) => ['agreements', caseId, 'template'] as const,
  compare: (agreementId: string, from: number, to: number) => ['agreement-compare', agreementId, from, to] as const,
};

export const fetchCaseForAgreement = (caseId: string) => api<CaseDetail>(`/api/cases/${id(caseId)}`);
export const fetchAgreements = (caseId: string) => api<AgreementDetailView[]>(`/api/cases/${id(caseId)}/agreements`);
export const fetchTemplate = (caseId: string) => api<AgreementTemplateView>(`/api/cases/${id(caseId)}/agreement-template`);

export const createAgreement = (caseId: string, body: SaveAgreementRequest) => api<AgreementDetailView>(`/api/cases/${id(caseId)}/agreements`, { method: 'POST', body });
export const saveAgreement = (agreementId: string, body: SaveAgreementRequest) => api<AgreementDetailView>(`/api/agreements/${id(agreementId)}`, { method: 'PUT', body });
export const compareRevisions = (agreementId: string, from: number, to: number) => api<AgreementCompareView>(`/api/agreements/${id(agreementId)}/compare`, { query: { from, to } });
export const requestChanges = (agreementId: string, body: ChangeRequestRequest) => api<AgreementDetailView>(`/api/agreements/${id(agreementId)}/change-requests`, { method: 'POST', body });
export const startSigning = (agreementId: string, revision: number) => api<AgreementDetailView>(`/api/agreements/${id(agreementId)}/start-signing`, { method: 'POST', body: { revision } });
export const requestSigningCode = (agreementId: string) => api<RequestOtpResponse>(`/api/agreements/${id(agreementId)}/signing-code`, { method: 'POST', body: {} });
/** R26: an org admin applies the organisation's seal; a people's mediation agreement takes effect then. */
export const sealAgreement = (agreementId: string) => api<AgreementDetailView>(`/api/agreements/${id(agreementId)}/seal`, { method: 'POST', body: {} });
export const signAgreement = (agreementId: string, body: SignAgreementRequest) => api<AgreementDetailView>(`/api/agreements/${id(agreementId)}/sign`, { method: 'POST', body });

/** Public: the record behind a verification code. */
export const verifyByCode = (code: string) => api<AgreementVerification>(`/api/verify/${id(code.trim())}`, { onUnauthenticated: 'throw' });

/** Public: uploads a PDF and compares its sha-256 with the record. Like verifyByCode, a 401 never sends the visitor to /login. */
export const verifyByFile = (file: File, code?: string) => upload<AgreementVerification>('/api/verify', { file, fields: { code: code?.trim() || undefined }, onUnauthenticated: 'throw' });
