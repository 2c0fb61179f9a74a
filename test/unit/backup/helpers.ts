// Small helpers for the backup and restore tests: a CLI runner that captures what the clerk would read, and file
// fingerprints to prove a file was not touched.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { main } from '../../../src/main/cli/index';
import type { CliIO } from '../../../src/main/cli/command';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
    askSecret: async () => null,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

export function fingerprint(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';
}

/** Files in a folder whose names say they were left half-done. */
export function leftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((n) => /\.partial-|-journal$|\.tmp/.test(n));
}
