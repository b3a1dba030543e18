import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGREEMENT_LIMITS,
  OBLIGATION_KINDS,
  type AgreementContent,
  type ChangeRequestRequest,
  type InstalmentInput,
  type ObligationDraft,
  type ObligationKind,
  type SaveAgreementRequest,
  type SignAgreementRequest,
  type StartSigningRequest,
  type AgreementCompareQuery,
} from '@tiaojie/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { trim } from '../../common/transforms';

/** Amounts are strings (exact decimals); the service checks them with parseCny and names the field. */
const AMOUNT = /^\s*[¥￥]?[\d,]*(\.\d*)?\s*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AgreementContentDto implements AgreementContent {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(AGREEMENT_LIMITS.textMax)
  facts!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(AGREEMENT_LIMITS.textMax)
  disputedMatters!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(AGREEMENT_LIMITS.textMax)
  responsibilities!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MaxLength(AGREEMENT_LIMITS.textMax)
  otherTerms!: string;
}

export class InstalmentDto implements InstalmentInput {
  @ApiProperty({ example: '5000.00' })
  @IsString()
  @Matches(AMOUNT, { message: 'must be an amount in yuan with at most 2 decimals' })
  amount!: string;

  @ApiProperty({ example: '2026-04-30' })
  @IsString()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  dueDate!: string;
}

export class ObligationDraftDto implements ObligationDraft {
  @ApiProperty()
  @IsUUID()
  obligorPartyId!: string;

  @ApiProperty()
  @IsUUID()
  obligeePartyId!: string;

  @ApiProperty({ enum: OBLIGATION_KINDS })
  @IsIn(OBLIGATION_KINDS)
  kind!: ObligationKind;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(AGREEMENT_LIMITS.descriptionMax)
  description!: string;

  @ApiPropertyOptional({ example: '20000.00', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT, { message: 'must be an amount in yuan with at most 2 decimals' })
  amount?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(AGREEMENT_LIMITS.placeMax)
  place?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(AGREEMENT_LIMITS.methodMax)
  method?: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsString()
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  dueDate!: string;

  @ApiPropertyOptional({ type: [InstalmentDto], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AGREEMENT_LIMITS.instalmentsMax)
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  plan?: InstalmentDto[] | null;
}

export class SaveAgreementDto implements SaveAgreementRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiProperty()
  @IsBoolean()
  partial!: boolean;

  @ApiProperty({ type: AgreementContentDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AgreementContentDto)
  content!: AgreementContentDto;

  @ApiProperty({ type: [ObligationDraftDto] })
  @IsArray()
  @ArrayMaxSize(AGREEMENT_LIMITS.obligationsMax)
  @ValidateNested({ each: true })
  @Type(() => ObligationDraftDto)
  obligations!: ObligationDraftDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(AGREEMENT_LIMITS.noteMax)
  note?: string;
}

export class ChangeRequestDto implements ChangeRequestRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(AGREEMENT_LIMITS.changeRequestMax)
  text!: string;
}

export class StartSigningDto implements StartSigningRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  revision!: number;
}

export class SignAgreementDto implements SignAgreementRequest {
  @ApiProperty()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be the sha-256 of the revision shown' })
  contentHash!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be the 6-digit code sent by SMS' })
  code!: string;

  @ApiProperty({ description: 'PNG data URL or base64' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(Math.ceil((AGREEMENT_LIMITS.signaturePngMaxBytes * 4) / 3) + 64)
  signaturePng!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  partyId?: string;
}

export class CompareQueryDto implements AgreementCompareQuery {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to!: number;
}
