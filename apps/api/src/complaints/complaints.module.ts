import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { CasesModule } from '../cases/cases.module';
import { AppConfig } from '../config/app-config';
import { FileStorage, LocalFileStorage } from '../documents/storage';
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
    { provide: FileStorage, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalFileStorage(join(config.dataDir, 'files')) },
  ],
})
export class ComplaintsModule {}
