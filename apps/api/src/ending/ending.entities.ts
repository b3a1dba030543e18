import type { ExtensionStatus } from '@tiaojie/contracts';
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
