import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { fileStorageProvider } from '../documents/storage-driver';
import { CasesModule } from '../cases/cases.module';
import { MediationModule } from '../mediation/mediation.module';
import { CourtFilingsController, EndingController } from './ending.controller';
import { CourtFilingsService } from './court-filings.service';
import { EndingService } from './ending.service';
import { MediationPeriodService } from './mediation-period.service';
import { APP_GUARD } from '@nestjs/core';
import { ArchiveController, ArchivedCaseGuard } from './archive.controller';
import { ArchiveService } from './archive.service';
import { CourtReturnService } from './court-return.service';

/** Ending a mediation: failure report, escalation and the court's filing queue, extensions, sham flag, closing and the archive (R20–R24, R27, R36). */
@Module({
  imports: [AccountsModule, CasesModule, MediationModule],
  controllers: [EndingController, CourtFilingsController, ArchiveController],
  providers: [
    EndingService,
    MediationPeriodService, // R20, R36
    CourtFilingsService, // R24
    ArchiveService, // R27
    CourtReturnService, // R20/R21/R24
    { provide: APP_GUARD, useClass: ArchivedCaseGuard }, // R27: read-only once archived
    // R24: the court opens the package's materials from the same files folder as the case documents.
    fileStorageProvider,
  ],
  exports: [EndingService, MediationPeriodService, CourtFilingsService],
})
export class EndingModule {}
