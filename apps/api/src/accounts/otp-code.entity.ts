import type { OtpPurpose } from '@tiaojie/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time SMS code: 6 digits, 5 minutes, a few guesses (LIMITS in contracts). */
@Entity({ name: 'otp_code' })
@Index('ix_otp_code_mobile_purpose', ['mobile', 'purpose', 'createdAt'])
export class OtpCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 11 })
  mobile!: string;

  @Column({ type: 'varchar', length: 16 })
  purpose!: OtpPurpose;

  /** HMAC of the code with the server secret. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  /** Set from the injected clock (not the database's), so tests can move time. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;
}
