import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A 司法局 (justice bureau): supervises the people's mediation organisations attached to it
 * (`organisation.bureau_id`). Its staff hold the `bureau` role through a membership of it; they
 * receive escalated complaints (R38) and see the statistics of its organisations.
 */
@Entity({ name: 'justice_bureau' })
export class JusticeBureau {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn!: string | null;

  /** Administrative division code (GB/T 2260) of the bureau's area. */
  @Column({ type: 'varchar', length: 12 })
  region!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
