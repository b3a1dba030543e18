import { renderSms, smsSegments } from '../notifications/templates';
import { chinaDateOf as chinaDate, chinaEndOfDate as dueInstant } from '@tiaojie/domain';
import { addYears, applyBy, daysLeft, enforcementDecision, isOverdue } from './performance-rules';

const base = { obligorPartyId: 'r', obligeePartyId: 'a', kind: 'payment', instalment: null, instalments: null } as const;

describe('performance rules (R28, R34, CPL 250)', () => {
  it('counts China calendar days to the due date, due until 24:00 China time', () => {
    expect(chinaDate(new Date('2026-03-10T15:59:00Z'))).toBe('2026-03-10');
    expect(chinaDate(new Date('2026-03-10T16:00:00Z'))).toBe('2026-03-11');
    expect(daysLeft('2026-03-10', new Date('2026-03-07T01:00:00Z'))).toBe(3);
    expect(dueInstant('2026-03-10').toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(isOverdue({ dueDate: '2026-03-10', status: 'pending' }, new Date('2026-03-10T15:59:00Z'))).toBe(false);
    expect(isOverdue({ dueDate: '2026-03-10', status: 'pending' }, new Date('2026-03-10T16:00:00Z'))).toBe(true);
    expect(isOverdue({ dueDate: '2026-03-10', status: 'claimed' }, new Date('2026-04-10T16:00:00Z'))).toBe(false);
    expect(isOverdue({ dueDate: '2026-03-10', status: 'performed' }, new Date('2026-04-10T16:00:00Z'))).toBe(false);
  });

  it('adds years to a date, 29 February falling back to 28', () => {
    expect(addYears('2026-03-10', 2)).toBe('2028-03-10');
    expect(addYears('2028-02-29', 2)).toBe('2030-02-28');
  });

  it('runs the 2 years from the last instalment of a plan', () => {
    const plan = [
      { ...base, id: '1', seq: 1, amount: '100.10', dueDate: '2026-01-10', status: 'pending' as const, instalment: 1, instalments: 2 },
      { ...base, id: '2', seq: 2, amount: '200.20', dueDate: '2026-06-10', status: 'pending' as const, instalment: 2, instalments: 2 },
    ];
    expect(applyBy(plan[0], plan)).toBe('2028-06-10');
    // Another plan between the same parties does not lengthen this one.
    const other = [...plan, { ...plan[0], id: '3', seq: 3, dueDate: '2027-01-10' }, { ...plan[1], id: '4', seq: 4, dueDate: '2027-06-10' }];
    expect(applyBy(other[0], other)).toBe('2028-06-10');
    expect(applyBy(other[2], other)).toBe('2029-06-10');
  });

  it('decides the enforcement offer with exact sums and names the rule when refused', () => {
    const obligations = [
      { ...base, id: '1', seq: 1, amount: '0.10', dueDate: '2026-01-10', status: 'pending' as const },
      { ...base, id: '2', seq: 2, amount: '0.20', dueDate: '2026-01-11', status: 'disputed' as const },
      { ...base, id: '3', seq: 3, amount: '5.00', dueDate: '2026-01-11', status: 'performed' as const },
    ];
    const now = new Date('2026-02-01T00:00:00Z');
    expect(enforcementDecision({ confirmed: true, obligations, obligeePartyIds: ['a'], now })).toMatchObject({ refusal: null, unpaidTotal: '0.30', applyBy: '2028-01-10' });
    expect(enforcementDecision({ confirmed: false, obligations, obligeePartyIds: ['a'], now }).refusal).toBe('R34_confirmed_ruling');
    expect(enforcementDecision({ confirmed: true, obligations, obligeePartyIds: ['r'], now }).refusal).toBe('R34_not_obligee');
    expect(enforcementDecision({ confirmed: true, obligations, obligeePartyIds: ['a'], now: new Date('2026-01-05T00:00:00Z') }).refusal).toBe('R34_overdue_unperformed');
    expect(enforcementDecision({ confirmed: true, obligations, obligeePartyIds: ['a'], now: new Date('2028-01-11T00:00:00Z') })).toMatchObject({ refusal: null, unpaidTotal: '0.20' });
    expect(enforcementDecision({ confirmed: true, obligations, obligeePartyIds: ['a'], now: new Date('2028-01-12T00:00:00Z') }).refusal).toBe('R34_enforcement_period');
  });

  it('keeps the performance notices within two SMS with real values', () => {
    const params = { caseNumber: 'TJ-2026-000123', seq: 12, amount: '1234567.89', dueDate: '2026-03-10', confirmed: true };
    for (const id of ['obligation_claimed', 'obligation_confirmed', 'obligation_disputed', 'obligation_reminder', 'obligation_overdue', 'obligation_overdue_owed']) {
      for (const locale of ['zh-CN', 'en']) {
        for (const role of ['applicant', 'respondent', 'agent', 'mediator'] as const) {
          const sms = renderSms(id, locale, params, '调解平台', role);
          expect(smsSegments(sms)).toBeLessThanOrEqual(2);
          expect(sms).not.toMatch(/undefined|null/);
        }
      }
    }
    expect(renderSms('obligation_reminder', 'zh-CN', params, '调解平台')).toContain('3月10日');
    expect(renderSms('obligation_reminder', 'en', params, '调解平台')).toContain('10 Mar');
  });
});
