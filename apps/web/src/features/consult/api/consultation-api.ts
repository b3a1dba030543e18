import type { ConsultationConfig } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

/** Public: the dispute types and the loan prime rate the interest check uses. */
export function fetchConsultationConfig() {
  return api<ConsultationConfig>('/api/consultation', { onUnauthenticated: 'throw' });
}
