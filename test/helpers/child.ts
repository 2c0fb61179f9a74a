// Child processes for the kill tests (a process stopped with SIGKILL in the middle of its work): the test's child
// script bundled once with esbuild into a plain .mjs that node runs without a TypeScript loader. better-sqlite3 stays
// outside the bundle (a native module), loaded through a require made for the bundle.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache');

/** Bundles `entry` (a .ts file) to node_modules/.cache/civil-ledger-<name>/<name>-<pid>.mjs; returns its path. */
export async function bundleChild(entry: string, name: string): Promise<string> {
  const out = join(CACHE, `civil-ledger-${name}`, `${name}-${process.pid}.mjs`);
  mkdirSync(join(out, '..'), { recursive: true });
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  return out;
}

export function removeChild(path: string | undefined): void {
  if (path) rmSync(path, { force: true });
}
