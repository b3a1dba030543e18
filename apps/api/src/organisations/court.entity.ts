import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'court' })
export class Court {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Administrative division code (GB/T 2260), e.g. 330106 for Xihu District, Hangzhou. */
  @Column({ type: 'varchar', length: 12 })
  region!: string;

  @Column({ type: 'varchar', length: 16, default: 'basic' })
  level!: 'basic' | 'intermediate' | 'high';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
