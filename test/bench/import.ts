// Import of a 10,000-row .xlsx case ledger into a freshly set-up ledger, next to LibreOffice converting the same
// file headless (to CSV) — the baseline named in issue 9. The workbook is built the way import.bench.ts builds it (a
// clerk's ledger in the template's columns: one row per person, household cells blank below the first member, unique
// valid ID numbers), so every row is importable; cutting rows out of an export split households and cases apart.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../src/main/core';
import { SEED_PASSWORD } from '../../src/main/ledger/seed/generate';
import { buildWorkbook } from './import.bench';
import { measure, type Row } from './lib';

const ROWS = 10_000;

export async function importBench(
  _ledgerPath: string,
  _call: (method: string, input: unknown) => Promise<unknown>,
  small: boolean,
): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const file = join(dir, 'cases-10000.xlsx');
    await buildWorkbook(file, ROWS);
    const data = readFileSync(file).toString('base64');
    const kept = ROWS;

    let n = 0;
    const runImport = async () => {
      const db = join(dir, `import-${n++}.ledger`);
      const core = await startCore({ dbPath: db, create: true });
      try {
        const init = await core.dispatcher.dispatch({
          method: 'setup.init',
          input: {
            townshipCode: '321202001',
            admin: { username: 'admin', displayName: '王管理', password: SEED_PASSWORD },
          },
        });
        if (!init.ok) throw new Error(init.error.message);
        const login = await core.dispatcher.dispatch({
          method: 'auth.login',
          input: { username: 'admin', password: SEED_PASSWORD },
        });
        if (!login.ok) throw new Error(login.error.message);
        const session = (login.data as { session: string }).session;
        const cpu = process.cpuUsage();
        const t = performance.now();
        const r = await core.dispatcher.dispatch({
          method: 'exchange.import',
          input: { kind: 'cases', fileName: 'cases-10000.xlsx', data, partial: true, accept: 'all' },
          session,
        });
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpu);
        if (!r.ok) throw new Error(`exchange.import: ${r.error.message}`);
        return {
          ms,
          cpuMs: (used.user + used.system) / 1000,
          result: r.data as { cases: number; rejectedRows: number },
        };
      } finally {
        await core.close();
        for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
      }
    };
    // Set-up time is not part of the figure: each run reports only the import call.
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let last: { cases: number; rejectedRows: number } | null = null;
    const runs = small ? 2 : 3;
    for (let i = 0; i < runs; i++) {
      const r = await runImport();
      times.push(r.ms);
      cpuTimes.push(r.cpuMs);
      last = r.result;
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const timing = {
      median: times[Math.floor(times.length / 2)] ?? 0,
      min: times[0] ?? 0,
      max: times.at(-1) ?? 0,
      runs,
    };
    const rows: Row[] = [];
    let baseline = null;
    if (existsSync('/usr/bin/soffice')) {
      const out = join(dir, 'csv');
      baseline = await measure(
        () =>
          execFileSync('/usr/bin/soffice', ['--headless', '--convert-to', 'csv', '--outdir', out, file], {
            stdio: 'ignore',
          }),
        runs,
        1,
      );
    }
    rows.push({
      what: `import ${kept}-row .xlsx (${last?.cases ?? 0} cases, ${last?.rejectedRows ?? 0} rejected)`,
      target: '< 5 s',
      timing,
      baselineName: 'LibreOffice headless → CSV',
      baseline,
      ok: timing.median < 5000,
      note: `CPU ${((cpuTimes[Math.floor(cpuTimes.length / 2)] ?? 0) / 1000).toFixed(2)} s (median)`,
    });
    writeFileSync(join(dir, 'done'), '');
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Alone, without the benchmark ledger: npx tsx test/bench/import.ts [--small]
if (process.argv[1] && /import\.ts$/.test(process.argv[1])) {
  const { printTable } = await import('./lib');
  const { ensureDivisions } = await import('../helpers/divisions');
  ensureDivisions();
  printTable(await importBench('', () => Promise.resolve(null), process.argv.includes('--small')));
}
