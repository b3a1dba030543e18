import type { DisputeType, EvaluationResult, PeriodPauseView as PeriodPause } from '@tiaojie/contracts';
import type { CaseState, CourtCaseKind, CourtProcedure, IntakeChannel, ReturnReason, TerminationReason } from '@tiaojie/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A mediation case. Its `state` changes only through CaseLifecycleService (one state machine). */
@Entity({ name: 'mediation_case' })
@Index('ix_case_org_state', ['organisationId', 'state', 'submittedAt'])
// Statistics (issue #13): an organisation's, a court's and the whole platform's cases by filing time.
@Index('ix_case_org_submitted', ['organisationId', 'submittedAt'])
@Index('ix_case_court_submitted', ['courtId', 'submittedAt'], { where: 'court_id IS NOT NULL' })
@Index('ix_case_submitted', ['submittedAt'])
// TARGETS P3: the queues' pages by (updated_at, id) in order: one organisation's, and everyone's (a mediator's queue).
@Index('ix_case_org_updated', ['organisationId', 'updatedAt', 'id'])
@Index('ix_case_updated', ['updatedAt', 'id'])
// R21: a court's case number is unique within that court.
@Index('uq_case_court_number', ['courtId', 'courtCaseNumber'], { unique: true, where: 'court_id IS NOT NULL' })
export class MediationCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique and sequential per year (TJ-2026-000123), given at submission. */
  @Index('uq_case_number', { unique: true, where: 'number IS NOT NULL' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  number!: string | null;

  @Column({ type: 'varchar', length: 32, default: 'DRAFT' })
  state!: CaseState;

  @VersionColumn()
  version!: number;

  @Column({ name: 'dispute_type', type: 'varchar', length: 32 })
  disputeType!: DisputeType;

  @Column({ type: 'text', default: '' })
  facts!: string;

  /** CNY, exact (numeric), read back as a string. */
  @Column({ name: 'claim_amount', type: 'numeric', precision: 15, scale: 2, nullable: true })
  claimAmount!: string | null;

  @Column({ name: 'other_requests', type: 'text', nullable: true })
  otherRequests!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  region!: string | null;

  @Index('ix_case_organisation')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  /** The organisation the applicant chose (else routing chooses). */
  @Column({ name: 'chosen_organisation_id', type: 'uuid', nullable: true })
  chosenOrganisationId!: string | null;

  @Column({ name: 'preferred_mediator_id', type: 'uuid', nullable: true })
  preferredMediatorId!: string | null;

  /** R21/R24: a court-delegated case goes back to its court when mediation fails. */
  @Column({ name: 'court_delegated', type: 'boolean', default: false })
  courtDelegated!: boolean;

  /** R21: the court that brought the case (委派 / 委托); results go back to it. Null for a direct application. */
  @Column({ name: 'court_id', type: 'uuid', nullable: true })
  courtId!: string | null;

  /** R21: `delegated` before filing (诉前委派), `entrusted` after filing (诉中委托). */
  @Column({ name: 'court_case_kind', type: 'varchar', length: 16, nullable: true })
  courtCaseKind!: CourtCaseKind | null;

  /** R21: the court's own case number, e.g. （2026）浙0106民诉前调123号. */
  @Column({ name: 'court_case_number', type: 'varchar', length: 40, nullable: true })
  courtCaseNumber!: string | null;

  /** R20: an entrusted case's procedure (ordinary 15 days, simple 7). */
  @Column({ name: 'court_procedure', type: 'varchar', length: 16, nullable: true })
  courtProcedure!: CourtProcedure | null;

  /** R27: closed and archived (立卷归档): the case is read-only from then on. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  /** R03: how the application reached the platform, and who filed it. */
  @Column({ type: 'varchar', length: 16, default: 'self' })
  channel!: IntakeChannel;

  @Index('ix_case_filed_by')
  @Column({ name: 'filed_by_id', type: 'uuid' })
  filedById!: string;

  @Column({ type: 'jsonb', nullable: true })
  evaluation!: EvaluationResult | null;

  @Column({ name: 'return_reason', type: 'varchar', length: 32, nullable: true })
  returnReason!: ReturnReason | null;

  @Column({ name: 'termination_reason', type: 'varchar', length: 32, nullable: true })
  terminationReason!: TerminationReason | null;

  @Column({ name: 'reason_note', type: 'text', nullable: true })
  reasonNote!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  /** R20: the mediation period runs from the mediator's acceptance. */
  @Column({ name: 'mediator_accepted_at', type: 'timestamptz', nullable: true })
  mediatorAcceptedAt!: Date | null;

  /** R20: calendar days added to the mediation period by extensions every party agreed to (ending module). */
  @Column({ name: 'mediation_extension_days', type: 'int', default: 0 })
  mediationExtensionDays!: number;

  /** R20: expert appraisal and suspension (R36): time that does not count against the period. */
  @Column({ name: 'period_pauses', type: 'jsonb', nullable: true })
  periodPauses!: PeriodPause[] | null;

  @Column({ name: 'first_contact_at', type: 'timestamptz', nullable: true })
  firstContactAt!: Date | null;

  @Column({ name: 'mediation_started_at', type: 'timestamptz', nullable: true })
  mediationStartedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
