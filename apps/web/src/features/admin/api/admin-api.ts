import type { AuditQuery, PutAgreementTemplateRequest, RecipientRole, SaveCourtRequest, SaveOrganisationRequest } from '@tiaojie/contracts';
import type { Role } from '@tiaojie/domain';
import { call } from '../../../lib/api';

/** Issue #13: the system admin console's API. */
export const adminKeys = {
  all: ['admin'] as const,
  organisations: ['admin', 'organisations'] as const,
  courts: ['admin', 'courts'] as const,
  bureaus: ['admin', 'bureaus'] as const,
  settings: ['admin', 'settings'] as const,
  templates: (role: RecipientRole) => ['admin', 'templates', role] as const,
  disputeTypes: ['admin', 'dispute-types'] as const,
  accounts: (q: string, page: number) => ['admin', 'accounts', q, page] as const,
  account: (id: string) => ['admin', 'account', id] as const,
  audit: (filter: AuditFilter) => ['admin', 'audit', filter] as const,
};

/** The audit page's filter: the route's query, always with its page. */
export type AuditFilter = AuditQuery & { page: number; pageSize: number };

export const fetchOrganisations = () => call('GET /api/admin/organisations');
export const saveOrganisation = (id: string | null, body: SaveOrganisationRequest) =>
  id ? call('PUT /api/admin/organisations/:id', { params: { id }, body }) : call('POST /api/admin/organisations', { body });

export const fetchBureaus = () => call('GET /api/admin/bureaus');
export const fetchCourts = () => call('GET /api/admin/courts');
export const saveCourt = (id: string | null, body: SaveCourtRequest) => (id ? call('PUT /api/admin/courts/:id', { params: { id }, body }) : call('POST /api/admin/courts', { body }));

export const fetchSettings = () => call('GET /api/admin/settings');
export const putSetting = (key: string, value: string) => call('PUT /api/admin/settings/:key', { params: { key }, body: { value } });

export const fetchTemplates = (role: RecipientRole) => call('GET /api/admin/templates', { query: { role } });
export const fetchDisputeTypes = () => call('GET /api/admin/dispute-types');
export const putAgreementTemplate = (type: string, body: PutAgreementTemplateRequest) => call('PUT /api/admin/dispute-types/:type/agreement-template', { params: { type }, body });
export const resetAgreementTemplate = (type: string) => call('DELETE /api/admin/dispute-types/:type/agreement-template', { params: { type } });

export const fetchAccounts = (q: string, page: number) => call('GET /api/admin/accounts', { query: { q: q || undefined, page, pageSize: 20 } });
export const fetchAccount = (id: string) => call('GET /api/admin/accounts/:id', { params: { id } });
export const setAccountDisabled = (id: string, disabled: boolean, reason?: string) =>
  call('PUT /api/admin/accounts/:id/disabled', { params: { id }, body: { disabled, ...(reason ? { reason } : {}) } });
export const setAccountRoles = (id: string, roles: Role[]) => call('PUT /api/admin/accounts/:id/roles', { params: { id }, body: { roles } });

export const fetchAudit = (f: AuditFilter) => call('GET /api/admin/audit', { query: f });
