// 村级副本 rows of `npm run bench` (issue 15): making a village copy of 2,000 households from the benchmark ledger
// (target < 5 s; the 20,000-household ledger has no village that large, so the largest villages are copied together
// until they hold at least 2,000 households — the row names them), and importing one change file of 1,000 changes at
// the office (target < 2 s). Each import runs on a fresh working copy of the office ledger; only the import is timed.
// Wall and CPU time (this process) and the machine's load are printed: the machine is shared.
// Also runnable alone: `npx tsx test/bench/village.ts [--small]` (reuses or builds the benchmark ledger).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handlers } from '../../src/main/api/handlers';
import { startCore } from '../../src/main/core';
import { SEED_PASSWORD } from '../../src/tools/seed/generate';
import { exportChanges, importChangeFile, makeVillageCopy } from '../../src/main/ledger/village';
import { ensureDivisions } from '../helpers/divisions';
import { benchLedger, CACHE, machineLoad, measure, printTable, workingCopy, type Row } from './lib';

const CHANGES = 1000;
const TARGET_HOUSEHOLDS = 2000;

export async function villageBench(ledgerPath: string, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  const office = await startCore({ dbPath: workingCopy(ledgerPath, 'village-office.ledger') });
  let copyPath = '';
  const villages: { id: string; name: string; n: number }[] = [];
  try {
    // The largest villages, until together they hold 2,000 households.
    const all = office.ledger.raw
      .prepare(
        `SELECT v.id, v.name, count(*) AS n FROM households h JOIN villages v ON v.id = h.village_id
         GROUP BY v.id ORDER BY n DESC, v.id`,
      )
      .all() as typeof villages;
    for (const v of all) {
      villages.push(v);
      if (villages.reduce((n, x) => n + x.n, 0) >= TARGET_HOUSEHOLDS) break;
    }
    const households = villages.reduce((n, x) => n + x.n, 0);
    let k = 0;
    const load = machineLoad().load;
    const timing = await measure(
      async () => {
        copyPath = join(CACHE, `village-copy-${++k}.ledger`);
        rmSync(copyPath, { force: true });
        await makeVillageCopy({
          office: office.ledger,
          source: { path: office.ledger.path },
          villages: villages.map((v) => v.id),
          out: copyPath,
          admin: { id: null, name: '管理员' },
          login: { username: 'xieli', displayName: '村协理员', password: SEED_PASSWORD },
        });
        if (k > 1) rmSync(join(CACHE, `village-copy-${k - 1}.ledger`), { force: true });
      },
      Math.min(runs, 3),
      0,
    );
    rows.push({
      what: `village copy of ${households} households (${villages.map((v) => `${v.name} ${v.n}`).join(' + ')})`,
      target: '< 5 s',
      timing,
      ok: timing.median < 5000,
      note: `${villages.length > 1 ? `no village has ${TARGET_HOUSEHOLDS} households: ${villages.length} villages copied together; ` : ''}load ${load.join('/')}`,
    });
  } finally {
    await office.close();
  }

  // 1,000 changes in the copy: household edits (address and phone), cycling over the village's households.
  const copy = await startCore({ dbPath: copyPath });
  let text = '';
  try {
    const login = await copy.dispatcher.dispatch({
      method: 'auth.login',
      input: { username: 'xieli', password: SEED_PASSWORD },
    });
    if (!login.ok) throw new Error(login.error.message);
    const session = (login.data as { session: string }).session;
    const ids = copy.ledger.raw.prepare(`SELECT id FROM households ORDER BY id LIMIT 400`).pluck().all() as string[];
    for (let i = 0; i < CHANGES; i++) {
      const id = ids[i % ids.length]!;
      const h = copy.ledger.raw
        .prepare(`SELECT version, village_id, hukou_type, annual_income_fen FROM households WHERE id = ?`)
        .get(id) as { version: number; village_id: string; hukou_type: string; annual_income_fen: number };
      const r = await copy.dispatcher.dispatch({
        method: 'households.update',
        session,
        input: {
          id,
          version: h.version,
          villageId: h.village_id,
          hukouType: h.hukou_type,
          annualIncomeFen: h.annual_income_fen,
          address: `村里核实地址${i}`,
          phone: `138${String(i).padStart(8, '0')}`,
        },
      });
      if (!r.ok) throw new Error(r.error.message);
    }
    text = (await exportChanges(copy.ledger, { id: null, name: '村协理员' })).text;
  } finally {
    await copy.close();
  }
  writeFileSync(join(CACHE, 'village-changes.json'), text);
  let outcome = '';
  const samples: number[] = [];
  const cpu: number[] = [];
  const load = machineLoad().load;
  for (let i = 0; i < Math.min(runs, 3); i++) {
    // The office as it was after making the copy (the copy registered), fresh for each run.
    const core = await startCore({
      dbPath: workingCopy(join(CACHE, 'village-office.ledger'), 'village-office-run.ledger'),
    });
    try {
      const admin = core.ledger.raw
        .prepare(`SELECT id, username, display_name FROM users WHERE role = 'admin'`)
        .get() as {
        id: string;
        username: string;
        display_name: string;
      };
      const c = process.cpuUsage();
      const t = performance.now();
      const r = await importChangeFile({
        office: core.ledger,
        host: { sessions: core.sessions, dataDir: core.dataDir, resourcesDir: core.resourcesDir },
        actor: { id: admin.id, username: admin.username, name: admin.display_name, role: 'admin' },
        text,
        handlers,
      });
      samples.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
      outcome = `applied ${r.applied}, queued ${r.conflicts}, refused ${r.refused}`;
    } finally {
      await core.close();
    }
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  rows.push({
    what: `import a change file of ${CHANGES} changes (${outcome})`,
    target: '< 2 s',
    timing: {
      median,
      min: sorted[0]!,
      max: sorted[sorted.length - 1]!,
      runs: samples.length,
      cpu: [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)]!,
    },
    ok: median < 2000,
    note: `load ${load.join('/')}`,
  });
  return rows;
}

if (process.argv[1]?.endsWith('village.ts')) {
  ensureDivisions();
  const small = process.argv.includes('--small');
  const ledger = await benchLedger(small ? 2000 : 20_000, small ? 3 : 10);
  printTable(await villageBench(ledger.path, small ? 3 : 5));
}
