import { chinaDateOf } from './china-time';

/**
 * Identity data captured with an application (R03: identity and a valid mobile number; R14:
 * identity verified before a session). Format checks only: real-name verification against
 * the public-security database is an external service, not this module's concern.
 */

/** Province-level codes: the first two digits of a resident ID (GB/T 2260). */
export const PROVINCE_CODES = [
  '11',
  '12',
  '13',
  '14',
  '15', // 北京 天津 河北 山西 内蒙古
  '21',
  '22',
  '23', // 辽宁 吉林 黑龙江
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41',
  '42',
  '43',
  '44',
  '45',
  '46', // 河南 湖北 湖南 广东 广西 海南
  '50',
  '51',
  '52',
  '53',
  '54', // 重庆 四川 贵州 云南 西藏
  '61',
  '62',
  '63',
  '64',
  '65', // 陕西 甘肃 青海 宁夏 新疆
  '71',
  '81',
  '82', // 台湾 香港 澳门
] as const;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';
const ID_FORMAT = /^\d{17}[\dX]$/;

export type IdNumberResult =
  | {
      valid: true;
      /** The number with an upper-case X, as it should be stored. */
      normalised: string;
      /** `YYYY-MM-DD`. */
      birthDate: string;
      gender: 'male' | 'female';
      /** The 6-digit administrative division code. */
      regionCode: string;
    }
  | { valid: false; reason: 'format' | 'region' | 'birth_date' | 'check_digit' };

/** The check character (GB 11643-1999, ISO 7064 MOD 11-2) of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/**
 * Validates an 18-character PRC resident ID number (GB 11643-1999). Checks run in order
 * format → region → birth date → check digit, and the first failure is reported. `now`
 * decides what "in the future" means (pass the clock in tests); birth dates are compared as
 * calendar dates in China time.
 */
export function validateIdNumber(input: string, now: Date = new Date()): IdNumberResult {
  if (typeof input !== 'string') return { valid: false, reason: 'format' };
  const id = input.trim().toUpperCase(); // a lower-case x is a common way of typing X
  if (!ID_FORMAT.test(id)) return { valid: false, reason: 'format' };

  if (!(PROVINCE_CODES as readonly string[]).includes(id.slice(0, 2))) return { valid: false, reason: 'region' };

  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const isRealDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const todayInChina = chinaDateOf(now);
  if (!isRealDate || y < 1900 || birthDate > todayInChina) return { valid: false, reason: 'birth_date' };

  if (idCheckDigit(id.slice(0, 17)) !== id[17]) return { valid: false, reason: 'check_digit' };

  return {
    valid: true,
    normalised: id,
    birthDate,
    // The 17th character is the sequence number's last digit: odd for men, even for women.
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

export function isValidIdNumber(input: string, now: Date = new Date()): boolean {
  return validateIdNumber(input, now).valid;
}

/**
 * `110105********002X`: first 6 and last 4 characters, always 8 asterisks between so the
 * mask does not reveal the length. Anything too short to mask that way is fully masked.
 */
export function maskIdNumber(id: string): string {
  const s = String(id ?? '').trim();
  if (s.length < 11) return '*'.repeat(Math.max(s.length, 1));
  return `${s.slice(0, 6)}********${s.slice(-4)}`;
}

/** Mainland mobile numbers: 11 digits, 1 then 3–9. */
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The bare 11 digits of a mainland mobile number, or null. Accepts spaces and hyphens and an
 * optional +86 / 86 / 0086 country prefix (`+86 138-0013-8000` → `13800138000`). Store and
 * compare the normalised form only.
 */
export function normaliseMobile(input: string): string | null {
  if (typeof input !== 'string') return null;
  let s = input.trim().replace(/[\s-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return MOBILE.test(s) ? s : null;
}

/** True when `input` is a mainland mobile number, formatted or not (see normaliseMobile). */
export function isMainlandMobile(input: string): boolean {
  return normaliseMobile(input) !== null;
}

/** `138****8000`. A string that is not a mobile number is fully masked. */
export function maskMobile(input: string): string {
  const n = normaliseMobile(input);
  return n === null ? '***********' : `${n.slice(0, 3)}****${n.slice(7)}`;
}
