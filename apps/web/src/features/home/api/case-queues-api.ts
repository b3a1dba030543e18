import type { CaseListQuery, CaseListResponse, OrganisationSlaView } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export function fetchCaseList(query: CaseListQuery) {
  return api<CaseListResponse>('/api/cases', { query: { ...query } });
}

export function fetchOrganisationSla(organisationId: string) {
  return api<OrganisationSlaView>(`/api/organisations/${encodeURIComponent(organisationId)}/sla`);
}
