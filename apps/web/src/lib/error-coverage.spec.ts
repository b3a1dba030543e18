/// <reference types="node" />
/**
 * Every error the API can return has a sentence in both locales (issue #11, "Language and
 * words"): each ErrorCode of libs/contracts, and each field constraint the API can emit — found
 * in the API's source, so a new constraint without a translation fails here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as classValidator from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@tiaojie/contracts';
import { EXCLUSIONS } from '@tiaojie/domain';

/** The repository's root: the nearest folder up from here that holds libs/contracts. */
function findRepo(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'libs/contracts')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const repo = findRepo();
const LOCALES = ['zh-CN', 'en'] as const;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : tsFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function locale(lng: string, ns: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(repo, 'apps/web/src/locales', lng, `${ns}.json`), 'utf8'));
}

/** The arguments of the call whose `(` is at `open`, as source text, split at top-level commas. */
function callArgs(src: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      // skip a string (template expressions inside are skipped with it; good enough here)
      for (i++; i < src.length && src[i] !== ch; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) {
        args.push(src.slice(start, i).trim());
        return args;
      }
    } else if (ch === ',' && depth === 1) {
      args.push(src.slice(start, i).trim());
      start = i + 1;
    }
  }
  return args;
}

/** The plain string literals of an expression (`a ? 'x' : 'y'` → x, y). */
function literals(expr: string): string[] {
  return [...expr.matchAll(/'([^'\\]*)'|"([^"\\]*)"|`([^`$\\]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const lifecycle = readFileSync(join(repo, 'libs/domain/src/case-lifecycle.ts'), 'utf8');
// The package's items are listed by confirmation-views.ts#packageOf; its gaps become R31_<kind>.
const confirmationViews = readFileSync(join(repo, 'apps/api/src/confirmation/confirmation-views.ts'), 'utf8');
const performanceService = readFileSync(join(repo, 'apps/api/src/performance/performance.service.ts'), 'utf8');

/**
 * Constraints computed at run time, by the source text of their expression. A new computed
 * constraint fails the test until it is listed here with the values it can take.
 */
const COMPUTED: Record<string, () => string[]> = {
  // otp.service.ts: the failed check's code, lower-cased
  'result.toLowerCase()': () => ['otp_invalid', 'otp_expired', 'otp_too_many_attempts'],
  // case-lifecycle.service.ts: the state machine's unmet requirement ids
  id: () => [...lifecycle.matchAll(/\bid: '(R\d+_\w+)'/g)].map((m) => m[1]),
  // confirmation.service.ts: R32 exclusions and R31 package gaps
  '`R32_${e.code}`': () => EXCLUSIONS.map((e) => `R32_${e}`),
  '`R31_${g.kind}`': () => [...confirmationViews.matchAll(/items\.push\(\{\s*kind: '(\w+)'|PackageItemView\[\] = \[\{\s*kind: '(\w+)'/g)].map((m) => `R31_${m[1] ?? m[2]}`),
  // performance.service.ts: the R34 refusals
  rule: () => [...performanceService.matchAll(/^\s+(R34_\w+):/gm)].map((m) => m[1]),
  // holiday-calendar.service.ts: the domain's holidayYearProblems (scanned with libs/domain)
  'p.constraint': () => [],
  // validation.ts: class-validator's own names (scanned from the DTOs' decorators)
  "constraint === 'whitelistValidation' ? 'whitelist' : constraint": () => ['whitelist'],
};

function computed(expr: string, where: string): string[] {
  if (COMPUTED[expr]) return COMPUTED[expr]();
  const found = literals(expr);
  if (found.length === 0) throw new Error(`${where}: constraint "${expr}" is computed; list its values in COMPUTED`);
  return found;
}

/** Every constraint id the API can put in `fields[].constraint`. */
function emittedConstraints(): Map<string, string> {
  const out = new Map<string, string>();
  const add = (c: string, where: string) => {
    if (!out.has(c)) out.set(c, where);
  };
  const files = [...tsFiles(join(repo, 'apps/api/src')), ...tsFiles(join(repo, 'libs/domain/src'))];
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    const where = relative(repo, file);
    for (const m of src.matchAll(/AppException\.field\(/g)) {
      const args = callArgs(src, m.index + m[0].length - 1);
      for (const c of computed(args[2], where)) add(c, where);
    }
    for (const m of src.matchAll(/\bconstraint: /g)) {
      // the expression up to the next top-level `,` or `}`: the call parser, from a pretend `(`
      const expr = callArgs(`(${src.slice(m.index + m[0].length)}`, 0)[0];
      if (/^string\b|^'[^']*' \|/.test(expr)) continue; // a type, not a value
      for (const c of computed(expr, where)) add(c, where);
    }
    // local helpers `(field: string, constraint: string, message: string) => …` and their calls
    for (const h of src.matchAll(/const (\w+) = \(\s*field: string,\s*constraint: string/g)) {
      for (const call of src.matchAll(new RegExp(`\\b${h[1]}\\(`, 'g'))) {
        const args = callArgs(src, call.index + call[0].length - 1);
        if (args[1] && !args[1].startsWith('constraint')) for (const c of computed(args[1], where)) add(c, where);
      }
    }
    // class-validator decorators of the DTOs
    const imported = [...src.matchAll(/import \{([^}]*)\}\s*from 'class-validator'/g)].flatMap((m) =>
      m[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    for (const name of imported) {
      // Allow only whitelists a property: it never refuses one.
      if (['Allow', 'IsOptional', 'ValidateIf', 'ValidateBy', 'ValidationArguments', 'ValidatorConstraint'].includes(name)) continue;
      if (!new RegExp(`@${name}\\(`).test(src)) continue;
      const constant = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
      const value = (classValidator as unknown as Record<string, unknown>)[constant];
      if (name === 'ValidateNested') add('nestedValidation', where);
      else if (typeof value === 'string') add(value, where);
      else throw new Error(`${where}: no constraint name known for @${name}`);
    }
    for (const m of src.matchAll(/ValidateBy\(\{\s*name: '(\w+)'/g)) add(m[1], where);
  }
  return out;
}

/** A constraint's sentence: validation.json, or a feature namespace's `constraints` (mediation). */
function hasConstraintSentence(lng: string, constraint: string): boolean {
  if (typeof locale(lng, 'validation')[constraint] === 'string') return true;
  const own = locale(lng, 'mediation').constraints as Record<string, unknown> | undefined;
  return typeof own?.[constraint] === 'string';
}

describe('every API error has a sentence in both languages', () => {
  const constraints = emittedConstraints();

  it('finds the constraints of the API’s source (the scan works)', () => {
    for (const known of [
      'isNotEmpty',
      'otp_invalid',
      'R01_all_consented',
      'R32_personal_status',
      'R31_id_proof',
      'whitelist',
      'isCourtCaseNumber',
      'noNul',
      'yearRange',
      'R34_not_obligee',
      'wrongState',
    ]) {
      expect([...constraints.keys()]).toContain(known);
    }
  });

  it.each(LOCALES)('%s: each ErrorCode of libs/contracts has errors.<CODE>', (lng) => {
    const errors = locale(lng, 'errors');
    const missing = Object.keys(ERROR_CODES).filter((code) => typeof errors[code] !== 'string');
    expect(missing).toEqual([]);
    expect(typeof errors.retryAfter).toBe('string');
  });

  it.each(LOCALES)('%s: each constraint the API emits has a sentence', (lng) => {
    const missing = [...constraints].filter(([c]) => !hasConstraintSentence(lng, c)).map(([c, where]) => `${c} (${where})`);
    expect(missing).toEqual([]);
  });
});
