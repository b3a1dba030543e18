/**
 * R40: electronic service (电子送达) — a party's consent to an address, and the proof of
 * service (送达回证) of each served document.
 */

export const SERVED_DOCUMENT_KINDS = [
  'agreement', // the signed mediation agreement in effect (R26, R27)
  'ruling', // the court's ruling on confirmation, or its refusal to accept (R33, R34)
  'failure_report', // the mediator's failure report (R23)
  'court_request', // the court's request for supplementary materials (R33)
] as const;
export type ServedDocumentKind = (typeof SERVED_DOCUMENT_KINDS)[number];

export interface ElectronicServiceView {
  partyId: string;
  partyName: string;
  /** The designated address: a mobile number or an email (masked for others than the party). */
  address: string | null;
  consentAt: string | null;
}

export interface ElectronicServiceRequest {
  partyId: string;
  /** true records the consent to `address`; false withdraws it. */
  consent: boolean;
  /** An 11-digit mobile or an email address (required with consent). */
  address?: string;
}

export interface ServiceProofView {
  /** The timeline event that served the document. */
  eventId: string;
  kind: ServedDocumentKind;
  /** The event kind (agreement_effective, confirmation_granted, …). */
  event: string;
  partyId: string;
  partyName: string;
  /** The designated address at the time of service (masked), null without consent. */
  address: string | null;
  consented: boolean;
  /** `served`: reached the designated address or the party's account (CPL 90); `pending`: not yet; `no_consent`: not served electronically — serve another way. */
  status: 'served' | 'pending' | 'no_consent';
  sentAt: string | null;
  deliveredAt: string | null;
  openedAt: string | null;
  channels: {
    channel: 'in_app' | 'sms' | 'email';
    status: string;
    sentAt: string | null;
    readAt: string | null;
  }[];
}
