import type { Role } from '@tiaojie/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Court } from './court.entity';
import { JusticeBureau } from './justice-bureau.entity';
import { Organisation } from './organisation.entity';

export type MembershipStatus = 'active' | 'suspended' | 'left';

/** A user's role inside one organisation (mediator, org_admin), one court (judge, clerk) or one 司法局 (bureau). */
@Entity({ name: 'membership' })
@Index('uq_membership', ['userId', 'organisationId', 'courtId', 'bureauId', 'role'], { unique: true })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_membership_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_membership_user' })
  user?: User;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_membership_organisation' })
  organisation?: Organisation | null;

  @Column({ name: 'court_id', type: 'uuid', nullable: true })
  courtId!: string | null;

  @ManyToOne(() => Court, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'court_id', foreignKeyConstraintName: 'fk_membership_court' })
  court?: Court | null;

  @Column({ name: 'bureau_id', type: 'uuid', nullable: true })
  bureauId!: string | null;

  @ManyToOne(() => JusticeBureau, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bureau_id', foreignKeyConstraintName: 'fk_membership_bureau' })
  bureau?: JusticeBureau | null;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /**
   * R39 (issue #13): a mediator on the roster is active, suspended (not offered, not assignable,
   * takes no new case) or has left (the row stays: history). Other roles stay `active`.
   */
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: MembershipStatus;

  @Column({ name: 'status_reason', type: 'varchar', length: 200, nullable: true })
  statusReason!: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
