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

import { mobileInput, trim } from '../../common/transforms';

export const IsMobile = () => Matches(MOBILE_PATTERN, { message: 'must be a mainland mobile number (11 digits)' });
const TRANSPORTS: TokenTransport[] = ['web', 'api'];

export class RequestOtpDto implements RequestOtpRequest {
  @ApiProperty({ example: '13800000001' })
  @Transform(mobileInput)
  @IsString()
  @IsNotEmpty()
  @IsMobile()
  mobile!: string;

  @ApiProperty({ enum: OTP_PURPOSES })
  @IsIn(OTP_PURPOSES)
  purpose!: OtpPurpose;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: '13800000009' })
  @Transform(mobileInput)
  @IsString()
  @IsNotEmpty()
  @IsMobile()
  mobile!: string;

  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(OTP_PATTERN, { message: 'must be the 6-digit code' })
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

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ enum: TRANSPORTS })
  @IsOptional()
  @IsIn(TRANSPORTS)
  transport?: TokenTransport;
}

export class PasswordLoginDto implements PasswordLoginRequest {
  @ApiProperty({ example: '13800000001' })
  @Transform(mobileInput)
  @IsString()
  @IsNotEmpty()
  @IsMobile()
  mobile!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.passwordMax)
  password!: string;

  @ApiPropertyOptional({ enum: LOCALES, description: "The page's language: kept when the account never chose one" })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ enum: TRANSPORTS })
  @IsOptional()
  @IsIn(TRANSPORTS)
  transport?: TokenTransport;
}

export class OtpLoginDto implements OtpLoginRequest {
  @ApiProperty({ example: '13800000001' })
  @Transform(mobileInput)
  @IsString()
  @IsNotEmpty()
  @IsMobile()
  mobile!: string;

  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(OTP_PATTERN, { message: 'must be the 6-digit code' })
  code!: string;

  @ApiPropertyOptional({ enum: LOCALES, description: "The page's language: kept when the account never chose one" })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ enum: TRANSPORTS })
  @IsOptional()
  @IsIn(TRANSPORTS)
  transport?: TokenTransport;
}

export class RefreshDto implements RefreshRequest {
  @ApiPropertyOptional({ description: 'API clients only; the web sends the cookie' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;

  @ApiPropertyOptional({ enum: TRANSPORTS })
  @IsOptional()
  @IsIn(TRANSPORTS)
  transport?: TokenTransport;
}
