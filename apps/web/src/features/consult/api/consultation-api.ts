import { call } from '../../../lib/api';

/** Public: the dispute types and the loan prime rate the interest check uses. */
export function fetchConsultationConfig() {
  return call('GET /api/consultation', { onUnauthenticated: 'throw' });
}
