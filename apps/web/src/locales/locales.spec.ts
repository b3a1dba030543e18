import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LOCALES } from '@tiaojie/contracts';
import { CASE_STATES, DECLINE_REASONS, DISPUTE_TYPES, evaluate, QUESTIONNAIRES, RETURN_REASONS, TERMINATION_REASONS, TRANSITIONS, type Answers } from '@tiaojie/domain';
import { resources } from '../lib/i18n';

/** Every namespace file, including those that pages register when they load (registerBundle). */
const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' });

function bundle(locale: string, namespace: string): Record<string, unknown> {
  const found = files[`./${locale}/${namespace}.json`];
  if (!found) throw new Error(`missing ${locale}/${namespace}.json`);
  return found;
}

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

function has(tree: Record<string, unknown>, path: string): boolean {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.length > 0;
}

const namespaces = [...new Set(Object.keys(files).map((path) => path.split('/')[2].replace(/\.json$/, '')))];

describe('locales', () => {
  it('have the same files and keys in every language', () => {
    const [first, ...others] = LOCALES;
    for (const namespace of namespaces) {
      const expected = keysOf(bundle(first, namespace)).sort();
      for (const locale of others) {
        const actual = keysOf(bundle(locale, namespace)).sort();
        expect({ namespace, locale, keys: actual }).toEqual({ namespace, locale, keys: expected });
      }
    }
  });

  it('bundle in the first load the namespaces every page needs', () => {
    for (const namespace of ['common', 'errors', 'validation', 'auth', 'landing', 'home', 'profile', 'dev']) {
      expect(resources['zh-CN']).toHaveProperty(namespace);
    }
  });

  it('translate every error code of the contracts', () => {
    for (const locale of LOCALES) {
      for (const code of Object.keys(ERROR_CODES)) {
        expect(bundle(locale, 'errors'), `${locale} errors.${code}`).toHaveProperty(code);
      }
    }
  });

  it('translate every question and every advice the consultation can give', () => {
    const advice = new Set<string>();
    for (const type of DISPUTE_TYPES) {
      const questions = QUESTIONNAIRES[type].filter((question) => question.kind === 'yes_no');
      // Every combination of yes/no answers, with an agreed rate above and below the cap.
      for (let mask = 0; mask < 2 ** questions.length; mask++) {
        for (const rate of ['24', '8']) {
          const answers: Answers = { annual_rate_percent: rate };
          questions.forEach((question, i) => (answers[question.id] = Boolean(mask & (1 << i))));
          for (const id of evaluate(type, answers).advice) advice.add(id);
        }
      }
    }
    expect(advice.size).toBeGreaterThan(20);
    for (const locale of LOCALES) {
      const consult = bundle(locale, 'consult');
      for (const id of advice) expect(has(consult, `advice.${id}`), `${locale} advice.${id}`).toBe(true);
      for (const type of DISPUTE_TYPES) {
        for (const question of QUESTIONNAIRES[type]) expect(has(consult, `questions.${question.id}`), `${locale} ${question.id}`).toBe(true);
        for (const part of ['summary', 'covers', 'prepare']) expect(has(consult, `types.${type}.${part}`)).toBe(true);
      }
    }
  });

  it('name every case state, dispute type, reason code and requirement', () => {
    const requirements = new Set(Object.values(TRANSITIONS).flatMap((transition) => transition.requirements.map((r) => r.id)));
    for (const locale of LOCALES) {
      const terms = bundle(locale, 'case');
      for (const state of CASE_STATES) expect(has(terms, `states.${state}`), `${locale} ${state}`).toBe(true);
      for (const type of DISPUTE_TYPES) expect(has(terms, `disputeTypes.${type}`)).toBe(true);
      for (const code of RETURN_REASONS) expect(has(terms, `returnReasons.${code}`)).toBe(true);
      for (const code of TERMINATION_REASONS) expect(has(terms, `terminationReasons.${code}`)).toBe(true);
      for (const code of DECLINE_REASONS) expect(has(terms, `declineReasons.${code}`)).toBe(true);
      const validation = bundle(locale, 'validation');
      for (const id of requirements) {
        // The requirements of steps this client offers; the rest (agreements, the court) come with their pages.
        if (/^R(01|02|03|04|09|10|20_period_expired|22)/.test(id)) expect(has(validation, id), `${locale} validation.${id}`).toBe(true);
      }
    }
  });
});
