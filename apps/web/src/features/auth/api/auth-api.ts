import type { AuthResponse, DevSmsMessage, OtpLoginRequest, PasswordLoginRequest, RegisterRequest, RequestOtpRequest, RequestOtpResponse } from '@tiaojie/contracts';
import { api, isApiError } from '../../../lib/api';

export function requestOtp(request: RequestOtpRequest) {
  return api<RequestOtpResponse>('/api/auth/otp', { method: 'POST', body: request });
}

export function loginWithPassword(request: PasswordLoginRequest) {
  return api<AuthResponse>('/api/auth/login/password', { method: 'POST', body: request });
}

export function loginWithOtp(request: OtpLoginRequest) {
  return api<AuthResponse>('/api/auth/login/otp', { method: 'POST', body: request });
}

export function register(request: RegisterRequest) {
  return api<AuthResponse>('/api/auth/register', { method: 'POST', body: request });
}

/** Whether the API records SMS locally (development): it answers 404 in production. */
export async function hasDevSmsInbox(): Promise<boolean> {
  try {
    await api<DevSmsMessage[]>('/api/dev/sms', { onUnauthenticated: 'throw' });
    return true;
  } catch (error) {
    if (isApiError(error)) return false;
    throw error;
  }
}
