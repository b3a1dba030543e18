import { BAD_SEGMENTS, deep, EVIL, KEYS, QUERY_NAMES, QUERY_VALUES, Rand, STRINGS, type Operation, type Schema } from './fuzz-inputs';
import { DEMO } from './harness';

/**
 * The request parts fuzz.spec.ts sends: plausible bodies built from the OpenAPI schemas and
 * the real ids it collected, their malformed mutations, paths and queries. Every draw comes
 * from the one seeded Rand, in a fixed order, so a seed replays the same requests.
 */
export function fuzzGenerators(now: () => Date, schemas: Record<string, Schema>, ids: Record<string, string[]>) {
  const resolve = (s: Schema | undefined): Schema => {
    let cur = s ?? {};
    for (let i = 0; i < 10 && cur.$ref; i++) cur = schemas[cur.$ref.replace('#/components/schemas/', '')] ?? {};
    if (cur.allOf?.length) cur = { ...resolve(cur.allOf[0]), ...cur, allOf: undefined };
    return cur;
  };

  /** A value that fits a field's name, so more bodies pass validation and reach the services. */
  function byName(r: Rand, key: string): unknown {
    if (/^(version|revision|from|to)$/.test(key)) return 1 + r.int(4);
    if (key === 'partyIds') return [r.pick(ids.partyId ?? [anyId(r)])];
    if (key === 'clientId') return `6f1c1a43-2a53-4f57-9b4c-${String(r.int(1e12)).padStart(12, '0')}`;
    if (/Id$/.test(key)) return r.pick(ids[key] ?? ids[key.replace(/Id$/, 's')] ?? [anyId(r)]);
    if (key === 'mobile') return r.pick(Object.values(DEMO));
    if (key === 'code') return '123456';
    if (key === 'contentHash') return 'a'.repeat(64);
    if (/At$/.test(key)) return new Date(now().getTime() + (1 + r.int(72)) * 3600_000).toISOString();
    if (/[dD]ate$/.test(key)) return '2026-06-30';
    if (key === 'amount') return '100.00';
    return undefined;
  }

  function plausible(r: Rand, s: Schema | undefined, depth = 0, key = ''): unknown {
    const schema = resolve(s);
    if (schema.enum?.length) return r.pick(schema.enum);
    if (schema.example !== undefined && r.chance(0.7)) return structuredClone(schema.example);
    const named = key && schema.type !== 'object' && r.chance(0.8) ? byName(r, key) : undefined;
    if (named !== undefined) return named;
    switch (schema.type) {
      case 'string':
        if (schema.format === 'date-time') return new Date(Date.UTC(2026, 2, 1 + r.int(60), r.int(24))).toISOString();
        return r.chance(0.4) ? anyId(r) : r.pick(STRINGS);
      case 'integer':
      case 'number':
        return r.pick([1, 1, 2, 3, 0, 10]);
      case 'boolean':
        return r.chance(0.5);
      case 'array':
        return depth > 4 ? [] : Array.from({ length: r.int(3) }, () => plausible(r, schema.items, depth + 1, key));
      case 'object':
      default: {
        if (depth > 4) return {};
        if (!schema.properties) {
          // Undocumented fields (a DTO without property decorators): guess them by name.
          if (schema.type !== 'object' && depth > 0) return r.pick([r.pick(STRINGS), 1, true, anyId(r)]);
          const guessed: Record<string, unknown> = {};
          for (let i = 0, k = 1 + r.int(4); i < k; i++) {
            const name = r.pick(KEYS);
            guessed[name] = byName(r, name) ?? r.pick([r.pick(STRINGS), 1, true, false]);
          }
          return guessed;
        }
        const out: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries(schema.properties)) {
          if (schema.required?.includes(key) || r.chance(0.6)) out[key] = plausible(r, prop, depth + 1, key);
        }
        return out;
      }
    }
  }

  const anyId = (r: Rand) => {
    const all = Object.values(ids).flat();
    return all.length && r.chance(0.8) ? r.pick(all) : '6f1c1a43-2a53-4f57-9b4c-9d1f33f1a0ff';
  };

  /** The classes that reached the database or overflowed the stack come up most often. */
  const evil = (r: Rand): unknown => {
    const roll = r.float();
    if (roll < 0.25) return null;
    if (roll < 0.4) return r.pick(['\u0000', 'a\u0000b', '张\u0000']);
    if (roll < 0.5) return r.pick([2147483648, 99999999999, -2147483649, 1e20]);
    if (roll < 0.55) return deep(40 + r.int(2000));
    return structuredClone(r.pick(EVIL));
  };

  /** Replaces one value somewhere in the body, adds a stray field, or drops one. */
  function mutate(r: Rand, body: unknown): unknown {
    if (body === null || typeof body !== 'object' || r.chance(0.05)) return structuredClone(r.pick(EVIL));
    const containers: Array<Record<string, unknown> | unknown[]> = [];
    const walk = (v: unknown, depth: number) => {
      if (v && typeof v === 'object' && depth < 6) {
        containers.push(v as Record<string, unknown>);
        for (const child of Object.values(v)) walk(child, depth + 1);
      }
    };
    walk(body, 0);
    const target = r.pick(containers);
    const keys = Object.keys(target);
    const roll = r.float();
    if (roll < 0.6 && keys.length) (target as Record<string, unknown>)[r.pick(keys)] = evil(r);
    else if (roll < 0.8) (target as Record<string, unknown>)[r.pick(KEYS)] = r.chance(0.5) ? evil(r) : plausible(r, undefined);
    else if (keys.length) delete (target as Record<string, unknown>)[r.pick(keys)];
    return r.chance(0.3) ? mutate(r, body) : body;
  }

  function pathFor(r: Rand, op: Operation) {
    const segments = op.path.split('/');
    return segments
      .map((seg, i) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m) return seg;
        const pool = ids[m[1]] ?? ids[segments[i - 1]] ?? [];
        if (pool.length && r.chance(0.8)) return pool[r.int(pool.length)];
        return r.chance(0.5) ? anyId(r) : r.pick(BAD_SEGMENTS);
      })
      .join('/');
  }

  function queryFor(r: Rand, op: Operation) {
    const names = op.params.filter((p) => p.in === 'query').map((p) => p.name);
    const chosen = new Set<string>();
    for (const n of names) if (r.chance(0.8)) chosen.add(n);
    if (r.chance(0.35)) for (let i = 0, k = 1 + r.int(3); i < k; i++) chosen.add(r.pick(QUERY_NAMES));
    const parts = [...chosen].map((n) => `${n}=${r.pick(QUERY_VALUES)}`);
    return parts.length ? `?${parts.join('&')}` : '';
  }

  return { plausible, mutate, pathFor, queryFor };
}
