import { nextActionsFor, type NextActionViewer } from './next-actions';

const party: NextActionViewer = { partyIds: ['p1'], applicantSide: true, activeMediator: false, pendingAssignment: null, dispatcher: false };

describe('nextActionsFor: what the viewer has to do next (需要您处理)', () => {
  it('R26: a signature the agreement awaits from the viewer is a next step; once signed it is not', () => {
    expect(nextActionsFor(party, { state: 'MEDIATING', actions: [], agreement: { status: 'signing', awaiting: ['p1', 'mediator'] } })).toEqual([
      { kind: 'sign_agreement', dueAt: null, section: 'agreement' },
    ]);
    expect(nextActionsFor(party, { state: 'MEDIATING', actions: [], agreement: { status: 'signing', awaiting: ['mediator'] } })).toEqual([]);
  });
  it('R29, R33: the window to apply and the court’s requests carry their deadlines, soonest first', () => {
    const out = nextActionsFor(party, {
      state: 'SETTLED',
      actions: [],
      confirmation: { windowEndsAt: '2026-02-01T00:00:00.000Z', windowOpen: true, mayApply: true, signedPartyIds: [] },
      openSupplements: [{ dueAt: '2026-01-10T00:00:00.000Z' }],
    });
    expect(out.map((a) => [a.kind, a.dueAt])).toEqual([
      ['upload_supplement', '2026-01-10T00:00:00.000Z'],
      ['apply_confirmation', '2026-02-01T00:00:00.000Z'],
    ]);
  });
  it('R29: nothing to apply for once the viewer signed the application or the window closed', () => {
    expect(nextActionsFor(party, { state: 'SETTLED', actions: [], confirmation: { windowEndsAt: 'x', windowOpen: true, mayApply: true, signedPartyIds: ['p1'] } })).toEqual([]);
    expect(nextActionsFor(party, { state: 'SETTLED', actions: [], confirmation: { windowEndsAt: 'x', windowOpen: false, mayApply: true, signedPartyIds: [] } })).toEqual([]);
  });
  it('R01, R09, R10: the consent, the assignment and the dispatcher’s answers come from the offered actions', () => {
    const respondent = { ...party, applicantSide: false };
    expect(nextActionsFor(respondent, { state: 'ACCEPTED', actions: ['respondent_consent'] }).map((a) => a.kind)).toEqual(['respond_consent']);
    const staff: NextActionViewer = { partyIds: [], applicantSide: false, activeMediator: false, pendingAssignment: { respondBy: '2026-01-01T00:00:00.000Z' }, dispatcher: true };
    expect(nextActionsFor(staff, { state: 'SUBMITTED', actions: ['accept_application'], pendingMediatorChanges: 1 }).map((a) => a.kind)).toEqual([
      'answer_assignment',
      'accept_application',
      'mediator_change',
    ]);
  });
  it('R15: an unread message from the mediator is a next step for a party', () => {
    expect(nextActionsFor(party, { state: 'MEDIATING', actions: [], unreadMediatorMessages: true })).toEqual([{ kind: 'read_messages', dueAt: null, section: 'mediation' }]);
  });
  it('R13, R14: a separate session waits for the party’s consent, then for its check-in once open, by its start', () => {
    const at = '2026-03-03T02:00:00.000Z';
    expect(nextActionsFor(party, { state: 'MEDIATING', actions: [], sessions: [{ startsAt: at, consentNeeded: true, checkInDue: true }] })).toEqual([
      { kind: 'session_consent', dueAt: at, section: 'mediation' },
    ]);
    expect(nextActionsFor(party, { state: 'MEDIATING', actions: [], sessions: [{ startsAt: at, consentNeeded: false, checkInDue: true }] }).map((a) => a.kind)).toEqual(['session_check_in']);
    expect(nextActionsFor(party, { state: 'MEDIATING', actions: [], sessions: [{ startsAt: at, consentNeeded: false, checkInDue: false }] })).toEqual([]);
  });
});
