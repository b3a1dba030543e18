import type { SetAccountDisabledRequest } from '@tiaojie/contracts';
import { call } from '../../../lib/api';

export function fetchAdminUsers() {
  return call('GET /api/admin/users');
}

export function setAccountDisabled(userId: string, request: SetAccountDisabledRequest) {
  return call('PATCH /api/admin/users/:id', { params: { id: userId }, body: request });
}
