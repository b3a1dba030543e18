import type { FieldError } from '@tiaojie/contracts';

/**
 * One rule for all input, whatever the DTO: what no route may receive. Applied by the global
 * validation pipe to every body, query and path parameter, so a malformed request is a 400
 * naming the field instead of a stack overflow or a database error (a 500).
 */
/** A UTF-16 surrogate without its pair (what `String#isWellFormed` refuses). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const INPUT_RULES = {
  /** Objects and arrays within objects and arrays: no request shape here is deeper than ~5. */
  maxDepth: 32,
  /** The database's `integer` range: every integer input (versions, revisions, sequence numbers, page sizes) is one. */
  intMin: -2147483648,
  intMax: 2147483647,
  /** Stop listing problems after this many; the first ones name the field. */
  maxProblems: 20,
} as const;

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

const join = (parent: string, key: string | number) => (parent ? `${parent}.${key}` : String(key));
const printable = (key: string) => key.split('\u0000').join('\\u0000');

/**
 * Before any transform: nesting depth and the NUL character (PostgreSQL text cannot hold 0x00),
 * in values and in field names. Iterative, so no input can overflow the stack here.
 */
export function rawInputProblems(value: unknown, root = ''): FieldError[] {
  const problems: FieldError[] = [];
  const stack: Array<{
    value: unknown;
    path: string;
    depth: number;
    top: string;
  }> = [{ value, path: root, depth: 0, top: root }];
  for (let item = stack.pop(); item && problems.length < INPUT_RULES.maxProblems; item = stack.pop()) {
    const { value: v, path, depth, top } = item;
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        problems.push({
          field: path,
          constraint: 'noNul',
          message: 'must not contain the NUL character',
        });
      // A lone UTF-16 surrogate cannot be stored as UTF-8: PostgreSQL and the mailer reject it.
      else if (LONE_SURROGATE.test(v))
        problems.push({
          field: path,
          constraint: 'wellFormed',
          message: 'must be well-formed Unicode text',
        });
      continue;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= INPUT_RULES.maxDepth) {
      // Named by the field as sent at the top: the dotted path itself would be the depth.
      problems.push({
        field: top,
        constraint: 'maxDepth',
        message: `must not nest deeper than ${INPUT_RULES.maxDepth} levels`,
      });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({
          value: v[i],
          path: join(path, i),
          depth: depth + 1,
          top: depth ? top : join(path, i),
        });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key.includes('\u0000')) {
        problems.push({
          field: join(path, printable(key)),
          constraint: 'noNul',
          message: 'field names must not contain the NUL character',
        });
        continue;
      }
      stack.push({
        value: (v as Record<string, unknown>)[key],
        path: join(path, key),
        depth: depth + 1,
        top: depth ? top : join(path, key),
      });
    }
  }
  // Report in the order the fields were sent (the stack visits them last-first).
  return problems.reverse();
}

function nullableInDocument(instance: object, key: string): boolean {
  const meta = Reflect.getMetadata(SWAGGER_PROPERTY, Object.getPrototypeOf(instance), key) as { nullable?: boolean } | undefined;
  return meta?.nullable === true;
}

/**
 * After the DTO is built: `null` is accepted only where the OpenAPI document says the field
 * is nullable (an optional field is "omitted", not "set to NULL"); every integer fits the
 * database's integer range.
 */
export function typedInputProblems(value: unknown, root = ''): FieldError[] {
  const problems: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  for (let item = stack.pop(); item && problems.length < INPUT_RULES.maxProblems; item = stack.pop()) {
    const { value: v, path, depth } = item;
    if (typeof v === 'number') {
      if (Number.isInteger(v) && (v < INPUT_RULES.intMin || v > INPUT_RULES.intMax)) {
        problems.push({
          field: path,
          constraint: 'intRange',
          message: `must be an integer between ${INPUT_RULES.intMin} and ${INPUT_RULES.intMax}`,
        });
      }
      continue;
    }
    if (v === null || typeof v !== 'object' || depth > INPUT_RULES.maxDepth || Buffer.isBuffer(v) || v instanceof Date) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    const typed = Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null;
    for (const key of Object.keys(v)) {
      const child = (v as Record<string, unknown>)[key];
      if (child === null && typed && !nullableInDocument(v, key)) {
        problems.push({
          field: join(path, key),
          constraint: 'notNull',
          message: 'must not be null (leave the field out instead)',
        });
        continue;
      }
      stack.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
  }
  return problems.reverse();
}
