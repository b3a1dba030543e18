import {
  AGREEMENT_STATES,
  CONFIRMATION_STATES,
  ENDING_STATES,
  inStates,
  PERFORMANCE_STATES,
  ACTORS,
  CASE_ACTIONS,
  CASE_STATES,
  DECLINE_REASONS,
  ESCALATION_ROUTES,
  EXCLUSIONS,
  MAIN_PATH,
  REJECTION_GROUNDS,
  REQUIREMENTS,
  RETURN_REASONS,
  TERMINAL_STATES,
  TERMINATION_REASONS,
  TRANSITIONS,
  actionOptions,
  availableActions,
  canTransition,
  confirmationDeadline,
  isCaseAction,
  isOfferable,
  isCaseState,
  isTerminalState,
  nextState,
  progressSteps,
  terminationReasonOf,
  unmetRequirements,
  type Actor,
  type CaseAction,
  type CaseContext,
  type CaseState,
} from './case-lifecycle';
import { DomainError } from './errors';
import { chinaCalendar } from './testing/china-calendar';
import { WorkingCalendar } from './working-days';

const CALENDAR = chinaCalendar();

/** An instant given as China local time. */
const cn = (local: string) => new Date(`${local}+08:00`);
const NOW = cn('2026-03-10T10:00');

/** A context in which every requirement of every action is met (reason codes set per action). */
const FULL: CaseContext = {
  now: NOW,
  calendar: CALENDAR,
  applicationComplete: true,
  consents: { applicant: 'given', respondent: 'given' },
  noticesSeen: { applicant: true, respondent: true, mediator: true },
  mediatorAccepted: true,
  agreementSignedByAll: true,
  agreementEffectiveAt: cn('2026-03-02T15:00'),
  jointApplication: true,
  confirmationPackageComplete: true,
  exclusions: [],
  mediationDeadline: cn('2026-03-09T23:59:59.999'),
  supplementDeadline: cn('2026-03-09T23:59:59.999'),
  reasonNote: 'explained',
  escalationRoute: 'online_filing',
  courtDelegated: false,
  suspendedFrom: 'MEDIATING',
};
const REASON_FOR: Partial<Record<CaseAction, string>> = {
  return: 'incomplete',
  terminate: 'positions_too_far',
  reject_confirmation: 'unclear_content',
  refuse_confirmation: 'outside_jurisdiction',
  party_refuse: 'no_longer_willing',
};
const goodCtx = (action: CaseAction): CaseContext => ({ ...FULL, reasonCode: REASON_FOR[action] });

/**
 * The expected machine, written out independently of TRANSITIONS: from-states, to-state and
 * actors of every action. A change to the machine must change this table too.
 */
const EXPECTED: Record<CaseAction, { from: CaseState[]; to: CaseState | 'previous'; actors: Actor[] }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', actors: ['citizen', 'agent', 'intake'] },
  withdraw: { from: ['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'], to: 'WITHDRAWN', actors: ['citizen', 'agent', 'intake'] },
  return: { from: ['SUBMITTED'], to: 'RETURNED', actors: ['org_admin'] },
  accept_application: { from: ['SUBMITTED'], to: 'ACCEPTED', actors: ['org_admin'] },
  respondent_consent: { from: ['ACCEPTED'], to: 'ACCEPTED', actors: ['citizen', 'agent'] },
  respondent_decline: { from: ['ACCEPTED'], to: 'TERMINATED', actors: ['citizen', 'agent', 'mediator'] },
  start_mediation: { from: ['ACCEPTED'], to: 'MEDIATING', actors: ['mediator'] },
  party_refuse: { from: ['ACCEPTED', 'MEDIATING', 'SUSPENDED'], to: 'TERMINATED', actors: ['citizen', 'agent'] },
  record_settlement: { from: ['MEDIATING'], to: 'SETTLED', actors: ['mediator', 'system', 'org_admin'] },
  respondent_no_answer: { from: ['ACCEPTED'], to: 'TERMINATED', actors: ['system'] },
  terminate: { from: ['ACCEPTED', 'MEDIATING', 'SUSPENDED'], to: 'TERMINATED', actors: ['mediator', 'org_admin', 'judge'] },
  expire: { from: ['ACCEPTED', 'MEDIATING'], to: 'TERMINATED', actors: ['system'] },
  escalate: { from: ['TERMINATED', 'CONFIRMATION_REJECTED'], to: 'ESCALATED', actors: ['citizen', 'agent', 'mediator', 'org_admin', 'system'] },
  request_confirmation: { from: ['SETTLED'], to: 'CONFIRMATION_REQUESTED', actors: ['citizen', 'agent'] },
  confirm: { from: ['CONFIRMATION_REQUESTED'], to: 'CONFIRMED', actors: ['judge'] },
  reject_confirmation: { from: ['CONFIRMATION_REQUESTED'], to: 'CONFIRMATION_REJECTED', actors: ['judge'] },
  withdraw_confirmation: { from: ['CONFIRMATION_REQUESTED'], to: 'SETTLED', actors: ['citizen', 'agent'] },
  supplement_deadline_missed: { from: ['CONFIRMATION_REQUESTED'], to: 'SETTLED', actors: ['judge'] },
  refuse_confirmation: { from: ['CONFIRMATION_REQUESTED'], to: 'SETTLED', actors: ['judge'] },
  amend_after_rejection: { from: ['CONFIRMATION_REJECTED'], to: 'SETTLED', actors: ['mediator', 'org_admin'] },
  close: {
    from: ['SETTLED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'TERMINATED', 'ESCALATED', 'RETURNED'],
    to: 'CLOSED',
    actors: ['mediator', 'org_admin', 'system'],
  },
  suspend: { from: ['ACCEPTED', 'MEDIATING'], to: 'SUSPENDED', actors: ['mediator', 'judge'] },
  resume: { from: ['SUSPENDED'], to: 'previous', actors: ['mediator', 'org_admin', 'judge'] },
};

/** For every requirement id: context changes that must break it (on top of the action's good context). */
const later = cn('2026-03-20T10:00');
const BREAKERS: Record<string, Array<[string, Partial<CaseContext>]>> = {
  R03_application_complete: [
    ['application incomplete', { applicationComplete: false }],
    ['not known', { applicationComplete: undefined }],
  ],
  R04_return_reason: [
    ['no code', { reasonCode: undefined }],
    ['a termination code', { reasonCode: 'positions_too_far' }],
    ['an unknown code', { reasonCode: 'bogus' }],
  ],
  R04_note_for_other: [
    ['"other" without a note', { reasonCode: 'other', reasonNote: undefined }],
    ['"other" with a blank note', { reasonCode: 'other', reasonNote: '   ' }],
  ],
  R22_termination_reason: [
    ['no code', { reasonCode: undefined }],
    ['a return code', { reasonCode: 'incomplete' }],
  ],
  R22_note_for_other: [['"other" without a note', { reasonCode: 'other', reasonNote: '' }]],
  R22_settle_via_agreement: [['"agreement" via terminate', { reasonCode: 'agreement' }]],
  R20_period_expired_for_reason: [
    ['"period_expired" before the deadline', { reasonCode: 'period_expired', mediationDeadline: later }],
    ['"period_expired" without a deadline', { reasonCode: 'period_expired', mediationDeadline: undefined }],
  ],
  R34_rejection_ground: [
    ['no ground', { reasonCode: undefined }],
    ['a return code', { reasonCode: 'outside_scope' }],
  ],
  R34_note_for_other: [['"other" without a note', { reasonCode: 'other', reasonNote: undefined }]],
  R33_refusal_ground: [
    ['no ground', { reasonCode: undefined }],
    ['a rejection ground', { reasonCode: 'unclear_content' }],
  ],
  R33_note_for_other: [['"other" without a note', { reasonCode: 'other', reasonNote: undefined }]],
  R12_reached_not_unreachable: [['"respondent_unreachable" for a reached respondent', { reasonCode: 'respondent_unreachable', respondentsReached: true }]],
  R12_not_reached: [['the respondent was reached', { respondentsReached: true }]],
  R01_withdrawal_reason: [
    ['no reason', { reasonCode: undefined }],
    ['a termination code', { reasonCode: 'positions_too_far' }],
  ],
  R01_note_for_other: [['"other" without a note', { reasonCode: 'other', reasonNote: undefined }]],
  R01_no_refusal: [['the respondent refused', { consents: { applicant: 'given', respondent: 'refused' } }]],
  R01_all_consented: [
    ['a consent pending', { consents: { applicant: 'given', respondent: 'pending' } }],
    ['only one party', { consents: { applicant: 'given' } }],
    ['no consents', { consents: undefined }],
    ['a refusal', { consents: { applicant: 'given', respondent: 'refused' } }],
  ],
  R02_notices_seen: [
    ['respondent has not seen them', { noticesSeen: { applicant: true, respondent: false, mediator: true } }],
    ['respondent missing', { noticesSeen: { applicant: true, mediator: true } }],
    ['the mediator has not seen them', { noticesSeen: { applicant: true, respondent: true, mediator: false } }],
    ['nothing recorded', { noticesSeen: undefined }],
  ],
  R09_mediator_accepted: [
    ['not accepted', { mediatorAccepted: false }],
    ['not known', { mediatorAccepted: undefined }],
  ],
  R10_conflict_consented: [
    ['conflict disclosed, no consent', { mediatorConflictDisclosed: true }],
    ['conflict disclosed, consent refused', { mediatorConflictDisclosed: true, conflictConsentedByAll: false }],
  ],
  R26_signed_by_all: [
    ['a signature missing', { agreementSignedByAll: false }],
    ['not known', { agreementSignedByAll: undefined }],
  ],
  R20_period_passed: [
    ['deadline in the future', { mediationDeadline: later }],
    ['exactly at the deadline', { mediationDeadline: NOW }],
    ['no deadline', { mediationDeadline: undefined }],
    ['invalid deadline', { mediationDeadline: 'not a date' }],
  ],
  R24_escalation_route: [
    ['no route', { escalationRoute: undefined }],
    ['unknown route', { escalationRoute: 'mars' }],
    ['court-delegated case sent to online filing', { courtDelegated: true, escalationRoute: 'online_filing' }],
    ['direct case "returned" to a court', { courtDelegated: false, escalationRoute: 'return_to_court' }],
  ],
  R29_joint_application: [['not joint', { jointApplication: false }]],
  R29_within_window: [
    ['effective 40 days ago', { agreementEffectiveAt: cn('2026-01-29T10:00') }],
    ['no effective date', { agreementEffectiveAt: undefined }],
    ['effective in the future', { agreementEffectiveAt: later }],
  ],
  R31_package_complete: [['incomplete package', { confirmationPackageComplete: false }]],
  R32_no_exclusion: [['personal status matter', { exclusions: ['personal_status'] }]],
  R33_supplement_deadline_passed: [
    ['deadline in the future', { supplementDeadline: later }],
    ['no deadline', { supplementDeadline: undefined }],
  ],
  R27_confirmation_window_over: [['the R29 window is still open', { confirmationWindowOpen: true }]],
  R36_report_note: [
    ['no report', { reasonNote: undefined }],
    ['blank report', { reasonNote: ' ' }],
  ],
  R36_suspended_from: [
    ['unknown', { suspendedFrom: undefined }],
    ['not a suspendable state', { suspendedFrom: 'SETTLED' }],
  ],
};

const expectedTo = (action: CaseAction, ctx: CaseContext): CaseState => (EXPECTED[action].to === 'previous' ? (ctx.suspendedFrom as CaseState) : (EXPECTED[action].to as CaseState));

describe('case lifecycle: the table', () => {
  it('has the 14 states and the declared actions', () => {
    expect(CASE_STATES).toHaveLength(14);
    expect([...CASE_ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it.each(CASE_ACTIONS)('%s matches the expected from-states, to-state and actors', (action) => {
    const def = TRANSITIONS[action];
    expect(def.action).toBe(action);
    expect([...def.from].sort()).toEqual([...EXPECTED[action].from].sort());
    expect(def.to).toBe(EXPECTED[action].to);
    expect([...def.actors].sort()).toEqual([...EXPECTED[action].actors].sort());
  });

  it('terminal states have no way out, every other state has one', () => {
    for (const state of CASE_STATES) {
      const exits = CASE_ACTIONS.filter((a) => (TRANSITIONS[a].from as readonly string[]).includes(state));
      expect(exits.length === 0).toBe(isTerminalState(state));
    }
    // R27: an escalated case is still closed and archived by its organisation.
    expect([...TERMINAL_STATES].sort()).toEqual(['CLOSED', 'WITHDRAWN']);
  });

  it('every requirement used has breakers in this spec, and every breaker is used', () => {
    const used = new Set(CASE_ACTIONS.flatMap((a) => TRANSITIONS[a].requirements.map((r) => r.id)));
    expect([...used].sort()).toEqual(Object.keys(BREAKERS).sort());
  });

  it('every requirement names its rule (R01…R40) as the prefix of its id', () => {
    for (const a of CASE_ACTIONS) {
      for (const r of TRANSITIONS[a].requirements) {
        expect(r.rule).toMatch(/^R(0[1-9]|[1-3]\d|40)$/);
        expect(r.id.startsWith(`${r.rule}_`)).toBe(true);
        expect(r.description.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('case lifecycle: every allowed transition', () => {
  const allowed = CASE_ACTIONS.flatMap((action) => EXPECTED[action].from.flatMap((from) => EXPECTED[action].actors.map((actor) => [action, from, actor] as const)));
  it.each(allowed)('%s from %s by %s succeeds', (action, from, actor) => {
    const ctx = goodCtx(action);
    const to = expectedTo(action, ctx);
    expect(canTransition(from, action, actor, ctx)).toEqual({ ok: true, to });
    expect(nextState(from, action, actor, ctx)).toBe(to);
    expect(availableActions(from, actor, ctx)).toContain(action);
  });
});

describe('case lifecycle: refused in the wrong state', () => {
  const wrong = CASE_ACTIONS.flatMap((action) => CASE_STATES.filter((s) => !EXPECTED[action].from.includes(s)).map((state) => [action, state, EXPECTED[action].actors[0]] as const));
  it.each(wrong)('%s from %s → WRONG_STATE', (action, state, actor) => {
    const ctx = goodCtx(action);
    expect(canTransition(state, action, actor, ctx)).toEqual({ ok: false, reason: 'WRONG_STATE' });
    expect(() => nextState(state, action, actor, ctx)).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
  });
});

describe('case lifecycle: refused for the wrong role', () => {
  const wrong = CASE_ACTIONS.flatMap((action) => ACTORS.filter((a) => !EXPECTED[action].actors.includes(a)).map((actor) => [action, actor, EXPECTED[action].from[0]] as const));
  it.each(wrong)('%s by %s → WRONG_ROLE', (action, actor, state) => {
    const ctx = goodCtx(action);
    expect(canTransition(state, action, actor, ctx)).toEqual({ ok: false, reason: 'WRONG_ROLE' });
    expect(() => nextState(state, action, actor, ctx)).toThrow(expect.objectContaining({ code: 'WRONG_ROLE' }));
  });
});

describe('case lifecycle: refused when a requirement is not met', () => {
  const unmet = CASE_ACTIONS.flatMap((action) => TRANSITIONS[action].requirements.flatMap((req) => BREAKERS[req.id].map(([label, change]) => [action, req.id, label, change] as const)));
  it.each(unmet)('%s: %s unmet when %s', (action, id, _label, change) => {
    const ctx = { ...goodCtx(action), ...change };
    const from = EXPECTED[action].from[0];
    const actor = EXPECTED[action].actors[0];
    const result = canTransition(from, action, actor, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('REQUIREMENT_NOT_MET');
    expect(result.unmet).toContain(id);
    expect(result.requirement).toBe(result.unmet?.[0]);
    expect(availableActions(from, actor, ctx)).not.toContain(action);
    expect(unmetRequirements(action, ctx).map((r) => r.id)).toEqual(result.unmet);
    try {
      nextState(from, action, actor, ctx);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('REQUIREMENT_NOT_MET');
      expect((e as DomainError).details).toMatchObject({ state: from, action, actor, requirement: result.requirement });
    }
  });
});

describe('case lifecycle: rules, one by one', () => {
  it('R01: start_mediation waits for every consent, and a refusal ends the case', () => {
    const pending = { ...FULL, consents: { applicant: 'given', respondent: 'pending' } } as const;
    expect(availableActions('ACCEPTED', 'mediator', pending)).not.toContain('start_mediation');
    expect(canTransition('ACCEPTED', 'start_mediation', 'mediator', pending)).toMatchObject({ requirement: 'R01_all_consented' });
    expect(nextState('ACCEPTED', 'respondent_decline', 'citizen', pending)).toBe('TERMINATED');
    expect(nextState('MEDIATING', 'party_refuse', 'agent', { ...FULL, reasonCode: 'no_longer_willing' })).toBe('TERMINATED');
  });

  it('R01 (PML 23): a party ends mediation at any time, with a coded reason; "other" needs a note', () => {
    for (const state of ['ACCEPTED', 'MEDIATING', 'SUSPENDED'] as const) {
      expect(nextState(state, 'party_refuse', 'citizen', { now: NOW, reasonCode: 'going_to_court' })).toBe('TERMINATED');
    }
    expect(canTransition('MEDIATING', 'party_refuse', 'citizen', { now: NOW, reasonCode: 'bored' })).toMatchObject({ requirement: 'R01_withdrawal_reason' });
    expect(canTransition('MEDIATING', 'party_refuse', 'citizen', { now: NOW, reasonCode: 'other' })).toMatchObject({ requirement: 'R01_note_for_other' });
    expect(canTransition('MEDIATING', 'party_refuse', 'mediator', { now: NOW, reasonCode: 'going_to_court' })).toEqual({ ok: false, reason: 'WRONG_ROLE' });
    // Offered before the form supplies the reason.
    expect(isOfferable(actionOptions('MEDIATING', 'citizen', { now: NOW }).find((o) => o.action === 'party_refuse')!)).toBe(true);
    expect(terminationReasonOf('party_refuse', { reasonCode: 'settled_privately' })).toBe('settled_withdrawn');
    expect(terminationReasonOf('party_refuse', { reasonCode: 'lost_trust' })).toBe('party_unwilling');
  });

  it('R01/R02/R09: a refusal is reported before missing notices and mediator', () => {
    const ctx: CaseContext = { now: NOW, consents: { a: 'refused', b: 'given' } };
    expect(canTransition('ACCEPTED', 'start_mediation', 'mediator', ctx)).toEqual({
      ok: false,
      reason: 'REQUIREMENT_NOT_MET',
      requirement: 'R01_no_refusal',
      unmet: ['R01_no_refusal', 'R01_all_consented', 'R02_notices_seen', 'R09_mediator_accepted'],
    });
  });

  it('R04: a return needs a coded reason; "other" needs a note', () => {
    expect(nextState('SUBMITTED', 'return', 'org_admin', { now: NOW, reasonCode: 'no_jurisdiction' })).toBe('RETURNED');
    expect(nextState('SUBMITTED', 'return', 'org_admin', { now: NOW, reasonCode: 'other', reasonNote: 'duplicate' })).toBe('RETURNED');
    expect(canTransition('SUBMITTED', 'return', 'org_admin', { now: NOW, reasonCode: 'other' })).toMatchObject({ requirement: 'R04_note_for_other' });
  });

  it('R04: a returned application can be corrected and resubmitted, or closed', () => {
    expect(nextState('RETURNED', 'submit', 'citizen', { now: NOW, applicationComplete: true })).toBe('SUBMITTED');
    expect(nextState('RETURNED', 'close', 'system', { now: NOW })).toBe('CLOSED');
  });

  it('R12: consent is the respondent’s own act (a consent by phone is confirmed by the respondent); the state stays ACCEPTED', () => {
    expect(nextState('ACCEPTED', 'respondent_consent', 'citizen', { now: NOW })).toBe('ACCEPTED');
    expect(canTransition('ACCEPTED', 'respondent_consent', 'mediator', { now: NOW })).toEqual({ ok: false, reason: 'WRONG_ROLE' });
  });

  it('R12: a respondent the mediator reached is never ended as unreachable', () => {
    const reached = { ...FULL, consents: { applicant: 'given', respondent: 'pending' }, respondentsReached: true } as const;
    expect(canTransition('ACCEPTED', 'respondent_no_answer', 'system', reached)).toMatchObject({ requirement: 'R12_not_reached' });
    expect(canTransition('ACCEPTED', 'terminate', 'org_admin', { ...reached, reasonCode: 'respondent_unreachable' })).toMatchObject({ requirement: 'R12_reached_not_unreachable' });
    expect(nextState('ACCEPTED', 'terminate', 'org_admin', { ...reached, reasonCode: 'party_unwilling' })).toBe('TERMINATED');
    expect(nextState('ACCEPTED', 'respondent_no_answer', 'system', { ...reached, respondentsReached: false })).toBe('TERMINATED');
  });

  it('R20: expire only after the mediation period, and only by the system', () => {
    const before = { ...FULL, mediationDeadline: cn('2026-03-10T23:59:59.999') };
    expect(canTransition('MEDIATING', 'expire', 'system', before)).toMatchObject({ requirement: 'R20_period_passed' });
    expect(nextState('MEDIATING', 'expire', 'system', { ...before, now: cn('2026-03-11T00:00') })).toBe('TERMINATED');
    expect(canTransition('MEDIATING', 'expire', 'mediator', FULL)).toEqual({ ok: false, reason: 'WRONG_ROLE' });
  });

  it('R22: termination codes are exactly the rule’s list', () => {
    expect([...TERMINATION_REASONS]).toEqual(['agreement', 'settled_withdrawn', 'respondent_unreachable', 'party_unwilling', 'positions_too_far', 'period_expired', 'refused_to_sign', 'other']);
    for (const reason of TERMINATION_REASONS.filter((r) => r !== 'agreement')) {
      expect(canTransition('MEDIATING', 'terminate', 'mediator', { ...FULL, reasonCode: reason }).ok).toBe(true);
    }
  });

  it('R22: the reason recorded for each way into TERMINATED / SETTLED', () => {
    expect(terminationReasonOf('expire', {})).toBe('period_expired');
    expect(terminationReasonOf('respondent_decline', {})).toBe('party_unwilling');
    expect(terminationReasonOf('party_refuse', {})).toBe('party_unwilling');
    expect(terminationReasonOf('record_settlement', {})).toBe('agreement');
    expect(terminationReasonOf('terminate', { reasonCode: 'respondent_unreachable' })).toBe('respondent_unreachable');
    expect(terminationReasonOf('terminate', { reasonCode: 'bogus' })).toBeUndefined();
    expect(terminationReasonOf('submit', { reasonCode: 'other' })).toBeUndefined();
  });

  it('R24: a court-delegated case goes back to its court; a direct case to online filing or arbitration', () => {
    expect(nextState('TERMINATED', 'escalate', 'org_admin', { now: NOW, courtDelegated: true, escalationRoute: 'return_to_court' })).toBe('ESCALATED');
    expect(nextState('TERMINATED', 'escalate', 'citizen', { now: NOW, escalationRoute: 'arbitration' })).toBe('ESCALATED');
    expect(nextState('CONFIRMATION_REJECTED', 'escalate', 'citizen', { now: NOW, escalationRoute: 'online_filing' })).toBe('ESCALATED');
  });

  it('R26: a settlement needs every signature; an amendment after rejection needs them again', () => {
    expect(canTransition('MEDIATING', 'record_settlement', 'system', { now: NOW })).toMatchObject({ requirement: 'R26_signed_by_all' });
    expect(nextState('CONFIRMATION_REJECTED', 'amend_after_rejection', 'mediator', { now: NOW, agreementSignedByAll: true })).toBe('SETTLED');
  });

  describe('R29: the 30-day confirmation window', () => {
    const ctxAt = (effective: Date, now: Date): CaseContext => ({ ...FULL, agreementEffectiveAt: effective, now });
    const effective = cn('2026-03-02T15:00'); // window ends at the end of 1 April (a Wednesday)

    it('the deadline is the end of the 30th day after the agreement took effect', () => {
      expect(confirmationDeadline(effective, CALENDAR)).toEqual(cn('2026-04-01T23:59:59.999'));
    });
    it('allowed on the last day of the window', () => {
      expect(canTransition('SETTLED', 'request_confirmation', 'citizen', ctxAt(effective, cn('2026-04-01T23:59:59.999'))).ok).toBe(true);
    });
    it('refused after expiry', () => {
      expect(canTransition('SETTLED', 'request_confirmation', 'citizen', ctxAt(effective, cn('2026-04-02T00:00')))).toMatchObject({
        reason: 'REQUIREMENT_NOT_MET',
        requirement: 'R29_within_window',
      });
    });
    it('a window ending on a holiday runs to the next working day (National Day → 8 October)', () => {
      const sep1 = cn('2026-09-01T10:00');
      expect(confirmationDeadline(sep1, CALENDAR)).toEqual(cn('2026-10-08T23:59:59.999'));
      expect(canTransition('SETTLED', 'request_confirmation', 'agent', ctxAt(sep1, cn('2026-10-05T12:00'))).ok).toBe(true);
    });
    it('uses the calendar passed in the context', () => {
      const plain = new WorkingCalendar();
      const sep1 = cn('2026-09-01T10:00');
      expect(confirmationDeadline(sep1, plain)).toEqual(cn('2026-10-01T23:59:59.999'));
      expect(canTransition('SETTLED', 'request_confirmation', 'agent', { ...ctxAt(sep1, cn('2026-10-05T12:00')), calendar: plain })).toMatchObject({
        requirement: 'R29_within_window',
      });
    });
    it('R29 is not met without a holiday calendar in the context (no silent default)', () => {
      expect(canTransition('SETTLED', 'request_confirmation', 'citizen', { ...FULL, calendar: undefined })).toMatchObject({ requirement: 'R29_within_window' });
    });
    it('accepts ISO strings for dates', () => {
      expect(canTransition('SETTLED', 'request_confirmation', 'citizen', { ...FULL, agreementEffectiveAt: '2026-03-02T07:00:00Z', now: '2026-03-10T02:00:00Z' }).ok).toBe(true);
    });
  });

  it('R32: an excluded matter blocks the application; R34: the court may reject with excluded_matter', () => {
    expect(canTransition('SETTLED', 'request_confirmation', 'citizen', { ...FULL, exclusions: ['title_dispute'] })).toMatchObject({
      requirement: 'R32_no_exclusion',
    });
    expect(nextState('CONFIRMATION_REQUESTED', 'reject_confirmation', 'judge', { now: NOW, reasonCode: 'excluded_matter' })).toBe('CONFIRMATION_REJECTED');
  });

  it('R33: withdrawal before the ruling, or a missed supplement deadline, returns to SETTLED', () => {
    expect(nextState('CONFIRMATION_REQUESTED', 'withdraw_confirmation', 'citizen', { now: NOW })).toBe('SETTLED');
    expect(nextState('CONFIRMATION_REQUESTED', 'supplement_deadline_missed', 'judge', FULL)).toBe('SETTLED');
    expect(canTransition('CONFIRMATION_REQUESTED', 'withdraw_confirmation', 'citizen', { now: NOW })).toEqual({ ok: true, to: 'SETTLED' });
  });

  it('R36: suspend needs a report, and resume goes back to the state before', () => {
    expect(nextState('ACCEPTED', 'suspend', 'judge', { now: NOW, reasonNote: 'collusion suspected' })).toBe('SUSPENDED');
    expect(nextState('SUSPENDED', 'resume', 'judge', { now: NOW, suspendedFrom: 'ACCEPTED' })).toBe('ACCEPTED');
    expect(nextState('SUSPENDED', 'resume', 'mediator', { now: NOW, suspendedFrom: 'MEDIATING' })).toBe('MEDIATING');
    expect(nextState('SUSPENDED', 'terminate', 'judge', { now: NOW, reasonCode: 'other', reasonNote: 'sham mediation' })).toBe('TERMINATED');
  });

  it('the codes of R04, R09, R32, R34 and R24', () => {
    expect([...RETURN_REASONS]).toEqual(['outside_scope', 'no_jurisdiction', 'unsuitable_online', 'incomplete', 'other']);
    expect([...DECLINE_REASONS]).toEqual(['conflict_of_interest', 'workload', 'outside_expertise', 'other']);
    expect([...REJECTION_GROUNDS]).toEqual(['violates_mandatory_law', 'harms_public_interest', 'harms_third_party', 'violates_public_order', 'unclear_content', 'excluded_matter', 'other']);
    expect(EXCLUSIONS).toHaveLength(5);
    expect([...ESCALATION_ROUTES]).toEqual(['online_filing', 'return_to_court', 'arbitration']);
  });

  it('REQUIREMENTS are the shared ones by id', () => {
    for (const [key, r] of Object.entries(REQUIREMENTS)) expect(r.id).toBe(key);
  });
});

describe('case lifecycle: queries', () => {
  it('a whole happy path, step by step', () => {
    const path: Array<[CaseAction, Actor, CaseState]> = [
      ['submit', 'intake', 'SUBMITTED'],
      ['accept_application', 'org_admin', 'ACCEPTED'],
      ['respondent_consent', 'citizen', 'ACCEPTED'],
      ['start_mediation', 'mediator', 'MEDIATING'],
      ['record_settlement', 'system', 'SETTLED'],
      ['request_confirmation', 'citizen', 'CONFIRMATION_REQUESTED'],
      ['confirm', 'judge', 'CONFIRMED'],
      ['close', 'system', 'CLOSED'],
    ];
    let state: CaseState = 'DRAFT';
    for (const [action, actor, expected] of path) {
      state = nextState(state, action, actor, FULL);
      expect(state).toBe(expected);
    }
  });

  it('availableActions: what each actor sees', () => {
    const ctx = { ...FULL, reasonCode: undefined };
    expect(availableActions('DRAFT', 'citizen', ctx)).toEqual(['submit', 'withdraw']);
    expect(availableActions('SUBMITTED', 'org_admin', ctx)).toEqual(['accept_application']); // return needs a reason
    expect(availableActions('SUBMITTED', 'org_admin', { ...ctx, reasonCode: 'incomplete' })).toEqual(['return', 'accept_application']);
    expect(availableActions('MEDIATING', 'mediator', ctx)).toEqual(['record_settlement', 'suspend']);
    expect(availableActions('CONFIRMATION_REQUESTED', 'judge', ctx)).toEqual(['confirm', 'supplement_deadline_missed']);
    expect(availableActions('CLOSED', 'admin', ctx)).toEqual([]);
    expect(availableActions('MEDIATING', 'admin', ctx)).toEqual([]);
  });

  it('actionOptions: blocked actions come with the reason', () => {
    expect(actionOptions('SUBMITTED', 'org_admin', { now: NOW })).toEqual([
      { action: 'return', ok: false, unmet: ['R04_return_reason'] },
      { action: 'accept_application', ok: true, to: 'ACCEPTED', unmet: [] },
    ]);
  });

  it('unknown actions, states and actors are refused, never accepted', () => {
    expect(canTransition('DRAFT', 'teleport' as CaseAction, 'citizen', FULL)).toEqual({ ok: false, reason: 'UNKNOWN_ACTION' });
    expect(() => nextState('DRAFT', 'teleport' as CaseAction, 'citizen', FULL)).toThrow(expect.objectContaining({ code: 'UNKNOWN_ACTION' }));
    expect(canTransition('LIMBO' as CaseState, 'submit', 'citizen', FULL)).toEqual({ ok: false, reason: 'WRONG_STATE' });
    expect(canTransition('DRAFT', 'submit', 'hacker' as Actor, FULL)).toEqual({ ok: false, reason: 'WRONG_ROLE' });
  });

  it('nextState errors carry readable messages', () => {
    expect(() => nextState('DRAFT', 'confirm', 'judge', FULL)).toThrow('confirm is not possible from DRAFT');
    expect(() => nextState('DRAFT', 'submit', 'judge', FULL)).toThrow('judge may not submit');
    expect(() => nextState('DRAFT', 'submit', 'citizen', { now: NOW })).toThrow('requirement R03_application_complete not met');
  });

  it('type guards', () => {
    expect(isCaseState('MEDIATING')).toBe(true);
    expect(isCaseState('mediating')).toBe(false);
    expect(isCaseState(3)).toBe(false);
    expect(isCaseAction('submit')).toBe(true);
    expect(isCaseAction('toString')).toBe(false);
    expect(ACTORS).toContain('system');
  });
});

describe('progressSteps', () => {
  const statuses = (state: CaseState, last?: Parameters<typeof progressSteps>[1]) => progressSteps(state, last).steps.map((s) => `${s.state}:${s.status}${s.sideState ? `(${s.sideState})` : ''}`);

  it('lists the main path in order', () => {
    expect(progressSteps('DRAFT').steps.map((s) => s.state)).toEqual([...MAIN_PATH]);
  });

  it.each(MAIN_PATH.filter((s) => s !== 'CLOSED'))('%s on the main path: done before, current, upcoming after', (state) => {
    const p = progressSteps(state);
    const at = MAIN_PATH.indexOf(state);
    expect(p.current).toBe(state);
    expect(p.sideState).toBeNull();
    expect(p.outcome).toBe('in_progress');
    p.steps.forEach((s, i) => expect(s.status).toBe(i < at ? 'done' : i === at ? 'current' : 'upcoming'));
  });

  it('MEDIATING', () => {
    expect(statuses('MEDIATING')).toEqual([
      'DRAFT:done',
      'SUBMITTED:done',
      'ACCEPTED:done',
      'MEDIATING:current',
      'SETTLED:upcoming',
      'CONFIRMATION_REQUESTED:upcoming',
      'CONFIRMED:upcoming',
      'CLOSED:upcoming',
    ]);
  });

  it('RETURNED shows on SUBMITTED and asks for attention', () => {
    const p = progressSteps('RETURNED');
    expect(p).toMatchObject({ current: 'SUBMITTED', sideState: 'RETURNED', outcome: 'attention' });
    expect(statuses('RETURNED').slice(0, 3)).toEqual(['DRAFT:done', 'SUBMITTED:current(RETURNED)', 'ACCEPTED:upcoming']);
  });

  it('TERMINATED stops at MEDIATING by default, later steps skipped', () => {
    expect(progressSteps('TERMINATED')).toMatchObject({ current: 'MEDIATING', outcome: 'ended' });
    expect(statuses('TERMINATED')).toEqual([
      'DRAFT:done',
      'SUBMITTED:done',
      'ACCEPTED:done',
      'MEDIATING:current(TERMINATED)',
      'SETTLED:skipped',
      'CONFIRMATION_REQUESTED:skipped',
      'CONFIRMED:skipped',
      'CLOSED:skipped',
    ]);
  });

  it('TERMINATED by a respondent’s refusal (R12) stops at ACCEPTED when the timeline says so', () => {
    expect(progressSteps('TERMINATED', 'ACCEPTED')).toMatchObject({ current: 'ACCEPTED', sideState: 'TERMINATED', outcome: 'ended' });
  });

  it('WITHDRAWN defaults to SUBMITTED; DRAFT when withdrawn as a draft', () => {
    expect(progressSteps('WITHDRAWN')).toMatchObject({ current: 'SUBMITTED', outcome: 'ended' });
    expect(progressSteps('WITHDRAWN', 'DRAFT').current).toBe('DRAFT');
  });

  it('SUSPENDED (R36) asks for attention where mediation was', () => {
    expect(progressSteps('SUSPENDED')).toMatchObject({ current: 'MEDIATING', sideState: 'SUSPENDED', outcome: 'attention' });
    expect(progressSteps('SUSPENDED', 'ACCEPTED').current).toBe('ACCEPTED');
  });

  it('CONFIRMATION_REJECTED (R34) shows on CONFIRMATION_REQUESTED', () => {
    expect(progressSteps('CONFIRMATION_REJECTED')).toMatchObject({
      current: 'CONFIRMATION_REQUESTED',
      sideState: 'CONFIRMATION_REJECTED',
      outcome: 'attention',
    });
  });

  it('ESCALATED (R24) ended at MEDIATING, or at CONFIRMATION_REQUESTED after a rejection', () => {
    expect(progressSteps('ESCALATED')).toMatchObject({ current: 'MEDIATING', outcome: 'ended' });
    expect(progressSteps('ESCALATED', 'CONFIRMATION_REQUESTED').current).toBe('CONFIRMATION_REQUESTED');
  });

  it('CLOSED after confirmation: everything done', () => {
    expect(progressSteps('CLOSED')).toMatchObject({ current: 'CLOSED', sideState: null, outcome: 'succeeded' });
    expect(progressSteps('CLOSED').steps.every((s) => s.status === 'done')).toBe(true);
    expect(progressSteps('CLOSED', 'CONFIRMED').outcome).toBe('succeeded');
  });

  it('CLOSED after a settlement without confirmation (R28): confirmation steps skipped', () => {
    expect(statuses('CLOSED', 'SETTLED')).toEqual([
      'DRAFT:done',
      'SUBMITTED:done',
      'ACCEPTED:done',
      'MEDIATING:done',
      'SETTLED:done',
      'CONFIRMATION_REQUESTED:skipped',
      'CONFIRMED:skipped',
      'CLOSED:done',
    ]);
  });

  it('CLOSED after a failure: stopped where it failed, closed', () => {
    expect(progressSteps('CLOSED', 'MEDIATING')).toMatchObject({ current: 'MEDIATING', sideState: 'CLOSED', outcome: 'ended' });
    expect(statuses('CLOSED', 'SUBMITTED')).toEqual([
      'DRAFT:done',
      'SUBMITTED:current(CLOSED)',
      'ACCEPTED:skipped',
      'MEDIATING:skipped',
      'SETTLED:skipped',
      'CONFIRMATION_REQUESTED:skipped',
      'CONFIRMED:skipped',
      'CLOSED:done',
    ]);
  });

  it('ignores a lastMainState that is not on the main path', () => {
    expect(progressSteps('TERMINATED', 'SUSPENDED' as never).current).toBe('MEDIATING');
  });
});

describe('offering actions whose missing facts the request supplies', () => {
  const { actionOptions, isOfferable, REQUEST_INPUT_REQUIREMENTS, REQUIREMENTS: REQS } = require('./case-lifecycle');
  it('offers return and terminate before a reason is chosen, but not start_mediation without consents', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const submitted = actionOptions('SUBMITTED', 'org_admin', { now })
      .filter(isOfferable)
      .map((o: { action: string }) => o.action);
    expect(submitted).toEqual(expect.arrayContaining(['accept_application', 'return']));
    const accepted = actionOptions('ACCEPTED', 'mediator', { now })
      .filter(isOfferable)
      .map((o: { action: string }) => o.action);
    expect(accepted).toContain('terminate');
    expect(accepted).not.toContain('start_mediation');
  });
  it('names only requirements that a request can carry', () => {
    for (const id of REQUEST_INPUT_REQUIREMENTS) expect(id).toMatch(/reason|note|route|ground|agreement/);
    expect(REQUEST_INPUT_REQUIREMENTS.has(REQS.R01_all_consented.id)).toBe(false);
  });
});

describe('the stage state lists agree with the transitions', () => {
  it('offers each stage in every state its actions start from', () => {
    const from = (a: keyof typeof TRANSITIONS) => [...TRANSITIONS[a].from];
    for (const s of [...from('terminate'), ...from('escalate'), ...from('suspend'), ...from('resume')]) expect(inStates(ENDING_STATES, s)).toBe(true);
    for (const s of [...from('record_settlement'), ...from('amend_after_rejection')]) expect(inStates(AGREEMENT_STATES, s)).toBe(true);
    for (const s of [...from('request_confirmation'), ...from('confirm'), ...from('withdraw_confirmation')]) expect(inStates(CONFIRMATION_STATES, s)).toBe(true);
    // Obligations are performed wherever an agreement can be in effect, and never before it.
    for (const s of CONFIRMATION_STATES) expect(inStates(PERFORMANCE_STATES, s)).toBe(true);
    expect(inStates(PERFORMANCE_STATES, 'MEDIATING')).toBe(false);
    expect(inStates(ENDING_STATES, 'DRAFT')).toBe(false);
  });
});
