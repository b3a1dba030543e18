import type { CourtFilingStatus, EscalationRouteCode, ExtensionStatus } from '@tiaojie/contracts';
import type { CaseState } from '@tiaojie/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** R23: the failure report written when mediation ends without agreement, for the court. */
@Entity({ name: 'failure_report' })
export class FailureReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_failure_report_case', { unique: true })
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** R22 code. */
  @Column({ name: 'reason_code', type: 'varchar', length: 32 })
  reasonCode!: string;

  @Column({ name: 'reason_note', type: 'text', nullable: true })
  reasonNote!: string | null;

  /** How the mediation went and where the dispute stands. */
  @Column({ type: 'text' })
  situation!: string;

  /** Conduct of a party that raised the others' costs (null: none reported). */
  @Column({ name: 'cost_conduct', type: 'text', nullable: true })
  costConduct!: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * R24: where a failed case went — online case filing at the competent court, back to the
 * delegating court, or the parties' own arbitration — with the package frozen at escalation.
 */
@Entity({ name: 'court_filing' })
export class CourtFiling {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_court_filing_case', { unique: true })
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  route!: EscalationRouteCode;

  /** The receiving court (null for arbitration). */
  @Index('ix_court_filing_court')
  @Column({ name: 'court_id', type: 'uuid', nullable: true })
  courtId!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status!: CourtFilingStatus;

  /** The structured case file (JSON); the PDF is rendered from it. */
  @Column({ name: 'package', type: 'jsonb' })
  package!: Record<string, unknown>;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true })
  registeredAt!: Date | null;

  @Column({ name: 'registered_by_id', type: 'uuid', nullable: true })
  registeredById!: string | null;
}

/** R20: an extension of the mediation period proposed by the mediator; granted when every party consents. */
@Entity({ name: 'mediation_extension' })
export class MediationExtension {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_mediation_extension_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'int' })
  days!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ExtensionStatus;

  @Column({ name: 'proposed_by_id', type: 'uuid' })
  proposedById!: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

/** One party's answer to an extension (R20: all parties must agree). */
@Entity({ name: 'mediation_extension_consent' })
@Unique('uq_extension_consent_party', ['extensionId', 'partyId'])
export class ExtensionConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'extension_id', type: 'uuid' })
  extensionId!: string;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  decision!: 'pending' | 'given' | 'refused';

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

/** R36: a suspected sham mediation flagged by a mediator or a judge; resolved when resumed. */
@Entity({ name: 'sham_report' })
export class ShamReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_sham_report_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId!: string;

  @Column({ name: 'reporter_role', type: 'varchar', length: 16 })
  reporterRole!: 'mediator' | 'judge';

  /** The state the case was suspended from (resume goes back there). */
  @Column({ name: 'from_state', type: 'varchar', length: 32 })
  fromState!: CaseState;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by_id', type: 'uuid', nullable: true })
  resolvedById!: string | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;
}
