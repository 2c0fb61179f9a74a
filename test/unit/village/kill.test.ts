// kill -9 during an exchange import: the importing process is killed inside the import's transaction (after five of
// ten changes went through the handlers). The office ledger afterwards holds none of the file — no change, no
// import record, no journal entry — passes its integrity check, and the same file then imports whole.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { handlers } from '../../../src/main/api/handlers';
import { startCore } from '../../../src/main/core';
import { exportChanges, importChangeFile, makeVillageCopy } from '../../../src/main/ledger/village';
import { bundleChild, removeChild } from '../../helpers/child';
import { login, PASSWORD } from '../../helpers/ledger';
import { household, member, setup } from '../cases/fixtures';
import { hhUpdate } from './world';

let CHILD = '';
// Bundling the app for the child takes a while on a loaded machine: the hook waits for it.
beforeAll(async () => {
  CHILD = await bundleChild(join(import.meta.dirname, 'kill-child.ts'), 'village-kill');
}, 120_000);
afterAll(() => removeChild(CHILD));

function runUntilMidThenKill(dbPath: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbPath, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('MID\n')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child ended on its own (${code}): ${out} ${err}`)),
    );
  });
}

test('a SIGKILL in the middle of an import leaves the office ledger as before; the file then imports whole', async () => {
  const c = await setup('2025-03-03');
  const hs = [];
  for (let i = 0; i < 10; i++) hs.push(await household(c, [member(`王${i}`, '1960-01-01', 'M', '户主')]));
  const copyPath = join(c.t.dir, 'copy.ledger');
  await makeVillageCopy({
    office: c.t.core.ledger,
    source: { path: c.t.dbPath },
    villages: [c.villageId],
    out: copyPath,
    admin: { id: null, name: '王管理' },
    login: { username: 'xieli', displayName: '村协理员', password: PASSWORD },
  });
  const copy = await startCore({ dbPath: copyPath, now: c.clock.now });
  const village = await login(copy, 'xieli');
  for (const h of hs)
    await village.call('households.update', hhUpdate(c.villageId, h, { address: `村里改${h.household.id}` }));
  const file = join(c.t.dir, 'changes.json');
  writeFileSync(file, (await exportChanges(copy.ledger, { id: null, name: '村协理员' })).text);
  await copy.close();
  await c.t.core.close();

  expect(await runUntilMidThenKill(c.t.dbPath, file)).toBe('MID\n');

  const office = await startCore({ dbPath: c.t.dbPath, now: c.clock.now });
  try {
    const raw = office.ledger.raw;
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = (q: string) => raw.prepare(q).pluck().get() as number;
    expect(count(`SELECT count(*) FROM households WHERE address LIKE '村里改%'`)).toBe(0);
    expect(count(`SELECT count(*) FROM village_applied`)).toBe(0);
    expect(count(`SELECT count(*) FROM village_imports`)).toBe(0);
    expect(
      count(`SELECT count(*) FROM journal WHERE actor_name LIKE '%导入村级副本%' OR action = 'village.import'`),
    ).toBe(0);
    const admin = await office.ledger.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const r = await importChangeFile({
      office: office.ledger,
      host: { sessions: office.sessions, dataDir: office.dataDir, resourcesDir: office.resourcesDir },
      actor: { id: admin.id, username: admin.username, name: admin.display_name, role: admin.role },
      text: readFileSync(file, 'utf8'),
      handlers,
    });
    expect([r.applied, r.alreadyApplied, r.conflicts, r.refused]).toEqual([10, 0, 0, 0]);
    expect(count(`SELECT count(*) FROM households WHERE address LIKE '村里改%'`)).toBe(10);
  } finally {
    await office.close();
    rmSync(c.t.dir, { recursive: true, force: true });
  }
});
