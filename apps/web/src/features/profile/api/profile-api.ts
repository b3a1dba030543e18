import type { ChangePasswordRequest, RealNameRequest, UpdateProfileRequest, UserProfile } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export function updateProfile(request: UpdateProfileRequest) {
  return api<UserProfile>('/api/me', { method: 'PATCH', body: request });
}

export function saveRealName(request: RealNameRequest) {
  return api<UserProfile>('/api/me/real-name', { method: 'PUT', body: request });
}

export function changePassword(request: ChangePasswordRequest) {
  return api('/api/me/password', { method: 'POST', body: request });
}
