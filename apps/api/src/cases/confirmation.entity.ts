import type { ConfirmationStatus, CourtRoutingBasis, ExclusionAnswers, RefusalGround, RejectionGround } from '@tiaojie/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A party's signature on the joint application (R29), proven by a one-time SMS code. */
export interface ApplicationSignature {
  partyId: string;
  userId: string;
  name: string;
  signedAt: string;
  answers: ExclusionAnswers;
}

/**
 * A joint application for judicial confirmation of an effective agreement (R29–R34), from the
 * parties' signatures through the court's acceptance (R33) to its ruling.
 */
@Entity({ name: 'confirmation_application' })
@Index('ix_confirmation_court_status', ['courtId', 'status'])
@Index('ix_confirmation_court_ruled', ['courtId', 'ruledAt'], { where: 'ruled_at IS NOT NULL' })
export class ConfirmationApplication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_confirmation_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @Column({ type: 'varchar', length: 16, default: 'signing' })
  status!: ConfirmationStatus;

  /** R30: the competent court and why. */
  @Column({ name: 'court_id', type: 'uuid' })
  courtId!: string;

  @Column({ type: 'varchar', length: 32 })
  basis!: CourtRoutingBasis;

  @Column({ type: 'jsonb', default: [] })
  signatures!: ApplicationSignature[];

  /** R31: the package as submitted (kinds, document ids, contacts). */
  @Column({ name: 'package', type: 'jsonb', nullable: true })
  packageSnapshot!: Record<string, unknown>[] | null;

  @Column({ name: 'application_pdf_key', type: 'varchar', length: 200, nullable: true })
  applicationPdfKey!: string | null;

  @Column({ name: 'application_pdf_sha256', type: 'varchar', length: 64, nullable: true })
  applicationPdfSha256!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** R33: accept or refuse within 3 days. */
  @Column({ name: 'accept_by', type: 'timestamptz', nullable: true })
  acceptBy!: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_by_id', type: 'uuid', nullable: true })
  acceptedById!: string | null;

  /** R33: rule within 15 days of acceptance (+10 once). */
  @Column({ name: 'rule_by', type: 'timestamptz', nullable: true })
  ruleBy!: Date | null;

  @Column({ name: 'extended_at', type: 'timestamptz', nullable: true })
  extendedAt!: Date | null;

  @Column({ name: 'extension_reason', type: 'text', nullable: true })
  extensionReason!: string | null;

  /** R33: the judge who extended, and the approving person (e.g. the court's president) and when. */
  @Column({ name: 'extended_by_id', type: 'uuid', nullable: true })
  extendedById!: string | null;

  @Column({ name: 'extension_approved_by', type: 'varchar', length: 64, nullable: true })
  extensionApprovedBy!: string | null;

  @Column({ name: 'extension_approved_at', type: 'timestamptz', nullable: true })
  extensionApprovedAt!: Date | null;

  /** R33: refused (不予受理) with a ground; the judge is judge_id / judge_name. */
  @Column({ name: 'refused_at', type: 'timestamptz', nullable: true })
  refusedAt!: Date | null;

  @Column({ name: 'refusal_ground', type: 'varchar', length: 32, nullable: true })
  refusalGround!: RefusalGround | null;

  @Column({ name: 'refusal_note', type: 'text', nullable: true })
  refusalNote!: string | null;

  @Column({ name: 'ruled_at', type: 'timestamptz', nullable: true })
  ruledAt!: Date | null;

  @Column({ name: 'judge_id', type: 'uuid', nullable: true })
  judgeId!: string | null;

  @Column({ name: 'judge_name', type: 'varchar', length: 64, nullable: true })
  judgeName!: string | null;

  @Index('uq_confirmation_ruling_number', { unique: true, where: 'ruling_number IS NOT NULL' })
  @Column({ name: 'ruling_number', type: 'varchar', length: 40, nullable: true })
  rulingNumber!: string | null;

  @Column({ name: 'ruling_pdf_key', type: 'varchar', length: 200, nullable: true })
  rulingPdfKey!: string | null;

  @Column({ name: 'ruling_pdf_sha256', type: 'varchar', length: 64, nullable: true })
  rulingPdfSha256!: string | null;

  @Index('uq_confirmation_verification', { unique: true, where: 'verification_code IS NOT NULL' })
  @Column({ name: 'verification_code', type: 'varchar', length: 16, nullable: true })
  verificationCode!: string | null;

  @Column({ name: 'rejection_ground', type: 'varchar', length: 32, nullable: true })
  rejectionGround!: RejectionGround | null;

  @Column({ name: 'rejection_note', type: 'text', nullable: true })
  rejectionNote!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_reason', type: 'varchar', length: 20, nullable: true })
  withdrawnReason!: 'parties' | 'supplement_missed' | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** R33: the court's request for supplementary materials, with a deadline. */
@Entity({ name: 'confirmation_supplement' })
@Index('ix_confirmation_supplement_app', ['applicationId', 'createdAt'])
export class ConfirmationSupplement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Index('ix_confirmation_supplement_due')
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById!: string;

  @Column({ name: 'document_ids', type: 'uuid', array: true, default: '{}' })
  documentIds!: string[];

  @Column({ name: 'fulfilled_at', type: 'timestamptz', nullable: true })
  fulfilledAt!: Date | null;

  @Column({ name: 'missed_at', type: 'timestamptz', nullable: true })
  missedAt!: Date | null;

  /** R33: the judge decides whether a missed deadline counts as withdrawal (JC2011 6). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  decision!: 'withdrawn' | 'continue' | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The conversation between the court and the parties about an application. */
@Entity({ name: 'confirmation_message' })
@Index('ix_confirmation_message_app', ['applicationId', 'createdAt'])
export class ConfirmationMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'author_role', type: 'varchar', length: 8 })
  authorRole!: 'court' | 'party';

  @Column({ name: 'author_name', type: 'varchar', length: 100 })
  authorName!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
