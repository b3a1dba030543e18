// Lint: TypeScript rules plus Nx's module boundaries, which keep the layers honest:
// libs (scope:shared) import no framework and no app; api and web never import each other.
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// Issue #12: a list of case states is a stage rule, and stage rules live in libs/domain
// (case-lifecycle.ts): an array of two or more state names elsewhere in the apps is refused.
const CASE_STATE = /^(DRAFT|SUBMITTED|RETURNED|ACCEPTED|MEDIATING|SUSPENDED|SETTLED|CONFIRMATION_REQUESTED|CONFIRMED|CONFIRMATION_REJECTED|TERMINATED|ESCALATED|WITHDRAWN|CLOSED)$/;
const STATE_LIST = `ArrayExpression:has(> Literal[value=${CASE_STATE}] ~ Literal[value=${CASE_STATE}])`;

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'typeorm/*', 'react', 'react-dom', 'react/*', 'antd', 'antd/*', 'socket.io', 'pg', 'express'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  // Plain JS is linted only where it is product code: the browser journeys and the benchmarks (issue #12).
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/*.js', '**/*.mjs', '**/*.cjs', '**/vite.config.ts', '**/jest.config.ts', '!apps/web-e2e/**/*.js', '!bench/**/*.js'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Entity registries and migration lists hold constructors.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // Issue #12: no import cycle inside the apps and libs, of files or of folders (a folder cycle is
    // a file cycle too; apps/api/src/architecture.spec.ts draws the folder graph). Type-only
    // imports are left out: they are erased at build and cannot order a module's loading.
    files: ['apps/api/src/**/*.ts', 'apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx', 'libs/*/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }] },
  },
  {
    files: ['apps/api/src/**/*.ts', 'apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx', '**/migrations/**', '**/seeds/**', '**/dev/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: STATE_LIST, message: 'Case-state lists are stage rules: name one in libs/domain (case-lifecycle.ts) and import it.' }],
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // CommonJS scripts run by Node; type-checked by `// @ts-check` (apps/web-e2e/tsconfig.json, bench/tsconfig.json).
    files: ['apps/web-e2e/**/*.js', 'bench/**/*.js'],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2023 },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
];
