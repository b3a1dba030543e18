import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminUserSummary, Locale, Membership as MembershipView, NotificationPreferences, UserProfile } from '@tiaojie/contracts';
import { NotificationPreferencesDto } from './dto/preferences.dto';
import { maskIdNumber, validateIdNumber, type Role } from '@tiaojie/domain';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { encrypt, hmacHex } from '../common/crypto';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { ChangePasswordDto, RealNameDto, UpdateProfileDto } from './dto/profile.dto';
import { PasswordLoginDto, RegisterDto } from './dto/auth.dto';
import { assertNotLastAdmin } from './last-admin';
import { LoginThrottle } from './login-throttle.entity';
import { MembershipReader, type HeldMembership } from './membership-reader';
import { OtpService } from './otp.service';
import { SessionEvents } from './session-events';
import { IssuedTokens, TokensService } from './tokens.service';
import { User } from './user.entity';

/** argon2id with OWASP's recommended minimum (19 MiB, 2 passes). */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const LOCK_MINUTES = 15;

export interface LoginResult {
  user: UserProfile;
  tokens: IssuedTokens;
}

/** Accounts: registration, logins, profile, real name, password, disabling. Each change is audited. */
@Injectable()
export class AccountsService {
  /** Verified against when the number is unknown, so a miss costs as long as a hit. */
  private dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly otp: OtpService,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: SessionEvents,
    private readonly memberships: MembershipReader,
  ) {
    this.dummyHash = argon2.hash('not-a-real-password', ARGON2_OPTIONS);
  }

  hashPassword(password: string) {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async register(dto: RegisterDto, meta: RequestMeta): Promise<LoginResult> {
    await this.otp.verify(dto.mobile, 'register', dto.code);
    const passwordHash = await this.hashPassword(dto.password);
    const { user, tokens } = await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      if (await repo.exists({ where: { mobile: dto.mobile } })) {
        throw AppException.field('MOBILE_TAKEN', 'mobile', 'mobileTaken', 'This number is already registered');
      }
      const user = await repo.save(
        // Issue #11: the language of the page registered on is a choice (zh-CN alone is the default).
        repo.create({
          mobile: dto.mobile,
          name: dto.name,
          passwordHash,
          locale: dto.locale ?? 'zh-CN',
          localeChosenAt: dto.locale && dto.locale !== 'zh-CN' ? this.clock.now() : null,
          roles: ['citizen'],
        }),
      );
      await this.audit.record({ actorId: user.id, action: 'account.register', targetType: 'user', targetId: user.id }, meta, manager);
      const tokens = await this.tokens.startSession(manager, user, meta);
      return { user, tokens };
    });
    return { user: await this.profile(user.id), tokens };
  }

  /**
   * The attempt is counted before the password is checked, in one atomic statement, so
   * concurrent guesses — on any API process — each take their own place: at most
   * LOGIN_MAX_FAILURES are checked per window and every later one is refused (a right
   * password included) until the lock passes. A right password clears the count.
   */
  async loginWithPassword(dto: PasswordLoginDto, meta: RequestMeta): Promise<LoginResult> {
    const now = this.clock.now();
    const lockedUntil = await this.claimLoginAttempt(dto.mobile, now);
    if (lockedUntil && lockedUntil > now) {
      const wait = Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000);
      throw new AppException('RATE_LIMITED', 'Too many failed logins for this number; try again later', undefined, {
        'Retry-After': String(wait),
      });
    }
    const user = await this.db.getRepository(User).findOne({ where: { mobile: dto.mobile } });
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !user.passwordHash || !ok) {
      throw new AppException('INVALID_CREDENTIALS', 'Wrong mobile number or password');
    }
    await this.db.getRepository(LoginThrottle).delete({ mobile: dto.mobile });
    return this.completeLogin(user, 'password', meta, dto.locale);
  }

  /**
   * Counts one attempt for the number and returns the lock's end when it is locked: the
   * attempt past LOGIN_MAX_FAILURES within the window locks the number for LOCK_MINUTES.
   * A lock or a window that has passed starts the count again.
   */
  private async claimLoginAttempt(mobile: string, now: Date): Promise<Date | null> {
    const windowMs = LOCK_MINUTES * 60_000;
    const rows: Array<{ locked_until: Date | string | null }> = await this.db.query(
      `INSERT INTO login_throttle AS t (mobile, failures, window_started_at, locked_until)
       VALUES ($1, 1, $2, NULL)
       ON CONFLICT (mobile) DO UPDATE SET
         failures = CASE WHEN t.locked_until > $2 THEN t.failures
                         WHEN t.locked_until IS NOT NULL OR t.window_started_at <= $3 THEN 1
                         ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.locked_until > $2 THEN t.window_started_at
                                  WHEN t.locked_until IS NOT NULL OR t.window_started_at <= $3 THEN $2
                                  ELSE t.window_started_at END,
         locked_until = CASE WHEN t.locked_until > $2 THEN t.locked_until
                             WHEN t.locked_until IS NOT NULL OR t.window_started_at <= $3 THEN NULL
                             WHEN t.failures + 1 > $4 THEN $5
                             ELSE NULL END
       RETURNING locked_until`,
      [mobile, now, new Date(now.getTime() - windowMs), this.config.env.LOGIN_MAX_FAILURES, new Date(now.getTime() + windowMs)],
    );
    const until = rows[0]?.locked_until;
    return until ? new Date(until) : null;
  }

  async loginWithOtp(mobile: string, code: string, meta: RequestMeta, locale?: Locale): Promise<LoginResult> {
    await this.otp.verify(mobile, 'login', code);
    const user = await this.db.getRepository(User).findOne({ where: { mobile } });
    // A code for login is only delivered to an existing account; anything else cannot match.
    if (!user) throw AppException.field('OTP_INVALID', 'code', 'otp_invalid', 'The code is wrong');
    return this.completeLogin(user, 'otp', meta, locale);
  }

  /**
   * Issue #11: the language of the page logged in on becomes the account's (its SMS and email
   * language) when the account never chose one; a language chosen before stays.
   */
  private async completeLogin(user: User, method: 'password' | 'otp', meta: RequestMeta, locale?: Locale): Promise<LoginResult> {
    if (user.disabledAt) throw new AppException('ACCOUNT_DISABLED', 'This account is disabled');
    const tokens = await this.db.transaction(async (manager) => {
      if (locale && locale !== user.locale && !user.localeChosenAt) {
        await manager.getRepository(User).update({ id: user.id }, { locale, localeChosenAt: this.clock.now() });
        await this.audit.record({ actorId: user.id, action: 'account.profile_updated', targetType: 'user', targetId: user.id, detail: { fields: ['locale'], at: 'login' } }, meta, manager);
      }
      await this.audit.record({ actorId: user.id, action: 'account.login', targetType: 'user', targetId: user.id, detail: { method } }, meta, manager);
      return this.tokens.startSession(manager, user, meta);
    });
    return { user: await this.profile(user.id), tokens };
  }

  async logout(userId: string, sessionId: string, meta: RequestMeta) {
    await this.db.transaction(async (manager) => {
      await this.tokens.revokeSession(manager, sessionId, 'logout');
      await this.audit.record({ actorId: userId, action: 'account.logout', targetType: 'session', targetId: sessionId }, meta, manager);
    });
    this.events.sessionEnded(sessionId, 'logout');
  }

  async profile(userId: string, manager: EntityManager = this.db.manager): Promise<UserProfile> {
    const user = await manager.getRepository(User).findOneOrFail({ where: { id: userId } });
    const memberships = await this.memberships.ofUser(userId, manager);
    // Issue #13: a mediator who left an organisation no longer acts for it.
    return toProfile(
      user,
      memberships.filter((m) => !m.left),
    );
  }

  async updateProfile(userId: string, dto: UpdateProfileDto, meta: RequestMeta): Promise<UserProfile> {
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const user = await repo.findOneOrFail({ where: { id: userId } });
      const changed: string[] = [];
      if (dto.name !== undefined && dto.name !== user.name) {
        user.name = dto.name;
        changed.push('name');
      }
      if (dto.email !== undefined && dto.email !== user.email) {
        user.email = dto.email;
        changed.push('email');
      }
      if (dto.locale !== undefined && dto.locale !== user.locale) {
        user.locale = dto.locale;
        changed.push('locale');
      }
      // Issue #11: a language set here is a choice, even the one it already had.
      const chosen = dto.locale !== undefined && !user.localeChosenAt;
      if (chosen) user.localeChosenAt = this.clock.now();
      if (chosen && !changed.length) await repo.save(user);
      if (changed.length) {
        await repo.save(user);
        await this.audit.record({ actorId: userId, action: 'account.profile_updated', targetType: 'user', targetId: userId, detail: { fields: changed } }, meta, manager);
      }
      return this.profile(userId, manager);
    });
  }

  /** Real-name record: the ID number is validated (GB 11643), stored encrypted, shown masked. */
  async setRealName(userId: string, dto: RealNameDto, meta: RequestMeta): Promise<UserProfile> {
    const check = validateIdNumber(dto.idNumber, this.clock.now());
    if (!check.valid) {
      throw AppException.field('VALIDATION_FAILED', 'idNumber', 'isIdNumber', `Not a valid resident ID number (${check.reason})`);
    }
    const idNumberHash = hmacHex(this.config.idKey, check.normalised);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const holder = await repo.findOne({ where: { idNumberHash } });
      if (holder && holder.id !== userId) {
        throw AppException.field('CONFLICT', 'idNumber', 'idNumberTaken', 'This ID number is already recorded on another account');
      }
      await repo.update(
        { id: userId },
        {
          realName: dto.realName,
          idNumberEnc: encrypt(this.config.idKey, check.normalised),
          idNumberHash,
          idNumberMasked: maskIdNumber(check.normalised),
          realNameVerifiedAt: this.clock.now(),
        },
      );
      await this.audit.record({ actorId: userId, action: 'account.real_name_recorded', targetType: 'user', targetId: userId }, meta, manager);
      return this.profile(userId, manager);
    });
  }

  async changePassword(userId: string, sessionId: string, dto: ChangePasswordDto, meta: RequestMeta) {
    const user = await this.db.getRepository(User).findOneOrFail({ where: { id: userId } });
    if (user.passwordHash) {
      if (!dto.currentPassword || !(await argon2.verify(user.passwordHash, dto.currentPassword))) {
        throw AppException.field('INVALID_CREDENTIALS', 'currentPassword', 'currentPassword', 'The current password is wrong');
      }
    }
    const passwordHash = await this.hashPassword(dto.newPassword);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: userId }, { passwordHash });
      // Other devices must log in again with the new password.
      await this.tokens.revokeAllForUser(manager, userId, 'password_changed', sessionId);
      await this.audit.record({ actorId: userId, action: 'account.password_changed', targetType: 'user', targetId: userId }, meta, manager);
    });
  }

  async setPreferences(userId: string, dto: NotificationPreferencesDto, meta: RequestMeta): Promise<NotificationPreferences> {
    return this.db.transaction(async (manager) => {
      await manager
        .getRepository(User)
        .update({ id: userId }, { notifySms: dto.sms, notifyEmail: dto.email, quietHoursStart: dto.quietHours?.start ?? null, quietHoursEnd: dto.quietHours?.end ?? null });
      await this.audit.record(
        { actorId: userId, action: 'account.notification_preferences', targetType: 'user', targetId: userId, detail: { sms: dto.sms, email: dto.email, quietHours: dto.quietHours ?? null } },
        meta,
        manager,
      );
      return preferencesOf(await manager.getRepository(User).findOneByOrFail({ id: userId }));
    });
  }

  async listUsers(): Promise<AdminUserSummary[]> {
    const users = await this.db.getRepository(User).find({ order: { createdAt: 'ASC' }, take: 500 });
    return users.map(toAdminSummary);
  }

  /** Disabling ends every session of the account at once (and its sockets). */
  async setDisabled(adminId: string, userId: string, disabled: boolean, reason: string | undefined, meta: RequestMeta) {
    if (adminId === userId && disabled) {
      throw AppException.field('UNPROCESSABLE', 'disabled', 'notSelf', 'You cannot disable your own account');
    }
    const user = await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const user = await repo.findOne({ where: { id: userId } });
      if (!user) throw new AppException('NOT_FOUND', 'No such user');
      if (disabled && user.roles.includes('admin')) await assertNotLastAdmin(manager, userId, 'disabled');
      user.disabledAt = disabled ? (user.disabledAt ?? this.clock.now()) : null;
      user.disabledReason = disabled ? (reason ?? null) : null;
      await repo.save(user);
      if (disabled) await this.tokens.revokeAllForUser(manager, userId, 'disabled');
      await this.audit.record({ actorId: adminId, action: disabled ? 'account.disabled' : 'account.enabled', targetType: 'user', targetId: userId, detail: reason ? { reason } : {} }, meta, manager);
      return user;
    });
    if (disabled) this.events.userSessionsEnded(userId, 'disabled');
    return toAdminSummary(user);
  }
}

export function preferencesOf(user: User): NotificationPreferences {
  return {
    sms: user.notifySms,
    email: user.notifyEmail,
    quietHours: user.quietHoursStart && user.quietHoursEnd ? { start: user.quietHoursStart, end: user.quietHoursEnd } : null,
  };
}

export function toProfile(user: User, memberships: HeldMembership[]): UserProfile {
  const roles = new Set<Role>(user.roles);
  const views = memberships.flatMap((m): MembershipView[] => {
    roles.add(m.role);
    return m.place ? [{ ...m.place, role: m.role }] : [];
  });
  return {
    id: user.id,
    mobile: user.mobile,
    name: user.name,
    email: user.email,
    locale: user.locale,
    roles: [...roles],
    memberships: views,
    intakeChannel: user.intakeChannel,
    realName: user.realName,
    idNumberMasked: user.idNumberMasked,
    realNameRecordedAt: user.realNameVerifiedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

function toAdminSummary(user: User): AdminUserSummary {
  return { id: user.id, mobile: user.mobile, name: user.name, roles: user.roles, disabled: !!user.disabledAt, createdAt: user.createdAt.toISOString() };
}
