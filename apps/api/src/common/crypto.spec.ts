import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, randomDigits, safeEqualHex, sha256Hex } from './crypto';

describe('crypto helpers', () => {
  const key = randomBytes(32);
  it('round-trips AES-GCM and refuses a tampered ciphertext', () => {
    const sealed = encrypt(key, '11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(decrypt(key, sealed)).toBe('11010519491231002X');
    const [iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64');
    flipped[0] ^= 1;
    expect(() => decrypt(key, [iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });
  it('makes numeric codes of the asked length', () => {
    for (let i = 0; i < 50; i++) expect(randomDigits(6)).toMatch(/^\d{6}$/);
  });
  it('compares hashes in constant time and by value', () => {
    expect(safeEqualHex(sha256Hex('a'), sha256Hex('a'))).toBe(true);
    expect(safeEqualHex(sha256Hex('a'), sha256Hex('b'))).toBe(false);
    expect(safeEqualHex(sha256Hex('a'), 'abcd')).toBe(false);
  });
});
