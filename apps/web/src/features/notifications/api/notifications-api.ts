import type { DeliveryView, ElectronicServiceRequest, ElectronicServiceView, InAppNotice, NotificationPreferences, ServiceProofView } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

export interface Inbox {
  items: InAppNotice[];
  unread: number;
}

export type DeliveryStatus = DeliveryView['status'];
/** The organisation list's views: one status, or `attention` (failed and outcome unknown: what an admin must look at). */
export type NoticeFilter = DeliveryStatus | 'attention';

export function fetchInbox() {
  return api<Inbox>('/api/notifications');
}

export function markNoticeRead(id: string) {
  return api(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });
}

export function fetchPreferences() {
  return api<NotificationPreferences>('/api/me/notification-preferences');
}

export function savePreferences(preferences: NotificationPreferences) {
  return api<NotificationPreferences>('/api/me/notification-preferences', { method: 'PUT', body: preferences });
}

/** What was sent on a case: the server filters by the viewer (a party sees only its own notices). */
export function fetchDeliveries(caseId: string) {
  return api<DeliveryView[]>(`/api/cases/${encodeURIComponent(caseId)}/deliveries`);
}

/** An organisation's notices in one status, or those needing attention (org admins only; the server checks). */
export function fetchOrganisationNotices(organisationId: string, filter: NoticeFilter) {
  return api<DeliveryView[]>(`/api/organisations/${encodeURIComponent(organisationId)}/notifications`, { query: filter === 'attention' ? undefined : { status: filter } });
}

export function retryNotice(id: string) {
  return api<DeliveryView>(`/api/notifications/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} });
}

/** The admin checked: a notice whose outcome was unknown did arrive. */
export function markNoticeDelivered(id: string) {
  return api<DeliveryView>(`/api/notifications/${encodeURIComponent(id)}/delivered`, { method: 'POST', body: {} });
}

/** R40: each party's consent to electronic service (a party sees its own, staff everyone's). */
export function fetchElectronicService(caseId: string) {
  return api<ElectronicServiceView[]>(`/api/cases/${encodeURIComponent(caseId)}/electronic-service`);
}

export function saveElectronicService(caseId: string, body: ElectronicServiceRequest) {
  return api<ElectronicServiceView[]>(`/api/cases/${encodeURIComponent(caseId)}/electronic-service`, { method: 'POST', body });
}

/** R40: the proofs of service (送达回证) of the served documents, for the case's staff. */
export function fetchServiceProofs(caseId: string) {
  return api<ServiceProofView[]>(`/api/cases/${encodeURIComponent(caseId)}/service-proofs`);
}

export const serviceProofsPdfUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/service-proofs.pdf`;
