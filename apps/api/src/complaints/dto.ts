import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComplaintNoteRequest, CreateComplaintRequest, DecideComplaintRequest, InvestigateComplaintRequest } from '@tiaojie/contracts';
import { COMPLAINT_GROUNDS, COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS, type ComplaintGround, type ComplaintOutcome, type ComplaintSubject } from '@tiaojie/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { trim } from '../common/transforms';

/** R38: a complaint about an organisation or a mediator, with a case link where there is one. */
export class CreateComplaintDto implements CreateComplaintRequest {
  @ApiProperty({ enum: COMPLAINT_SUBJECTS })
  @IsIn(COMPLAINT_SUBJECTS)
  subjectKind!: ComplaintSubject;

  @ApiPropertyOptional({ description: 'The organisation complained about (required unless a linked case names it)' })
  @ValidateIf((o: CreateComplaintDto) => o.organisationId !== undefined || (o.subjectKind === 'organisation' && !o.caseId))
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'The mediator complained about (required with subjectKind mediator)' })
  @ValidateIf((o: CreateComplaintDto) => o.subjectKind === 'mediator' || o.mediatorId !== undefined)
  @IsUUID()
  mediatorId?: string;

  @ApiPropertyOptional({ description: 'The case concerned; only a party of that case may link it' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ enum: COMPLAINT_GROUNDS })
  @IsIn(COMPLAINT_GROUNDS)
  ground!: ComplaintGround;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;
}

export class InvestigateComplaintDto implements InvestigateComplaintRequest {
  @ApiPropertyOptional({ maxLength: 2000, description: 'An internal note (never shown to the complainant)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ComplaintNoteDto implements ComplaintNoteRequest {
  @ApiProperty({ maxLength: 2000, description: 'Internal: shown to the handlers and the supervisor only' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text!: string;
}

export class DecideComplaintDto implements DecideComplaintRequest {
  @ApiProperty({ enum: COMPLAINT_OUTCOMES })
  @IsIn(COMPLAINT_OUTCOMES)
  outcome!: ComplaintOutcome;

  @ApiProperty({ maxLength: 2000, description: 'Told to the complainant' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reasons!: string;
}
