// Child process of import.ts, so each measurement has its own peak RSS (VmHWM):
//   import <file> [kind]     set up a fresh ledger and import the file (a case ledger, or the register `kind`) as an
//                            administrator; prints JSON (wall and CPU time of the import call, peak RSS of the process
//                            while it ran, the longest the answering thread went without turning its event loop)
//   read <reader> <file>     only read the workbook: ours (streaming .xlsx / BIFF8 cell reader for .xls), sheetjs, exceljs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WorkSheet } from '@e965/xlsx';
import type { Buffer as ExcelBuffer } from 'exceljs';
import { startCore } from '../../src/main/core';
import { readSpreadsheet } from '../../src/main/ledger/exchange/read';
import { SEED_PASSWORD } from '../../src/tools/seed/generate';

const [mode, a, b] = process.argv.slice(2);
const kind = mode === 'import' && b ? b : 'cases';
/**
 * Peak RSS of this process: VmHWM from /proc (reset by exec, unlike getrusage's maxRSS, which Linux carries over
 * from the parent at fork — the parent here holds the 10,000-row workbook it just built).
 */
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the peak then includes the set-up
  }
}

const out = (o: Record<string, unknown>): void => {
  console.log(`RESULT=${JSON.stringify({ ...o, peakRssMb: peakRssMb() })}`);
};

if (mode === 'read' && a && b) {
  const bytes = readFileSync(b);
  const cpu = process.cpuUsage();
  const t = performance.now();
  let rows = 0;
  if (a === 'ours') {
    for (const s of (await readSpreadsheet(new Uint8Array(bytes), basename(b))).sheets) rows += s.rows.length;
  } else if (a === 'sheetjs') {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: true, cellStyles: false, cellText: false });
    for (const n of wb.SheetNames)
      rows += XLSX.utils.sheet_to_json(wb.Sheets[n] as WorkSheet, { header: 1, blankrows: false }).length;
  } else {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelBuffer);
    wb.eachSheet((ws) => ws.eachRow(() => rows++));
  }
  const used = process.cpuUsage(cpu);
  out({ ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, rows });
} else if (mode === 'import' && a) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-child-'));
  try {
    const core = await startCore({ dbPath: join(dir, 'b.ledger'), create: true });
    const call = async (method: string, input: unknown, session?: string): Promise<unknown> => {
      const r = await core.dispatcher.dispatch({ method, input, ...(session ? { session } : {}) });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data;
    };
    await call('setup.init', {
      townshipCode: '321202001',
      admin: { username: 'admin', displayName: '王管理', password: SEED_PASSWORD },
    });
    const { session } = (await call('auth.login', { username: 'admin', password: SEED_PASSWORD })) as {
      session: string;
    };
    const data = readFileSync(a).toString('base64');
    // The peak from here on is the import's (the whole process's RSS while it runs): setting up the ledger (the
    // division tables it loads) is not part of it. Linux resets VmHWM to the current RSS on writing 5 to clear_refs.
    resetPeak();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu = process.cpuUsage();
    const t = performance.now();
    const r = (await call(
      'exchange.import',
      { kind, fileName: basename(a), data, partial: true, accept: 'all' },
      session,
    )) as { cases: number; records?: number; rejectedRows: number };
    const used = process.cpuUsage(cpu);
    loop.disable();
    out({
      ms: performance.now() - t,
      cpuMs: (used.user + used.system) / 1000,
      cases: kind === 'cases' ? r.cases : (r.records ?? 0),
      rejected: r.rejectedRows,
      longestBlockMs: loop.max / 1e6,
    });
    await core.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  throw new Error('usage: import-child.ts import <file> [kind] | read <ours|sheetjs|exceljs> <file>');
}
