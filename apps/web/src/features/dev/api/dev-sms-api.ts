import type { DevSmsMessage } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

/** Newest first; the API answers 404 outside development. */
export function fetchDevSms(mobile?: string) {
  return api<DevSmsMessage[]>('/api/dev/sms', { query: { mobile }, onUnauthenticated: 'throw' });
}
