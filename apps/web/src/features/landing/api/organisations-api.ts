import type { PublicOrganisation } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export function fetchPublicOrganisations() {
  return api<PublicOrganisation[]>('/api/organisations', { onUnauthenticated: 'throw' });
}
