import type { AssignmentView, CaseSummary, DeadlineView, DocumentView, PartyView, TimelineEvent } from '@tiaojie/contracts';
import { deadlineFrom, deadlineStatus, maskMobile, mediationPeriodKind, type DeadlineKind, type WorkingCalendar } from '@tiaojie/domain';
import type { User } from '../accounts/user.entity';
import type { CaseDocument } from '../documents/case-document.entity';
import type { CaseAssignment } from './case-assignment.entity';
import type { CaseEvent } from './case-event.entity';
import type { CaseParty } from './case-party.entity';
import type { MediationCase } from './case.entity';
import type { Organisation } from '../organisations/organisation.entity';
import { mediationDeadline } from './mediation-period';

/** A deadline for the case page; `provisional` when its year's holiday schedule is not published (issue #10). */
export function deadlineView(kind: DeadlineKind | string, rule: string, due: Date, now: Date, calendar: WorkingCalendar): DeadlineView {
  const s = deadlineStatus(due, now);
  return { kind, rule, dueAt: due.toISOString(), overdue: s.overdue, dueSoon: s.dueSoon, provisional: calendar.isProvisional(due) };
}

/** What openDeadlines reads of a case (the lists read only these columns: TARGETS P3). */
export type DeadlineCase = Pick<MediationCase, 'state' | 'submittedAt' | 'firstContactAt' | 'mediatorAcceptedAt' | 'mediationExtensionDays' | 'periodPauses' | 'courtCaseKind' | 'courtProcedure'>;

/** The open deadlines of a case in its current state, nearest first (shown as countdowns). */
export function openDeadlines(
  c: DeadlineCase,
  parties: Array<Pick<CaseParty, 'side' | 'consent'>>,
  assignments: Array<Pick<CaseAssignment, 'status' | 'respondBy'>>,
  now: Date,
  calendar: WorkingCalendar,
): DeadlineView[] {
  const out: DeadlineView[] = [];
  const active = assignments.filter((a) => a.status === 'pending' || a.status === 'accepted');
  if (c.state === 'SUBMITTED' && c.submittedAt && !c.firstContactAt) {
    out.push(deadlineView('sameDayContact', 'DESIGN', deadlineFrom('sameDayContact', c.submittedAt, calendar), now, calendar));
  }
  if (c.state === 'ACCEPTED' || c.state === 'SUBMITTED') {
    if (c.submittedAt && active.length === 0) {
      // R07: the parties' choice window (2 working days), then the organisation's designation (3).
      const choice = deadlineFrom('chooseMediator', c.submittedAt, calendar);
      if (choice >= now) out.push(deadlineView('chooseMediator', 'R07', choice, now, calendar));
      out.push(deadlineView('designateMediator', 'R07', deadlineFrom('designateMediator', c.submittedAt, calendar), now, calendar));
    }
    for (const a of assignments.filter((x) => x.status === 'pending')) out.push(deadlineView('mediatorAccept', 'R09', a.respondBy, now, calendar));
    if (c.mediatorAcceptedAt && parties.some((p) => p.side === 'respondent' && p.consent === 'pending')) {
      out.push(deadlineView('contactRespondent', 'R12', deadlineFrom('contactRespondent', c.mediatorAcceptedAt, calendar), now, calendar));
    }
  }
  const period = mediationDeadline(c, calendar, now); // R20, agreed extensions and excluded time included
  if ((c.state === 'ACCEPTED' || c.state === 'MEDIATING') && period) {
    out.push(deadlineView(mediationPeriodKind(c.courtCaseKind, c.courtProcedure), 'R20', period, now, calendar));
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

export function partyView(p: CaseParty, opts: { full: boolean; viewerUserId: string }): PartyView {
  return {
    id: p.id,
    side: p.side,
    kind: p.kind,
    name: p.name,
    mobile: opts.full ? p.mobile : maskMobile(p.mobile),
    idNumberMasked: opts.full ? p.idNumberMasked : null,
    address: opts.full ? p.address : null,
    email: opts.full ? p.email : null,
    locale: p.locale ?? null,
    linked: !!p.userId,
    consent: p.consent,
    consentAt: p.consentAt?.toISOString() ?? null,
    noticeSeenAt: p.noticeSeenAt?.toISOString() ?? null,
    noticeVersion: p.noticeVersion ?? null,
    consentChannel: p.consentChannel ?? null,
    invitedAt: p.invitedAt?.toISOString() ?? null,
    contactAnswer: opts.full ? p.contactAnswer : null,
    contactedAt: opts.full ? (p.contactedAt?.toISOString() ?? null) : null,
    isViewer: p.userId === opts.viewerUserId || p.agentUserId === opts.viewerUserId,
  };
}

export function assignmentView(a: CaseAssignment, mediator: User | undefined, showInternal: boolean): AssignmentView {
  return {
    id: a.id,
    mediatorId: a.mediatorId,
    mediatorName: mediator?.name ?? '',
    role: a.role,
    status: a.status,
    assignedAt: a.assignedAt.toISOString(),
    respondBy: a.respondBy.toISOString(),
    respondedAt: a.respondedAt?.toISOString() ?? null,
    declineReason: showInternal ? a.declineReason : null,
    conflictDisclosure: a.conflictDisclosure,
  };
}

export function documentView(d: CaseDocument): DocumentView {
  return {
    id: d.id,
    kind: d.kind,
    visibility: d.visibility,
    fileName: d.fileName,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBySide: d.uploadedBySide,
    createdAt: d.createdAt.toISOString(),
    downloadUrl: `/api/cases/${d.caseId}/documents/${d.id}`,
  };
}

export function eventView(e: CaseEvent, actorName: string | null): TimelineEvent {
  return {
    id: e.id,
    seq: e.seq,
    type: e.type,
    fromState: e.fromState,
    toState: e.toState,
    actorName,
    actorRole: e.actorRole,
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  };
}

export type SummaryParts = Omit<CaseSummary, 'viewerRole'>;

/** What summaryView reads of a case. */
export type SummaryCase = Pick<MediationCase, 'id' | 'number' | 'state' | 'version' | 'disputeType' | 'organisationId' | 'channel' | 'submittedAt' | 'updatedAt'>;

/** The line of a case in a list, and the head of its page (the deadlines given nearest first). */
export function summaryView(
  c: SummaryCase,
  parties: Array<Pick<CaseParty, 'side' | 'name'>>,
  assignments: Array<Pick<CaseAssignment, 'status' | 'mediatorId'>>,
  mediators: Array<Pick<User, 'id' | 'name'>>,
  organisation: Pick<Organisation, 'name'> | null,
  deadlines: DeadlineView[],
): SummaryParts {
  const active = assignments.filter((a) => a.status === 'pending' || a.status === 'accepted');
  return {
    id: c.id,
    number: c.number,
    state: c.state,
    version: c.version,
    disputeType: c.disputeType,
    applicantName: parties.find((p) => p.side === 'applicant')?.name ?? '',
    respondentNames: parties.filter((p) => p.side === 'respondent').map((p) => p.name),
    organisationId: c.organisationId,
    organisationName: organisation?.name ?? null,
    mediatorNames: active.map((a) => mediators.find((m) => m.id === a.mediatorId)?.name ?? ''),
    channel: c.channel,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    updatedAt: c.updatedAt.toISOString(),
    nextDeadline: deadlines[0] ?? null,
  };
}
