import { SESSION_MODES, type CheckInRequest, type ScheduleSessionRequest, type SessionMode } from '@tiaojie/contracts';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class ScheduleSessionDto implements ScheduleSessionRequest {
  @IsISO8601({ strict: true }, { message: 'must be a date and time (ISO 8601)' })
  startsAt!: string;

  @IsOptional() @IsInt() @Min(15) @Max(480)
  durationMinutes?: number;

  @IsIn(SESSION_MODES)
  mode!: SessionMode;

  @IsBoolean()
  separate!: boolean;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsUUID('all', { each: true })
  partyIds!: string[];
}

export class CheckInDto implements CheckInRequest {
  @Matches(/^\d{3}[\dXx]$/, { message: 'must be the last four characters of your ID number' })
  idNumberLast4!: string;

  @Equals(true, { message: 'read and acknowledge the warning against sham mediation' })
  shamWarningAcknowledged!: true;
}
