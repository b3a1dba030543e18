import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CasesModule } from '../cases/cases.module';
import { SettlementModule } from '../settlement/settlement.module';
import { fileStorageProvider } from '../documents/storage-driver';
import { ConfirmationDeadlines } from './confirmation-deadlines';
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
    ConfirmationDeadlines,
    // The same files folder as the case documents (CasesModule does not export its driver).
    fileStorageProvider,
  ],
  exports: [ConfirmationService, CourtConfirmationService],
})
export class ConfirmationModule {}
