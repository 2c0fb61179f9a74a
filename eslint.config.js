// Lint: typescript-eslint's recommended rules, plus the layering rule (VS Code's habit): src/shared is pure, the
// renderer never reaches into Node code, and only src/main/electron may import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Bare built-in names are matched exactly (`paths`), so a local './util' is not mistaken for Node's 'util'.
const bareBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'zlib', 'url', 'util'];
const builtinPaths = (message) => bareBuiltins.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'resources/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // One clock (src/shared/time.ts, China time): a Date's calendar fields in the machine's zone give another day or
    // month on a PC set to another zone, so only time.ts reads calendar fields (and it reads them in UTC + 8 h).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/shared/time.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getSeconds|getYear)$/]',
          message: 'Calendar fields come from src/shared/time.ts (China time): today(), thisMonth(), chinaClock() …',
        },
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: 'Dates and times are formatted by src/shared/time.ts (China time), not by Intl in the machine zone.',
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinPaths('src/shared runs everywhere: no Node built-ins.'),
          patterns: [
            { group: ['node:*'], message: 'src/shared runs everywhere: no Node built-ins.' },
            {
              group: ['**/main/**', '**/renderer/**', 'electron', 'react'],
              message: 'src/shared imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinPaths('The renderer has no Node: talk to the core through api.ts.'),
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node: talk to the core through api.ts.' },
            {
              group: ['**/main/**', 'electron', 'better-sqlite3', 'kysely'],
              message: 'The renderer reaches the core only through the API contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['electron', '**/renderer/**'], message: 'Only src/main/electron may import electron.' }],
        },
      ],
    },
  },
  {
    // The ledger core is below the API layer and the hosts: it never imports them (docs/ARCHITECTURE.md, Layers).
    // (Repeats the src/main rule above: a later block replaces the rule's options for these files.)
    files: ['src/main/ledger/**/*.ts'],
    // Known exception: the seed generator (test-data tooling) drives a whole core; it is to move out of the ledger.
    ignores: ['src/main/ledger/seed/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/renderer/**'], message: 'Only src/main/electron may import electron.' },
            {
              regex: '^(\\.\\./)+(api|http|cli|electron)(/|$)|^(\\.\\./)+(core|scheduler)$',
              message: 'The ledger core does not import the API layer, the hosts or the shell: they import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
);
