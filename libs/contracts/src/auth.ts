import type { IntakeChannel, OrganisationType, Role } from '@tiaojie/domain';
import type { Locale } from './limits';

export const OTP_PURPOSES = ['login', 'register'] as const;
/** Codes that prove a signature by the holder of a registered number (not requestable at /auth/otp). */
export const SIGNING_OTP_PURPOSES = ['confirm_apply', 'sign_agreement'] as const;
/** The code sent to the number an invitation went to: proves it before the invitation shows the dispute (R15). */
export const INVITATION_OTP_PURPOSE = 'invitation';
/**
 * Codes that re-confirm a person by their phone (not requestable at /auth/otp): R14 check-in
 * before a session (to the registered mobile), R02 an applicant confirming a filing staff made
 * for them (to the mobile filed).
 */
export const IDENTITY_OTP_PURPOSES = ['check_in', 'filing_confirm'] as const;
export type OtpPurpose = (typeof OTP_PURPOSES)[number] | (typeof SIGNING_OTP_PURPOSES)[number] | typeof INVITATION_OTP_PURPOSE | (typeof IDENTITY_OTP_PURPOSES)[number];

/** `web` (default): tokens travel in httpOnly cookies only; `api`: tokens are also returned in the body. */
export type TokenTransport = 'web' | 'api';

export interface RequestOtpRequest {
  mobile: string;
  purpose: OtpPurpose;
  /** Language of the SMS when the number has no account yet (else the account's language). */
  locale?: Locale;
}
/** Always the same answer, whether or not the number is registered. */
export interface RequestOtpResponse {
  accepted: true;
  expiresInSeconds: number;
  resendInSeconds: number;
}

export interface RegisterRequest {
  mobile: string;
  /** The code sent for purpose `register`: proves the mobile number (R03). */
  code: string;
  password: string;
  name: string;
  locale?: Locale;
  transport?: TokenTransport;
}

export interface PasswordLoginRequest {
  mobile: string;
  password: string;
  /** The page's language: becomes the account's when the account never chose one (issue #11). */
  locale?: Locale;
  transport?: TokenTransport;
}

export interface OtpLoginRequest {
  mobile: string;
  code: string;
  /** As in PasswordLoginRequest. */
  locale?: Locale;
  transport?: TokenTransport;
}

export interface RefreshRequest {
  /** Only for `api` clients; the web sends the cookie. */
  refreshToken?: string;
  transport?: TokenTransport;
}

export interface Membership {
  /** bureau: a 司法局 (justice bureau), for the `bureau` role. */
  kind: 'organisation' | 'court' | 'bureau';
  id: string;
  name: string;
  role: Role;
  organisationType?: OrganisationType;
}

export interface UserProfile {
  id: string;
  mobile: string;
  name: string;
  email: string | null;
  locale: Locale;
  roles: Role[];
  memberships: Membership[];
  intakeChannel: IntakeChannel | null;
  /** Real name (实名) as recorded, and the ID number masked, e.g. `110105********1234`. */
  realName: string | null;
  idNumberMasked: string | null;
  /**
   * When the real name and a valid ID number (GB 11643 check digit, region, birth date) were
   * recorded. This is a format check, not a check against the national identity system.
   */
  realNameRecordedAt: string | null;
  createdAt: string;
}

export interface AuthResponse {
  user: UserProfile;
  /** ISO time the access token expires; the web refreshes before it. */
  accessTokenExpiresAt: string;
  /** Present only for `transport: 'api'`. */
  accessToken?: string;
  refreshToken?: string;
}

export interface UpdateProfileRequest {
  name?: string;
  email?: string | null;
  locale?: Locale;
}

export interface RealNameRequest {
  realName: string;
  /** PRC resident ID number (GB 11643), validated with its check digit and birth date. */
  idNumber: string;
}

export interface ChangePasswordRequest {
  currentPassword?: string;
  newPassword: string;
}

export interface AdminUserSummary {
  id: string;
  mobile: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
}

export interface SetAccountDisabledRequest {
  disabled: boolean;
  reason?: string;
}

/** A message the development SMS sender recorded instead of sending (dev-only page). */
export interface DevSmsMessage {
  id: string;
  mobile: string;
  body: string;
  createdAt: string;
}

export interface AuditEntry {
  id: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
}

export interface PublicOrganisation {
  id: string;
  name: string;
  /** The English name and introduction where the admin gave them, else null (issue #11). */
  nameEn?: string | null;
  descriptionEn?: string | null;
  type: OrganisationType;
  region: string;
  courtId: string | null;
  courtName: string | null;
  chargesFees: boolean;
  /** R35: the published fee schedule of an organisation that charges (empty when free). */
  feeSchedule: string;
  /** Dispute types handled and administrative division codes covered (routing). */
  disputeTypes: string[];
  regions: string[];
  /**
   * The dispute types it can take now (an active dispatcher and an active mediator for the
   * type): routing sends cases only there, and the filing screen offers only these.
   */
  takesNow: string[];
  description: string;
  /** R21 (configurable): the kinds of court-brought case it takes (delegated, entrusted). */
  courtCaseKinds?: string[];
}

export interface PublicCourt {
  id: string;
  name: string;
  region: string;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** GET/PUT /api/me/notification-preferences. In-app notices are always on. */
export interface NotificationPreferences {
  sms: boolean;
  email: boolean;
  /** China time, HH:MM; no SMS in between except notices of deadlines due within a day. */
  quietHours: { start: string; end: string } | null;
}

/** `GET /api/me`: `optional=true` answers 204 to a visitor with no credentials at all, not 401. */
export interface MeQuery {
  optional?: boolean;
}

/** `GET /api/dev/sms` (development only): the messages sent to one mobile. */
export interface DevSmsQuery {
  mobile?: string;
}
