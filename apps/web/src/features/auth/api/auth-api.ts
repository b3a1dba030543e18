import type { OtpLoginRequest, PasswordLoginRequest, RegisterRequest, RequestOtpRequest } from '@tiaojie/contracts';
import { call, isApiError } from '../../../lib/api';

export function requestOtp(request: RequestOtpRequest) {
  return call('POST /api/auth/otp', { body: request });
}

export function loginWithPassword(request: PasswordLoginRequest) {
  return call('POST /api/auth/login/password', { body: request });
}

export function loginWithOtp(request: OtpLoginRequest) {
  return call('POST /api/auth/login/otp', { body: request });
}

export function register(request: RegisterRequest) {
  return call('POST /api/auth/register', { body: request });
}

/** Whether the API records SMS locally (development): it answers 404 in production. */
export async function hasDevSmsInbox(): Promise<boolean> {
  try {
    await call('GET /api/dev/sms', { onUnauthenticated: 'throw' });
    return true;
  } catch (error) {
    if (isApiError(error)) return false;
    throw error;
  }
}
