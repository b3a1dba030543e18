import { calendarDaysBetween, chinaDateOf, chinaDateTimeZh, chinaDateZh, chinaDaysUntil, chinaEndOfDate, chinaMinuteOf, chinaYearOf } from './china-time';

describe('China time', () => {
  it('16:00 UTC is midnight in China: the date turns there, not at UTC midnight', () => {
    expect(chinaDateOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaDateOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('writes a moment as a Chinese date-time on the China clock', () => {
    expect(chinaDateTimeZh(new Date('2026-03-02T01:05:00Z'))).toBe('2026年3月2日 09:05');
    expect(chinaDateTimeZh(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日 00:30');
  });

  it('the year, date and minute of a moment are in China time, across New Year in UTC', () => {
    expect(chinaYearOf('2026-12-31T15:59:59.999Z')).toBe(2026);
    expect(chinaYearOf(Date.parse('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(chinaDateZh(new Date('2026-12-31T16:00:00Z'))).toBe('2027年1月1日');
    expect(chinaMinuteOf('2026-03-02T01:05:00Z')).toBe('2026-03-02 09:05');
  });

  it('counts days to a due date on the China calendar and ends the date at 24:00 China time', () => {
    expect(calendarDaysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(chinaDaysUntil('2027-01-01', new Date('2026-12-31T15:59:00Z'))).toBe(1);
    expect(chinaDaysUntil('2027-01-01', new Date('2026-12-31T16:00:00Z'))).toBe(0);
    expect(chinaDaysUntil('2026-12-30', new Date('2026-12-31T16:00:00Z'))).toBe(-2);
    expect(chinaEndOfDate('2026-03-02').toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });
});
