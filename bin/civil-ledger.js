#!/usr/bin/env node
// Runs the built CLI (out/cli/index.js); from a source checkout without a build, runs the TypeScript through tsx.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'cli', 'index.js');
if (existsSync(built)) {
  const { main } = await import(pathToFileURL(built).href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'main', 'cli', 'index.ts'), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
}
