import type { DisputeType } from '@tiaojie/contracts';
import type { OrganisationType } from '@tiaojie/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Court } from './court.entity';
import { JusticeBureau } from './justice-bureau.entity';

/** A mediation organisation; its public profile (R05) is what `GET /api/organisations` shows. */
@Entity({ name: 'organisation' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The name in English, where the admin gave one (issue #11); the web falls back to `name`. */
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn!: string | null;

  @Column({ type: 'varchar', length: 32 })
  type!: OrganisationType;

  @Column({ type: 'varchar', length: 12 })
  region!: string;

  /** The basic court it is affiliated to (R05, R30). */
  @Column({ name: 'court_id', type: 'uuid', nullable: true })
  courtId!: string | null;

  @ManyToOne(() => Court, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'court_id', foreignKeyConstraintName: 'fk_organisation_court' })
  court?: Court | null;

  /** The 司法局 supervising it (R38 escalation, statistics); null: the system admin stands in. */
  @Index('ix_organisation_bureau')
  @Column({ name: 'bureau_id', type: 'uuid', nullable: true })
  bureauId!: string | null;

  @ManyToOne(() => JusticeBureau, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'bureau_id', foreignKeyConstraintName: 'fk_organisation_bureau' })
  bureau?: JusticeBureau | null;

  /** R35: people's mediation is free; professional committees may charge (R05). */
  @Column({ name: 'charges_fees', type: 'boolean', default: false })
  chargesFees!: boolean;

  /** R35: the published fee schedule, shown wherever fees matter (empty when free). */
  @Column({ name: 'fee_schedule', type: 'text', default: '' })
  feeSchedule!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'description_en', type: 'text', nullable: true })
  descriptionEn!: string | null;

  /** Dispute types handled (routing). */
  @Column({ name: 'dispute_types', type: 'text', array: true, default: '{}' })
  disputeTypes!: DisputeType[];

  /** Administrative division codes covered (prefix match: 330000 is the whole province). */
  @Column({ type: 'text', array: true, default: '{}' })
  regions!: string[];

  /** R21 (check, configurable): the kinds of court-brought case it takes (delegated 委派, entrusted 委托). */
  @Column({ name: 'court_case_kinds', type: 'text', array: true, default: '{delegated,entrusted}' })
  courtCaseKinds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
