import type { ChangePasswordRequest, RealNameRequest, UpdateProfileRequest } from '@tiaojie/contracts';
import { call } from '../../../lib/api';

export function updateProfile(request: UpdateProfileRequest) {
  return call('PATCH /api/me', { body: request });
}

export function saveRealName(request: RealNameRequest) {
  return call('PUT /api/me/real-name', { body: request });
}

export function changePassword(request: ChangePasswordRequest) {
  return call('POST /api/me/password', { body: request });
}
