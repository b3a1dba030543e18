import type {
  AdminAccountDetail,
  AdminAccountRow,
  AdminBureau,
  AdminCourt,
  AdminOrganisation,
  AdminPage,
  AuditEntryView,
  DisputeTypeView,
  PlatformSettingView,
  PutAgreementTemplateRequest,
  SaveCourtRequest,
  SaveOrganisationRequest,
  TemplatePreview,
} from '@tiaojie/contracts';
import type { Role } from '@tiaojie/domain';
import { api } from '../../../lib/api';

/** Issue #13: the system admin console's API. */
export const adminKeys = {
  all: ['admin'] as const,
  organisations: ['admin', 'organisations'] as const,
  courts: ['admin', 'courts'] as const,
  bureaus: ['admin', 'bureaus'] as const,
  settings: ['admin', 'settings'] as const,
  templates: (role: string) => ['admin', 'templates', role] as const,
  disputeTypes: ['admin', 'dispute-types'] as const,
  accounts: (q: string, page: number) => ['admin', 'accounts', q, page] as const,
  account: (id: string) => ['admin', 'account', id] as const,
  audit: (filter: AuditFilter) => ['admin', 'audit', filter] as const,
};

export interface AuditFilter {
  actor?: string;
  entity?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const fetchOrganisations = () => api<AdminOrganisation[]>('/api/admin/organisations');
export const saveOrganisation = (id: string | null, body: SaveOrganisationRequest) =>
  id ? api<AdminOrganisation>(`/api/admin/organisations/${encodeURIComponent(id)}`, { method: 'PUT', body }) : api<AdminOrganisation>('/api/admin/organisations', { method: 'POST', body });

export const fetchBureaus = () => api<AdminBureau[]>('/api/admin/bureaus');
export const fetchCourts = () => api<AdminCourt[]>('/api/admin/courts');
export const saveCourt = (id: string | null, body: SaveCourtRequest) =>
  id ? api<AdminCourt>(`/api/admin/courts/${encodeURIComponent(id)}`, { method: 'PUT', body }) : api<AdminCourt>('/api/admin/courts', { method: 'POST', body });

export const fetchSettings = () => api<PlatformSettingView[]>('/api/admin/settings');
export const putSetting = (key: string, value: string) => api<PlatformSettingView>(`/api/admin/settings/${encodeURIComponent(key)}`, { method: 'PUT', body: { value } });

export const fetchTemplates = (role: string) => api<TemplatePreview[]>('/api/admin/templates', { query: { role } });
export const fetchDisputeTypes = () => api<DisputeTypeView[]>('/api/admin/dispute-types');
export const putAgreementTemplate = (type: string, body: PutAgreementTemplateRequest) =>
  api<DisputeTypeView>(`/api/admin/dispute-types/${encodeURIComponent(type)}/agreement-template`, { method: 'PUT', body });
export const resetAgreementTemplate = (type: string) => api<DisputeTypeView>(`/api/admin/dispute-types/${encodeURIComponent(type)}/agreement-template`, { method: 'DELETE' });

export const fetchAccounts = (q: string, page: number) => api<AdminPage<AdminAccountRow>>('/api/admin/accounts', { query: { q: q || undefined, page, pageSize: 20 } });
export const fetchAccount = (id: string) => api<AdminAccountDetail>(`/api/admin/accounts/${encodeURIComponent(id)}`);
export const setAccountDisabled = (id: string, disabled: boolean, reason?: string) =>
  api<AdminAccountDetail>(`/api/admin/accounts/${encodeURIComponent(id)}/disabled`, { method: 'PUT', body: { disabled, ...(reason ? { reason } : {}) } });
export const setAccountRoles = (id: string, roles: Role[]) => api<AdminAccountDetail>(`/api/admin/accounts/${encodeURIComponent(id)}/roles`, { method: 'PUT', body: { roles } });

export const fetchAudit = (f: AuditFilter) => api<AdminPage<AuditEntryView>>('/api/admin/audit', { query: { ...f } });
