import type { AdminUserSummary, SetAccountDisabledRequest } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export function fetchAdminUsers() {
  return api<AdminUserSummary[]>('/api/admin/users');
}

export function setAccountDisabled(userId: string, request: SetAccountDisabledRequest) {
  return api<AdminUserSummary>(`/api/admin/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body: request });
}
