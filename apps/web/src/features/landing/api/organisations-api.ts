import { call } from '../../../lib/api';

export function fetchPublicOrganisations() {
  return call('GET /api/organisations', { onUnauthenticated: 'throw' });
}
