/**
 * What a viewer has to do next on one case ("需要您处理"), derived from the same facts the case
 * page offers its steps from: the state machine's offered actions for this viewer, the
 * agreement's signatures still awaited (R26), the 30-day window to apply to the court (R29),
 * the court's open requests for materials (R33) and the requests to change mediator the
 * dispatcher still has to answer (R10, R11). The home page lists these for every case; the case
 * page shows the same list in its actions section, so neither is empty while something is due.
 * Pure: the API gathers the facts, the client only shows the result.
 */
import type { CaseState } from './case-lifecycle';

export const NEXT_ACTION_KINDS = [
  'continue_draft', // the filer's draft or returned application (R04)
  'respond_consent', // a respondent's consent to mediation (R01, R12)
  'answer_assignment', // a mediator's answer to an assignment (R09)
  'accept_application', // the dispatcher's acceptance (R04)
  'start_mediation', // the accepted mediator starts mediation (R12)
  'mediator_change', // the dispatcher answers a recusal / change request (R10, R11)
  'sign_agreement', // a signature the agreement still awaits (R26)
  'seal_agreement', // the organisation's seal (R26)
  'apply_confirmation', // the joint application to the court within 30 days (R29)
  'upload_supplement', // materials the court asked for, by its deadline (R33)
  'read_messages', // the mediator wrote in a conversation the viewer has not read (R15)
  'session_consent', // a party's consent to a separate session (R13), before it starts
  'session_check_in', // the check-in (identity by SMS code, R14) of a session under way
] as const;
export type NextActionKind = (typeof NEXT_ACTION_KINDS)[number];

/** Where on the case page the step is taken. */
export type NextActionSection = 'actions' | 'agreement' | 'confirmation' | 'mediators' | 'mediation';

export interface NextAction {
  kind: NextActionKind;
  /** The deadline for it, when the law or the court sets one (ISO). */
  dueAt: string | null;
  section: NextActionSection;
}

/** Who the viewer is to the case. */
export interface NextActionViewer {
  /** Parties the viewer acts as (own account or agent). */
  partyIds: readonly string[];
  /** Filed the case or is on the applicant's side. */
  applicantSide: boolean;
  activeMediator: boolean;
  /** An assignment to this viewer awaiting its answer, with its answer-by time. */
  pendingAssignment: { respondBy: string } | null;
  /** Org admin of the case's organisation. */
  dispatcher: boolean;
}

export interface NextActionFacts {
  state: CaseState;
  /** The state-machine actions the case page offers this viewer (CaseDetail.actions). */
  actions: readonly string[];
  /** The case page's own deadlines (kind → ISO due), e.g. the mediation period. */
  deadlines?: Readonly<Record<string, string>>;
  /** The agreement in signing or awaiting its seal: who has still to sign (party ids, 'mediator'). */
  agreement?: { status: string; awaiting: readonly string[] } | null;
  /** R29: the window to apply to the court, and the parties that signed the joint application. */
  confirmation?: { windowEndsAt: string; windowOpen: boolean; mayApply: boolean; signedPartyIds: readonly string[] } | null;
  /** R33: the court's requests for materials not yet fulfilled nor missed. */
  openSupplements?: readonly { dueAt: string }[];
  /** R10, R11: requests to change mediator the dispatcher has to answer. */
  pendingMediatorChanges?: number;
  /** R15: the mediator wrote in one of the viewer's conversations since it last read it. */
  unreadMediatorMessages?: boolean;
  /** R13, R14: the viewer's scheduled sessions not yet over: whether it still has to consent, and whether check-in is open and not done. */
  sessions?: readonly { startsAt: string; consentNeeded: boolean; checkInDue: boolean }[];
}

/** The viewer's next steps on one case, soonest deadline first (undated ones last). */
export function nextActionsFor(viewer: NextActionViewer, facts: NextActionFacts): NextAction[] {
  const out: NextAction[] = [];
  const has = (action: string) => facts.actions.includes(action);
  const isParty = viewer.partyIds.length > 0;
  if (viewer.applicantSide && (facts.state === 'DRAFT' || facts.state === 'RETURNED')) out.push({ kind: 'continue_draft', dueAt: null, section: 'actions' });
  if (has('respondent_consent')) out.push({ kind: 'respond_consent', dueAt: facts.deadlines?.['contactRespondent'] ?? null, section: 'actions' });
  if (viewer.pendingAssignment) out.push({ kind: 'answer_assignment', dueAt: viewer.pendingAssignment.respondBy, section: 'actions' });
  if (viewer.dispatcher && has('accept_application')) out.push({ kind: 'accept_application', dueAt: facts.deadlines?.['sameDayContact'] ?? null, section: 'actions' });
  if (viewer.activeMediator && has('start_mediation')) out.push({ kind: 'start_mediation', dueAt: null, section: 'actions' });
  if (viewer.dispatcher && (facts.pendingMediatorChanges ?? 0) > 0) out.push({ kind: 'mediator_change', dueAt: null, section: 'mediators' });
  const agreement = facts.agreement;
  if (agreement?.status === 'signing') {
    const mine = viewer.partyIds.some((id) => agreement.awaiting.includes(id)) || (viewer.activeMediator && agreement.awaiting.includes('mediator'));
    if (mine) out.push({ kind: 'sign_agreement', dueAt: null, section: 'agreement' });
  }
  if (agreement?.status === 'awaiting_seal' && viewer.dispatcher) out.push({ kind: 'seal_agreement', dueAt: null, section: 'agreement' });
  const confirmation = facts.confirmation;
  if (isParty && facts.state === 'SETTLED' && confirmation?.windowOpen && confirmation.mayApply && viewer.partyIds.some((id) => !confirmation.signedPartyIds.includes(id))) {
    out.push({ kind: 'apply_confirmation', dueAt: confirmation.windowEndsAt, section: 'confirmation' });
  }
  for (const session of isParty ? (facts.sessions ?? []) : []) {
    if (session.consentNeeded) out.push({ kind: 'session_consent', dueAt: session.startsAt, section: 'mediation' });
    else if (session.checkInDue) out.push({ kind: 'session_check_in', dueAt: session.startsAt, section: 'mediation' });
  }
  if (isParty && facts.unreadMediatorMessages) out.push({ kind: 'read_messages', dueAt: null, section: 'mediation' });
  if (isParty) for (const s of facts.openSupplements ?? []) out.push({ kind: 'upload_supplement', dueAt: s.dueAt, section: 'confirmation' });
  return out.sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff'));
}
