import { DomainError, isDomainError, DOMAIN_ERROR_CODES } from './errors';

describe('DomainError', () => {
  it('carries a stable code and details', () => {
    const e = new DomainError('WRONG_STATE', 'nope', { state: 'DRAFT' });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.name).toBe('DomainError');
    expect(e.code).toBe('WRONG_STATE');
    expect(e.message).toBe('nope');
    expect(e.details).toEqual({ state: 'DRAFT' });
  });

  it('defaults details to an empty object', () => {
    expect(new DomainError('INVALID_INPUT', 'x').details).toEqual({});
  });

  it('isDomainError recognises only DomainError', () => {
    expect(isDomainError(new DomainError('INVALID_INPUT', 'x'))).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ code: 'WRONG_STATE' })).toBe(false);
  });

  it('lists every code once', () => {
    expect(new Set(DOMAIN_ERROR_CODES).size).toBe(DOMAIN_ERROR_CODES.length);
  });
});
