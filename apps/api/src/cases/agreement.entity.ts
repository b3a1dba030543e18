import type { AgreementContent, AgreementStatus, ObligationKind, ObligationStatus, SignerRole } from '@tiaojie/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * A settlement agreement of a case (R25). Drafted by the mediator as numbered revisions; once
 * signing starts the revision being signed is frozen by its content hash; it takes effect at
 * the last party signature (R26) and can never change afterwards — a change is a new agreement
 * (`supersedesId`).
 */
@Entity({ name: 'agreement' })
@Unique('uq_agreement_case_seq', ['caseId', 'seq'])
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_agreement_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** 1, 2, … within the case: a new agreement after a rejection or an amendment. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: AgreementStatus;

  /** The current revision (1, 2, …); every edit of a draft makes a new one (kept in agreement_revision). */
  @Column({ type: 'int', default: 1 })
  revision!: number;

  /** R25: a partial agreement settles some of the disputed matters only. */
  @Column({ type: 'boolean', default: false })
  partial!: boolean;

  /** The template the draft started from (per dispute type). */
  @Column({ type: 'varchar', length: 32 })
  template!: string;

  @Column({ type: 'jsonb', default: {} })
  content!: AgreementContent;

  /** sha-256 (hex) of the canonical revision under signature; set when signing starts. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64, nullable: true })
  contentHash!: string | null;

  @Column({ name: 'signing_started_at', type: 'timestamptz', nullable: true })
  signingStartedAt!: Date | null;

  /** R26: the moment of the last party signature. */
  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  effectiveAt!: Date | null;

  /** R26: the organisation's seal, applied when the agreement takes effect. */
  @Column({ name: 'sealed_by_org', type: 'varchar', length: 100, nullable: true })
  sealedByOrg!: string | null;

  /** R26: when the seal was applied and by whom (an org admin's act for a people's mediation committee, PML 29). */
  @Column({ name: 'sealed_at', type: 'timestamptz', nullable: true })
  sealedAt!: Date | null;

  @Column({ name: 'sealed_by_id', type: 'uuid', nullable: true })
  sealedById!: string | null;

  @Column({ name: 'sealed_by_name', type: 'varchar', length: 64, nullable: true })
  sealedByName!: string | null;

  /** Printed on the PDF; the public verification page looks the record up by it. */
  @Index('uq_agreement_verification', { unique: true, where: 'verification_code IS NOT NULL' })
  @Column({ name: 'verification_code', type: 'varchar', length: 16, nullable: true })
  verificationCode!: string | null;

  /** sha-256 (hex) of the rendered PDF of the effective agreement (indexed: the public verification looks an uploaded PDF up by it). */
  @Index('ix_agreement_pdf_sha256')
  @Column({ name: 'pdf_sha256', type: 'varchar', length: 64, nullable: true })
  pdfSha256!: string | null;

  @Column({ name: 'pdf_storage_key', type: 'varchar', length: 200, nullable: true })
  pdfStorageKey!: string | null;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Every revision of a draft, kept for comparison (never changed). */
@Entity({ name: 'agreement_revision' })
@Unique('uq_agreement_revision', ['agreementId', 'revision'])
export class AgreementRevision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'int' })
  revision!: number;

  /** The full snapshot: content, partial flag and obligations as drafted. */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A party's request for changes to a draft revision, made from its own caucus. */
@Entity({ name: 'agreement_change_request' })
@Index('ix_agreement_change_request', ['agreementId', 'createdAt'])
export class AgreementChangeRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * R26: a signature — proven by a one-time code sent to the signer's phone, with a drawn image —
 * over one revision's content hash. A signature on another hash does not count.
 */
@Entity({ name: 'agreement_signature' })
@Unique('uq_agreement_signature', ['agreementId', 'revision', 'signerId'])
export class AgreementSignature {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'signer_id', type: 'uuid' })
  signerId!: string;

  @Column({ name: 'signer_role', type: 'varchar', length: 16 })
  signerRole!: SignerRole;

  /** The case party signed for (null for the mediator). */
  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId!: string | null;

  @Column({ name: 'signer_name', type: 'varchar', length: 64 })
  signerName!: string;

  /** The drawn signature, PNG. */
  @Column({ name: 'image_png', type: 'bytea' })
  imagePng!: Buffer;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;
}

/**
 * One obligation of an agreement (R25): who pays or does what for whom, how, where and by when.
 * An instalment plan is one row per instalment (`instalment` of `instalments`). Amounts are exact
 * (numeric, read back as strings). Performance (paid → confirmed) is tracked on the same row.
 */
@Entity({ name: 'obligation' })
@Unique('uq_obligation_seq', ['agreementId', 'seq'])
@Index('ix_obligation_due', ['status', 'dueDate'])
export class Obligation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @Index('ix_obligation_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'obligor_party_id', type: 'uuid' })
  obligorPartyId!: string;

  @Column({ name: 'obligee_party_id', type: 'uuid' })
  obligeePartyId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ObligationKind;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'numeric', precision: 15, scale: 2, nullable: true })
  amount!: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  place!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  method!: string;

  /** The performance deadline (a calendar date, China time). */
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'int', nullable: true })
  instalment!: number | null;

  @Column({ type: 'int', nullable: true })
  instalments!: number | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ObligationStatus;

  /** The obligor said it was performed (with optional proof). */
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'proof_document_id', type: 'uuid', nullable: true })
  proofDocumentId!: string | null;

  /** The obligee confirmed receipt. */
  @Column({ name: 'performed_at', type: 'timestamptz', nullable: true })
  performedAt!: Date | null;

  /** Last reminder sent before the due date (so each is sent once). */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;
}
