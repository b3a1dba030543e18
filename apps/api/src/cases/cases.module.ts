import { NextActionsController } from './next-actions.controller';
import { NextActionsService } from './next-actions.service';
import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AppConfig } from '../config/app-config';
import { DocumentsService } from './documents.service';
import { fileStorageProvider } from '../documents/storage-driver';
import { NotificationDispatcher } from '../notifications/dispatcher.service';
import { OutboxRecovery } from '../notifications/outbox-recovery';
import { OutboxSender } from '../notifications/outbox-sender';
import { InboxController } from '../notifications/inbox.controller';
import { DeliveriesController } from './deliveries.controller';
import { ElectronicServiceController } from './electronic-service.controller';
import { EmailSender } from '../notifications/channels/email-sender';
import { SmtpEmailSender } from '../notifications/channels/smtp-email.sender';
import { Notifier } from './notifier';
import { RealtimeModule } from '../realtime/realtime.module';
import { SmsModule } from '../sms/sms.module';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseWorkflowService } from './case-workflow.service';
import { InvitationsService } from './invitations.service';
import { ConsentGatesService } from './consent-gates.service';
import { CasesController } from './cases.controller';
import { MediatorChangeController } from './mediator-change.controller';
import { MediatorChangeService } from './mediator-change.service';
import { CaseListService } from './case-list.service';
import { CasesService } from './cases.service';
import { MediatorChoiceService } from './mediator-choice.service';
import { DeadlineScanner } from './deadline-scanner.service';
import { InvitationsController } from './invitations.controller';
import { CourtCasesController } from './court-cases.controller';
import { CourtCasesService } from './court-cases.service';
import { FilingConfirmationController } from './filing-confirmation.controller';
import { FilingConfirmationService } from './filing-confirmation.service';
import { CaseChanges } from './case-changes';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from '../notifications/notification.entity';
import { UnreadEscalation } from './unread-escalation';

@Module({
  imports: [AccountsModule, SmsModule, RealtimeModule, TypeOrmModule.forFeature([Notification])],
  controllers: [
    CasesController,
    NextActionsController,
    CourtCasesController,
    MediatorChangeController,
    InvitationsController,
    FilingConfirmationController,
    InboxController,
    DeliveriesController,
    ElectronicServiceController,
  ],
  providers: [
    CasesService,
    CaseListService,
    MediatorChoiceService,
    NextActionsService,
    CourtCasesService,
    CaseWorkflowService,
    InvitationsService,
    MediatorChangeService,
    FilingConfirmationService,
    ConsentGatesService,
    CaseLifecycleService,
    DocumentsService,
    DeadlineScanner,
    Notifier,
    NotificationDispatcher,
    UnreadEscalation,
    OutboxSender,
    OutboxRecovery,
    CaseChanges,
    {
      provide: EmailSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.env.SMTP_URL ? new SmtpEmailSender({ url: config.env.SMTP_URL, from: config.env.SMTP_FROM }) : null),
    },
    fileStorageProvider,
  ],
  exports: [CaseLifecycleService, CasesService, Notifier, NotificationDispatcher, DeadlineScanner, CaseChanges, DocumentsService],
})
export class CasesModule {}
