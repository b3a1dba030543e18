import { quietUntil } from './quiet-hours';

describe('quiet hours (China time)', () => {
  it('holds an SMS sent at 23:30 until 08:00 the next morning across midnight', () => {
    // 2026-03-02 15:30Z = 23:30 in China
    expect(quietUntil(new Date('2026-03-02T15:30:00Z'), '22:00', '08:00')?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    // 02:00 in China, same window
    expect(quietUntil(new Date('2026-03-02T18:00:00Z'), '22:00', '08:00')?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });
  it('lets messages through outside the window, or without one', () => {
    expect(quietUntil(new Date('2026-03-02T02:00:00Z'), '22:00', '08:00')).toBeNull(); // 10:00
    expect(quietUntil(new Date('2026-03-02T15:30:00Z'), null, null)).toBeNull();
  });
  it('handles a window within one day', () => {
    expect(quietUntil(new Date('2026-03-02T05:00:00Z'), '12:00', '14:00')?.toISOString()).toBe('2026-03-02T06:00:00.000Z'); // 13:00 → 14:00
  });
});
