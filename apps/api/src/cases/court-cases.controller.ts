import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  COURT_CASE_KINDS,
  COURT_PROCEDURES,
  DISPUTE_TYPES,
  type CaseDetail,
  type CourtBroughtCase,
  type CreateCourtCaseRequest,
  type CourtCaseKind,
  type CourtProcedure,
  type DisputeType,
} from '@tiaojie/contracts';
import { isCourtCaseNumber } from '@tiaojie/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { trim } from '../common/transforms';
import type { Viewer } from './viewer.decorator';
import { CourtCasesService } from './court-cases.service';
import { ClaimInputDto, FACTS_MAX, PartyInputDto } from './dto/case.dto';
import { CurrentViewer } from './viewer.decorator';

/** R21: a court's case number such as (2026)浙0106民诉前调123号. */
const IsCourtCaseNumber = () =>
  ValidateBy({
    name: 'isCourtCaseNumber',
    validator: { validate: (v) => isCourtCaseNumber(v), defaultMessage: () => 'courtCaseNumber must be a court case number such as (2026)浙0106民诉前调123号' },
  });

export class CreateCourtCaseDto implements CreateCourtCaseRequest {
  @ApiPropertyOptional({ description: 'Only when the account serves several courts' })
  @IsOptional()
  @IsUUID()
  courtId?: string;

  @ApiProperty({ enum: COURT_CASE_KINDS, description: 'delegated (委派, before filing) or entrusted (委托, after filing)' })
  @IsIn(COURT_CASE_KINDS)
  kind!: CourtCaseKind;

  @ApiProperty({ example: '(2026)浙0106民诉前调123号', maxLength: 40 })
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  @IsCourtCaseNumber()
  courtCaseNumber!: string;

  @ApiPropertyOptional({ enum: COURT_PROCEDURES, description: 'R20: required for an entrusted case (ordinary 15 days, simple 7)' })
  @ValidateIf((o: CreateCourtCaseDto) => o.kind === 'entrusted' || o.procedure !== undefined)
  @IsIn(COURT_PROCEDURES, { message: 'procedure must be ordinary or simple for an entrusted case' })
  procedure?: CourtProcedure;

  @ApiProperty()
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ enum: DISPUTE_TYPES })
  @IsIn(DISPUTE_TYPES)
  disputeType!: DisputeType;

  @ApiProperty({ maxLength: FACTS_MAX })
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(FACTS_MAX)
  facts!: string;

  @ApiPropertyOptional({ type: ClaimInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClaimInputDto)
  claims?: ClaimInputDto;

  @ApiPropertyOptional({ example: '330106' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit administrative division code' })
  region?: string;

  @ApiProperty({ type: PartyInputDto })
  @ValidateNested()
  @Type(() => PartyInputDto)
  applicant!: PartyInputDto;

  @ApiProperty({ type: [PartyInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PartyInputDto)
  respondents!: PartyInputDto[];
}

/** R21: the court portal's side of court-brought cases (judges and clerks of that court only). */
@ApiTags('court')
@Controller('court/cases')
export class CourtCasesController {
  constructor(private readonly courtCases: CourtCasesService) {}

  @Post()
  @ApiOperation({ summary: 'R21: a judge or clerk brings a delegated (委派) or entrusted (委托) case to an organisation, with the court’s case number' })
  create(@Body() dto: CreateCourtCaseDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.courtCases.create(dto, viewer);
  }

  @Get()
  @ApiOperation({ summary: 'R21: the cases the viewer’s court brought, with their state and outcome' })
  list(@CurrentViewer() viewer: Viewer): Promise<CourtBroughtCase[]> {
    return this.courtCases.list(viewer);
  }
}
