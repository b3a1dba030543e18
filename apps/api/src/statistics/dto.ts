import type { StatisticsQuery, MonthlyReturnQuery } from '@tiaojie/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

/** A China-local date, or a date-time with its offset (a Date reads both; ISO's week and ordinal forms it does not). */
const BOUND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Filters of a statistics dashboard (issue #13); every one only narrows the viewer's scope. */
export class StatisticsQueryDto implements StatisticsQuery {
  @ApiPropertyOptional({ description: 'ISO date (China-local day start) or date-time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(BOUND, { message: 'from must be a date (YYYY-MM-DD) or a date-time with its offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date (to the end of that China-local day) or date-time (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(BOUND, { message: 'to must be a date (YYYY-MM-DD) or a date-time with its offset' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  mediatorId?: string;
}

export class MonthlyReturnQueryDto implements MonthlyReturnQuery {
  @ApiPropertyOptional({ example: '2026-11', description: 'The month, YYYY-MM (China-local)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ enum: ['xlsx', 'pdf'] })
  @IsOptional()
  @IsIn(['xlsx', 'pdf'])
  format?: 'xlsx' | 'pdf';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}
