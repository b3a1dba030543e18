import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { AccountsModule } from '../accounts/accounts.module';
import { AppConfig } from '../config/app-config';
import { FileStorage, LocalFileStorage } from '../documents/storage';
import { CasesModule } from '../cases/cases.module';
import { MediationModule } from '../mediation/mediation.module';
import { CourtFilingsController, EndingController } from './ending.controller';
import { EndingService } from './ending.service';

/** Ending a mediation: failure report, escalation and the court's filing queue, extensions, sham flag (R20–R24, R36). */
@Module({
  imports: [AccountsModule, CasesModule, MediationModule],
  controllers: [EndingController, CourtFilingsController],
  providers: [
    EndingService,
    // R24: the court opens the package's materials from the same files folder as the case documents.
    { provide: FileStorage, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalFileStorage(join(config.dataDir, 'files')) },
  ],
  exports: [EndingService],
})
export class EndingModule {}
