import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Issue #12: feature folders point one way. Reads every relative import of the API's source
 * folders and of the web's feature folders and lists the pairs of top-level folders that import
 * each other. Neither has any and neither may get one. API_CYCLES_LEFT stays for a pair that
 * has to be allowed for a while: the list may only shrink (a new pair fails, and so does a
 * listed pair that is gone).
 */
const repo = resolve(__dirname, '../../..');

const API_CYCLES_LEFT: string[] = [];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** "a <-> b" for every two top-level folders of `root` that import each other (a before b). */
function folderCycles(root: string): string[] {
  const edges = new Map<string, Set<string>>();
  for (const file of sources(root)) {
    const from = relative(root, file).split('/')[0];
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const to = relative(root, resolve(dirname(file), m[1])).split('/')[0];
      if (to.startsWith('..') || to === from || !to) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
    }
  }
  const pairs: string[] = [];
  for (const [a, targets] of edges) for (const b of targets) if (a < b && edges.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
  return pairs.sort();
}

describe('issue #12: folders import one way', () => {
  it('the web: no two feature folders import each other', () => {
    expect(folderCycles(join(repo, 'apps/web/src/features'))).toEqual([]);
  });

  it('the API: no folder cycle beyond the ones still listed, and the list is not stale', () => {
    expect(folderCycles(join(repo, 'apps/api/src'))).toEqual(API_CYCLES_LEFT);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    // Two folders importing each other, as accounts and organisations did (login read the
    // membership rows; organisations use the auth guard).
    const root = mkdtempSync(join(tmpdir(), 'cycles-'));
    try {
      for (const [dir, other] of [
        ['accounts', 'organisations'],
        ['organisations', 'accounts'],
      ]) {
        mkdirSync(join(root, dir));
        writeFileSync(join(root, dir, 'a.ts'), `import { x } from '../${other}/a';\n`);
      }
      expect(folderCycles(root)).toEqual(['accounts <-> organisations']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
