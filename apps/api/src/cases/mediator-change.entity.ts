import type { MediatorChangeKind, MediatorChangeReason, MediatorChangeStatus } from '@tiaojie/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * R10, R11: a party's request for recusal of a mediator who disclosed a conflict, or to change
 * mediator; the dispatcher answers within 3 working days (`answer_by`), else it is escalated.
 * Private to the asking party and the organisation's admin (domain `mayReadMediatorChangeRequest`).
 */
@Entity({ name: 'mediator_change_request' })
@Index('ix_mediator_change_case', ['caseId', 'status'])
@Index('ix_mediator_change_due', ['status', 'answerBy'])
// One open request per party and assignment at a time.
@Index('ux_mediator_change_open', ['assignmentId', 'partyId'], { unique: true, where: `"status" = 'open'` })
export class MediatorChangeRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId!: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: MediatorChangeKind;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: MediatorChangeStatus;

  @Column({ name: 'reason_code', type: 'varchar', length: 32 })
  reasonCode!: MediatorChangeReason;

  @Column({ name: 'reason_note', type: 'text' })
  reasonNote!: string;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById!: string;

  /** By the application's clock (the deadline is counted from it). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'answer_by', type: 'timestamptz' })
  answerBy!: Date;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'answered_by_id', type: 'uuid', nullable: true })
  answeredById!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answer_note', type: 'text', nullable: true })
  answerNote!: string | null;

  @Column({ name: 'new_assignment_id', type: 'uuid', nullable: true })
  newAssignmentId!: string | null;
}

/** R10: a party's consent to go on with a mediator who disclosed a conflict (one per party and assignment). */
@Entity({ name: 'conflict_consent' })
@Index('ux_conflict_consent', ['assignmentId', 'partyId'], { unique: true })
export class ConflictConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId!: string;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'consented_at', type: 'timestamptz' })
  consentedAt!: Date;
}
