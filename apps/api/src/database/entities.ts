import { AuthSession } from '../accounts/auth-session.entity';
import { LoginThrottle } from '../accounts/login-throttle.entity';
import { OtpCode } from '../accounts/otp-code.entity';
import { RefreshToken } from '../accounts/refresh-token.entity';
import { User } from '../accounts/user.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { Court } from '../organisations/court.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { DevSmsMessage } from '../sms/dev-sms-message.entity';

/** Every entity, listed (not globbed) so the same list works in jest, the build and the CLI. */
export const ENTITIES = [User, AuthSession, RefreshToken, OtpCode, LoginThrottle, AuditLog, DevSmsMessage, Court, Organisation, Membership];
