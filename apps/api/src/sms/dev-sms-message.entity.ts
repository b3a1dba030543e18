import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What the development SMS sender "sent": kept so a developer can read codes locally. */
@Entity({ name: 'dev_sms_message' })
export class DevSmsMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_dev_sms_message_mobile')
  @Column({ type: 'varchar', length: 11 })
  mobile!: string;

  @Column({ type: 'text' })
  body!: string;

  @Index('uq_dev_sms_message_dedup', { unique: true, where: 'dedup_key IS NOT NULL' })
  @Column({ name: 'dedup_key', type: 'varchar', length: 200, nullable: true })
  dedupKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
