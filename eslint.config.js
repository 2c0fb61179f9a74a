// Lint: typescript-eslint's recommended rules, plus the layering rule (VS Code's habit): src/shared is pure, the
// renderer never reaches into Node code, and only src/main/electron may import electron.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Capability boundaries in the ledger core (docs/ARCHITECTURE.md, "Capabilities and their boundaries"). A capability
// (a folder of src/main/ledger) imports another capability only through its index.ts ('../cases', never
// '../cases/caseops'), and only one in a layer below its own, so no two capabilities depend on each other. The
// foundation (db, journal, kernel) is imported through its indexes too ('../kernel'); inside the foundation its three
// folders import each other file by file. The ledger's own modules (ids.ts, settings.ts, exportfile.ts) are single
// files. The foundation imports no capability, except the types db/schema.ts combines into `DB`. Code outside the
// core (src/main/api, cli, http, electron, tools) is held to the indexes as well, not to the layers.
const LEDGER = join(dirname(fileURLToPath(import.meta.url)), 'src', 'main', 'ledger');
const FOUNDATION = ['db', 'journal', 'kernel'];
// Bottom to top; a capability imports only capabilities in a lower line. A new capability gets a line here.
const LAYERS = [
  ['township', 'people', 'periods', 'backup', 'attachments', 'network', 'stations', 'orgs', 'aid', 'children'],
  ['cases', 'village', 'work'],
  ['auth', 'lifeevents', 'exchange'],
  ['monitoring', 'compare', 'reports'],
  ['discovery'],
];
const layerOf = new Map(LAYERS.flatMap((line, i) => line.map((cap) => [cap, i])));

const capabilityBoundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = relative(LEDGER, context.filename).split(sep);
    // Code outside the core (the API layer, the hosts, the CLI, tools) is held to the indexes too, not to the layers.
    const outside = from[0] === '..';
    if (!outside && from.length < 2) return {};
    const own = outside ? null : from[0];
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = relative(LEDGER, resolve(dirname(context.filename), source)).split(sep);
      if (to[0] === '..' || to[0] === own) return;
      const cap = to[0];
      const isFolder = existsSync(join(LEDGER, cap)) && statSync(join(LEDGER, cap)).isDirectory();
      if (!isFolder) return;
      // Inside the foundation, db, journal and kernel import each other file by file (their indexes would cycle).
      if (FOUNDATION.includes(cap) && FOUNDATION.includes(own)) return;
      if (FOUNDATION.includes(own)) {
        if (!typeOnly) context.report({ node, message: `The foundation (${own}) imports no capability: '${source}'.` });
        return;
      }
      const deep = to.length > 1 && !(to.length === 2 && to[1] === 'index');
      // The migrations list is the one module of db imported by itself (the frozen-hash test and the bench).
      if (deep && !(cap === 'db' && to[1] === 'migrations')) {
        const index = relative(dirname(context.filename), join(LEDGER, cap)).split(sep).join('/');
        context.report({
          node,
          message: `Import ${cap} through its index ('${index.startsWith('.') ? index : `./${index}`}'), not '${source}'; export what you need from ${cap}/index.ts.`,
        });
      }
      if (outside || FOUNDATION.includes(cap)) return;
      if (!layerOf.has(own) || !layerOf.has(cap)) {
        context.report({ node, message: `Put ${layerOf.has(own) ? cap : own} in LAYERS in eslint.config.js.` });
        return;
      }
      const upward = layerOf.get(cap) >= layerOf.get(own);
      if (upward) {
        context.report({
          node,
          message: `${own} may not import ${cap}: ${cap} is not in a layer below ${own} (LAYERS in eslint.config.js). Move what both need down (to a lower capability, the kernel or src/shared).`,
        });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value, n.importKind === 'type'),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, n.exportKind === 'type'),
      ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === 'type'),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value, false),
    };
  },
};

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
    files: ['src/**/*.{ts,tsx}'],
    plugins: { ledger: { rules: { 'capability-boundaries': capabilityBoundaries } } },
    rules: { 'ledger/capability-boundaries': 'error' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
);
