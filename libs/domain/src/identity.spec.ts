import { PROVINCE_CODES, idCheckDigit, isMainlandMobile, isValidIdNumber, maskIdNumber, maskMobile, normaliseMobile, validateIdNumber } from './identity';

const NOW = new Date('2026-03-06T02:00:00Z'); // 2026-03-06 10:00 China

/** Computes the GB 11643-1999 check digit independently of the module, to build test numbers. */
function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

describe('validateIdNumber (R03, R14: identity captured and checked)', () => {
  it('accepts the well-known example 11010519491231002X', () => {
    expect(validateIdNumber('11010519491231002X', NOW)).toEqual({
      valid: true,
      normalised: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });

  it('accepts a lower-case x and surrounding spaces, normalising to upper case', () => {
    const r = validateIdNumber('  11010519491231002x ', NOW);
    expect(r).toMatchObject({ valid: true, normalised: '11010519491231002X' });
  });

  it.each([
    ['330106199001011231'.slice(0, 17), 'male'],
    ['44030420000229002', 'female'], // 29 Feb 2000 (leap year)
    ['51010719000101001', 'male'], // earliest allowed year
    ['81000020260306004', 'female'], // born today (China time), Hong Kong code
  ])('accepts a generated valid number %s… (%s)', (first17, gender) => {
    const id = withCheckDigit(first17);
    const r = validateIdNumber(id, NOW);
    expect(r).toMatchObject({ valid: true, gender, regionCode: first17.slice(0, 6) });
  });

  it('agrees with the independently computed check digit', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    for (const first17 of ['33010619900101123', '44030420000229002', '65010119851231999']) {
      expect(idCheckDigit(first17)).toBe(withCheckDigit(first17).slice(-1));
    }
    expect(() => idCheckDigit('123')).toThrow(RangeError);
  });

  it.each([
    ['wrong length (17)', '11010519491231002', 'format'],
    ['wrong length (19)', '11010519491231002X1', 'format'],
    ['15-digit old-style number', '110105491231002', 'format'],
    ['letter in the body', '1101051949123100AX', 'format'],
    ['X not in last place', '1101051949123100X2', 'format'],
    ['empty', '', 'format'],
    ['province 00', withCheckDigit('00010519491231002'), 'region'],
    ['province 10', withCheckDigit('10010519491231002'), 'region'],
    ['province 83 (not a resident-ID province)', withCheckDigit('83010519491231002'), 'region'],
    ['province 99', withCheckDigit('99010519491231002'), 'region'],
    ['30 February', withCheckDigit('11010519900230002'), 'birth_date'],
    ['29 February in a common year', withCheckDigit('11010519010229002'), 'birth_date'],
    ['month 13', withCheckDigit('11010519901301002'), 'birth_date'],
    ['day 00', withCheckDigit('11010519900100002'), 'birth_date'],
    ['before 1900', withCheckDigit('11010518991231002'), 'birth_date'],
    ['in the future (tomorrow, China time)', withCheckDigit('11010520260307002'), 'birth_date'],
    ['wrong check digit', '110105194912310021', 'check_digit'],
    ['wrong check digit (X instead of a digit)', '44030420000229002X', 'check_digit'],
  ])('refuses %s', (_label, id, reason) => {
    expect(validateIdNumber(id, NOW)).toEqual({ valid: false, reason });
    expect(isValidIdNumber(id, NOW)).toBe(false);
  });

  it('uses China time for "today": a birth date of 2026-03-07 is valid once it is 00:30 there', () => {
    const id = withCheckDigit('11010520260307002');
    expect(validateIdNumber(id, new Date('2026-03-06T15:59:59Z')).valid).toBe(false);
    expect(validateIdNumber(id, new Date('2026-03-06T16:30:00Z')).valid).toBe(true);
  });

  it('refuses non-strings as a format error', () => {
    expect(validateIdNumber(undefined as unknown as string, NOW)).toEqual({ valid: false, reason: 'format' });
  });

  it('lists the 34 province-level codes 11–82', () => {
    expect(PROVINCE_CODES).toHaveLength(34);
    expect(PROVINCE_CODES[0]).toBe('11');
    expect(PROVINCE_CODES[PROVINCE_CODES.length - 1]).toBe('82');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters with 8 asterisks between', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('fully masks anything too short', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('')).toBe('*');
  });
});

describe('mainland mobile numbers (R03: a valid mobile number)', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['19912345678', '19912345678'],
    ['+8613800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['86-138-0013-8000', '13800138000'],
    ['008613800138000', '13800138000'],
    [' 138-0013-8000 ', '13800138000'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normaliseMobile(input)).toBe(expected);
    expect(isMainlandMobile(input)).toBe(true);
  });

  it.each([
    ['12800138000', 'second digit 2'],
    ['10800138000', 'second digit 0'],
    ['1380013800', '10 digits'],
    ['138001380001', '12 digits'],
    ['23800138000', 'does not start with 1'],
    ['+85213800138000', 'other country code'],
    ['8613800138000x', 'trailing letter'],
    ['138.0013.8000', 'dots are not accepted separators'],
    ['', 'empty'],
  ])('refuses %p (%s)', (input) => {
    expect(normaliseMobile(input)).toBeNull();
    expect(isMainlandMobile(input)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(normaliseMobile(13800138000 as unknown as string)).toBeNull();
  });

  it('masks the middle four digits', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskMobile('+86 138 0013 8000')).toBe('138****8000');
    expect(maskMobile('hello')).toBe('***********');
  });
});
