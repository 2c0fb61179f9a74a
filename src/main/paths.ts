// Where things live on disk. The ledger defaults to the user's data folder; resources and the built renderer are
// found next to the code (development, tests, CLI) or passed in by the Electron shell (packaged app).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR_NAME = 'civil-ledger';
export const DEFAULT_LEDGER_FILE = 'township.ledger';

/** The project root when running from source or from out/ (the folder holding package.json). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return process.cwd();
}

export function defaultResourcesDir(): string {
  return process.env.CIVIL_LEDGER_RESOURCES ?? join(projectRoot(), 'resources');
}

export function defaultRendererDir(): string {
  return process.env.CIVIL_LEDGER_RENDERER ?? join(projectRoot(), 'out', 'renderer');
}

/** The per-user data folder, as Electron's app.getPath('userData') would give it. */
export function userDataDir(): string {
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export function defaultLedgerPath(): string {
  return process.env.CIVIL_LEDGER_DB ?? join(userDataDir(), DEFAULT_LEDGER_FILE);
}

/** Folder beside the ledger for attachments, exports and backups: `<ledger>.files/`. */
export function dataDirFor(ledgerPath: string): string {
  return resolve(`${ledgerPath}.files`);
}
