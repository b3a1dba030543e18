import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CourtLevel, SaveCourtRequest, SaveOrganisationRequest } from '@tiaojie/contracts';
import { COURT_CASE_KINDS, DISPUTE_TYPES, ORGANISATION_TYPES, type CourtCaseKind, type DisputeType, type OrganisationType } from '@tiaojie/domain';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { RequiredText } from '../common/dto-fields';
import { trim } from '../common/transforms';

/** GB/T 2260 administrative division code: six digits. */
const REGION = /^\d{6}$/;
const nullIfBlank = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** Issue #13: a system admin creates or edits an organisation (R05 public profile, R21, R35). */
export class SaveOrganisationDto implements SaveOrganisationRequest {
  @RequiredText(100)
  name!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'English name (issue #11)' })
  @Transform(nullIfBlank)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  type!: OrganisationType;

  @ApiProperty({ example: '330106' })
  @IsString()
  @Matches(REGION, { message: 'region must be a six-digit division code' })
  region!: string;

  @ApiProperty({ type: [String], description: 'Division codes covered (prefix match)' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(REGION, { each: true, message: 'regions must be six-digit division codes' })
  regions!: string[];

  @ApiProperty({ enum: DISPUTE_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(DISPUTE_TYPES, { each: true })
  disputeTypes!: DisputeType[];

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  courtId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The supervising 司法局' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  bureauId?: string | null;

  @ApiProperty()
  @IsBoolean()
  chargesFees!: boolean;

  @ApiPropertyOptional({ description: 'R35: the published fee schedule, required when the organisation charges' })
  @Transform(trim)
  @ValidateIf((o: SaveOrganisationDto, v) => o.chargesFees === true || (v !== undefined && v !== null))
  @IsString()
  @MaxLength(2000)
  feeSchedule?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'English description (issue #11)' })
  @Transform(nullIfBlank)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(2000)
  descriptionEn?: string | null;

  @ApiProperty({ enum: COURT_CASE_KINDS, isArray: true, description: 'R21: the court-brought kinds it takes' })
  @IsArray()
  @IsIn(COURT_CASE_KINDS, { each: true })
  courtCaseKinds!: CourtCaseKind[];
}

export class SaveCourtDto implements SaveCourtRequest {
  @RequiredText(100)
  name!: string;

  @ApiProperty({ example: '330106' })
  @IsString()
  @Matches(REGION, { message: 'region must be a six-digit division code' })
  region!: string;

  @ApiProperty({ enum: ['basic', 'intermediate', 'high'] })
  @IsIn(['basic', 'intermediate', 'high'])
  level!: CourtLevel;
}
