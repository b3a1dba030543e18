import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { fileStorageProvider } from '../documents/storage-driver';
import { ComplaintDeadlines } from './complaint-deadlines';
import { ComplaintHandlingService } from './complaint-handling.service';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';

/** R38: complaints (their deadlines are a step of the cases module's DeadlineScanner). */
@Module({
  imports: [CasesModule],
  controllers: [ComplaintsController],
  providers: [
    ComplaintsService,
    ComplaintHandlingService,
    ComplaintDeadlines,
    // The same folder as case documents (random keys; served only through authorised routes).
    fileStorageProvider,
  ],
})
export class ComplaintsModule {}
