import type { DocumentKind, DocumentVisibility, PartySide } from '@tiaojie/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded file of a case. Stored by a storage driver under a random key, never a guessable path. */
@Entity({ name: 'case_document' })
@Index('ix_case_document_case', ['caseId', 'createdAt'])
export class CaseDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'uploaded_by_id', type: 'uuid' })
  uploadedById!: string;

  /** The side the uploader acts for; documents with `own_side` visibility stay on it. */
  @Column({ name: 'uploaded_by_side', type: 'varchar', length: 16 })
  uploadedBySide!: PartySide | 'mediator' | 'staff';

  @Column({ type: 'varchar', length: 24 })
  kind!: DocumentKind;

  @Column({ type: 'varchar', length: 16 })
  visibility!: DocumentVisibility;

  @Column({ name: 'file_name', type: 'varchar', length: 160 })
  fileName!: string;

  @Column({ name: 'mime_type', type: 'varchar', length: 100 })
  mimeType!: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey!: string;

  /**
   * An attachment made inside a conversation channel (a caucus, the joint channel, the
   * mediators' notes): visible only to those who may read that channel, or a channel a message
   * carrying it was shared into (R15). Null for ordinary case documents. Such documents are
   * never listed with the case's documents.
   */
  @Column({ name: 'channel_id', type: 'uuid', nullable: true })
  channelId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
