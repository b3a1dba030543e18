import { OTP_PATTERN, SESSION_MODES, type CheckInCodeRequest, type CheckInRequest, type ScheduleSessionRequest, type SessionMode } from '@tiaojie/contracts';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class ScheduleSessionDto implements ScheduleSessionRequest {
  @IsISO8601({ strict: true }, { message: 'must be a date and time (ISO 8601)' })
  startsAt!: string;

  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;

  @IsIn(SESSION_MODES)
  mode!: SessionMode;

  @IsBoolean()
  separate!: boolean;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  partyIds!: string[];
}

export class CheckInCodeDto implements CheckInCodeRequest {
  /** R14: only when no ID number is recorded yet (validated as a resident ID in the service). */
  @IsOptional()
  @IsString()
  @MaxLength(18)
  idNumber?: string;
}

export class CheckInDto implements CheckInRequest {
  /** R14: the code sent by SMS to the registered mobile. */
  @IsString()
  @Matches(OTP_PATTERN, { message: 'must be the 6-digit code sent to your registered mobile' })
  code!: string;

  @IsOptional()
  @IsString()
  @MaxLength(18)
  idNumber?: string;

  @Equals(true, { message: 'read and acknowledge the warning against sham mediation' })
  shamWarningAcknowledged!: true;
}
