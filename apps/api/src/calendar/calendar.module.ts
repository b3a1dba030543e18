import { Global, Module } from '@nestjs/common';
import { AdminCalendarController, CalendarController } from './holiday-calendar.controller';
import { HolidayCalendarService } from './holiday-calendar.service';

/** The holiday calendar, global: every module that computes a deadline injects HolidayCalendarService. */
@Global()
@Module({
  controllers: [AdminCalendarController, CalendarController],
  providers: [HolidayCalendarService],
  exports: [HolidayCalendarService],
})
export class CalendarModule {}
