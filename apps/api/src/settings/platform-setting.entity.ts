import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A platform setting changed by a system admin (issue #13); absent keys read as their default. */
@Entity({ name: 'platform_setting' })
export class PlatformSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
