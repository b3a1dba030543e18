import type { InAppNotice } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export interface Inbox {
  items: InAppNotice[];
  unread: number;
}

export function fetchInbox() {
  return api<Inbox>('/api/notifications');
}

export function markNoticeRead(id: string) {
  return api(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });
}
