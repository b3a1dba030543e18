import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIMITS, type Locale, type OtpPurpose, type RequestOtpResponse } from '@tiaojie/contracts';
import { DataSource, MoreThan } from 'typeorm';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { hmacHex, randomDigits, safeEqualHex } from '../common/crypto';
import { AppConfig } from '../config/app-config';
import { SmsSender } from '../sms/sms-sender';
import { OtpCode } from './otp-code.entity';
import { User } from './user.entity';

/**
 * What a code is for, said in its SMS (issue #11: a code never arrives without its purpose, so a
 * code asked for by someone else for another step is recognised). Purposes with a text of their
 * own (signing, a filing's confirmation) give it in their OtpPolicy.
 */
const OTP_FOR: Record<OtpPurpose, Record<Locale, string>> = {
  login: { 'zh-CN': '登录', en: 'log in' },
  register: { 'zh-CN': '注册账号', en: 'register' },
  invitation: { 'zh-CN': '查看调解邀请', en: 'open your mediation invitation' },
  check_in: { 'zh-CN': '进入调解前核验身份', en: 'check in to your mediation session' },
  filing_confirm: { 'zh-CN': '确认工作人员代您提交的调解申请', en: 'confirm the application staff filed for you' },
  confirm_apply: { 'zh-CN': '申请法院司法确认', en: 'apply to the court for judicial confirmation' },
  sign_agreement: { 'zh-CN': '签署调解协议', en: 'sign the settlement agreement' },
};

/** The code SMS of a purpose, in the recipient's language. */
export function otpText(purpose: OtpPurpose, locale: Locale, sig: string, code: string, minutes: number): string {
  const what = OTP_FOR[purpose][locale];
  return locale === 'en'
    ? `[${sig}] ${code} is your code to ${what}, valid for ${minutes} minutes. Do not share it.`
    : `【${sig}】您正在${what}，验证码是${code}，${minutes}分钟内有效。请勿告诉他人。`;
}
const ALREADY_REGISTERED_TEXT: Record<Locale, (sig: string) => string> = {
  'zh-CN': (sig) => `【${sig}】该手机号已注册，请直接登录。如非本人操作，请忽略。`,
  en: (sig) => `[${sig}] This number is already registered: please log in. If this was not you, ignore this message.`,
};

/** A purpose's own expiry, attempt limit and message (e.g. signing an agreement, R26); defaults: LIMITS. */
export interface OtpPolicy {
  ttlSeconds?: number;
  maxAttempts?: number;
  text?: Record<Locale, (sig: string, code: string, minutes: number) => string>;
  /**
   * Deliver whether or not the number has an account: for a number the platform itself chose
   * (the one an invitation went to), where answering alike for unknown numbers protects nobody.
   */
  deliverToAnyNumber?: boolean;
}

/**
 * One-time SMS codes. Requests are answered the same way whether or not the number is
 * registered; a code row is written either way (with a code nobody knows when none is sent),
 * so rate limits also behave the same.
 */
@Injectable()
export class OtpService {
  private readonly logger = new Logger(OtpService.name);
  /** SMS sends still on their way (see request()). */
  private readonly sending = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sms: SmsSender,
  ) {}

  /** Resolves once every SMS this instance started has been handed to the provider (dev inbox, tests). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.sending]);
  }

  private hash(mobile: string, purpose: OtpPurpose, code: string) {
    return hmacHex(this.config.jwtSecret, `${purpose}:${mobile}:${code}`);
  }

  /**
   * Limits (1 a minute per purpose, LIMITS.otpPerHour an hour per number) are checked and the
   * code row written under one database lock per number, so concurrent requests — on any API
   * process — are counted one after another and a burst sends at most one SMS. The answer does
   * not wait for the SMS provider: it takes the same time whether or not an SMS goes out, so
   * its timing does not tell whether a number is registered.
   */
  async request(mobile: string, purpose: OtpPurpose, requestedLocale?: Locale, policy: OtpPolicy = {}): Promise<RequestOtpResponse> {
    const ttlSeconds = policy.ttlSeconds ?? LIMITS.otpTtlSeconds;
    const now = this.clock.now();
    const { user, code, deliver } = await this.db.transaction(async (manager) => {
      // Held until commit: the next request for this number sees this one's row.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`otp:${mobile}`]);
      const repo = manager.getRepository(OtpCode);
      const last = await repo.findOne({ where: { mobile, purpose }, order: { createdAt: 'DESC' } });
      if (last) {
        const wait = Math.ceil((last.createdAt.getTime() + LIMITS.otpResendSeconds * 1000 - now.getTime()) / 1000);
        if (wait > 0) {
          throw new AppException('RATE_LIMITED', `Wait ${wait} seconds before asking for another code`, undefined, {
            'Retry-After': String(wait),
          });
        }
      }
      const lastHour = await repo.count({ where: { mobile, createdAt: MoreThan(new Date(now.getTime() - 3600_000)) } });
      if (lastHour >= LIMITS.otpPerHour) {
        throw new AppException('RATE_LIMITED', 'Too many codes for this number; try again later', undefined, { 'Retry-After': '3600' });
      }
      const user = await manager.getRepository(User).findOne({ where: { mobile } });
      const code = randomDigits(LIMITS.otpLength);
      // A code is only ever delivered where it can be used: login to an enabled account, or
      // registration of a number that has none.
      // (signing purposes, like login, go to an enabled registered account only)
      const deliver = policy.deliverToAnyNumber ? !user?.disabledAt : purpose === 'register' ? !user : !!user && !user.disabledAt;
      await repo.insert({
        mobile,
        purpose,
        codeHash: this.hash(mobile, purpose, deliver ? code : randomDigits(LIMITS.otpLength) + 'x'),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
        attempts: 0,
        consumedAt: null,
      });
      return { user, code, deliver };
    });
    const locale: Locale = user?.locale ?? requestedLocale ?? 'zh-CN';
    const sig = this.config.env.SMS_SIGNATURE;
    const body = deliver
      ? policy.text
        ? policy.text[locale](sig, code, ttlSeconds / 60)
        : otpText(purpose, locale, sig, code, ttlSeconds / 60)
      : purpose === 'register' && user
        ? ALREADY_REGISTERED_TEXT[locale](sig)
        : null;
    if (body) {
      // Not awaited (see above), and started only after the answer is written, so even its
      // first steps take no time from it. A failed send is logged; the person asks again
      // after the resend wait.
      const job: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
        .then(() => this.sms.send({ mobile, body }))
        .catch((err: unknown) => this.logger.error({ err }, 'SMS send failed'))
        .finally(() => this.sending.delete(job));
      this.sending.add(job);
    }
    return { accepted: true, expiresInSeconds: ttlSeconds, resendInSeconds: LIMITS.otpResendSeconds };
  }

  /**
   * Checks a code in its own transaction, so a wrong guess is counted even though the
   * caller's request fails. Success consumes the code.
   */
  async verify(mobile: string, purpose: OtpPurpose, code: string, policy: Pick<OtpPolicy, 'maxAttempts'> = {}): Promise<void> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(OtpCode);
      const row = await repo
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.mobile = :mobile AND o.purpose = :purpose AND o.consumed_at IS NULL', { mobile, purpose })
        .orderBy('o.created_at', 'DESC')
        .limit(1)
        .getOne();
      if (!row) return 'OTP_INVALID' as const;
      if (row.expiresAt <= now) return 'OTP_EXPIRED' as const;
      if (safeEqualHex(row.codeHash, this.hash(mobile, purpose, code))) {
        await repo.update({ id: row.id }, { consumedAt: now });
        return 'ok' as const;
      }
      const attempts = row.attempts + 1;
      const burned = attempts >= (policy.maxAttempts ?? LIMITS.otpMaxAttempts);
      await repo.update({ id: row.id }, { attempts, consumedAt: burned ? now : null });
      return burned ? ('OTP_TOO_MANY_ATTEMPTS' as const) : ('OTP_INVALID' as const);
    });
    if (result === 'ok') return;
    const messages = {
      OTP_INVALID: 'The code is wrong',
      OTP_EXPIRED: 'The code has expired; ask for a new one',
      OTP_TOO_MANY_ATTEMPTS: 'Too many wrong codes; ask for a new one',
    };
    throw AppException.field(result, 'code', result.toLowerCase(), messages[result]);
  }
}
