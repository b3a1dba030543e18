import { Module } from '@nestjs/common';
import { AdminAuditController } from './admin-audit.controller';
import { AdminConsoleController } from './admin-console.controller';

/**
 * Issue #13: the system admin console's read views and the settings page. The writes to
 * organisations, courts, accounts and the calendar live in the modules that own those tables
 * (their admin controllers); settings are written by SettingsService.
 */
@Module({
  controllers: [AdminAuditController, AdminConsoleController],
})
export class AdminModule {}
