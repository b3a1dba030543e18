import { DomainError } from './errors';
import { addCny, cnyToFen, compareCny, fenToCny, formatCny, isCny, parseCny, subtractCny, sumCny } from './money';

describe('parseCny: exact amounts, never floats', () => {
  it.each([
    ['0', '0.00'],
    ['1', '1.00'],
    ['1.5', '1.50'],
    ['1.05', '1.05'],
    ['.5', '0.50'],
    ['007.10', '7.10'],
    ['1234567.89', '1234567.89'],
    ['1,234,567.89', '1234567.89'],
    ['¥1,000', '1000.00'],
    ['￥ 12'.replace(' ', ''), '12.00'],
    ['  99.9  ', '99.90'],
    ['-0', '0.00'],
    ['9999999999999.99', '9999999999999.99'],
  ])('parses %p as %p', (input, expected) => {
    expect(parseCny(input)).toBe(expected);
    expect(isCny(input)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['¥', 'symbol only'],
    ['.', 'dot only'],
    ['1.234', 'three decimals (refused, not rounded)'],
    ['1.500', 'three decimals even when the last is 0'],
    ['5.', 'dot without decimals'],
    ['1,23', 'misplaced comma'],
    ['1234,567', 'comma not every three digits'],
    ['12a', 'letters'],
    ['1e3', 'exponent'],
    ['0x10', 'hex'],
    ['-5', 'negative without allowNegative'],
    ['+5', 'plus sign'],
    ['10000000000000', 'more than 13 integer digits'],
    ['１２', 'full-width digits'],
  ])('refuses %p (%s)', (input) => {
    expect(parseCny(input)).toBeNull();
    expect(isCny(input)).toBe(false);
  });

  it('accepts negatives only when asked', () => {
    expect(parseCny('-12.3', { allowNegative: true })).toBe('-12.30');
    expect(parseCny('-¥1,000', { allowNegative: true })).toBe('-1000.00');
  });

  it('refuses non-strings (a float is exactly what this module avoids)', () => {
    expect(parseCny(0.1 as unknown as string)).toBeNull();
  });
});

describe('arithmetic in fen with BigInt', () => {
  it('0.10 + 0.20 is exactly 0.30', () => {
    expect(addCny('0.1', '0.2')).toBe('0.30');
  });
  it('adds large amounts without losing precision', () => {
    expect(addCny('9999999999999.99', '0.01')).toBe('10000000000000.00');
  });
  it('subtracts, possibly below zero', () => {
    expect(subtractCny('100', '30.01')).toBe('69.99');
    expect(subtractCny('30', '100')).toBe('-70.00');
  });
  it('sums a list', () => {
    expect(sumCny(['1,000.10', '2000.2', '0.7'])).toBe('3001.00');
    expect(sumCny([])).toBe('0.00');
  });
  it.each([
    ['1.00', '1', 0],
    ['1.01', '1', 1],
    ['999.99', '1,000', -1],
    ['-1', '0', -1],
  ])('compareCny(%p, %p) = %p', (a, b, expected) => {
    expect(compareCny(a, b)).toBe(expected);
  });
  it('converts to and from fen', () => {
    expect(cnyToFen('12.34')).toBe(1234n);
    expect(cnyToFen('-0.05')).toBe(-5n);
    expect(fenToCny(5n)).toBe('0.05');
    expect(fenToCny(-123456n)).toBe('-1234.56');
    expect(fenToCny(0n)).toBe('0.00');
  });
  it('throws INVALID_INPUT for invalid amounts', () => {
    expect(() => addCny('1.234', '1')).toThrow(DomainError);
    expect(() => compareCny('x', '1')).toThrow(DomainError);
    try {
      cnyToFen('abc');
    } catch (e) {
      expect((e as DomainError).code).toBe('INVALID_INPUT');
    }
  });
});

describe('formatCny: display', () => {
  it.each([
    ['0', '¥0.00'],
    ['5.5', '¥5.50'],
    ['999', '¥999.00'],
    ['1000', '¥1,000.00'],
    ['1234567.8', '¥1,234,567.80'],
    ['-1234.5', '-¥1,234.50'],
  ])('formats %p as %p', (input, expected) => {
    expect(formatCny(input)).toBe(expected);
  });
  it('can leave out the symbol', () => {
    expect(formatCny('1234567.8', { symbol: false })).toBe('1,234,567.80');
  });
  it('throws for invalid input', () => {
    expect(() => formatCny('abc')).toThrow(DomainError);
  });
});
