import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase()));
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the API reads, validated at start-up. The README's
 * configuration table lists the same names; keep both in step.
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string; unset → embedded PGlite in DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  /** Folder for the embedded database, generated development secrets and local file storage. */
  @IsString()
  DATA_DIR = './.data';

  /** Redis connection string; unset → in-memory adapters in one process. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** HMAC secret for access tokens; required in production (generated and kept in DATA_DIR otherwise). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /** 32 bytes, base64: encrypts resident ID numbers at rest. Required in production. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'ID_ENCRYPTION_KEY must be 32 bytes in base64 (44 characters)' })
  ID_ENCRYPTION_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(3600)
  @Max(90 * 86400)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 86400;

  /** Mark cookies Secure (HTTPS only). Defaults to true in production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /** Comma-separated origins allowed for CORS and socket.io besides the app's own origin. */
  @IsString()
  CORS_ORIGINS = '';

  /** Requests per minute per client address on the auth endpoints. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 20;

  /** Failed password logins per mobile number before a 15-minute lock. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  /** SMS provider: `dev` records messages in the database (development); `aliyun` or `tencent` send for real. */
  @IsIn(['dev', 'aliyun', 'tencent'])
  SMS_PROVIDER: 'dev' | 'aliyun' | 'tencent' = 'dev';

  /** Provider credentials and endpoint (aliyun: AccessKey id/secret; tencent: SecretId/SecretKey). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMS_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMS_ACCESS_KEY_SECRET?: string;

  /** Override the provider's HTTPS endpoint (a regional endpoint, or a local test server). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'SMS_ENDPOINT must be an http(s) URL' })
  SMS_ENDPOINT?: string;

  /** Tencent Cloud SmsSdkAppId. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SMS_SDK_APP_ID?: string;

  /** JSON object: our template id → the provider's registered template code; `default` for the rest. */
  @IsString()
  SMS_TEMPLATE_CODES = '{}';

  /** SMTP server for email notices (smtp://user:pass@host:587 or smtps://…); unset → no email. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsString()
  SMTP_FROM = 'Tiaojie 调解平台 <noreply@tiaojie.local>';

  /** BullMQ key prefix in Redis: separates deployments (and test runs) sharing one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,40}$/, { message: 'QUEUE_PREFIX may hold letters, digits, : _ -' })
  QUEUE_PREFIX = 'tiaojie';

  /** A notice left `sending` this long (ms) was taken by a sender that died, and is recovered. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  OUTBOX_SENDING_LEASE_MS = 60_000;

  /** With REDIS_URL: also process the notification queue in the API process (else run `npm run worker`). */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  WORKER_IN_PROCESS?: boolean;

  /** Platform signature prefixed to every SMS (【调解平台】). */
  @IsString()
  SMS_SIGNATURE = '调解平台';

  /** Development tools: the /api/dev/sms inbox. Defaults to on outside production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DEV_TOOLS?: boolean;

  /** Seed demo organisations and accounts into an empty database. Defaults to on outside production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO?: boolean;

  /** The address users reach the web client at: used in links sent by SMS and email. Defaults to http://localhost:PORT. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  /**
   * Issue #11: a mediator's message a party has not read this many seconds after it was sent
   * (it is not on the conversation page) puts "the mediator sent you a message" in its bell.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MESSAGE_NOTICE_SECONDS = 60;

  /** Issue #11: still unread after this many minutes (the quiet time), the party gets the same notice by SMS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MESSAGE_SMS_QUIET_MINUTES = 10;

  /**
   * Issue #11: an invitation or a court's request for materials still unread in the app this many
   * minutes after it was sent (the quiet time) is escalated once by SMS (and email, by the
   * account's preferences): "there is an unread notice", with a link, never its content (R19).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  UNREAD_ESCALATION_MINUTES = 30;

  /** Issue #11: the same for a deadline notice (templates.ts isDeadlineNotice), whose time is shorter. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DEADLINE_ESCALATION_MINUTES = 15;

  /** How often (seconds) deadlines are scanned for reminders and expiries; 0 turns the scanner off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DEADLINE_SCAN_SECONDS = 60;

  /** How often (milliseconds) the in-process notification dispatcher polls the outbox; 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  OUTBOX_POLL_MS = 1000;

  /** One-year Loan Prime Rate in percent: the private-loan interest check flags rates above 4 × it. Changes monthly. */
  @Matches(/^\d{1,2}(\.\d{1,2})?$/, { message: 'LPR_ONE_YEAR_PERCENT must be a percentage like 3.00' })
  LPR_ONE_YEAR_PERCENT = '3.00';

  /** JSON array of ICE servers for video and voice, e.g. [{"urls":"stun:stun.example.cn:3478"}]; empty: direct connections only. */
  @IsString()
  RTC_ICE_SERVERS = '[]';

  /** Issue #14: where uploaded and generated files live: `local` (DATA_DIR/files) or `s3` (an S3-compatible bucket). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** With STORAGE_DRIVER=s3: the bucket (created beforehand; versioning on in production). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, . or -)' })
  S3_BUCKET?: string;

  /** The S3 endpoint: MinIO (http://minio:9000), Aliyun OSS (https://oss-cn-hangzhou.aliyuncs.com), Tencent COS (https://cos.ap-guangzhou.myqcloud.com); unset: AWS. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** Credentials; unset: the SDK's default chain (instance role, AWS_* variables). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addressing (bucket in the path): needed by MinIO; Aliyun OSS and Tencent COS want it off. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean;

  /** Server-side encryption asked for on every upload; `none` only for a server that refuses the header. */
  @IsIn(['AES256', 'aws:kms', 'none'])
  S3_SSE: 'AES256' | 'aws:kms' | 'none' = 'AES256';

  /** Issue #14: bearer token for GET /api/metrics; unset: only loopback requests that came through no proxy. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** Built web client served at `/`; empty disables serving it. */
  @IsString()
  WEB_DIST = 'dist/apps/web';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Number of proxy hops to trust for the client address (X-Forwarded-For). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRUST_PROXY = 0;
}

export class ConfigError extends Error {}

export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, raw, { exposeDefaultValues: true, enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
  if (env.NODE_ENV === 'production') {
    if (!env.JWT_SECRET) problems.push('  JWT_SECRET: required in production (at least 32 characters)');
    if (!env.ID_ENCRYPTION_KEY) problems.push('  ID_ENCRYPTION_KEY: required in production (32 bytes, base64)');
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  env.COOKIE_SECURE ??= env.NODE_ENV === 'production';
  env.DEV_TOOLS ??= env.NODE_ENV !== 'production';
  env.SEED_DEMO ??= env.NODE_ENV !== 'production';
  env.WORKER_IN_PROCESS ??= true;
  if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required for STORAGE_DRIVER=s3');
  env.S3_FORCE_PATH_STYLE ??= false;
  if (env.SMS_PROVIDER !== 'dev' && (!env.SMS_ACCESS_KEY_ID || !env.SMS_ACCESS_KEY_SECRET)) {
    throw new ConfigError('Invalid configuration:\n  SMS_ACCESS_KEY_ID and SMS_ACCESS_KEY_SECRET: required for SMS_PROVIDER=' + env.SMS_PROVIDER);
  }
  try {
    const codes = JSON.parse(env.SMS_TEMPLATE_CODES);
    if (typeof codes !== 'object' || codes === null || Array.isArray(codes)) throw new Error();
  } catch {
    throw new ConfigError('Invalid configuration:\n  SMS_TEMPLATE_CODES: must be a JSON object');
  }
  return env;
}
