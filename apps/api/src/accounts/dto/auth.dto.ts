import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LIMITS,
  LOCALES,
  MOBILE_PATTERN,
  OTP_PATTERN,
  OTP_PURPOSES,
  type Locale,
  type OtpLoginRequest,
  type OtpPurpose,
  type PasswordLoginRequest,
  type RefreshRequest,
  type RegisterRequest,
  type RequestOtpRequest,
  type TokenTransport,
} from '@tiaojie/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

import { fieldRules } from '../../common/dto-fields';
import { mobileInput, trim } from '../../common/transforms';

export const IsMobile = () => Matches(MOBILE_PATTERN, { message: 'must be a mainland mobile number (11 digits)' });
const TRANSPORTS: TokenTransport[] = ['web', 'api'];
const PAGE_LOCALE = "The page's language: kept when the account never chose one";

/** The caller's mobile, normalised ("+86 138-0000-0001" → "13800000001") before it is checked. */
const MobileField = (example: string) => fieldRules(ApiProperty({ example }), Transform(mobileInput), IsString(), IsNotEmpty(), IsMobile());
const OtpCodeField = () => fieldRules(ApiProperty({ example: '123456' }), IsString(), Matches(OTP_PATTERN, { message: 'must be the 6-digit code' }));
const LocaleField = (description?: string) => fieldRules(ApiPropertyOptional({ enum: LOCALES, description }), IsOptional(), IsIn(LOCALES));
/** `api` clients get the tokens in the answer; the web gets cookies. */
const TransportField = () => fieldRules(ApiPropertyOptional({ enum: TRANSPORTS }), IsOptional(), IsIn(TRANSPORTS));

export class RequestOtpDto implements RequestOtpRequest {
  @MobileField('13800000001')
  mobile!: string;

  @ApiProperty({ enum: OTP_PURPOSES })
  @IsIn(OTP_PURPOSES)
  purpose!: OtpPurpose;

  @LocaleField()
  locale?: Locale;
}

export class RegisterDto implements RegisterRequest {
  @MobileField('13800000009')
  mobile!: string;

  @OtpCodeField()
  code!: string;

  @ApiProperty({ minLength: LIMITS.passwordMin, maxLength: LIMITS.passwordMax })
  @IsString()
  @MinLength(LIMITS.passwordMin)
  @MaxLength(LIMITS.passwordMax)
  password!: string;

  @ApiProperty({ maxLength: LIMITS.nameMax })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.nameMax)
  name!: string;

  @LocaleField()
  locale?: Locale;

  @TransportField()
  transport?: TokenTransport;
}

export class PasswordLoginDto implements PasswordLoginRequest {
  @MobileField('13800000001')
  mobile!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.passwordMax)
  password!: string;

  @LocaleField(PAGE_LOCALE)
  locale?: Locale;

  @TransportField()
  transport?: TokenTransport;
}

export class OtpLoginDto implements OtpLoginRequest {
  @MobileField('13800000001')
  mobile!: string;

  @OtpCodeField()
  code!: string;

  @LocaleField(PAGE_LOCALE)
  locale?: Locale;

  @TransportField()
  transport?: TokenTransport;
}

export class RefreshDto implements RefreshRequest {
  @ApiPropertyOptional({ description: 'API clients only; the web sends the cookie' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;

  @TransportField()
  transport?: TokenTransport;
}
