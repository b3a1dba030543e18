import { CASE_STATES, TRANSITIONS } from './case-lifecycle';
import { CASE_OUTCOMES, caseOutcome, caseOutcomeSql, confirmationRate, daysToSettle, monthBounds, percentileCont, slaFromDayPairs, slaStatus, successRate } from './statistics';
import { WorkingCalendar } from './working-days';

describe('statistics definitions (issue #13)', () => {
  const calendar = new WorkingCalendar({ tzOffsetMinutes: 480, holidays: ['2026-10-01'] });

  it('every case state has exactly one outcome; a settlement (R26) counts as settled until and after closing', () => {
    for (const s of CASE_STATES) expect(CASE_OUTCOMES).toContain(caseOutcome(s, null));
    expect(caseOutcome('SETTLED', 'agreement')).toBe('settled');
    expect(caseOutcome('CONFIRMED', 'agreement')).toBe('settled');
    expect(caseOutcome('CONFIRMATION_REJECTED', 'agreement')).toBe('settled');
    expect(caseOutcome('CLOSED', 'agreement')).toBe('settled');
    expect(caseOutcome('CLOSED', 'party_unwilling')).toBe('failed');
    expect(caseOutcome('TERMINATED', 'respondent_unreachable')).toBe('failed');
    expect(caseOutcome('ESCALATED', 'positions_too_far')).toBe('failed');
    expect(caseOutcome('WITHDRAWN', null)).toBe('withdrawn');
    expect(caseOutcome('MEDIATING', null)).toBe('open');
  });

  it('the settlement reason is the one record_settlement writes (R22), not a copy', () => {
    expect(TRANSITIONS.record_settlement.terminationReason).toBe('agreement');
  });

  it('the SQL CASE expression is built from the same lists and refuses anything but column names', () => {
    const sql = caseOutcomeSql('c.state', 'c.termination_reason');
    expect(sql).toContain("'SETTLED'");
    expect(sql).toContain("'CONFIRMED'");
    expect(sql).toContain("c.state = 'CLOSED' AND c.termination_reason = 'agreement'");
    expect(() => caseOutcomeSql('c.state; DROP TABLE x', 'r')).toThrow();
  });

  it('success rate = settled ÷ (settled + failed): open and withdrawn cases are outside the denominator', () => {
    expect(successRate({ settled: 3, failed: 1, open: 10, withdrawn: 2 })).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(successRate({ open: 5 })).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(confirmationRate(2, 2)).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
  });

  it('median and p90 are percentile_cont (linear interpolation), like PostgreSQL', () => {
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([10, 1, 5], 0.5)).toBe(5);
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(percentileCont([], 0.5)).toBeNull();
    expect(daysToSettle(new Date('2026-11-02T00:00:00Z'), new Date('2026-11-05T12:00:00Z'))).toBe(3.5);
  });

  it('SLA: a deadline passed without the act is missed; not yet passed it is pending', () => {
    const due = new Date('2026-11-02T16:00:00Z');
    expect(slaStatus(due, new Date('2026-11-02T10:00:00Z'), new Date('2026-11-10'))).toBe('kept');
    expect(slaStatus(due, new Date('2026-11-03T10:00:00Z'), new Date('2026-11-10'))).toBe('missed');
    expect(slaStatus(due, null, new Date('2026-11-10'))).toBe('missed');
    expect(slaStatus(due, null, new Date('2026-11-02T12:00:00Z'))).toBe('pending');
  });

  it('same-day contact over day pairs: a case filed on a holiday may be contacted on the next working day', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const r = slaFromDayPairs(
      'sameDayContact',
      [
        { startDay: '2026-11-02', doneDay: '2026-11-02', count: 3 }, // Monday, same day
        { startDay: '2026-11-02', doneDay: '2026-11-03', count: 1 }, // next day: missed
        { startDay: '2026-10-01', doneDay: '2026-10-02', count: 2 }, // holiday → next working day
        { startDay: '2026-11-03', doneDay: null, count: 1 }, // never contacted: missed
      ],
      now,
      calendar,
    );
    expect(r).toEqual({ kept: 5, missed: 2, pending: 0, rate: 5 / 7 });
    // R12: 3 working days from the mediator's acceptance (Friday → Wednesday).
    const r12 = slaFromDayPairs(
      'contactRespondent',
      [
        { startDay: '2026-11-06', doneDay: '2026-11-11', count: 1 },
        { startDay: '2026-11-06', doneDay: '2026-11-12', count: 1 },
        { startDay: '2026-11-27', doneDay: null, count: 4 },
      ],
      now,
      calendar,
    );
    expect(r12).toEqual({ kept: 1, missed: 1, pending: 4, rate: 0.5 });
  });

  it('a month is its China-local bounds; anything else is refused', () => {
    expect(monthBounds('2026-11')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') });
    expect(monthBounds('2026-12')?.to).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(monthBounds('2026-13')).toBeNull();
    expect(monthBounds('26-11')).toBeNull();
  });
});
