import type { CaseDetail, TimelineEvent, UserProfile } from '@tiaojie/contracts';
import { actionOptions, type Actor, type CaseContext } from '@tiaojie/domain';

/** Who the viewer is to this case, from the detail and the viewer's own memberships. */
export function viewerOf(detail: CaseDetail, user: UserProfile) {
  const ownParty = detail.parties.find((party) => party.isViewer);
  const assignment = detail.assignments.find((a) => a.mediatorId === user.id && (a.status === 'pending' || a.status === 'accepted'));
  return {
    ownParty,
    applicantSide: detail.viewerRole === 'filer' || ownParty?.side === 'applicant',
    respondent: ownParty?.side === 'respondent' ? ownParty : undefined,
    dispatcher: user.memberships.some((m) => m.kind === 'organisation' && m.id === detail.organisationId && m.role === 'org_admin'),
    pendingAssignment: assignment?.status === 'pending' ? assignment : undefined,
    activeMediator: assignment?.status === 'accepted',
  };
}
export type CaseViewer = ReturnType<typeof viewerOf>;

/** The facts the domain state machine needs, as far as the detail shows them. */
function contextOf(detail: CaseDetail, now: number): CaseContext {
  const accepted = detail.assignments.filter((a) => a.status === 'accepted');
  const disclosed = accepted.find((a) => a.conflictDisclosure);
  return {
    now,
    consents: Object.fromEntries(detail.parties.map((party) => [party.id, party.consent])),
    noticesSeen: Object.fromEntries(detail.parties.map((party) => [party.id, !!party.noticeSeenAt])),
    mediatorAccepted: accepted.length > 0,
    mediatorConflictDisclosed: !!disclosed,
    // R10: every party's own answer to the disclosure (consent to mediation given before it does not count).
    conflictConsentedByAll: !!disclosed && !!detail.conflictCheck && detail.conflictCheck.parties.every((party) => party.answer === 'consented'),
  };
}

/**
 * Why `start_mediation` is not offered yet: the domain state machine asked with the facts the
 * detail shows (consents, notices seen, the mediator's acceptance, a disclosed conflict).
 */
export function startBlockers(detail: CaseDetail, now = Date.now()): string[] {
  return actionOptions(detail.state, 'mediator', contextOf(detail, now)).find((option) => option.action === 'start_mediation')?.unmet ?? [];
}

/** Requirements met by the coded reason the step itself sends (R04, R22). */
const REASON_REQUIREMENTS = new Set(['R04_return_reason', 'R04_note_for_other', 'R22_termination_reason', 'R22_note_for_other']);

/**
 * Whether `actor` may take a step that needs a coded reason (`return`, `terminate`). The API's
 * `actions` never lists these — their reason only comes with the request — so the client asks
 * the same state machine, counting the reason as given.
 */
export function offersWithReason(detail: CaseDetail, actor: Actor, action: 'return' | 'terminate', now = Date.now()): boolean {
  if (detail.actions.includes(action)) return true;
  const option = actionOptions(detail.state, actor, contextOf(detail, now)).find((o) => o.action === action);
  return !!option && option.unmet.every((id) => REASON_REQUIREMENTS.has(id));
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** A timeline event as a sentence in the user's language. */
export function eventText(event: TimelineEvent, t: Translate, exists: (key: string) => boolean): string {
  const data = event.data;
  const reason =
    event.type === 'application_returned'
      ? t(`case:returnReasons.${str(data.reasonCode)}`)
      : event.type === 'assignment_declined'
        ? t(`case:declineReasons.${str(data.reasonCode)}`)
        : event.type === 'mediation_ended_by_party' && str(data.withdrawalReason)
          ? t(`actions.endReasons.${str(data.withdrawalReason)}`)
          : str(data.terminationReason)
            ? t(`case:terminationReasons.${str(data.terminationReason)}`)
            : '';
  const params = {
    actor: event.actorName ?? t('timeline.system'),
    organisation: str(data.organisationName),
    reason,
    party: str(data.partyName),
    mediator: str(data.mediatorName),
    role: str(data.role) ? t(`mediators.roles.${str(data.role)}`) : '',
    kind: str(data.kind) ? t(`documents.kinds.${str(data.kind)}`) : '',
    method: str(data.method) ? t(`actions.methods.${str(data.method)}`) : '',
    reached: t(`timeline.reached.${String(data.reached === true)}`),
  };
  const key = `timeline.events.${event.type}`;
  return exists(`casePage:${key}`) ? t(key, params) : t('timeline.events.unknown');
}

/** The free text an event carries (a note, a disclosure), shown under its sentence. */
export function eventNote(event: TimelineEvent): string | null {
  const data = event.data;
  for (const key of ['reasonNote', 'note', 'conflictDisclosure']) {
    const value = data[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}
