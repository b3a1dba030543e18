import type { DeclineReason } from '@tiaojie/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AssignmentStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'removed';

/** A mediator's assignment to a case (R08–R11): accepted or declined within 3 working days (R09). */
@Entity({ name: 'case_assignment' })
@Index('ix_case_assignment_case', ['caseId', 'status'])
@Index('ix_case_assignment_mediator', ['mediatorId', 'status'])
// TARGETS P3: is this case in this mediator's queue — answered from the index alone.
@Index('ix_case_assignment_case_mediator', ['caseId', 'mediatorId', 'status'])
// TARGETS P3: a mediator's queue is one range of (mediator_id, case_updated_at DESC, case_id DESC)
// over the open assignments (migration 1764630000000-MediatorQueueOrder; TypeORM cannot state the
// DESC order, so it leaves this index to the migration).
@Index('ix_case_assignment_queue', { synchronize: false })
// One open assignment per mediator and case (R08–R11; the services check first, this is the backstop).
@Index('uq_case_assignment_open', ['caseId', 'mediatorId'], { unique: true, where: `"status" IN ('pending', 'accepted')` })
export class CaseAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'mediator_id', type: 'uuid' })
  mediatorId!: string;

  @Column({ type: 'varchar', length: 16, default: 'presiding' })
  role!: 'presiding' | 'member';

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: AssignmentStatus;

  @Column({ name: 'assigned_by_id', type: 'uuid', nullable: true })
  assignedById!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;

  /** Its case's `updated_at`, kept by PostgreSQL triggers (the queue's order); never written here. */
  @Column({ name: 'case_updated_at', type: 'timestamptz', insert: false, update: false, select: false })
  caseUpdatedAt?: Date;

  @Column({ name: 'respond_by', type: 'timestamptz' })
  respondBy!: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 32, nullable: true })
  declineReason!: DeclineReason | null;

  @Column({ name: 'decline_note', type: 'text', nullable: true })
  declineNote!: string | null;

  /** R10: conflicts disclosed on acceptance. */
  @Column({ name: 'conflict_disclosure', type: 'text', nullable: true })
  conflictDisclosure!: string | null;

  /** Reminder sent before respondBy (one per assignment). */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;
}

/**
 * A new assignment waiting for the mediator's answer (R08: accept or decline by `respondBy`), the
 * one shape used when a dispatcher assigns, a party chooses, or a change of mediator is granted.
 */
export function pendingAssignment(a: { caseId: string; mediatorId: string; role: CaseAssignment['role']; assignedById: string | null; assignedAt: Date; respondBy: Date }): Omit<CaseAssignment, 'id'> {
  return { ...a, status: 'pending', respondedAt: null, declineReason: null, declineNote: null, conflictDisclosure: null, remindedAt: null };
}
