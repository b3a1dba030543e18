import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENDING_LIMITS,
  MANUAL_TERMINATION_REASONS,
  type AnswerExtensionRequest,
  type AppraisalRequest,
  type CourtSuspendRequest,
  type EscalateRequest,
  type EscalationRouteCode,
  type ManualTerminationReason,
  type ProposeExtensionRequest,
  type ResumeRequest,
  type SuspendRequest,
  type TerminateWithReportRequest,
} from '@tiaojie/contracts';
import { ESCALATION_ROUTES } from '@tiaojie/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OptionalText } from '../common/dto-fields';
import { trim } from '../common/transforms';

export class TerminateWithReportDto implements TerminateWithReportRequest {
  @ApiProperty()
  @IsInt()
  version!: number;

  @ApiProperty({ enum: MANUAL_TERMINATION_REASONS, description: 'R22 (an agreement is recorded by signing it, not here)' })
  @IsIn(MANUAL_TERMINATION_REASONS)
  reasonCode!: ManualTerminationReason;

  @OptionalText(ENDING_LIMITS.noteMax)
  reasonNote?: string;

  @ApiProperty({ maxLength: ENDING_LIMITS.textMax, description: 'R23: how the mediation went' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ENDING_LIMITS.textMax)
  situation!: string;

  @ApiPropertyOptional({ maxLength: ENDING_LIMITS.textMax, description: 'R23: conduct that raised the others’ costs' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(ENDING_LIMITS.textMax)
  costConduct?: string;
}

export class EscalateDto implements EscalateRequest {
  @ApiProperty()
  @IsInt()
  version!: number;

  @ApiProperty({ enum: ESCALATION_ROUTES })
  @IsIn(ESCALATION_ROUTES)
  route!: EscalationRouteCode;
}

export class ProposeExtensionDto implements ProposeExtensionRequest {
  @ApiProperty()
  @IsInt()
  version!: number;

  @ApiProperty({ minimum: ENDING_LIMITS.extensionDaysMin, maximum: ENDING_LIMITS.extensionDaysMax })
  @IsInt()
  @Min(ENDING_LIMITS.extensionDaysMin)
  @Max(ENDING_LIMITS.extensionDaysMax)
  days!: number;

  @ApiProperty({ maxLength: ENDING_LIMITS.noteMax })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ENDING_LIMITS.noteMax)
  reason!: string;
}

export class AnswerExtensionDto implements AnswerExtensionRequest {
  @ApiProperty()
  @IsUUID()
  partyId!: string;

  @ApiProperty()
  @IsBoolean()
  consent!: boolean;
}

export class SuspendDto implements SuspendRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  version?: number;

  @ApiProperty({ maxLength: ENDING_LIMITS.noteMax, description: 'R36: the report' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ENDING_LIMITS.noteMax)
  note!: string;
}

export class CourtSuspendDto implements CourtSuspendRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  caseNumber!: string;

  @ApiProperty({ maxLength: ENDING_LIMITS.noteMax })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ENDING_LIMITS.noteMax)
  note!: string;
}

export class ResumeDto implements ResumeRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  version?: number;

  @OptionalText(ENDING_LIMITS.noteMax)
  note?: string;
}

/** R20: the mediator records the start (true) or end (false) of an expert appraisal. */
export class AppraisalDto implements AppraisalRequest {
  @ApiProperty()
  @IsBoolean()
  start!: boolean;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @OptionalText(ENDING_LIMITS.noteMax)
  note?: string;
}
