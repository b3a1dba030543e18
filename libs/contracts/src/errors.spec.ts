import { ERROR_CODES, isErrorCode } from './errors';

describe('error codes', () => {
  it('map to 4xx/5xx statuses only', () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(code).toMatch(/^[A-Z_]+$/);
    }
  });
  it('recognises its own codes only', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
