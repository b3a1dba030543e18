import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { CasesModule } from '../cases/cases.module';
import { AppConfig } from '../config/app-config';
import { FileStorage, LocalFileStorage } from '../documents/storage';
import { ComplaintHandlingService } from './complaint-handling.service';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';

/** R38: complaints (the deadline scan runs in the cases module's DeadlineScanner). */
@Module({
  imports: [CasesModule],
  controllers: [ComplaintsController],
  providers: [
    ComplaintsService,
    ComplaintHandlingService,
    // The same folder as case documents (random keys; served only through authorised routes).
    { provide: FileStorage, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalFileStorage(join(config.dataDir, 'files')) },
  ],
})
export class ComplaintsModule {}
