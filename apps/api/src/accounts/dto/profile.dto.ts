import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIMITS, LOCALES, type ChangePasswordRequest, type Locale, type RealNameRequest, type SetAccountDisabledRequest, type UpdateProfileRequest } from '@tiaojie/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

import { trim } from '../../common/transforms';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.nameMax })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.nameMax)
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Electronic service address (R03, R40); null removes it' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Transform(trim)
  @IsString()
  @IsEmail()
  @MaxLength(LIMITS.emailMax)
  email?: string | null;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class RealNameDto implements RealNameRequest {
  @ApiProperty({ maxLength: LIMITS.nameMax })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.nameMax)
  realName!: string;

  @ApiProperty({ example: '11010519491231002X' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^\d{17}[\dX]$/, { message: 'must be an 18-character resident ID number' })
  idNumber!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiPropertyOptional({ description: 'Required when the account already has a password' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.passwordMax)
  currentPassword?: string;

  @ApiProperty({ minLength: LIMITS.passwordMin, maxLength: LIMITS.passwordMax })
  @IsString()
  @MinLength(LIMITS.passwordMin)
  @MaxLength(LIMITS.passwordMax)
  newPassword!: string;
}

export class SetAccountDisabledDto implements SetAccountDisabledRequest {
  @ApiProperty()
  @IsBoolean()
  disabled!: boolean;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  reason?: string;
}
