/// <reference types="node" />
/**
 * Issue #12: lib/api.ts is the web's one API client, uploads included. No other source file
 * calls fetch, opens an XMLHttpRequest or builds a FormData for a request: each copy used to
 * repeat the refresh and retry, the error mapping and the network error, and drifted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** apps/web/src, found up from the working folder as lib/error-coverage.spec.ts finds the repository. */
function findSrc(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'apps/web/src/lib/api.ts')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'apps/web/src');
}
const src = findSrc();
const CLIENT = 'lib/api.ts';

/** Files that may still talk to the network themselves, each with its reason. */
const EXCEPTIONS: Record<string, { pattern: string; reason: string }> = {
  'features/notifications/opened-receipt.ts': {
    pattern: 'fetch(',
    reason: 'a fire-and-forget keepalive receipt sent before the router exists: no refresh, no redirect to /login, no error to show',
  },
  'lib/early-start.ts': {
    pattern: 'fetch(',
    reason: 'the early script runs before the app exists, in a file of its own; its answers go to the app through this client (takeEarlyResponse)',
  },
};

const PATTERNS: Record<string, RegExp> = {
  'fetch(': /\bfetch\s*\(/,
  XMLHttpRequest: /\bXMLHttpRequest\b/,
  'new FormData': /\bnew\s+FormData\b/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The source without its comments, so prose about fetch does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('issue #12: the web talks to the API through lib/api.ts only', () => {
  const files = sourceFiles(src).map((path) => ({ name: relative(src, path).split('\\').join('/'), text: code(readFileSync(path, 'utf8')) }));

  it('finds the sources it checks, the client among them', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((file) => file.name === CLIENT && PATTERNS['fetch('].test(file.text))).toBe(true);
  });

  it('no other file calls fetch, opens an XMLHttpRequest or builds a FormData', () => {
    const offenders = files.flatMap(({ name, text }) =>
      name === CLIENT
        ? []
        : Object.entries(PATTERNS)
            .filter(([label, pattern]) => pattern.test(text) && EXCEPTIONS[name]?.pattern !== label)
            .map(([label]) => `${name}: ${label}`),
    );
    expect(offenders).toEqual([]);
  });

  it('every request names a route of the table in contracts: no file but the client calls api() with a path', () => {
    // call(route, …) and upload(route, …) take only ApiRoutes' keys (libs/contracts/src/routes.ts).
    const raw = files.filter(({ name, text }) => name !== CLIENT && /\bapi\s*(<[^>]*>)?\s*\(/.test(text)).map(({ name }) => name);
    expect(raw).toEqual([]);
    expect(files.filter(({ text }) => /\bcall\(\s*['`](GET|POST|PUT|PATCH|DELETE) \/api\//.test(text)).length).toBeGreaterThan(20);
  });

  it('each exception is still needed', () => {
    for (const [name, { pattern }] of Object.entries(EXCEPTIONS)) {
      const file = files.find((candidate) => candidate.name === name);
      expect(file && PATTERNS[pattern].test(file.text), name).toBe(true);
    }
  });
});
