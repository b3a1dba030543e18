import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CasesModule } from '../cases/cases.module';
import { MediationModule } from '../mediation/mediation.module';
import { CourtFilingsController, EndingController } from './ending.controller';
import { EndingService } from './ending.service';

/** Ending a mediation: failure report, escalation and the court's filing queue, extensions, sham flag (R20–R24, R36). */
@Module({
  imports: [AccountsModule, CasesModule, MediationModule],
  controllers: [EndingController, CourtFilingsController],
  providers: [EndingService],
  exports: [EndingService],
})
export class EndingModule {}
