import { call } from '../../../lib/api';

/** Newest first; the API answers 404 outside development. */
export function fetchDevSms(mobile?: string) {
  return call('GET /api/dev/sms', { query: { mobile }, onUnauthenticated: 'throw' });
}
