import { chinaDateOf, chinaDateTimeZh } from './china-time';

describe('China time', () => {
  it('16:00 UTC is midnight in China: the date turns there, not at UTC midnight', () => {
    expect(chinaDateOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaDateOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('writes a moment as a Chinese date-time on the China clock', () => {
    expect(chinaDateTimeZh(new Date('2026-03-02T01:05:00Z'))).toBe('2026年3月2日 09:05');
    expect(chinaDateTimeZh(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日 00:30');
  });
});
