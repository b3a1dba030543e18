import { FOLLOW_UP_METHODS, PERFORMANCE_STATUSES, type FollowUpMethod, type FollowUpResultRequest, type PerformanceStatus, type ScheduleFollowUpRequest } from '@tiaojie/contracts';
import { IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ScheduleFollowUpDto implements ScheduleFollowUpRequest {
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a date YYYY-MM-DD' })
  dueOn!: string;

  @IsIn(FOLLOW_UP_METHODS)
  method!: FollowUpMethod;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;
}

export class FollowUpResultDto implements FollowUpResultRequest {
  @IsIn(PERFORMANCE_STATUSES)
  performanceStatus!: PerformanceStatus;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  resultNotes?: string;
}
