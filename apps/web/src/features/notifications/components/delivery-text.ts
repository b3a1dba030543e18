import type { DeliveryView } from '@tiaojie/contracts';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

/** A notice's name: its template's, or a generic one for a template this client does not know yet. */
export function templateName(template: string, t: Translate, exists: Exists): string {
  return exists(`noticePages:templates.${template}`) ? t(`noticePages:templates.${template}`) : t('noticePages:templateFallback');
}

export function recipientRoleName(role: string, t: Translate, exists: Exists): string {
  return exists(`noticePages:recipientRoles.${role}`) ? t(`noticePages:recipientRoles.${role}`) : role;
}

/** Colour of the status tag. */
export const STATUS_COLOR: Record<DeliveryView['status'], string> = {
  pending: 'default',
  queued: 'processing',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  unknown: 'warning',
};

/**
 * The notices one step caused share their template and creation time (one transaction):
 * grouped so the case page shows each step once, with its channels and recipients below it.
 */
export function groupDeliveries(deliveries: DeliveryView[]): { key: string; template: string; createdAt: string; items: DeliveryView[] }[] {
  const groups = new Map<string, { key: string; template: string; createdAt: string; items: DeliveryView[] }>();
  for (const delivery of deliveries) {
    const key = `${delivery.template}|${delivery.createdAt}`;
    const group = groups.get(key) ?? { key, template: delivery.template, createdAt: delivery.createdAt, items: [] };
    group.items.push(delivery);
    groups.set(key, group);
  }
  // ISO times sort as strings; a plain comparison, not the collator of localeCompare (slow on a phone).
  return [...groups.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
