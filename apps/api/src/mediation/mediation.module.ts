import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CasesModule } from '../cases/cases.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { JointCallsService } from './joint-calls.service';
import { MediationController } from './mediation.controller';
import { MediationGateway } from './mediation.gateway';
import { MediationService } from './mediation.service';
import { MessageNotices } from './message-notices';
import { SessionsService } from './sessions.service';

@Module({
  imports: [AccountsModule, CasesModule, RealtimeModule],
  controllers: [MediationController],
  providers: [MediationService, JointCallsService, MediationGateway, SessionsService, MessageNotices],
  exports: [MediationService],
})
export class MediationModule {}
