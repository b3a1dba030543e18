import type { CaseState, CredentialExpiry, DisputeType } from '@tiaojie/domain';

/** Issue #13 (R39): a mediator's standing on an organisation's roster. */
export type RosterStatus = 'active' | 'suspended' | 'left';
export type CredentialKind = 'certification' | 'training';
export type { CredentialExpiry } from '@tiaojie/domain';

export interface CredentialView {
  id: string;
  kind: CredentialKind;
  title: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  /** Expired, or expiring within 30 days (China date). */
  expiry: CredentialExpiry;
}

/** A case of a suspended or departed mediator that the admin must reassign (never done automatically). */
export interface ReassignmentNeeded {
  caseId: string;
  caseNumber: string | null;
  state: CaseState;
}

/** What the organisation's admin sees of a mediator of its roster. */
export interface RosterMediatorView {
  userId: string;
  name: string;
  nameEn: string | null;
  mobile: string;
  status: RosterStatus;
  statusReason: string | null;
  statusChangedAt: string | null;
  joinedAt: string;
  disputeTypes: DisputeType[];
  regions: string[];
  expertise: string[];
  expertiseEn: string[] | null;
  languages: string[];
  bio: string;
  bioEn: string | null;
  yearsOfPractice: number;
  isPublic: boolean;
  photoUrl: string | null;
  credentials: CredentialView[];
  /** Cases where the mediator holds a pending or accepted assignment and mediation is under way. */
  openCases: number;
  /** Filled only while suspended or left: the open cases to reassign. */
  needsReassignment: ReassignmentNeeded[];
  /** The mediator's ratings (the admin sees them at any count). */
  ratingCount: number;
  ratingAverage: number | null;
}

export interface RosterOrganisation {
  id: string;
  name: string;
  nameEn: string | null;
}

/** R05: what the parties may see of a mediator (nothing private: no mobile, no ID number). */
export interface PublicMediatorProfile {
  id: string;
  name: string;
  nameEn: string | null;
  photoUrl: string | null;
  organisations: Array<{ id: string; name: string; nameEn: string | null }>;
  disputeTypes: DisputeType[];
  expertise: string[];
  expertiseEn: string[] | null;
  languages: string[];
  bio: string;
  bioEn: string | null;
  yearsOfPractice: number;
  /** Cases whose mediation ended with this mediator. */
  casesHandled: number;
  /** Average score and count, only from 3 ratings (null below: fewer could identify a party). */
  satisfaction: { average: number; count: number } | null;
}

/** A party's view of the rating of its ended case. */
export interface RatingPromptView {
  caseId: string;
  /** The viewer is a party of this case, mediation has ended, and it has not rated yet. */
  canRate: boolean;
  ended: boolean;
  mine: { score: number; comment: string; createdAt: string } | null;
}

/**
 * What a mediator sees of its own ratings: aggregates only. Comments are shown only from 3
 * ratings, shuffled, with no date, case or name — never a comment linked to a party.
 */
export interface MediatorRatingsSummary {
  count: number;
  average: number | null;
  /** Number of ratings of each score, 1 to 5. */
  distribution: [number, number, number, number, number];
  comments: string[];
}

/** What the organisation's admin sees of a rating of its mediators (with the comment). */
export interface OrgRatingView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
  score: number;
  comment: string;
  createdAt: string;
}

export type FollowUpMethod = 'phone' | 'visit' | 'online';
export type PerformanceStatus = 'performed' | 'partly' | 'not_performed';
export const FOLLOW_UP_METHODS: readonly FollowUpMethod[] = ['phone', 'visit', 'online'];
export const PERFORMANCE_STATUSES: readonly PerformanceStatus[] = ['performed', 'partly', 'not_performed'];

/** 回访: a follow-up on the performance of the agreement, for staff only. */
export interface FollowUpView {
  id: string;
  caseId: string;
  dueOn: string;
  method: FollowUpMethod;
  notes: string;
  scheduledByName: string | null;
  performanceStatus: PerformanceStatus | null;
  resultNotes: string | null;
  recordedAt: string | null;
  recordedByName: string | null;
  /** Not yet recorded and due today or earlier (China date). */
  due: boolean;
}

// Request bodies (issue #12: one shape for the API's DTOs, apps/api/src/mediators/*.dto.ts,
// and the web's calls, apps/web/src/features/roster/api/roster-api.ts).

/** POST /api/organisations/:id/roster — R05: a mediator invited by mobile. */
export interface InviteMediatorRequest {
  mobile: string;
  name: string;
}

/** PATCH /api/organisations/:id/roster/:userId — only the fields given change. */
export interface RosterProfileChanges {
  disputeTypes?: DisputeType[];
  regions?: string[];
  expertise?: string[];
  expertiseEn?: string[];
  languages?: string[];
  bio?: string;
  bioEn?: string;
  nameEn?: string;
  yearsOfPractice?: number;
  isPublic?: boolean;
}

/** POST /api/organisations/:id/roster/:userId/credentials — dates YYYY-MM-DD. */
export interface CredentialRequest {
  kind: CredentialKind;
  title: string;
  issuer?: string;
  issuedOn: string;
  expiresOn?: string;
}

/** POST …/roster/:userId/suspend and /leave (a reason required); /resume (optional). */
export interface RosterStatusRequest {
  reason?: string;
}

/** POST /api/cases/:id/rating — one per party when the case ends. */
export interface RateCaseRequest {
  score: number;
  comment?: string;
}

/** POST /api/cases/:id/follow-ups — dueOn YYYY-MM-DD. */
export interface ScheduleFollowUpRequest {
  dueOn: string;
  method: FollowUpMethod;
  notes?: string;
}

/** POST /api/cases/:id/follow-ups/:followUpId/result */
export interface FollowUpResultRequest {
  performanceStatus: PerformanceStatus;
  resultNotes?: string;
}
