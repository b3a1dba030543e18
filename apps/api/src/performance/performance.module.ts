import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CasesModule } from '../cases/cases.module';
import { ObligationReminders } from './obligation-reminders';
import { PerformanceController } from './performance.controller';
import { PerformanceService } from './performance.service';

/** Performance of obligations (R28) and enforcement applications (R34). Reminders run with every deadline scan (obligation-reminders.ts). */
@Module({
  imports: [AccountsModule, CasesModule],
  controllers: [PerformanceController],
  providers: [PerformanceService, ObligationReminders],
  exports: [PerformanceService],
})
export class PerformanceModule {}
