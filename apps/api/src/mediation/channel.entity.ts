import type { ChannelKind, JointCallState } from '@tiaojie/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A conversation channel of a case: one caucus per party, one joint channel, one notes
 * channel for the mediators. `last_seq` is the channel's gap-free message counter, taken in
 * the same statement that stores a message.
 */
@Entity({ name: 'conversation_channel' })
@Index('uq_channel_case_kind_party', ['caseId', 'kind', 'partyId'], { unique: true })
export class ConversationChannel {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_channel_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: ChannelKind;

  /** The party of a caucus; a fixed placeholder uuid for joint and notes keeps the unique key simple. */
  @Column({ name: 'party_id', type: 'uuid' })
  partyId!: string;

  @Column({ type: 'boolean', default: false })
  open!: boolean;

  /** R15: the joint call the mediator started here (joint channel only), with who consented; null when none. */
  @Column({ name: 'joint_call', type: 'jsonb', nullable: true })
  jointCall!: JointCallState | null;

  @Column({ name: 'last_seq', type: 'int', default: 0 })
  lastSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** partyId for channels that belong to no party. */
export const NO_PARTY = '00000000-0000-0000-0000-000000000000';
