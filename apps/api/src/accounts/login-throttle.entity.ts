import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed password logins per mobile number, whether or not an account has that number,
 * so the lock itself reveals nothing about registration.
 */
@Entity({ name: 'login_throttle' })
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 11 })
  mobile!: string;

  /** Attempts counted in the window since the last successful login, each before its password is checked (AccountsService.claimLoginAttempt). */
  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
