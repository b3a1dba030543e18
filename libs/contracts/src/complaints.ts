import type { ComplaintGround, ComplaintOutcome, ComplaintRole, ComplaintStatus, ComplaintSubject } from '@tiaojie/domain';

/** R38: filing a complaint (a case link only by a party of that case, checked by the server). */
export interface CreateComplaintRequest {
  subjectKind: ComplaintSubject;
  /** Required for a complaint about an organisation (or taken from the linked case). */
  organisationId?: string;
  /** Required for a complaint about a mediator. */
  mediatorId?: string;
  caseId?: string;
  ground: ComplaintGround;
  description: string;
}

export interface InvestigateComplaintRequest {
  note?: string;
}

export interface ComplaintNoteRequest {
  text: string;
}

export interface DecideComplaintRequest {
  outcome: ComplaintOutcome;
  reasons: string;
}

export interface ComplaintEvidenceView {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
}

/** One step of the history; `internal` entries (the handler's notes) are shown to handlers only. */
export interface ComplaintEventView {
  id: string;
  type: 'filed' | 'evidence_added' | 'investigating' | 'note' | 'decided' | 'told' | 'escalated' | 'access_log_read';
  internal: boolean;
  at: string;
  /** The handler's note, the outcome and reasons, or which deadline was missed. */
  text: string | null;
  outcome: ComplaintOutcome | null;
}

/**
 * R38: a complaint as the viewer may see it. For the mediator complained about (`viewerRole`
 * 'subject') the complainant, description, evidence and case are null/empty.
 */
export interface ComplaintView {
  id: string;
  viewerRole: ComplaintRole;
  subjectKind: ComplaintSubject;
  organisationId: string;
  organisationName: string;
  mediatorId: string | null;
  mediatorName: string | null;
  caseId: string | null;
  caseNumber: string | null;
  ground: ComplaintGround;
  description: string | null;
  complainantName: string | null;
  status: ComplaintStatus;
  outcome: ComplaintOutcome | null;
  reasons: string | null;
  filedAt: string;
  /** 3 working days: taken into investigation. */
  acknowledgeBy: string;
  /** 15 working days: decided. */
  decideBy: string;
  /** Set when a deadline passed and the complaint went to the supervisor. */
  escalatedAt: string | null;
  decidedAt: string | null;
  /** What the viewer may do now. */
  actions: Array<'investigate' | 'note' | 'decide' | 'add_evidence' | 'read_access_log'>;
}

export interface ComplaintDetail extends ComplaintView {
  history: ComplaintEventView[];
  evidence: ComplaintEvidenceView[];
}

/** R19: an entry of the linked case's access log, shown to the handler of a leak complaint. */
export interface CaseAccessLogEntry {
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  allowed: boolean;
}

/** R38: mine (the complainant's own), queue (the handler's), about_me (a mediator's, without the complainant). */
export type ComplaintScope = 'mine' | 'queue' | 'about_me';

/** `GET /api/complaints`: which list; `mine` without it. */
export interface ComplaintListQuery {
  scope?: ComplaintScope;
}
