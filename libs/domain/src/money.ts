import { DomainError } from './errors';

/**
 * Exact CNY amounts (agreement obligations, payments). Amounts travel as decimal strings
 * with exactly two decimals ('1234.50'), never as JS numbers: 0.1 + 0.2 !== 0.3. Arithmetic
 * is done in fen (分, 1/100 yuan) with BigInt.
 *
 * Input accepted by parseCny: optional ¥ / ￥ sign, digits with or without correctly placed
 * thousands commas, at most 2 decimals. More decimals are refused rather than rounded: an
 * amount in an agreement must be exactly what the parties wrote. The integer part is capped
 * at 13 digits so an amount in fen always fits a JS safe integer and a numeric(15,2) column.
 */

export const CNY_MAX_INTEGER_DIGITS = 13;

const CNY_INPUT = /^(-)?[¥￥]?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$/;

export interface ParseCnyOptions {
  /** Default false: amounts in agreements and payments are never negative. */
  allowNegative?: boolean;
}

/** Canonical 'NNNN.NN' (no separators, no leading zeros, '-' only when negative), or null. */
export function parseCny(input: string, options: ParseCnyOptions = {}): string | null {
  if (typeof input !== 'string') return null;
  const m = CNY_INPUT.exec(input.trim());
  if (!m) return null;
  const [, minus, intRaw, fracRaw] = m;
  if (intRaw === undefined && fracRaw === undefined) return null; // '', '¥', '.'
  const intDigits = (intRaw ?? '0').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (intDigits.length > CNY_MAX_INTEGER_DIGITS) return null;
  const fen = BigInt(intDigits) * 100n + BigInt((fracRaw ?? '').padEnd(2, '0'));
  if (minus && fen !== 0n && !options.allowNegative) return null;
  return fenToCny(minus ? -fen : fen);
}

export function isCny(input: string, options: ParseCnyOptions = {}): boolean {
  return parseCny(input, options) !== null;
}

/** The amount in fen. Throws INVALID_INPUT for anything parseCny refuses (negatives allowed). */
export function cnyToFen(amount: string): bigint {
  const canonical = parseCny(amount, { allowNegative: true });
  if (canonical === null) throw new DomainError('INVALID_INPUT', `not a CNY amount: "${String(amount)}"`, { amount });
  const negative = canonical.startsWith('-');
  const [i, f] = canonical.replace('-', '').split('.');
  const fen = BigInt(i) * 100n + BigInt(f);
  return negative ? -fen : fen;
}

/** Canonical string of an amount in fen. */
export function fenToCny(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** -1, 0 or 1. */
export function compareCny(a: string, b: string): -1 | 0 | 1 {
  const fa = cnyToFen(a);
  const fb = cnyToFen(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

export function addCny(a: string, b: string): string {
  return fenToCny(cnyToFen(a) + cnyToFen(b));
}

/** a − b; may be negative (e.g. an overpayment), so check with compareCny where it matters. */
export function subtractCny(a: string, b: string): string {
  return fenToCny(cnyToFen(a) - cnyToFen(b));
}

export function sumCny(amounts: readonly string[]): string {
  return fenToCny(amounts.reduce((acc, x) => acc + cnyToFen(x), 0n));
}

export interface FormatCnyOptions {
  /** Prefix '¥' (default true). */
  symbol?: boolean;
}

/** Display form with thousands separators: '¥1,234,567.80', '-¥12.00'. */
export function formatCny(amount: string, options: FormatCnyOptions = {}): string {
  const canonical = fenToCny(cnyToFen(amount));
  const negative = canonical.startsWith('-');
  const [i, f] = canonical.replace('-', '').split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${options.symbol === false ? '' : '¥'}${grouped}.${f}`;
}
