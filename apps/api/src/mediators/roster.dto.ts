import { DISPUTE_TYPES, type CredentialRequest, type DisputeType, type InviteMediatorRequest, type RosterProfileChanges, type RosterStatusRequest } from '@tiaojie/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsMobile } from '../accounts/dto/auth.dto';
import { mobileInput, trim } from '../common/transforms';

export class InviteMediatorDto implements InviteMediatorRequest {
  @Transform(mobileInput)
  @IsString()
  @IsMobile()
  mobile!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;
}

/** The parts of a mediator's profile the organisation's admin edits (issue #13, R05). */
export class UpdateRosterProfileDto implements RosterProfileChanges {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(DISPUTE_TYPES, { each: true })
  disputeTypes?: DisputeType[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^\d{2,12}$/, { each: true, message: 'each region must be an administrative division code (digits)' })
  regions?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  expertise?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  expertiseEn?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  languages?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  bio?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  bioEn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameEn?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(70)
  yearsOfPractice?: number;

  @IsOptional()
  @IsBoolean()
  isPublic?: boolean;
}

export class CredentialDto implements CredentialRequest {
  @IsIn(['certification', 'training'])
  kind!: 'certification' | 'training';

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuer?: string;

  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn!: string;

  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiresOn must be a date YYYY-MM-DD' })
  expiresOn?: string;
}

export class StatusChangeDto implements RosterStatusRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason!: string;
}

export class OptionalReasonDto implements RosterStatusRequest {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}
