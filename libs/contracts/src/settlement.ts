/**
 * Settlement agreements (R25, R26) and their obligations: shared by the API and the web.
 * Judicial confirmation, the court portal and the end of mediation have their own files.
 */

export const AGREEMENT_STATUSES = [
  'draft', // the mediator edits it; parties review it in their caucus and may ask for changes
  'signing', // one revision frozen by its content hash; signatures being collected (R26)
  'awaiting_seal', // every party and the mediator signed; the organisation's seal is still to be applied (R26, PML 29)
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
  /** R26: how this organisation's agreements take effect: its seal applied by an authorised person, or the last party signature. */
  effectRule: 'seal' | 'last_party_signature';
  /** R26: when the seal was applied, and by whom (an org admin, for a seal act). */
  sealedAt: string | null;
  sealedByName: string | null;
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

// ─── Drafting, revisions, signing and verification (requests and answers) ─────────────────

/** Limits shared by the API's validators and the web's forms. */
export const AGREEMENT_LIMITS = {
  textMax: 5000,
  descriptionMax: 500,
  placeMax: 200,
  methodMax: 200,
  noteMax: 500,
  changeRequestMax: 2000,
  obligationsMax: 50,
  instalmentsMax: 60,
  /** The drawn signature (PNG, base64 in the request). */
  signaturePngMaxBytes: 300 * 1024,
  /** R26: a signing code lives 10 minutes and allows 3 guesses (stricter than a login code). */
  signingOtpTtlSeconds: 600,
  signingOtpMaxAttempts: 3,
} as const;

/** One instalment of a payment plan: the amounts must add up to the obligation's amount exactly. */
export interface InstalmentInput {
  /** CNY, exact decimal string. */
  amount: string;
  /** YYYY-MM-DD (China time). */
  dueDate: string;
}

/** An obligation as the mediator drafts it; a plan is stored as one obligation per instalment. */
export interface ObligationDraft {
  obligorPartyId: string;
  obligeePartyId: string;
  kind: ObligationKind;
  description: string;
  /** The total, CNY exact decimal string; required for a payment. */
  amount?: string | null;
  place?: string;
  method?: string;
  /** The final performance deadline, YYYY-MM-DD (China time). */
  dueDate: string;
  /** Instalments (two or more) that add up to `amount`, each due on or before `dueDate`. */
  plan?: InstalmentInput[] | null;
}

/** The mediator saves the draft: a new revision each time. */
export interface SaveAgreementRequest {
  /** The revision the editor started from (stale → 409). Omitted when creating. */
  revision?: number;
  partial: boolean;
  content: AgreementContent;
  obligations: ObligationDraft[];
  /** What changed, for the revision list. */
  note?: string;
}

export interface AgreementTemplateView {
  template: string;
  content: AgreementContent;
  /** Suggested obligations (e.g. the claimed amount from the applicant to… ). */
  obligations: ObligationDraft[];
  parties: Array<{ id: string; side: 'applicant' | 'respondent'; name: string }>;
}

export interface AgreementRevisionView {
  revision: number;
  note: string | null;
  createdAt: string;
  createdByName: string;
}

export interface AgreementRevisionChange {
  /** Dotted path: `content.facts`, `partial`, `obligations.1.amount`, `obligations.2` (added/removed). */
  path: string;
  before: string | null;
  after: string | null;
}

export interface AgreementCompareView {
  from: number;
  to: number;
  changes: AgreementRevisionChange[];
}

export interface AgreementChangeRequestView {
  id: string;
  revision: number;
  partyId: string;
  partyName: string;
  text: string;
  createdAt: string;
  resolvedAt: string | null;
}

export interface ChangeRequestRequest {
  /** The revision the party read. */
  revision: number;
  text: string;
}

export interface StartSigningRequest {
  /** The revision to freeze (must be the current one). */
  revision: number;
}

export interface SignAgreementRequest {
  /** The content hash the signer saw (R26: a signature binds to it; a changed draft refuses it). */
  contentHash: string;
  /** The one-time code sent by SMS to the signer's phone. */
  code: string;
  /** The drawn signature: a PNG data URL or base64. */
  signaturePng: string;
  /** Which party the signer signs for, when it acts for several (own account or agent). */
  partyId?: string;
}

/** The drafted obligations with instalments grouped back into plans (for the editor). */
export interface AgreementDetailView extends AgreementView {
  drafts: ObligationDraft[];
  parties: Array<{ id: string; side: 'applicant' | 'respondent'; name: string }>;
  caseNumber: string | null;
  /** Change requests the viewer may see (a party its own, the mediator every one). */
  changeRequests: AgreementChangeRequestView[];
  revisions: AgreementRevisionView[];
}

/** The public verification answer (by code, or by a PDF's hash). Names are masked. */
export interface AgreementVerification {
  /** What the code or file belongs to: a signed agreement or a court ruling (null: nothing matched). */
  document: 'agreement' | 'ruling' | null;
  /** The ruling's number, e.g. (2026)浙0106民特1号 (rulings only). */
  rulingNumber?: string | null;
  match: boolean;
  verificationCode: string | null;
  caseNumber: string | null;
  parties: string[];
  effectiveAt: string | null;
  sealedByOrg: string | null;
  pdfSha256: string | null;
  /** The uploaded file's sha-256 (upload only). */
  uploadedSha256?: string;
  status: AgreementStatus | null;
}

/** `GET /api/agreements/:id/compare`: two revision numbers of the draft. */
export interface AgreementCompareQuery {
  from: number;
  to: number;
}
