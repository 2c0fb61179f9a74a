#!/usr/bin/env node
// `npm run build:cli`: bundles the command line (src/main/cli/index.ts) into out/cli/index.js, the file
// bin/civil-ledger.js runs. Dependencies stay in node_modules (better-sqlite3 is native). The installed desktop app
// does not need this file: its own executable runs the same commands (src/main/cli/entry.ts).
// Usage: node scripts/build-cli.mjs [--outdir DIR]
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const i = process.argv.indexOf('--outdir');
const outdir = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : join(root, 'out', 'cli');
const started = Date.now();
await build({
  // The worker thread that package builds and comparisons run in (src/main/ledger/work/offthread.ts looks for it
  // beside the bundle); its entry registers the capabilities' tasks.
  entryPoints: {
    index: join(root, 'src', 'main', 'cli', 'index.ts'),
    'ledger-worker': join(root, 'src', 'main', 'ledger-worker.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
  // The bundle is ESM: give bundled CommonJS-style code a require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
console.log(`CLI 已构建：${join(outdir, 'index.js')}（${Date.now() - started} ms）`);
