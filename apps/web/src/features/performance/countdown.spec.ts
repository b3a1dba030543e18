import { describe, expect, it } from 'vitest';
import { countdown, daysUntil } from './countdown';

describe('obligation countdown (China calendar days)', () => {
  it('counts to the end of the due date in China time', () => {
    expect(daysUntil('2026-03-10', Date.parse('2026-03-07T01:00:00Z'))).toBe(3);
    expect(daysUntil('2026-03-10', Date.parse('2026-03-10T15:59:00Z'))).toBe(0);
    expect(daysUntil('2026-03-10', Date.parse('2026-03-10T16:00:00Z'))).toBe(-1);
  });

  it('says how long is left, that it is due today, or how late it is; nothing once performed', () => {
    expect(countdown('2026-03-10', Date.parse('2026-03-02T01:00:00Z'), true)).toEqual({ key: 'countdown.days', count: 8, tone: 'normal' });
    expect(countdown('2026-03-10', Date.parse('2026-03-08T01:00:00Z'), true)).toMatchObject({ count: 2, tone: 'soon' });
    expect(countdown('2026-03-10', Date.parse('2026-03-10T01:00:00Z'), true)).toMatchObject({ key: 'countdown.today' });
    expect(countdown('2026-03-10', Date.parse('2026-03-15T01:00:00Z'), true)).toEqual({ key: 'countdown.overdue', count: 5, tone: 'overdue' });
    expect(countdown('2026-03-10', Date.parse('2026-03-15T01:00:00Z'), false)).toBeNull();
  });
});
