import { Global, Module } from '@nestjs/common';
import { SettingsService } from './settings.service';

/** Platform settings (issue #13), global: the code that uses a setting injects SettingsService. */
@Global()
@Module({
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
