import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * Issue #12: the contract loop closed for HTTP. `libs/contracts/src/routes.ts` lists every route
 * with its answer and body; the web's client takes only those routes. This spec reads the
 * controllers (their decorators and signatures, as the TypeScript compiler sees them) and fails
 * when the table and the API part: a route served but not listed (or listed but not served), a
 * declared answer that is not the table's, a body DTO whose contract is not the table's body
 * (or that implements no contract at all), a query DTO whose contract is not the table's query, a
 * query parameter read by name past any DTO.
 */
const repo = resolve(__dirname, '../../..');
const api = join(repo, 'apps/api/src');

interface Served {
  route: string;
  where: string;
  /** The declared answer, `Promise<…>` unwrapped (`ApiDownload` for a method that writes the bytes to `@Res()` and returns `void`); null when the method declares none. */
  answer: string | null;
  /** The body's contract type: the DTO's `implements` (or an ancestor's), `ApiUpload` for a multipart form (or `X | ApiUpload` for a route taking either); null without a body. */
  body: string | null;
  /** The query string's contract: the `@Query()` DTO's `implements`; a named `@Query('x')` reads one parameter past the table (and past one DTO's checks), so it is a drift of its own. */
  query: string | null;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.ts$/.test(name) && !/\.spec\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/;\s*}/g, ' }').trim();
const decoratorName = (d: ts.Decorator) => (ts.isCallExpression(d.expression) ? d.expression.expression.getText() : d.expression.getText());
const firstArgument = (d: ts.Decorator) => {
  const arg = ts.isCallExpression(d.expression) ? d.expression.arguments[0] : undefined;
  return arg && ts.isStringLiteral(arg) ? arg.text : '';
};
const HTTP = ['Get', 'Post', 'Put', 'Patch', 'Delete'];

/** Every route the controllers serve (the global prefix is `api`). */
function servedRoutes(): Served[] {
  const files = sources(api).map((file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  const classes = new Map<string, { implementsType: string | null; extendsName: string | null }>();
  const aliases = new Map<string, string>();
  for (const sf of files) {
    // `import { type X as Y } from '@tiaojie/contracts'`: Y is X.
    for (const m of sf.text.matchAll(/import\s*\{([^}]*)\}\s*from '@tiaojie\/contracts'/g)) {
      for (const part of m[1].split(',')) {
        const alias = /(?:type\s+)?(\w+)\s+as\s+(\w+)/.exec(part.trim());
        if (alias) aliases.set(alias[2], alias[1]);
      }
    }
    const visit = (node: ts.Node) => {
      if (ts.isClassDeclaration(node) && node.name) {
        const clause = (kind: ts.SyntaxKind) => node.heritageClauses?.find((h) => h.token === kind)?.types[0]?.getText(sf) ?? null;
        classes.set(node.name.text, { implementsType: clause(ts.SyntaxKind.ImplementsKeyword), extendsName: clause(ts.SyntaxKind.ExtendsKeyword) });
      }
      node.forEachChild(visit);
    };
    visit(sf);
  }
  const contractOf = (dto: string): string | null => {
    for (let name: string | null = dto, hops = 0; name && hops < 5; hops++) {
      const c = classes.get(name);
      if (!c) return null;
      if (c.implementsType) return c.implementsType;
      name = c.extendsName;
    }
    return null;
  };
  const unalias = (type: string) => type.replace(/\b\w+\b/g, (word) => aliases.get(word) ?? word);

  const served: Served[] = [];
  for (const sf of files) {
    const visit = (node: ts.Node) => {
      const controller = ts.isClassDeclaration(node) ? ts.getDecorators(node)?.find((d) => decoratorName(d) === 'Controller') : undefined;
      if (ts.isClassDeclaration(node) && controller) {
        const prefix = firstArgument(controller);
        for (const member of node.members) {
          if (!ts.isMethodDeclaration(member)) continue;
          const decorators = ts.getDecorators(member) ?? [];
          const multipart = decorators.some((d) => decoratorName(d) === 'UseInterceptors' && /FileInterceptor/.test(d.getText(sf)));
          for (const d of decorators) {
            if (!HTTP.includes(decoratorName(d))) continue;
            const path = `/api/${[prefix, firstArgument(d)].filter(Boolean).join('/')}`.replace(/\/$/, '');
            const bodyParam = member.parameters.find((p) =>
              (ts.getDecorators(p) ?? []).some((pd) => decoratorName(pd) === 'Body' && ts.isCallExpression(pd.expression) && !pd.expression.arguments.length),
            );
            const dto = bodyParam?.type?.getText(sf) ?? null;
            const queryDecorators = member.parameters.flatMap((p) => (ts.getDecorators(p) ?? []).filter((pd) => decoratorName(pd) === 'Query').map((pd) => ({ p, pd })));
            const queryType = (p: ts.ParameterDeclaration) => p.type?.getText(sf) ?? 'an untyped query';
            const query = queryDecorators.length
              ? queryDecorators
                  .map(({ p, pd }) =>
                    ts.isCallExpression(pd.expression) && pd.expression.arguments.length
                      ? `named @Query(${pd.expression.arguments[0].getText(sf)})`
                      : (contractOf(queryType(p)) ?? `${queryType(p)} (implements no contract)`),
                  )
                  .join(' & ')
              : null;
            const declared = member.type?.getText(sf) ?? null;
            // A method taking `@Res()` (not passthrough) writes the bytes itself: it answers a download, and says so by returning nothing.
            const writesBytes = member.parameters.some((p) => (ts.getDecorators(p) ?? []).some((pd) => pd.expression.getText(sf) === 'Res()'));
            const answer = declared ? squash(unalias(declared.replace(/^Promise<([\s\S]*)>$/, '$1'))) : null;
            served.push({
              route: `${decoratorName(d).toUpperCase()} ${path}`,
              where: relative(api, sf.fileName),
              answer: writesBytes && answer !== null ? (answer === 'void' ? 'ApiDownload' : `${answer} (writes the response itself)`) : answer,
              query,
              body: multipart ? (dto && contractOf(dto) ? `${contractOf(dto)} | ApiUpload` : 'ApiUpload') : dto ? (contractOf(dto) ?? `${dto} (implements no contract)`) : null,
            });
          }
        }
      }
      node.forEachChild(visit);
    };
    visit(sf);
  }
  return served;
}

interface Listed {
  response: string;
  body: string | null;
  query: string | null;
}

/** The table as written in contracts: route → its `response` and `body` types. */
function table(): Map<string, Listed> {
  const file = join(repo, 'libs/contracts/src/routes.ts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = new Map<string, Listed>();
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'ApiRoutes') {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type) || !ts.isStringLiteral(member.name)) continue;
        const field = (name: string) => {
          const m = (member.type as ts.TypeLiteralNode).members.find((x) => ts.isPropertySignature(x) && x.name.getText(sf) === name) as ts.PropertySignature | undefined;
          return m?.type ? squash(m.type.getText(sf)) : null;
        };
        out.set(member.name.text, { response: field('response') ?? '', body: field('body'), query: field('query') });
      }
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** Where the table and the controllers part, one line each (empty when they agree). */
function drifts(served: Served[], listed: Map<string, Listed>): string[] {
  const routes = new Set(served.map((s) => s.route));
  return [
    ...[...routes].filter((r) => !listed.has(r)).map((r) => `${r}: served, not listed`),
    ...[...listed.keys()].filter((r) => !routes.has(r)).map((r) => `${r}: listed, not served`),
    ...served
      .filter((s) => listed.has(s.route) && s.answer !== null && listed.get(s.route)?.response !== s.answer)
      .map((s) => `${s.route} (${s.where}): declared ${s.answer}, listed ${listed.get(s.route)?.response}`),
    ...served.filter((s) => listed.has(s.route) && (listed.get(s.route)?.body ?? null) !== s.body).map((s) => `${s.route} (${s.where}): body ${s.body}, listed ${listed.get(s.route)?.body}`),
    ...served.filter((s) => listed.has(s.route) && (listed.get(s.route)?.query ?? null) !== s.query).map((s) => `${s.route} (${s.where}): query ${s.query}, listed ${listed.get(s.route)?.query}`),
  ];
}

/** A query read through a DTO with a contract: one type name, no `named @Query`, no `(implements no contract)`. */
const listedQueryIsContract = (query: string) => /^\w+$/.test(query);

describe('issue #12: the route table in contracts is the API (libs/contracts/src/routes.ts)', () => {
  const served = servedRoutes();
  const listed = table();

  it('reads the controllers and the table (the scan works)', () => {
    expect(served.length).toBeGreaterThan(150);
    expect(listed.size).toBeGreaterThan(150);
  });

  it('lists every route the controllers serve and no other, each with its declared answer and its DTO contract as the body', () => {
    expect(drifts(served, listed)).toEqual([]);
  });

  it('every route declares its answer, so the table cannot give the web a type the API does not send', () => {
    expect(served.filter((s) => s.answer === null).map((s) => `${s.route} (${s.where})`)).toEqual([]);
  });

  it('finds each kind of drift (the check itself, on altered copies of the table)', () => {
    const one = served.find((s) => s.answer !== null && s.body !== null)!;
    const altered = (change: (m: Map<string, Listed>) => void) => {
      const copy = new Map([...listed].map(([k, v]) => [k, { ...v }]));
      change(copy);
      return drifts(served, copy);
    };
    expect(altered((m) => m.delete(one.route))).toEqual([`${one.route}: served, not listed`]);
    expect(altered((m) => m.set('GET /api/nowhere', { response: 'X', body: null, query: null }))).toEqual(['GET /api/nowhere: listed, not served']);
    expect(altered((m) => (m.get(one.route)!.response = `${one.answer}[]`))).toHaveLength(1);
    expect(altered((m) => (m.get(one.route)!.body = null))).toHaveLength(1);
    const withQuery = served.find((s) => s.query !== null)!;
    expect(altered((m) => (m.get(withQuery.route)!.query = null))).toEqual([`${withQuery.route} (${withQuery.where}): query ${withQuery.query}, listed null`]);
    expect(altered((m) => (m.get(one.route)!.query = 'SomeQuery'))).toHaveLength(1);
  });

  it('every query string is read through one DTO that implements its contract (a named @Query is refused)', () => {
    expect(served.filter((s) => s.query !== null && !listedQueryIsContract(s.query)).map((s) => `${s.route} (${s.where}): ${s.query}`)).toEqual([]);
  });
});
