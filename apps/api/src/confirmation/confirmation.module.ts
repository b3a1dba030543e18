import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AppConfig } from '../config/app-config';
import { CasesModule } from '../cases/cases.module';
import { SettlementModule } from '../settlement/settlement.module';
import { FileStorage, LocalFileStorage } from '../documents/storage';
import { join } from 'node:path';
import { ConfirmationController, CourtConfirmationsController } from './confirmation.controller';
import { ConfirmationService } from './confirmation.service';
import { CourtConfirmationService } from './court-confirmation.service';
import { CourtReadsService } from './court-reads.service';

/** Judicial confirmation (R29–R35) and the court portal's confirmation queue. */
@Module({
  imports: [AccountsModule, CasesModule, SettlementModule],
  controllers: [ConfirmationController, CourtConfirmationsController],
  providers: [
    ConfirmationService,
    CourtConfirmationService,
    CourtReadsService,
    // The same files folder as the case documents (CasesModule does not export its driver).
    { provide: FileStorage, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalFileStorage(join(config.dataDir, 'files')) },
  ],
  exports: [ConfirmationService, CourtConfirmationService],
})
export class ConfirmationModule {}
