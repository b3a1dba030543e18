import type { DisputeType } from '@tiaojie/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mediator's public profile (R05): what they handle, their expertise, fees. */
@Entity({ name: 'mediator_profile' })
export class MediatorProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'dispute_types', type: 'text', array: true, default: '{}' })
  disputeTypes!: DisputeType[];

  @Column({ type: 'text', array: true, default: '{}' })
  expertise!: string[];

  @Column({ type: 'text', default: '' })
  bio!: string;

  /** Issue #13: administrative division codes the mediator takes cases from (prefix match, like organisations). */
  @Column({ type: 'text', array: true, default: '{}' })
  regions!: string[];

  /** Issue #13 (R05): languages and dialects spoken, as the admin wrote them (普通话, 杭州话, English). */
  @Column({ type: 'text', array: true, default: '{}' })
  languages!: string[];

  /** Issue #13: the profile photo's type (the bytes are in mediator_photo), null when none. */
  @Column({ name: 'photo_mime', type: 'varchar', length: 32, nullable: true })
  photoMime!: string | null;

  /** R05 in English, where the admin gave it (issue #11): the name as it reads in English, bio, expertise. */
  @Column({ name: 'name_en', type: 'varchar', length: 100, nullable: true })
  nameEn!: string | null;

  @Column({ name: 'bio_en', type: 'text', nullable: true })
  bioEn!: string | null;

  @Column({ name: 'expertise_en', type: 'text', array: true, nullable: true })
  expertiseEn!: string[] | null;

  @Column({ name: 'years_of_practice', type: 'int', default: 0 })
  yearsOfPractice!: number;

  @Column({ name: 'charges_fees', type: 'boolean', default: false })
  chargesFees!: boolean;

  /** Shown on the public roster. */
  @Column({ name: 'is_public', type: 'boolean', default: true })
  isPublic!: boolean;

  /** Concurrent cases this mediator takes before proposals skip them. */
  @Column({ type: 'int', default: 30 })
  capacity!: number;
}
