/**
 * Settlement agreements (R25, R26) and their obligations: shared by the API and the web.
 * Judicial confirmation, the court portal and the end of mediation have their own files.
 */

export const AGREEMENT_STATUSES = [
  'draft', // the mediator edits it; parties review it in their caucus and may ask for changes
  'signing', // one revision frozen by its content hash; signatures being collected (R26)
  'effective', // every party and the mediator signed; sealed; in effect (R26)
  'superseded', // replaced by a newer agreement (after a rejection, or amended)
  'void', // abandoned before taking effect
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const OBLIGATION_KINDS = ['payment', 'act'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const OBLIGATION_STATUSES = [
  'pending', // not yet performed
  'claimed', // the obligor says it is performed (optional proof)
  'performed', // the obligee confirmed
  'disputed', // the obligee says it was not received
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const SIGNER_ROLES = ['party', 'mediator'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** R25: what the agreement says, besides its obligations. */
export interface AgreementContent {
  /** Main facts. */
  facts: string;
  /** The disputed matters. */
  disputedMatters: string;
  /** Responsibilities as agreed. */
  responsibilities: string;
  /** Anything else agreed (costs, confidentiality, …). */
  otherTerms: string;
}

/** One obligation as drafted; an instalment plan is expanded into one obligation per instalment. */
export interface ObligationInput {
  obligorPartyId: string;
  obligeePartyId: string;
  kind: ObligationKind;
  description: string;
  /** CNY, exact decimal string ("12345.67"); required for a payment. */
  amount?: string | null;
  place?: string;
  method?: string;
  /** YYYY-MM-DD (China time). */
  dueDate: string;
  instalment?: number | null;
  instalments?: number | null;
}

export interface ObligationView extends Required<Omit<ObligationInput, 'amount' | 'instalment' | 'instalments'>> {
  id: string;
  seq: number;
  amount: string | null;
  instalment: number | null;
  instalments: number | null;
  obligorName: string;
  obligeeName: string;
  status: ObligationStatus;
  claimedAt: string | null;
  performedAt: string | null;
  /** Authorised download URL of the proof, when one was attached and the viewer may see it. */
  proofUrl: string | null;
  /** Overdue: past the due date and not performed. */
  overdue: boolean;
}

export interface AgreementSignatureView {
  signerRole: SignerRole;
  partyId: string | null;
  signerName: string;
  signedAt: string;
  revision: number;
}

export interface AgreementView {
  id: string;
  caseId: string;
  seq: number;
  status: AgreementStatus;
  revision: number;
  partial: boolean;
  template: string;
  content: AgreementContent;
  obligations: ObligationView[];
  contentHash: string | null;
  signatures: AgreementSignatureView[];
  /** Who still has to sign the revision under signature (party ids, and 'mediator'). */
  awaitingSignatures: string[];
  effectiveAt: string | null;
  sealedByOrg: string | null;
  verificationCode: string | null;
  /** Authorised download URL of the signed PDF (effective agreements only). */
  pdfUrl: string | null;
  pdfSha256: string | null;
  supersedesId: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the viewer may do with it now (e.g. 'edit', 'start_signing', 'request_changes', 'sign'). */
  actions: string[];
}
