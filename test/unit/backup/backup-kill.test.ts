// Issue 21: a backup killed with SIGKILL at any moment leaves no file that could pass for a complete backup. A
// process makes backups one after another and is killed at random moments; afterwards every file under a backup's
// name verifies completely, and every other file left behind (a temporary one) is refused by the verification
// restore runs first. The next backup removes the dead process's temporary files.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { backupsRootFor, runBackup } from '../../../src/main/ledger/backup/backup';
import { verifyBackup } from '../../../src/main/ledger/backup/verify';
import { bundleChild, removeChild } from '../../helpers/child';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

const KILLS = Number(process.env.BACKUP_KILLS ?? 8);
let CHILD = '';

let t: TestCore;
beforeAll(async () => {
  CHILD = await bundleChild(join(import.meta.dirname, 'backup-kill-child.ts'), 'bkill');
  t = await makeTestCore();
  await t.core.close();
  // Enough data that a backup takes a while (copy, checks, hashing), so kills land in every step.
  const db = new Database(t.dbPath);
  db.exec('CREATE TABLE filler (x BLOB)');
  const ins = db.prepare('INSERT INTO filler VALUES (randomblob(1000000))');
  for (let i = 0; i < 12; i++) ins.run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}, 60_000);
afterAll(async () => {
  removeChild(CHILD);
  await t.close();
});

test(`a backup process killed with SIGKILL ${KILLS} times leaves nothing that passes for a complete backup`, async () => {
  const dir = join(backupsRootFor(t.dbPath), 'manual');
  let completed = 0;
  let partialsSeen = 0;
  const checked = new Set<string>();
  for (let k = 0; k < KILLS; k++) {
    const child = spawn(process.execPath, [CHILD, t.dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve) => lines.once('line', () => resolve()));
    lines.on('line', (l) => {
      if (l.startsWith('DONE ')) completed++;
    });
    await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 2500)));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Checked after every kill: the next process's first backup sweeps what this one left.
    const names = readdirSync(dir);
    for (const n of names.filter((x) => x.endsWith('.ledger') && !checked.has(x))) {
      checked.add(n);
      const v = await verifyBackup(join(dir, n));
      expect({ n, refusal: v.refusal, verified: v.verified }).toEqual({ n, refusal: null, verified: true });
    }
    for (const n of names.filter((x) => !x.endsWith('.ledger'))) {
      partialsSeen++;
      expect(n).toMatch(/\.partial-\d+-[0-9a-f]+/);
      const v = await verifyBackup(join(dir, n));
      expect({ n, passes: v.verified && v.refusal === null }).toEqual({ n, passes: false });
    }
  }
  // Both kinds of moment were met: backups completed before a kill, and kills in the middle of one.
  expect(completed).toBeGreaterThan(0);
  expect(partialsSeen).toBeGreaterThan(0);
  // The next backup sweeps the dead processes' temporary files.
  await runBackup({ path: t.dbPath }, { kind: 'manual' });
  expect(readdirSync(dir).filter((n) => !n.endsWith('.ledger'))).toEqual([]);
}, 180_000);
