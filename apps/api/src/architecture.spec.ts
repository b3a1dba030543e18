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

/** Which top-level folders of `root` each imports (files at the top of `root` are left out). */
function folderEdges(root: string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sources(root)) {
    const path = relative(root, file).split('/');
    if (path.length < 2) continue;
    const from = path[0];
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const target = relative(root, resolve(dirname(file), m[1])).split('/');
      const to = target[0];
      if (target.length < 2 || to.startsWith('..') || to === from || !to) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
    }
  }
  return edges;
}

/** "a <-> b" for every two top-level folders of `root` that import each other (a before b). */
function folderCycles(root: string): string[] {
  const edges = folderEdges(root);
  const pairs: string[] = [];
  for (const [a, targets] of edges) for (const b of targets) if (a < b && edges.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
  return pairs.sort();
}

/**
 * The folder graph as the README draws it: one line per folder with what it imports, in layers
 * (a folder's layer is one above the highest of its imports), the top layer first. Throws on a
 * cycle of any length, which has no layers.
 */
function layeredGraph(edges: Map<string, Set<string>>): string {
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (folder: string): number => {
    const known = layer.get(folder);
    if (known !== undefined) return known;
    if (visiting.has(folder)) throw new Error(`import cycle through ${folder}`);
    visiting.add(folder);
    const own = 1 + Math.max(0, ...[...(edges.get(folder) ?? [])].map(depth));
    visiting.delete(folder);
    layer.set(folder, own);
    return own;
  };
  const folders = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((t) => [...t])])].sort();
  folders.forEach(depth);
  const width = Math.max(...folders.map((f) => f.length));
  const lines: string[] = [];
  for (let n = Math.max(...layer.values()); n >= 1; n--) {
    const here = folders.filter((f) => layer.get(f) === n);
    if (lines.length) lines.push('');
    for (const f of here) lines.push(`${f.padEnd(width)}  ${edges.get(f)?.size ? `─> ${[...(edges.get(f) ?? [])].sort().join(', ')}` : '(imports no other folder)'}`);
  }
  return lines.join('\n');
}

/**
 * Issue #12: one emitter names the rooms, puts sockets in them and sends every socket event, so
 * reading it tells who receives what (R15: a party never receives another party's caucus).
 * Anywhere else in the API these are refused: a room-addressed call (`.to(`, `.in(`,
 * `.except(`), an emit, fetching or disconnecting a room's sockets, joining or leaving a room,
 * reading a socket's rooms, and a room name (`user:`, `session:`, `case:`, `channel:`,
 * `mediators:` followed by an id), and listening to the other processes' events on the server
 * (a case changed elsewhere). The in-process signals (CaseChanges, SessionEvents: Node
 * EventEmitters that reach no socket) may `this.emit(` their own events.
 */
const EMITTER = 'realtime/realtime-emitter.ts';

const SOCKET_CALLS: [RegExp, string][] = [
  [/\.(?:to|in|except)\(/, 'addresses a room'],
  [/\.(?:emit|serverSideEmit|emitWithAck)\(/, 'emits'],
  [/\.(?:fetchSockets|disconnectSockets|socketsJoin|socketsLeave)\(/, "handles a room's sockets"],
  [/\.leave\(|\.join\((?!\s*['"`)])/, 'joins or leaves a room'],
  [/\.rooms\b/, "reads a socket's rooms"],
  [/[`'"](?:user|session|case|channel|mediators):(?:\$\{|[`'"])/, 'names a room'],
  // The socket.io server's own events other than a connection come from the other processes.
  [/\b[sS]erver\)?\.on\((?!\s*['"]connection['"])/, 'listens to the other processes'],
];

/** Lines that match a pattern above but are no socket call (file, text on the line, why). */
const NOT_SOCKETS: [string, string, string][] = [['mediation/sessions.service.ts', 'dedupBase: `session:${', "a notice's de-duplication key, not a room"]];

/** What a source file does with sockets that only the emitter may do ("line: what"). */
function socketProblems(source: string): string[] {
  // In-process signals: a Node EventEmitter subclass emitting its own events.
  const signals = /from 'node:events'/.test(source) && /extends EventEmitter\b/.test(source);
  const problems: string[] = [];
  source.split('\n').forEach((text, i) => {
    // Comments may name rooms and calls; a line comment starts at `//` not inside a URL.
    const code = text
      .replace(/(^|[^:])\/\/.*$/, '$1')
      .replace(/^\s*\*.*$/, '')
      .replace(/\/\*.*?\*\//g, '');
    for (const [pattern, what] of SOCKET_CALLS) {
      const calls = signals && what === 'emits' ? code.replace(/\bthis\.emit\(/g, '') : code;
      if (pattern.test(calls)) problems.push(`${i + 1}: ${what}`);
    }
  });
  return problems;
}

describe('issue #12: one emitter owns rooms and emits', () => {
  it('no API file but the emitter emits, addresses a room or names one', () => {
    const root = join(repo, 'apps/api/src');
    const found = sources(root)
      .filter((file) => relative(root, file) !== EMITTER)
      .flatMap((file) => {
        const lines = readFileSync(file, 'utf8').split('\n');
        const name = relative(root, file);
        const known = (p: string) => NOT_SOCKETS.some(([f, text]) => f === name && lines[Number(p.split(':')[0]) - 1].includes(text));
        return socketProblems(lines.join('\n'))
          .filter((p) => !known(p))
          .map((p) => `${name}:${p}`);
      });
    expect(found).toEqual([]);
  });

  it('the emitter does what the others may not (the check reads it)', () => {
    expect(socketProblems(readFileSync(join(repo, 'apps/api/src', EMITTER), 'utf8'))).toEqual(expect.arrayContaining([expect.stringMatching(/names a room/), expect.stringMatching(/emits/)]));
  });

  it('finds each kind of socket call (the check itself)', () => {
    const sample = [
      "this.server.to(room).emit('presence', x);",
      "socket.to(`channel:${id}`).emit('typing', x);",
      "peer.emit('rtc:signal', x);",
      'const s = await this.server.in(r).fetchSockets();',
      'await socket.join([a, b]);',
      'socket.leave(r);',
      "[...socket.rooms].filter((r) => r.startsWith('mediators:'));",
      'const r = `user:${userId}`;',
      "const r = 'case:' + id;",
      "(server as unknown as Server).on('tiaojie:case-changed', (id) => this.changed(id));",
    ].join('\n');
    expect(socketProblems(sample).map((p) => Number(p.split(':')[0]))).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    // Not socket calls: joining strings, event names, an in-process signal, comments.
    const fine = [
      "const text = parts.join(', ');",
      "server.on('connection', (socket) => watch(socket));",
      "@SubscribeMessage('case:join')",
      '// this.server.to(`user:${id}`).emit(...)',
      "const url = 'https://example.test/x'; // socket.emit('x')",
    ].join('\n');
    expect(socketProblems(fine)).toEqual([]);
    const signal = "import { EventEmitter } from 'node:events';\nclass Changes extends EventEmitter {\n  mark(id: string) {\n    this.emit('changed', id);\n  }\n}\n";
    expect(socketProblems(signal)).toEqual([]);
    expect(socketProblems(signal.replace('this.emit(', 'this.server.emit('))).toEqual(['4: emits']);
  });
});

describe('issue #12: folders import one way', () => {
  it('the web: no two feature folders import each other', () => {
    expect(folderCycles(join(repo, 'apps/web/src/features'))).toEqual([]);
  });

  it('the API: no folder cycle beyond the ones still listed, and the list is not stale', () => {
    expect(folderCycles(join(repo, 'apps/api/src'))).toEqual(API_CYCLES_LEFT);
  });

  it('the README draws the API\'s folder graph as it is (README.md, "The API\'s folders")', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const drawn = /<!-- api-folder-graph -->\n```\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '(no graph between the markers)';
    expect(drawn).toEqual(layeredGraph(folderEdges(join(repo, 'apps/api/src'))));
  });

  it('layers a graph, and refuses a cycle of three (the check itself)', () => {
    const graph = (pairs: string[]) => new Map(pairs.map((p) => [p.split('>')[0], new Set(p.split('>')[1].split(','))]));
    expect(layeredGraph(graph(['a>b,c', 'b>c']))).toEqual('a  ─> b, c\n\nb  ─> c\n\nc  (imports no other folder)');
    expect(() => layeredGraph(graph(['a>b', 'b>c', 'c>a']))).toThrow(/cycle/);
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

/**
 * Issue #12: who may read a case is decided in one place. `cases/case-access.ts` holds the rule
 * (`canRead`, called by nothing else) and the one function that opens a case for a viewer, and it
 * alone writes the case access log (R19): every read, allowed or refused, goes through it.
 */
describe('issue #12: one access rule, one writer of the access log', () => {
  const api = join(repo, 'apps/api/src');
  const ACCESS = 'cases/case-access.ts';
  const uses = (pattern: RegExp) =>
    sources(api)
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => relative(api, file))
      .sort();

  it('only case-access.ts applies the read rule', () => {
    expect(uses(/\bcanRead\(/)).toEqual([ACCESS]);
  });

  it('channel rights come from the read rule, not from SQL of their own', () => {
    // Who a viewer is to a case (party, agent, accepted mediator, removed, left the organisation)
    // is derived by `relationsOf` in case-access.ts. Its SQL twin is for list queries only: a
    // channel right that rebuilt it (as `rightIn` did) could drift from what REST allows.
    expect(uses(/leftOrganisationSql\(/)).toEqual(['cases/case-list.service.ts']);
    expect(uses(/FROM case_assignment|FROM case_party/i).filter((file) => file.startsWith('mediation/'))).toEqual([]);
  });

  it('only case-access.ts writes the case access log', () => {
    expect(uses(/getRepository\(CaseAccessLog\)\s*\.\s*(insert|save|update|delete)\(|\bCaseAccessLog,\s*\{|insert\(\)\s*\.into\(CaseAccessLog/)).toEqual([ACCESS]);
  });
});

describe('issue #12: one input guard, and files a newcomer can read', () => {
  const api = join(repo, 'apps/api/src');

  it('the rules for all input run in one place: the validation pipe, for REST bodies and socket events alike', () => {
    // common/validation.ts wraps every DTO check (REST and, through `validateInput`, socket
    // events) in common/input-guard.ts; a second caller would check the same payload twice.
    const callers = sources(api)
      .filter((file) => /from '[./]*(common\/)?input-guard'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(api, file));
    expect(callers).toEqual(['common/validation.ts']);
  });

  it('no file in the apps is over 450 lines (migrations aside)', () => {
    const all = (dir: string, out: string[] = []): string[] => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (['node_modules', 'dist', 'migrations'].includes(name)) continue;
        if (statSync(path).isDirectory()) all(path, out);
        else if (/\.(tsx?|m?js|cjs|css)$/.test(name)) out.push(path);
      }
      return out;
    };
    const long = all(join(repo, 'apps'))
      .map((file) => ({ file: relative(repo, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 450)
      .map((f) => `${f.file}: ${f.lines}`);
    expect(long).toEqual([]);
  });
});
