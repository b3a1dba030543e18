import { conflictConsentedByAll, mayRequestMediatorChange, MEDIATOR_CHANGE_REASONS } from './mediator-change';
import { deadlineFrom, DEADLINES } from './working-days';
import { chinaCalendar } from './testing/china-calendar';

describe('R10, R11: recusal and change of mediator', () => {
  it('R10: a disclosed conflict is consented only when every party consented to that mediator after it', () => {
    expect(conflictConsentedByAll(['a', 'b'], { a: 'consented', b: 'consented' })).toBe(true);
    expect(conflictConsentedByAll(['a', 'b'], { a: 'consented', b: 'recusal' })).toBe(false);
    expect(conflictConsentedByAll(['a', 'b'], { a: 'consented' })).toBe(false);
    expect(conflictConsentedByAll([], {})).toBe(false);
  });

  it('R11: a party may ask while the case is ACCEPTED or MEDIATING, with a coded reason', () => {
    expect(['ACCEPTED', 'MEDIATING'].every(mayRequestMediatorChange)).toBe(true);
    expect(['DRAFT', 'SUBMITTED', 'SETTLED', 'TERMINATED', 'SUSPENDED'].some(mayRequestMediatorChange)).toBe(false);
    expect(MEDIATOR_CHANGE_REASONS).toContain('other');
  });

  it('R11: the dispatcher answers within 3 working days (a weekend does not count)', () => {
    expect(DEADLINES.mediatorChangeAnswer).toMatchObject({ rule: 'R11', unit: 'working_days', amount: 3 });
    const cal = chinaCalendar();
    // Thursday 2026-03-05 10:00 China time → end of Tuesday 2026-03-10.
    const due = deadlineFrom('mediatorChangeAnswer', new Date('2026-03-05T02:00:00Z'), cal);
    expect(due.toISOString().slice(0, 10)).toBe('2026-03-10');
  });
});
