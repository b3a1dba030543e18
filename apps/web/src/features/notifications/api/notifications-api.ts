import type { DeliveryView, ElectronicServiceRequest, InAppNotice, NotificationPreferences } from '@tiaojie/contracts';
import { call, routeUrl } from '../../../lib/api';

export interface Inbox {
  items: InAppNotice[];
  unread: number;
}

export type DeliveryStatus = DeliveryView['status'];
/** The organisation list's views: one status, or `attention` (failed and outcome unknown: what an admin must look at). */
export type NoticeFilter = DeliveryStatus | 'attention';

export function fetchInbox() {
  return call('GET /api/notifications');
}

export function markNoticeRead(id: string) {
  return call('POST /api/notifications/:id/read', { params: { id } });
}

export function fetchPreferences() {
  return call('GET /api/me/notification-preferences');
}

export function savePreferences(preferences: NotificationPreferences) {
  return call('PUT /api/me/notification-preferences', { body: preferences });
}

/** What was sent on a case: the server filters by the viewer (a party sees only its own notices). */
export function fetchDeliveries(caseId: string) {
  return call('GET /api/cases/:id/deliveries', { params: { id: caseId } });
}

/** An organisation's notices in one status, or those needing attention (org admins only; the server checks). */
export function fetchOrganisationNotices(organisationId: string, filter: NoticeFilter) {
  return call('GET /api/organisations/:id/notifications', { params: { id: organisationId }, query: filter === 'attention' ? undefined : { status: filter } });
}

export function retryNotice(id: string) {
  return call('POST /api/notifications/:id/retry', { params: { id }, body: {} });
}

/** The admin checked: a notice whose outcome was unknown did arrive. */
export function markNoticeDelivered(id: string) {
  return call('POST /api/notifications/:id/delivered', { params: { id }, body: {} });
}

/** R40: each party's consent to electronic service (a party sees its own, staff everyone's). */
export function fetchElectronicService(caseId: string) {
  return call('GET /api/cases/:id/electronic-service', { params: { id: caseId } });
}

export function saveElectronicService(caseId: string, body: ElectronicServiceRequest) {
  return call('POST /api/cases/:id/electronic-service', { params: { id: caseId }, body });
}

/** R40: the proofs of service (送达回证) of the served documents, for the case's staff. */
export function fetchServiceProofs(caseId: string) {
  return call('GET /api/cases/:id/service-proofs', { params: { id: caseId } });
}

export const serviceProofsPdfUrl = (caseId: string) => routeUrl('GET /api/cases/:id/service-proofs.pdf', { params: { id: caseId } });
