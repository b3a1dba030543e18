import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { MediationCase } from '../cases/case.entity';
import { Organisation } from '../organisations/organisation.entity';

/** Issue #13 (R05): a mediator's profile photo, sniffed on upload; served publicly by GET /api/mediators/:id/photo. */
@Entity({ name: 'mediator_photo' })
export class MediatorPhoto {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_mediator_photo_user' })
  user?: User;

  @Column({ type: 'varchar', length: 32 })
  mime!: string;

  @Column({ type: 'bytea' })
  bytes!: Buffer;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export type CredentialKind = 'certification' | 'training';

/** Issue #13 (R39): a certification (调解员证书) or training record of a mediator, with its expiry. */
@Entity({ name: 'mediator_credential' })
@Index('ix_mediator_credential_user', ['userId', 'organisationId'])
export class MediatorCredential {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_mediator_credential_user' })
  user?: User;

  /** The organisation whose admin recorded it. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_mediator_credential_organisation' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 16 })
  kind!: CredentialKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  issuer!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Issue #13: a party's rating of an ended case (1–5 and a short comment), once per party. The
 * statistics module reads case_id, mediator_user_id, organisation_id, score and created_at.
 */
@Entity({ name: 'case_rating' })
@Index('uq_case_rating_party', ['caseId', 'userId'], { unique: true })
@Index('ix_case_rating_mediator', ['mediatorUserId', 'createdAt'])
@Index('ix_case_rating_organisation', ['organisationId', 'createdAt'])
@Check('ck_case_rating_score', 'score BETWEEN 1 AND 5')
@Check('ck_case_rating_comment', 'char_length(comment) <= 500')
export class CaseRating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => MediationCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_rating_case' })
  case?: MediationCase;

  /** The rating party's account. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_case_rating_user' })
  user?: User;

  /** The presiding mediator of the case when it ended (null if none was ever accepted). */
  @Column({ name: 'mediator_user_id', type: 'uuid', nullable: true })
  mediatorUserId!: string | null;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'smallint' })
  score!: number;

  @Column({ type: 'text', default: '' })
  comment!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export type FollowUpMethod = 'phone' | 'visit' | 'online';
export type PerformanceStatus = 'performed' | 'partly' | 'not_performed';

/** Issue #13 (回访): a follow-up visit on the performance of a case's agreement, by staff; never shown to parties. */
@Entity({ name: 'case_follow_up' })
@Index('ix_case_follow_up_case', ['caseId'])
@Index('ix_case_follow_up_due', ['organisationId', 'dueOn'])
export class CaseFollowUp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => MediationCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_follow_up_case' })
  case?: MediationCase;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: FollowUpMethod;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ name: 'scheduled_by_id', type: 'uuid' })
  scheduledById!: string;

  @Column({ name: 'performance_status', type: 'varchar', length: 16, nullable: true })
  performanceStatus!: PerformanceStatus | null;

  @Column({ name: 'result_notes', type: 'text', nullable: true })
  resultNotes!: string | null;

  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  recordedById!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
