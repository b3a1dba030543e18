import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LOCALES } from '@tiaojie/contracts';
import { resources } from '../lib/i18n';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  it('have the same keys in every language', () => {
    const [first, ...others] = LOCALES;
    for (const namespace of Object.keys(resources[first])) {
      const expected = keysOf(resources[first][namespace as keyof (typeof resources)['zh-CN']]).sort();
      for (const locale of others) {
        const actual = keysOf(resources[locale][namespace as keyof (typeof resources)['en']]).sort();
        expect({ namespace, locale, keys: actual }).toEqual({ namespace, locale, keys: expected });
      }
    }
  });

  it('translate every error code of the contracts', () => {
    for (const locale of LOCALES) {
      for (const code of Object.keys(ERROR_CODES)) {
        expect(resources[locale].errors, `${locale} errors.${code}`).toHaveProperty(code);
      }
    }
  });
});
