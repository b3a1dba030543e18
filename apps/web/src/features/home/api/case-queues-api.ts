import type { CaseListQuery } from '@tiaojie/contracts';
import { call } from '../../../lib/api';

export function fetchCaseList(query: CaseListQuery) {
  return call('GET /api/cases', { query: { ...query } });
}

export function fetchOrganisationSla(organisationId: string) {
  return call('GET /api/organisations/:id/sla', { params: { id: organisationId } });
}

/** "需要您处理": the viewer's next steps on its open cases (the case page's own actions, with deadlines). */
export function fetchMyNextActions() {
  return call('GET /api/me/actions');
}
