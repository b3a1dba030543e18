/**
 * R38: the complaint channel (Rules 29) — a party, or anyone logged in for a public complaint,
 * complains about a mediator or an organisation; the organisation's admin handles it; the
 * supervising 司法局 steps in when the organisation does not answer in time. R19: a leak of
 * private information is a ground, and its handler reads the case's access log. Pure.
 *
 * Deadlines (working days, with the WorkingCalendar, counted from filing):
 *  - acknowledge: the organisation takes the complaint into investigation within 3 working days;
 *  - decide: it decides (coded outcome with reasons) within 15 working days.
 * A missed deadline escalates the complaint once per deadline to the supervisor: the staff
 * (`bureau` role) of the 司法局 the organisation belongs to, or the system admin for an
 * organisation without a bureau — see `supervisedOrganisations`; the supervisor may then
 * handle the complaint itself.
 */
import type { WorkingCalendar } from './working-days';

/** Grounds (Rules 29): forced mediation, refusal, bribes or favours, leaks (R19), rudeness, delay, other. */
export const COMPLAINT_GROUNDS = ['forced_mediation', 'refusal_to_mediate', 'bribery_or_favours', 'privacy_leak', 'rudeness', 'delay', 'other'] as const;
export type ComplaintGround = (typeof COMPLAINT_GROUNDS)[number];

export const COMPLAINT_SUBJECTS = ['organisation', 'mediator'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/** received → investigating → decided → told (the complainant opened the outcome). */
export const COMPLAINT_STATUSES = ['received', 'investigating', 'decided', 'told'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export type ComplaintAction = 'investigate' | 'note' | 'decide' | 'acknowledge_outcome';

/** The statuses from which each action is allowed, and where it leads (a note leaves the status as is). */
const TRANSITIONS: Record<ComplaintAction, { from: readonly ComplaintStatus[]; to: ComplaintStatus | null }> = {
  investigate: { from: ['received'], to: 'investigating' },
  note: { from: ['received', 'investigating'], to: null },
  decide: { from: ['investigating'], to: 'decided' },
  acknowledge_outcome: { from: ['decided'], to: 'told' },
};

export function mayComplaintAct(status: ComplaintStatus, action: ComplaintAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`, or null when the action is not allowed now. */
export function nextComplaintStatus(status: ComplaintStatus, action: ComplaintAction): ComplaintStatus | null {
  if (!mayComplaintAct(status, action)) return null;
  return TRANSITIONS[action].to ?? status;
}

export function isComplaintOpen(status: ComplaintStatus): boolean {
  return status === 'received' || status === 'investigating';
}

export const COMPLAINT_DEADLINES = {
  acknowledge: { workingDays: 3, description: 'the organisation takes the complaint into investigation' },
  decide: { workingDays: 15, description: 'the organisation decides, with a coded outcome and reasons' },
} as const;
export type ComplaintDeadlineKind = keyof typeof COMPLAINT_DEADLINES;

export function complaintDeadlines(filedAt: Date, calendar: WorkingCalendar): { acknowledgeBy: Date; decideBy: Date } {
  return {
    acknowledgeBy: calendar.addWorkingDays(filedAt, COMPLAINT_DEADLINES.acknowledge.workingDays),
    decideBy: calendar.addWorkingDays(filedAt, COMPLAINT_DEADLINES.decide.workingDays),
  };
}

/** Which deadline (if any) has just been missed and not yet escalated. */
export function overdueComplaintDeadline(
  c: { status: ComplaintStatus; acknowledgeBy: Date; decideBy: Date; ackEscalatedAt: Date | null; decideEscalatedAt: Date | null },
  now: Date,
): ComplaintDeadlineKind | null {
  if (!isComplaintOpen(c.status)) return null;
  if (c.decideBy < now && !c.decideEscalatedAt) return 'decide';
  if (c.status === 'received' && c.acknowledgeBy < now && !c.ackEscalatedAt) return 'acknowledge';
  return null;
}

/**
 * R38: the organisations whose complaints the viewer supervises: those of the 司法局 (bureaux)
 * it is staff of; for a system admin, also every organisation without a bureau that has active
 * staff (the fallback — the same organisations whose escalations are sent to the admins).
 */
export function supervisedOrganisations(
  orgs: ReadonlyArray<{ id: string; bureauId: string | null }>,
  viewer: { roles: readonly string[]; bureauIds: readonly string[] },
  staffedBureauIds: readonly string[] = [],
): string[] {
  const admin = viewer.roles.includes('admin');
  const unsupervised = (o: { bureauId: string | null }) => o.bureauId === null || !staffedBureauIds.includes(o.bureauId);
  return orgs.filter((o) => (o.bureauId !== null && viewer.bureauIds.includes(o.bureauId)) || (admin && unsupervised(o))).map((o) => o.id);
}

/**
 * What the viewer is to a complaint. Precedence: the complainant, then the mediator complained
 * about (even when it is also an admin of its organisation: nobody handles a complaint about
 * themselves, nor learns who made it), then the handler (org_admin of the organisation
 * complained about — for a mediator, the mediator's organisation), then the supervisor (its
 * bureau's staff, see `supervisedOrganisations`).
 * Anyone else: nothing (404).
 */
export type ComplaintRole = 'complainant' | 'handler' | 'supervisor' | 'subject';

export function complaintRoleOf(
  c: { complainantId: string; organisationId: string; mediatorId: string | null },
  viewer: { userId: string; adminOfOrganisationIds: readonly string[]; supervisedOrganisationIds: readonly string[] },
): ComplaintRole | null {
  if (c.complainantId === viewer.userId) return 'complainant';
  if (c.mediatorId && c.mediatorId === viewer.userId) return 'subject';
  if (viewer.adminOfOrganisationIds.includes(c.organisationId)) return 'handler';
  if (viewer.supervisedOrganisationIds.includes(c.organisationId)) return 'supervisor';
  return null;
}

/** The handler acts; the supervisor acts too once the complaint was escalated to it. */
export function mayHandleComplaint(role: ComplaintRole | null, escalated: boolean): boolean {
  return role === 'handler' || (role === 'supervisor' && escalated);
}

/**
 * The mediator complained about sees that a complaint exists, its ground, status and outcome
 * with reasons — never who complained, the description, the evidence or the case (each could
 * identify the complainant), nor the handler's notes. The complainant never sees the notes.
 */
export function complaintFieldsFor(role: ComplaintRole): { identity: boolean; description: boolean; evidence: boolean; caseLink: boolean; internalNotes: boolean } {
  const staff = role === 'handler' || role === 'supervisor';
  return { identity: role !== 'subject', description: role !== 'subject', evidence: role !== 'subject', caseLink: role !== 'subject', internalNotes: staff };
}

/** R19: the handler of a leak complaint with a case link reads that case's access log. */
export function mayReadCaseAccessLog(c: { ground: ComplaintGround; caseId: string | null }, role: ComplaintRole | null): boolean {
  return c.ground === 'privacy_leak' && !!c.caseId && (role === 'handler' || role === 'supervisor');
}
