import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CasesModule } from '../cases/cases.module';
import { fileStorageProvider } from '../documents/storage-driver';
import { MediationModule } from '../mediation/mediation.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { AdminAgreementTemplatesController } from './admin-agreement-templates.controller';
import { AgreementTemplateAdminService } from './agreement-template-admin.service';
import { AgreementsController, VerifyController } from './agreements.controller';
import { AgreementAccess } from './agreement-access';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementVerificationService } from './agreement-verification.service';
import { AgreementsService } from './agreements.service';

/** Settlement agreements (R25–R28): drafting, review, signing, the signed PDF and its public verification. */
@Module({
  imports: [AccountsModule, CasesModule, MediationModule, RealtimeModule],
  controllers: [AgreementsController, VerifyController, AdminAgreementTemplatesController],
  providers: [AgreementAccess, AgreementTemplateAdminService, AgreementsService, AgreementSigningService, AgreementVerificationService, fileStorageProvider],
  exports: [AgreementsService],
})
export class SettlementModule {}
