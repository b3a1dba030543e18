import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SessionMode = 'text' | 'video' | 'on_site';

/** R14: a session is "under way" for check-in purposes from this long before its start to its end. */
export const SESSION_CHECK_IN_OPENS_MINUTES = 30;

/**
 * A scheduled mediation session (R13): text, video or on site, with some or all parties.
 * Separate time slots need the consent of everyone in them.
 */
@Entity({ name: 'mediation_session' })
@Index('ix_session_case', ['caseId', 'startsAt'])
export class MediationSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'duration_minutes', type: 'int', default: 60 })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 8 })
  mode!: SessionMode;

  /** A separate (背对背) slot with only these parties, or a joint session. */
  @Column({ type: 'boolean', default: false })
  separate!: boolean;

  @Column({ name: 'party_ids', type: 'uuid', array: true })
  partyIds!: string[];

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById!: string;

  @Column({ type: 'varchar', length: 12, default: 'scheduled' })
  status!: 'scheduled' | 'cancelled';

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Per participant: consent to a separate slot (R13), identity re-confirmed and the sham-mediation warning shown at check-in (R14). */
@Entity({ name: 'session_attendance' })
export class SessionAttendance {
  @Column({ name: 'session_id', type: 'uuid', primary: true })
  sessionId!: string;

  @Column({ name: 'user_id', type: 'uuid', primary: true })
  userId!: string;

  @Column({ name: 'consented_at', type: 'timestamptz', nullable: true })
  consentedAt!: Date | null;

  @Column({ name: 'identity_confirmed_at', type: 'timestamptz', nullable: true })
  identityConfirmedAt!: Date | null;

  @Column({ name: 'warning_acknowledged_at', type: 'timestamptz', nullable: true })
  warningAcknowledgedAt!: Date | null;
}
