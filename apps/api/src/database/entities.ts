import { AuthSession } from '../accounts/auth-session.entity';
import { LoginThrottle } from '../accounts/login-throttle.entity';
import { OtpCode } from '../accounts/otp-code.entity';
import { RefreshToken } from '../accounts/refresh-token.entity';
import { User } from '../accounts/user.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { PlatformSetting } from '../settings/platform-setting.entity';
import { AgreementTemplateText } from '../settlement/agreement-template-text.entity';
import { Court } from '../organisations/court.entity';
import { JusticeBureau } from '../organisations/justice-bureau.entity';
import { CaseArchive } from '../cases/case-archive.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { DevSmsMessage } from '../sms/dev-sms-message.entity';
import { CaseAccessLog } from '../cases/case-access-log.entity';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { ConflictConsent, MediatorChangeRequest } from '../cases/mediator-change.entity';
import { Complaint, ComplaintEvent, ComplaintEvidence } from '../complaints/complaint.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { CaseNumberCounter } from '../cases/case-number-counter.entity';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CaseDocument } from '../documents/case-document.entity';
import { MediatorProfile } from '../organisations/mediator-profile.entity';
import { CaseFollowUp, CaseRating, MediatorCredential, MediatorPhoto } from '../mediators/roster.entities';
import { Notification } from '../notifications/notification.entity';
import { ConversationChannel } from '../mediation/channel.entity';
import { ChannelMessage, ChannelRead } from '../mediation/message.entity';
import { MediationSession, SessionAttendance } from '../cases/session.entity';
import { Agreement, AgreementChangeRequest, AgreementRevision, AgreementSignature, Obligation } from '../cases/agreement.entity';
import { ConfirmationApplication, ConfirmationMessage, ConfirmationSupplement } from '../cases/confirmation.entity';
import { CourtFiling } from '../cases/court-filing.entity';
import { ExtensionConsent, FailureReport, MediationExtension, ShamReport } from '../ending/ending.entities';
import { HolidayCalendarYear } from '../calendar/holiday-calendar-year.entity';

/** Every entity, listed (not globbed) so the same list works in jest, the build and the CLI. */
export const ENTITIES = [
  User,
  AuthSession,
  RefreshToken,
  OtpCode,
  LoginThrottle,
  AuditLog,
  PlatformSetting,
  AgreementTemplateText,
  DevSmsMessage,
  Court,
  JusticeBureau,
  Organisation,
  Membership,
  MediationCase,
  CaseParty,
  CaseAssignment,
  MediatorChangeRequest,
  ConflictConsent,
  Complaint,
  ComplaintEvent,
  ComplaintEvidence,
  CaseEvent,
  CaseAccessLog,
  CaseNumberCounter,
  CaseDocument,
  MediatorProfile,
  MediatorPhoto,
  MediatorCredential,
  CaseRating,
  CaseFollowUp,
  Notification,
  ConversationChannel,
  ChannelMessage,
  ChannelRead,
  MediationSession,
  SessionAttendance,
  Agreement,
  AgreementRevision,
  AgreementChangeRequest,
  AgreementSignature,
  Obligation,
  ConfirmationApplication,
  ConfirmationSupplement,
  ConfirmationMessage,
  FailureReport,
  CourtFiling,
  CaseArchive,
  MediationExtension,
  ExtensionConsent,
  ShamReport,
  HolidayCalendarYear,
];
