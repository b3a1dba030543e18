import type { MessageKind } from '@tiaojie/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A stored message. (channel, seq) is unique and gap-free; (sender, client id) de-duplicates retries. */
@Entity({ name: 'channel_message' })
@Index('uq_message_channel_seq', ['channelId', 'seq'], { unique: true })
@Index('uq_message_sender_client', ['senderId', 'clientId'], { unique: true })
export class ChannelMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'sender_id', type: 'uuid' })
  senderId!: string;

  @Column({ name: 'sender_role', type: 'varchar', length: 8 })
  senderRole!: 'party' | 'agent' | 'mediator' | 'system';

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'varchar', length: 12, default: 'text' })
  kind!: MessageKind;

  @Column({ type: 'text' })
  body!: string;

  /** R17: a concession made only to reach agreement. */
  @Column({ type: 'boolean', default: false })
  concession!: boolean;

  @Column({ name: 'shared_from_message_id', type: 'uuid', nullable: true })
  sharedFromMessageId!: string | null;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** How far each member has read each channel (read receipts per message follow from it). */
@Entity({ name: 'channel_read' })
export class ChannelRead {
  @Column({ name: 'channel_id', type: 'uuid', primary: true })
  channelId!: string;

  @Column({ name: 'user_id', type: 'uuid', primary: true })
  userId!: string;

  @Column({ name: 'last_read_seq', type: 'int', default: 0 })
  lastReadSeq!: number;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt!: Date;
}
