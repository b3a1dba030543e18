import { Body, Controller, Get, Param, Post, Put, type PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { CalendarStatus, HolidayCalendarOverview, HolidayOverrideRequest, HolidayYearView, PutHolidayYearRequest } from '@tiaojie/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CurrentAuth, Roles } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { AppException } from '../common/app-exception';
import { trim } from '../common/transforms';
import { Meta, type RequestMeta } from '../common/request-meta';
import { HolidayCalendarService } from './holiday-calendar.service';

/** `:year` — a whole year 1900–2100 (the range the lunar conversion covers), else 400 naming `year`. */
const yearPipe: PipeTransform<string, number> = {
  transform(value: string) {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 1900 && year <= 2100)) throw AppException.field('VALIDATION_FAILED', 'year', 'yearRange', 'year must be a whole number from 1900 to 2100');
    return year;
  },
};

export class PutHolidayYearDto implements PutHolidayYearRequest {
  @ApiProperty({ type: [String], description: 'Non-working holidays of the year, YYYY-MM-DD' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsString({ each: true })
  holidays!: string[];

  @ApiProperty({ type: [String], description: 'Weekend days that are working days (调休), YYYY-MM-DD' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsString({ each: true })
  workdays!: string[];

  @ApiPropertyOptional({ description: 'The published State Council schedule (default true)' })
  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

/** Issue #13: one day made a holiday or a working day, with the reason. */
export class HolidayOverrideDto implements HolidayOverrideRequest {
  @ApiProperty({ example: '2027-10-08' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ enum: ['holiday', 'working'] })
  @IsIn(['holiday', 'working'])
  kind!: 'holiday' | 'working';

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason!: string;
}

/** System admin: the holiday calendar behind every working-day deadline (R07, R09, R12, R29, R33). */
@ApiTags('admin')
@Controller('admin/calendar')
@Roles('admin')
export class AdminCalendarController {
  constructor(private readonly calendar: HolidayCalendarService) {}

  @Get()
  overview(): HolidayCalendarOverview {
    return this.calendar.overview();
  }

  @Post('overrides')
  override(@CurrentAuth() auth: AuthContext, @Body() dto: HolidayOverrideDto, @Meta() meta: RequestMeta): Promise<HolidayYearView> {
    return this.calendar.override(dto, auth.userId, meta);
  }

  @Get(':year')
  year(@Param('year', yearPipe) year: number): HolidayYearView {
    return this.calendar.year(year);
  }

  @Put(':year')
  put(@CurrentAuth() auth: AuthContext, @Param('year', yearPipe) year: number, @Body() dto: PutHolidayYearDto, @Meta() meta: RequestMeta): Promise<HolidayYearView> {
    return this.calendar.putYear(year, dto, auth.userId, meta);
  }
}

/** Any signed-in client: which years are published, to mark a provisional deadline. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: HolidayCalendarService) {}

  @Get()
  status(): CalendarStatus {
    return this.calendar.status();
  }
}
