import type { CaseListQuery, CaseListResponse, MyNextAction, OrganisationSlaView } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export function fetchCaseList(query: CaseListQuery) {
  return api<CaseListResponse>('/api/cases', { query: { ...query } });
}

export function fetchOrganisationSla(organisationId: string) {
  return api<OrganisationSlaView>(`/api/organisations/${encodeURIComponent(organisationId)}/sla`);
}

/** "需要您处理": the viewer's next steps on its open cases (the case page's own actions, with deadlines). */
export function fetchMyNextActions() {
  return api<MyNextAction[]>('/api/me/actions');
}
