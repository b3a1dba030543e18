import { Column, Entity, PrimaryColumn } from 'typeorm';

/** R27: the case file (立卷归档) made when the case was closed: one per case, kept read-only. */
@Entity({ name: 'case_archive' })
export class CaseArchive {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 120 })
  fileName!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  /** The state the case was closed from. */
  @Column({ name: 'closed_from', type: 'varchar', length: 32 })
  closedFrom!: string;

  @Column({ name: 'closed_by_id', type: 'uuid' })
  closedById!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
