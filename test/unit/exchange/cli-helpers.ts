// Shared by the CLI import tests (cli.test.ts, kinds-cli.test.ts): what a command prints, and a ledger file set up
// by the test helper and closed again so the command can open it (one program per ledger).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../../src/main/cli/command';
import { makeTestCore, PASSWORD } from '../../helpers/ledger';

/** Every line a command prints (stdout and stderr in order), and stdout alone. */
export function capture(): CliIO & { stdout: string[]; text: () => string } {
  const lines: string[] = [];
  const stdout: string[] = [];
  return {
    out: (t: string) => {
      lines.push(t);
      stdout.push(t);
    },
    err: (t: string) => lines.push(t),
    askSecret: async () => null,
    stdout,
    text: () => lines.join('\n'),
  };
}

/** A set-up ledger file (closed), a scratch folder, and the user's password in CIVIL_LEDGER_PASSWORD. */
export async function cliLedger(prefix: string): Promise<{ db: string; dir: string; cleanup: () => void }> {
  const t = await makeTestCore();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await t.core.close();
  process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
  return {
    db: t.dbPath,
    dir,
    cleanup: () => {
      delete process.env.CIVIL_LEDGER_PASSWORD;
      rmSync(dir, { recursive: true, force: true });
      rmSync(t.dir, { recursive: true, force: true });
    },
  };
}
