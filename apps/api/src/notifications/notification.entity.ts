import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationChannel = 'in_app' | 'sms' | 'email';
/**
 * `sending`: a provider call is in progress (or was, when its sender died: see the dispatcher);
 * `unknown`: interrupted mid-call and the provider cannot say whether it took the message —
 * shown to the organisation admin, who retries it or marks it delivered (issue #9).
 */
export type NotificationStatus = 'pending' | 'queued' | 'sending' | 'sent' | 'failed' | 'unknown';

/**
 * The outbox: one row per recipient and channel, written in the transaction of the step that
 * causes it; a dispatcher sends them afterwards. `dedup_key` (event, recipient, channel)
 * makes a second write of the same notice impossible.
 */
@Entity({ name: 'notification' })
@Index('ix_notification_due', ['status', 'nextAttemptAt'])
@Index('ix_notification_user', ['recipientUserId', 'channel', 'createdAt'])
// A case's notices by template: the staff case view (cases/party-notices.ts) and the scans' checks.
@Index('ix_notification_case', ['caseId', 'template'])
// The unread in-app notices, by send time: the unread-escalation scan every minute (issue #11).
@Index('ix_notification_unread_in_app', ['sentAt'], { where: `"channel" = 'in_app' AND "read_at" IS NULL` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_notification_dedup', { unique: true })
  @Column({ name: 'dedup_key', type: 'varchar', length: 200 })
  dedupKey!: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ name: 'recipient_user_id', type: 'uuid', nullable: true })
  recipientUserId!: string | null;

  @Column({ name: 'recipient_mobile', type: 'varchar', length: 11, nullable: true })
  recipientMobile!: string | null;

  @Column({ name: 'recipient_email', type: 'varchar', length: 254, nullable: true })
  recipientEmail!: string | null;

  /** The recipient's role in the case: picks the template wording. */
  @Column({ name: 'recipient_role', type: 'varchar', length: 16 })
  recipientRole!: string;

  @Column({ type: 'varchar', length: 8 })
  channel!: NotificationChannel;

  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  locale!: string;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ type: 'jsonb', default: {} })
  params!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: NotificationStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** When the current (or last) provider call started. While `sending`, next_attempt_at is the lease: past it, the call is taken for dead. */
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 100, nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** In-app notice opened, or the link in an SMS/email followed. */
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
