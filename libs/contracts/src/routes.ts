import type {
  AccountSearchQuery,
  AdminAccountDetail,
  AdminAccountRow,
  AdminBureau,
  AdminCourt,
  AdminOrganisation,
  AdminPage,
  AuditEntryView,
  AuditQuery,
  DisputeTypeView,
  HolidayOverrideRequest,
  PlatformSettingView,
  PutAgreementTemplateRequest,
  PutPlatformSettingRequest,
  SaveCourtRequest,
  SaveOrganisationRequest,
  SetAccountRolesRequest,
  TemplatePreview,
  TemplatesQuery,
} from './admin';
import type {
  AdminUserSummary,
  AuthResponse,
  ChangePasswordRequest,
  DevSmsMessage,
  DevSmsQuery,
  MeQuery,
  NotificationPreferences,
  OtpLoginRequest,
  PasswordLoginRequest,
  PublicCourt,
  PublicOrganisation,
  RealNameRequest,
  RefreshRequest,
  RegisterRequest,
  RequestOtpRequest,
  RequestOtpResponse,
  SetAccountDisabledRequest,
  UpdateProfileRequest,
  UserProfile,
} from './auth';
import type { CalendarStatus, HolidayCalendarOverview, HolidayYearView, PutHolidayYearRequest } from './calendar';
import type {
  AcceptAssignmentRequest,
  AssignMediatorRequest,
  CaseActionRequest,
  CaseDetail,
  CaseListQuery,
  CaseListResponse,
  ChooseMediatorRequest,
  ConsentRequest,
  ConsultationConfig,
  CreateCaseRequest,
  DeclineAssignmentRequest,
  DeliveryListQuery,
  DeliveryView,
  DocumentView,
  EndMediationRequest,
  FilingConfirmationRequest,
  FilingConfirmationResult,
  InvitationPreview,
  InvitationView,
  InvitationViewRequest,
  MediatorChoiceView,
  MediatorProfileView,
  MediatorRosterQuery,
  MyNextAction,
  OrganisationSlaView,
  RecordContactRequest,
  ReturnCaseRequest,
  SubmitCaseRequest,
  TimelineEvent,
  UpdateCaseRequest,
  VersionRequest,
} from './cases';
import type {
  CaseAccessLogEntry,
  ComplaintDetail,
  ComplaintEvidenceView,
  ComplaintListQuery,
  ComplaintNoteRequest,
  ComplaintView,
  CreateComplaintRequest,
  DecideComplaintRequest,
  InvestigateComplaintRequest,
} from './complaints';
import type {
  ConfirmationMessageRequest,
  ConfirmationOverview,
  CourtApplicationDetail,
  CourtChoiceRequest,
  CourtQueueItem,
  CourtQueueQuery,
  ExtendRequest,
  PartyContactsRequest,
  RefuseRequest,
  RejectRequest,
  RulingRequest,
  SignApplicationRequest,
  SupplementDecisionRequest,
  SupplementRequestBody,
  WithdrawApplicationRequest,
} from './confirmation';
import type { CourtBroughtCase, CreateCourtCaseRequest } from './court-cases';
import type {
  AnswerExtensionRequest,
  AppraisalRequest,
  CourtFilingView,
  CourtSuspendRequest,
  EndingView,
  EscalateRequest,
  ProposeExtensionRequest,
  ResumeRequest,
  SuspendRequest,
  TerminateWithReportRequest,
} from './ending';
import type {
  ChannelView,
  CheckInCodeRequest,
  CheckInRequest,
  JointChannelRequest,
  MessageHistoryQuery,
  MessageView,
  RtcConfig,
  ScheduleSessionRequest,
  SendMessageRequest,
  SessionView,
  ShareMessageRequest,
} from './mediation';
import type { AnswerMediatorChangeRequest, ConflictAnswerRequest, CreateMediatorChangeRequest, MediatorChangeRequestView } from './mediator-change';
import type { DisputeObligationRequest, EnforcementQuery, MarkPerformedRequest, PerformanceView } from './performance';
import type {
  CredentialRequest,
  FollowUpResultRequest,
  FollowUpView,
  InviteMediatorRequest,
  MediatorRatingsSummary,
  OrgRatingView,
  PublicMediatorProfile,
  RateCaseRequest,
  RatingPromptView,
  RosterMediatorView,
  RosterOrganisation,
  RosterProfileChanges,
  RosterStatusRequest,
  ScheduleFollowUpRequest,
} from './roster';
import type { ElectronicServiceRequest, ElectronicServiceView, ServiceProofView } from './service';
import type {
  AgreementCompareQuery,
  AgreementCompareView,
  AgreementDetailView,
  AgreementTemplateView,
  AgreementVerification,
  ChangeRequestRequest,
  SaveAgreementRequest,
  SignAgreementRequest,
  StartSigningRequest,
} from './settlement';
import type { InAppNotice } from './socket';
import type { MonthlyReturnQuery, StatisticsDashboard, StatisticsQuery } from './statistics';

/**
 * Every route the API serves (issue #12), as `METHOD /api/path` with `:name` parameters: what it
 * answers and, for the routes that take one, the body and the query string. The API's route check
 * (apps/api/src/routes.spec.ts) keeps this table equal to the controllers: the same routes, each
 * declared answer and each DTO's contract the same type. The web's one client
 * (apps/web/src/lib/api.ts `call`) takes only these routes, so a path, a body or an answer that
 * drifted from the API does not compile. A route that reads a query string names its type as
 * `query`: the contract its query DTO implements.
 */
export interface ApiRoutes {
  'GET /api/admin/accounts': { response: AdminPage<AdminAccountRow>; query: AccountSearchQuery };
  'GET /api/admin/accounts/:id': { response: AdminAccountDetail };
  'PUT /api/admin/accounts/:id/disabled': { response: AdminAccountDetail; body: SetAccountDisabledRequest };
  'PUT /api/admin/accounts/:id/roles': { response: AdminAccountDetail; body: SetAccountRolesRequest };
  'GET /api/admin/audit': { response: AdminPage<AuditEntryView>; query: AuditQuery };
  'GET /api/admin/bureaus': { response: AdminBureau[] };
  'GET /api/admin/calendar': { response: HolidayCalendarOverview };
  'GET /api/admin/calendar/:year': { response: HolidayYearView };
  'PUT /api/admin/calendar/:year': { response: HolidayYearView; body: PutHolidayYearRequest };
  'POST /api/admin/calendar/overrides': { response: HolidayYearView; body: HolidayOverrideRequest };
  'GET /api/admin/courts': { response: AdminCourt[] };
  'POST /api/admin/courts': { response: AdminCourt; body: SaveCourtRequest };
  'PUT /api/admin/courts/:id': { response: AdminCourt; body: SaveCourtRequest };
  'GET /api/admin/dispute-types': { response: DisputeTypeView[] };
  'DELETE /api/admin/dispute-types/:type/agreement-template': { response: DisputeTypeView };
  'PUT /api/admin/dispute-types/:type/agreement-template': { response: DisputeTypeView; body: PutAgreementTemplateRequest };
  'GET /api/admin/organisations': { response: AdminOrganisation[] };
  'POST /api/admin/organisations': { response: AdminOrganisation; body: SaveOrganisationRequest };
  'GET /api/admin/organisations/:id': { response: AdminOrganisation };
  'PUT /api/admin/organisations/:id': { response: AdminOrganisation; body: SaveOrganisationRequest };
  'GET /api/admin/settings': { response: PlatformSettingView[] };
  'PUT /api/admin/settings/:key': { response: PlatformSettingView; body: PutPlatformSettingRequest };
  'GET /api/admin/templates': { response: TemplatePreview[]; query: TemplatesQuery };
  'GET /api/admin/users': { response: AdminUserSummary[] };
  'PATCH /api/admin/users/:id': { response: AdminUserSummary; body: SetAccountDisabledRequest };
  'GET /api/agreements/:id': { response: AgreementDetailView };
  'PUT /api/agreements/:id': { response: AgreementDetailView; body: SaveAgreementRequest };
  'POST /api/agreements/:id/change-requests': { response: AgreementDetailView; body: ChangeRequestRequest };
  'GET /api/agreements/:id/compare': { response: AgreementCompareView; query: AgreementCompareQuery };
  'GET /api/agreements/:id/pdf': { response: ApiDownload };
  'POST /api/agreements/:id/seal': { response: AgreementDetailView };
  'POST /api/agreements/:id/sign': { response: AgreementDetailView; body: SignAgreementRequest };
  'POST /api/agreements/:id/signing-code': { response: RequestOtpResponse };
  'POST /api/agreements/:id/start-signing': { response: AgreementDetailView; body: StartSigningRequest };
  'POST /api/auth/login/otp': { response: AuthResponse; body: OtpLoginRequest };
  'POST /api/auth/login/password': { response: AuthResponse; body: PasswordLoginRequest };
  'POST /api/auth/logout': { response: void };
  'POST /api/auth/otp': { response: RequestOtpResponse; body: RequestOtpRequest };
  'POST /api/auth/refresh': { response: AuthResponse; body: RefreshRequest };
  'POST /api/auth/register': { response: AuthResponse; body: RegisterRequest };
  'GET /api/calendar': { response: CalendarStatus };
  'GET /api/cases': { response: CaseListResponse; query: CaseListQuery };
  'POST /api/cases': { response: CaseDetail; body: CreateCaseRequest };
  'GET /api/cases/:id': { response: CaseDetail };
  'PATCH /api/cases/:id': { response: CaseDetail; body: UpdateCaseRequest };
  'POST /api/cases/:id/accept': { response: CaseDetail; body: CaseActionRequest };
  'GET /api/cases/:id/agreement-template': { response: AgreementTemplateView };
  'GET /api/cases/:id/agreements': { response: AgreementDetailView[] };
  'POST /api/cases/:id/agreements': { response: AgreementDetailView; body: SaveAgreementRequest };
  'GET /api/cases/:id/archive.pdf': { response: ApiDownload };
  'POST /api/cases/:id/assignment/accept': { response: CaseDetail; body: AcceptAssignmentRequest };
  'POST /api/cases/:id/assignment/decline': { response: { declined: true }; body: DeclineAssignmentRequest };
  'POST /api/cases/:id/assignments': { response: CaseDetail; body: AssignMediatorRequest };
  'POST /api/cases/:id/assignments/:assignmentId/remove': { response: CaseDetail; body: CaseActionRequest };
  'GET /api/cases/:id/channels': { response: ChannelView[] };
  'POST /api/cases/:id/close': { response: CaseDetail; body: VersionRequest };
  'GET /api/cases/:id/confirmation': { response: ConfirmationOverview };
  'GET /api/cases/:id/confirmation/application.pdf': { response: ApiDownload };
  'POST /api/cases/:id/confirmation/code': { response: RequestOtpResponse };
  'POST /api/cases/:id/confirmation/contacts': { response: ConfirmationOverview; body: PartyContactsRequest };
  'POST /api/cases/:id/confirmation/court': { response: ConfirmationOverview; body: CourtChoiceRequest };
  'POST /api/cases/:id/confirmation/messages': { response: ConfirmationOverview; body: ConfirmationMessageRequest };
  'GET /api/cases/:id/confirmation/ruling.pdf': { response: ApiDownload };
  'POST /api/cases/:id/confirmation/sign': { response: ConfirmationOverview; body: SignApplicationRequest };
  'POST /api/cases/:id/confirmation/supplements/:supplementId/documents': { response: ConfirmationOverview; body: ApiUpload };
  'POST /api/cases/:id/confirmation/withdraw': { response: ConfirmationOverview; body: WithdrawApplicationRequest };
  'POST /api/cases/:id/conflict-answer': { response: CaseDetail; body: ConflictAnswerRequest };
  'POST /api/cases/:id/consent': { response: CaseDetail; body: ConsentRequest };
  'POST /api/cases/:id/contacts': { response: CaseDetail; body: RecordContactRequest };
  'GET /api/cases/:id/deliveries': { response: DeliveryView[] };
  'POST /api/cases/:id/documents': { response: DocumentView; body: ApiUpload };
  'DELETE /api/cases/:id/documents/:documentId': { response: void };
  'GET /api/cases/:id/documents/:documentId': { response: ApiDownload };
  'GET /api/cases/:id/electronic-service': { response: ElectronicServiceView[] };
  'POST /api/cases/:id/electronic-service': { response: ElectronicServiceView[]; body: ElectronicServiceRequest };
  'POST /api/cases/:id/end-mediation': { response: CaseDetail; body: EndMediationRequest };
  'GET /api/cases/:id/ending': { response: EndingView };
  'POST /api/cases/:id/ending/appraisal': { response: EndingView; body: AppraisalRequest };
  'POST /api/cases/:id/ending/escalate': { response: EndingView; body: EscalateRequest };
  'POST /api/cases/:id/ending/extensions': { response: EndingView; body: ProposeExtensionRequest };
  'POST /api/cases/:id/ending/extensions/:extensionId/answer': { response: EndingView; body: AnswerExtensionRequest };
  'GET /api/cases/:id/ending/failure-report.pdf': { response: ApiDownload };
  'GET /api/cases/:id/ending/package.json': { response: ApiDownload };
  'GET /api/cases/:id/ending/package.pdf': { response: ApiDownload };
  'POST /api/cases/:id/ending/resume': { response: { caseId: string; state: string }; body: ResumeRequest };
  'POST /api/cases/:id/ending/suspend': { response: { caseId: string; state: string }; body: SuspendRequest };
  'POST /api/cases/:id/ending/terminate': { response: EndingView; body: TerminateWithReportRequest };
  'GET /api/cases/:id/enforcement-application': { response: ApiDownload; query: EnforcementQuery };
  'GET /api/cases/:id/follow-ups': { response: FollowUpView[] };
  'POST /api/cases/:id/follow-ups': { response: FollowUpView[]; body: ScheduleFollowUpRequest };
  'POST /api/cases/:id/follow-ups/:followUpId/result': { response: FollowUpView[]; body: FollowUpResultRequest };
  'PUT /api/cases/:id/joint': { response: ChannelView; body: JointChannelRequest };
  'GET /api/cases/:id/mediator-change-requests': { response: MediatorChangeRequestView[] };
  'POST /api/cases/:id/mediator-change-requests': { response: CaseDetail; body: CreateMediatorChangeRequest };
  'POST /api/cases/:id/mediator-change-requests/:requestId/answer': { response: CaseDetail; body: AnswerMediatorChangeRequest };
  'GET /api/cases/:id/mediator-choice': { response: MediatorChoiceView };
  'POST /api/cases/:id/mediator-choice': { response: MediatorChoiceView; body: ChooseMediatorRequest };
  'GET /api/cases/:id/mediator-proposals': { response: MediatorProfileView[] };
  'GET /api/cases/:id/obligations': { response: PerformanceView };
  'POST /api/cases/:id/obligations/:obligationId/confirm': { response: PerformanceView };
  'POST /api/cases/:id/obligations/:obligationId/dispute': { response: PerformanceView; body: DisputeObligationRequest };
  'POST /api/cases/:id/obligations/:obligationId/performed': { response: PerformanceView; body: MarkPerformedRequest | ApiUpload };
  'POST /api/cases/:id/parties/:partyId/invitation': { response: CaseDetail };
  'GET /api/cases/:id/rating': { response: RatingPromptView };
  'POST /api/cases/:id/rating': { response: RatingPromptView; body: RateCaseRequest };
  'POST /api/cases/:id/return': { response: CaseDetail; body: ReturnCaseRequest };
  'GET /api/cases/:id/service-proofs': { response: ServiceProofView[] };
  'GET /api/cases/:id/service-proofs.pdf': { response: ApiDownload };
  'GET /api/cases/:id/sessions': { response: SessionView[] };
  'POST /api/cases/:id/sessions': { response: SessionView; body: ScheduleSessionRequest };
  'POST /api/cases/:id/start': { response: CaseDetail; body: VersionRequest };
  'POST /api/cases/:id/submit': { response: CaseDetail; body: SubmitCaseRequest };
  'GET /api/cases/:id/timeline': { response: TimelineEvent[] };
  'POST /api/cases/:id/withdraw': { response: CaseDetail; body: CaseActionRequest };
  'POST /api/channels/:id/attachments': { response: DocumentView; body: ApiUpload };
  'GET /api/channels/:id/messages': { response: MessageView[]; query: MessageHistoryQuery };
  'POST /api/channels/:id/messages': { response: { message: MessageView; duplicate: boolean }; body: Omit<SendMessageRequest, 'channelId'> };
  'GET /api/complaints': { response: ComplaintView[]; query: ComplaintListQuery };
  'POST /api/complaints': { response: ComplaintDetail; body: CreateComplaintRequest };
  'GET /api/complaints/:id': { response: ComplaintDetail };
  'GET /api/complaints/:id/case-access-log': { response: CaseAccessLogEntry[] };
  'POST /api/complaints/:id/decide': { response: ComplaintDetail; body: DecideComplaintRequest };
  'POST /api/complaints/:id/evidence': { response: ComplaintEvidenceView; body: ApiUpload };
  'GET /api/complaints/:id/evidence/:evidenceId': { response: ApiDownload };
  'POST /api/complaints/:id/investigate': { response: ComplaintDetail; body: InvestigateComplaintRequest };
  'POST /api/complaints/:id/notes': { response: ComplaintDetail; body: ComplaintNoteRequest };
  'GET /api/consultation': { response: ConsultationConfig };
  'GET /api/court/cases': { response: CourtBroughtCase[] };
  'POST /api/court/cases': { response: CaseDetail; body: CreateCourtCaseRequest };
  'GET /api/court/cases/:id/file.pdf': { response: ApiDownload };
  'GET /api/court/confirmations': { response: CourtQueueItem[]; query: CourtQueueQuery };
  'GET /api/court/confirmations/:appId': { response: CourtApplicationDetail };
  'POST /api/court/confirmations/:appId/accept': { response: CourtApplicationDetail };
  'GET /api/court/confirmations/:appId/agreement.pdf': { response: ApiDownload };
  'GET /api/court/confirmations/:appId/application.pdf': { response: ApiDownload };
  'POST /api/court/confirmations/:appId/confirm': { response: CourtApplicationDetail; body: RulingRequest };
  'GET /api/court/confirmations/:appId/documents/:documentId': { response: ApiDownload };
  'POST /api/court/confirmations/:appId/extend': { response: CourtApplicationDetail; body: ExtendRequest };
  'POST /api/court/confirmations/:appId/messages': { response: CourtApplicationDetail; body: ConfirmationMessageRequest };
  'POST /api/court/confirmations/:appId/refuse': { response: CourtApplicationDetail; body: RefuseRequest };
  'POST /api/court/confirmations/:appId/reject': { response: CourtApplicationDetail; body: RejectRequest };
  'GET /api/court/confirmations/:appId/ruling.pdf': { response: ApiDownload };
  'POST /api/court/confirmations/:appId/supplements': { response: CourtApplicationDetail; body: SupplementRequestBody };
  'POST /api/court/confirmations/:appId/supplements/:supplementId/decision': { response: CourtApplicationDetail; body: SupplementDecisionRequest };
  'GET /api/court/filings': { response: CourtFilingView[] };
  'GET /api/court/filings/:filingId': { response: CourtFilingView };
  'GET /api/court/filings/:filingId/documents/:documentId': { response: ApiDownload };
  'GET /api/court/filings/:filingId/package.json': { response: ApiDownload };
  'GET /api/court/filings/:filingId/package.pdf': { response: ApiDownload };
  'POST /api/court/filings/:filingId/register': { response: CourtFilingView };
  'POST /api/court/sham-flags': { response: { caseId: string; state: string }; body: CourtSuspendRequest };
  'GET /api/courts': { response: PublicCourt[] };
  'GET /api/dev/sms': { response: DevSmsMessage[]; query: DevSmsQuery };
  'POST /api/filing-confirmations/:caseId': { response: FilingConfirmationResult; body: FilingConfirmationRequest };
  'POST /api/filing-confirmations/:caseId/code': { response: RequestOtpResponse };
  'GET /api/health': { response: ApiHealth };
  'GET /api/health/live': { response: ApiHealth };
  'GET /api/health/ready': { response: ApiHealth };
  'GET /api/invitations/:token': { response: InvitationPreview };
  'POST /api/invitations/:token/claim': { response: { caseId: string } };
  'POST /api/invitations/:token/code': { response: RequestOtpResponse };
  'POST /api/invitations/:token/view': { response: InvitationView; body: InvitationViewRequest };
  'GET /api/me': { response: UserProfile | undefined; query: MeQuery };
  'PATCH /api/me': { response: UserProfile; body: UpdateProfileRequest };
  'GET /api/me/actions': { response: MyNextAction[] };
  'GET /api/me/follow-ups': { response: Array<FollowUpView & { caseNumber: string | null }> };
  'GET /api/me/notification-preferences': { response: NotificationPreferences };
  'PUT /api/me/notification-preferences': { response: NotificationPreferences; body: NotificationPreferences };
  'POST /api/me/password': { response: void; body: ChangePasswordRequest };
  'GET /api/me/ratings': { response: MediatorRatingsSummary };
  'PUT /api/me/real-name': { response: UserProfile; body: RealNameRequest };
  'GET /api/mediators': { response: MediatorProfileView[]; query: MediatorRosterQuery };
  'GET /api/mediators/:id/photo': { response: ApiDownload };
  'GET /api/mediators/:id/profile': { response: PublicMediatorProfile };
  'POST /api/messages/:id/share': { response: { message: MessageView; duplicate: boolean }; body: Omit<ShareMessageRequest, 'messageId'> };
  'GET /api/metrics': { response: ApiDownload };
  'GET /api/notifications': { response: { items: InAppNotice[]; unread: number } };
  'POST /api/notifications/:id/delivered': { response: DeliveryView };
  'POST /api/notifications/:id/opened': { response: void };
  'POST /api/notifications/:id/read': { response: void };
  'POST /api/notifications/:id/retry': { response: DeliveryView };
  'GET /api/organisations': { response: PublicOrganisation[] };
  'GET /api/organisations/:id/notifications': { response: DeliveryView[]; query: DeliveryListQuery };
  'GET /api/organisations/:id/sla': { response: OrganisationSlaView };
  'GET /api/organisations/:orgId/ratings': { response: OrgRatingView[] };
  'GET /api/organisations/:orgId/roster': { response: RosterMediatorView[] };
  'POST /api/organisations/:orgId/roster': { response: RosterMediatorView; body: InviteMediatorRequest };
  'PATCH /api/organisations/:orgId/roster/:userId': { response: RosterMediatorView; body: RosterProfileChanges };
  'POST /api/organisations/:orgId/roster/:userId/credentials': { response: RosterMediatorView; body: CredentialRequest };
  'DELETE /api/organisations/:orgId/roster/:userId/credentials/:credentialId': { response: RosterMediatorView };
  'POST /api/organisations/:orgId/roster/:userId/leave': { response: RosterMediatorView; body: RosterStatusRequest };
  'POST /api/organisations/:orgId/roster/:userId/photo': { response: RosterMediatorView; body: ApiUpload };
  'POST /api/organisations/:orgId/roster/:userId/resume': { response: RosterMediatorView; body: RosterStatusRequest };
  'POST /api/organisations/:orgId/roster/:userId/suspend': { response: RosterMediatorView; body: RosterStatusRequest };
  'GET /api/roster/organisations': { response: RosterOrganisation[] };
  'GET /api/rtc/config': { response: RtcConfig };
  'POST /api/sessions/:id/check-in': { response: SessionView; body: CheckInRequest };
  'POST /api/sessions/:id/check-in/code': { response: RequestOtpResponse; body: CheckInCodeRequest };
  'POST /api/sessions/:id/consent': { response: SessionView };
  'GET /api/statistics/dashboard': { response: StatisticsDashboard; query: StatisticsQuery };
  'GET /api/statistics/monthly-return': { response: ApiDownload; query: MonthlyReturnQuery };
  'POST /api/verify': { response: AgreementVerification; body: ApiUpload };
  'GET /api/verify/:code': { response: AgreementVerification };
}

export type ApiRoute = keyof ApiRoutes;

/** A file the route sends (a PDF, a spreadsheet, a photo, the metrics text): fetched as bytes or linked, never parsed as JSON. */
export interface ApiDownload {
  readonly download: true;
}

/** A multipart form with a `file` (and the route's fields): the body of an upload. */
export interface ApiUpload {
  readonly upload: true;
}

/** The health check's answer (liveness, readiness). */
export interface ApiHealth {
  status: string;
  [detail: string]: unknown;
}
