import type { IntakeChannel, Role } from '@tiaojie/domain';
import type { Locale } from '@tiaojie/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Normalised 11-digit mainland mobile number; the login name. */
  @Index('uq_app_user_mobile', { unique: true })
  @Column({ type: 'varchar', length: 11 })
  mobile!: string;

  /** argon2id; null for accounts that only ever log in by SMS code. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  locale!: Locale;

  /** When the account's language was chosen (issue #11): until then a login on an English page sets it. */
  @Column({ name: 'locale_chosen_at', type: 'timestamptz', nullable: true })
  localeChosenAt!: Date | null;

  /** Global roles; organisation and court roles also hold a Membership row. */
  @Column({ type: 'text', array: true, default: '{citizen}' })
  roles!: Role[];

  /** For intake staff: the channel recorded on what they file (R03). */
  @Column({ name: 'intake_channel', type: 'varchar', length: 16, nullable: true })
  intakeChannel!: IntakeChannel | null;

  @Column({ name: 'real_name', type: 'varchar', length: 50, nullable: true })
  realName!: string | null;

  /** AES-256-GCM ciphertext of the resident ID number (iv.tag.data, base64). */
  @Column({ name: 'id_number_enc', type: 'text', nullable: true })
  idNumberEnc!: string | null;

  /** HMAC-SHA-256 of the ID number: finds duplicates without decrypting. */
  @Index('uq_app_user_id_number_hash', { unique: true, where: 'id_number_hash IS NOT NULL' })
  @Column({ name: 'id_number_hash', type: 'varchar', length: 64, nullable: true })
  idNumberHash!: string | null;

  @Column({ name: 'id_number_masked', type: 'varchar', length: 18, nullable: true })
  idNumberMasked!: string | null;

  @Column({ name: 'real_name_verified_at', type: 'timestamptz', nullable: true })
  realNameVerifiedAt!: Date | null;

  /** Notification preferences: in-app is always on; SMS and email may be turned off. */
  @Column({ name: 'notify_sms', type: 'boolean', default: true })
  notifySms!: boolean;

  @Column({ name: 'notify_email', type: 'boolean', default: true })
  notifyEmail!: boolean;

  /** No SMS between these China-time hours (HH:MM), except deadline notices. */
  @Column({ name: 'quiet_hours_start', type: 'varchar', length: 5, nullable: true })
  quietHoursStart!: string | null;

  @Column({ name: 'quiet_hours_end', type: 'varchar', length: 5, nullable: true })
  quietHoursEnd!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
