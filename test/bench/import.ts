// Import of a 10,000-row case ledger as .xlsx and as .xls (each in its own process, with its peak RSS) into a freshly
// set-up ledger, and of each register kind (a few thousand rows: import-registers.ts), next to LibreOffice converting the same file headless (to CSV, peak RSS by GNU time) — the baseline
// named in issues 9 and 13 — and the three .xlsx readers reading the same file (which one to use: DECISIONS.md). The workbook is built the way import.bench.ts builds it (a
// clerk's ledger in the template's columns: one row per person, household cells blank below the first member, unique
// valid ID numbers), so every row is importable; cutting rows out of an export split households and cases apart.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { build } from 'esbuild';
import { buildWorkbook } from './import.bench';
import { REGISTER_KINDS, registerWorkbook } from './import-registers';
import { CACHE, ROOT, type Row, type Timing } from './lib';

interface ChildResult {
  ms: number;
  cpuMs?: number;
  peakRssMb: number;
  cases?: number;
  rejected?: number;
  longestBlockMs?: number;
}

/** An .xlsx of `rows` rows × 11 cells that carry a style and no value, under a two-column header. */
function denseEmptyWorkbook(rows: number): Uint8Array {
  const parts = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c></row>',
  ];
  for (let r = 2; r <= rows + 1; r++) {
    let x = `<row r="${r}">`;
    for (const c of 'ABCDEFGHIJK') x += `<c r="${c}${r}" s="1"/>`;
    parts.push(`${x}</row>`);
  }
  const ns = 'http://schemas.openxmlformats.org';
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        `<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      ),
      '_rels/.rels': strToU8(
        `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      ),
      'xl/styles.xml': strToU8(
        `<styleSheet xmlns="${ns}/spreadsheetml/2006/main"><fonts count="2"><font/><font><b/></font></fonts><cellXfs count="2"><xf fontId="0"/><xf fontId="1"/></cellXfs></styleSheet>`,
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${parts.join('')}</sheetData></worksheet>`,
      ),
    },
    { level: 6 },
  );
}

/**
 * import-child.ts bundled the way the app and the CLI ship (esbuild, dependencies from node_modules; the CLI's own
 * build is scripts/build-cli.mjs): run through tsx, the child also carried tsx's transpiler and source maps (about
 * 50 MB of the peak) and a naming call on every closure — neither is in what a clerk runs.
 */
async function bundleChild(): Promise<string> {
  const outdir = join(CACHE, `import-child-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { 'import-child': join(ROOT, 'test', 'bench', 'import-child.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: false,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return join(outdir, 'import-child.js');
}

/** Runs the bundled import-child in its own process (own peak RSS) and returns what it printed. */
function child(bundle: string, args: string[]): ChildResult {
  const out = execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const line = out.split('\n').find((l) => l.startsWith('RESULT='));
  if (!line) throw new Error(`import-child ${args.join(' ')}: no result`);
  return JSON.parse(line.slice(7)) as ChildResult;
}

function timingOf(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, min: s[0] ?? 0, max: s.at(-1) ?? 0, runs: s.length };
}

/** LibreOffice converting the file to CSV, timed with its peak RSS and CPU time (GNU time's %M in KB, %U + %S). */
function libreOffice(
  file: string,
  outDir: string,
  runs: number,
): { timing: Timing; peakRssMb: number; cpuMs: number } | null {
  if (!existsSync('/usr/bin/soffice') || !existsSync('/usr/bin/time')) return null;
  const ms: number[] = [];
  const cpu: number[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', 'MAXRSS=%M CPU=%U+%S', '/usr/bin/soffice', '--headless', '--convert-to', 'csv', '--outdir', outDir, file],
      {
        encoding: 'utf8',
      },
    );
    ms.push(performance.now() - t);
    const m = /MAXRSS=(\d+) CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
    if (m) {
      peak = Math.max(peak, Number(m[1]) / 1024);
      cpu.push((Number(m[2]) + Number(m[3])) * 1000);
    }
  }
  return { timing: timingOf(ms), peakRssMb: peak, cpuMs: timingOf(cpu).median };
}

/** The machine's 1-minute load average, printed beside wall times (the bench machine is shared). */
const load = (): string => loadavg()[0]?.toFixed(1) ?? '?';

const ROWS = 10_000;
/** Rows of each register-kind workbook. */
const REGISTER_ROWS = 3_000;

export async function importBench(
  _ledgerPath: string,
  _call: (method: string, input: unknown) => Promise<unknown>,
  small: boolean,
): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const bundle = await bundleChild();
  try {
    const file = join(dir, 'cases-10000.xlsx');
    await buildWorkbook(file, ROWS);

    // The same workbook as Excel 97–2003 (.xls), written by @e965/xlsx.
    const xls = join(dir, 'cases-10000.xls');
    const wb = XLSX.read(readFileSync(file), { type: 'buffer', dense: true });
    writeFileSync(xls, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);

    const runs = small ? 1 : 3;
    const rows: Row[] = [];
    for (const [label, path] of [
      ['.xlsx', file],
      ['.xls', xls],
    ] as const) {
      const results: ChildResult[] = [];
      const loadBefore = load();
      for (let i = 0; i < runs; i++) results.push(child(bundle, ['import', path]));
      const lo = libreOffice(path, join(dir, `csv-${label.slice(1)}`), runs);
      const timing = timingOf(results.map((r) => r.ms));
      const cpu = timingOf(results.map((r) => r.cpuMs ?? 0)).median;
      const peak = Math.max(...results.map((r) => r.peakRssMb));
      const last = results.at(-1);
      rows.push({
        what: `import ${ROWS}-row ${label} (${last?.cases ?? 0} cases, ${last?.rejected ?? 0} rejected)`,
        target: '≤ LibreOffice, RSS < LO',
        timing,
        baselineName: 'LibreOffice headless → CSV',
        baseline: lo?.timing ?? null,
        ok: lo ? timing.median <= lo.timing.median && peak < lo.peakRssMb : null,
        note:
          `CPU ${(cpu / 1000).toFixed(2)} s` +
          (lo ? ` vs LibreOffice ${(lo.cpuMs / 1000).toFixed(2)} s` : '') +
          `; peak RSS ${peak.toFixed(0)} MB (whole process while importing)` +
          (lo ? ` vs LibreOffice ${lo.peakRssMb.toFixed(0)} MB` : '') +
          `; thread held ≤ ${Math.max(...results.map((r) => r.longestBlockMs ?? 0)).toFixed(0)} ms at a time` +
          `; load average ${loadBefore} → ${load()} (2 cores, shared)`,
      });
    }
    // The register kinds: a few thousand rows each, every row through the screen's own method (kinds/engine.ts).
    for (const kind of REGISTER_KINDS) {
      const path = join(dir, `${kind}-${REGISTER_ROWS}.xlsx`);
      writeFileSync(path, await registerWorkbook(kind, REGISTER_ROWS));
      const loadBefore = load();
      const results: ChildResult[] = [];
      for (let i = 0; i < runs; i++) results.push(child(bundle, ['import', path, kind]));
      const last = results.at(-1);
      const cpu = timingOf(results.map((r) => r.cpuMs ?? 0)).median;
      const held = Math.max(...results.map((r) => r.longestBlockMs ?? 0));
      rows.push({
        what: `import ${REGISTER_ROWS}-row ${kind} .xlsx (${last?.cases ?? 0} records, ${last?.rejected ?? 0} rejected)`,
        target: 'all rows in',
        timing: timingOf(results.map((r) => r.ms)),
        ok: last?.cases === REGISTER_ROWS,
        note:
          `CPU ${(cpu / 1000).toFixed(2)} s; peak RSS ${Math.max(...results.map((r) => r.peakRssMb)).toFixed(0)} MB` +
          `; thread held ≤ ${held.toFixed(0)} ms at a time; load average ${loadBefore} → ${load()}`,
      });
    }
    // Issue 23.4: 190,000 rows × 11 styled empty cells (≈ 6 MB file, 40 MB of sheet XML), read by the import's reader.
    const empty = join(dir, 'styled-empty-190000.xlsx');
    writeFileSync(empty, denseEmptyWorkbook(190_000));
    const emptyRead = child(bundle, ['read', 'ours', empty]);
    rows.push({
      what: 'read 190,000 styled empty rows .xlsx (issue 23.4)',
      target: 'peak RSS < 300 MB',
      timing: timingOf([emptyRead.ms]),
      ok: emptyRead.peakRssMb < 300,
      note: `peak RSS ${emptyRead.peakRssMb.toFixed(0)} MB (process); CPU ${((emptyRead.cpuMs ?? 0) / 1000).toFixed(2)} s`,
    });
    // Which reader for .xlsx: ours (streaming) vs SheetJS vs ExcelJS's in-memory loader, reading only.
    for (const reader of ['ours', 'sheetjs', 'exceljs'] as const) {
      const results: ChildResult[] = [];
      for (let i = 0; i < runs; i++) results.push(child(bundle, ['read', reader, file]));
      rows.push({
        what: `read ${ROWS}-row .xlsx: ${reader === 'ours' ? 'streaming reader (used)' : reader === 'sheetjs' ? '@e965/xlsx' : 'ExcelJS load'}`,
        target: '—',
        timing: timingOf(results.map((r) => r.ms)),
        ok: null,
        note: `peak RSS ${Math.max(...results.map((r) => r.peakRssMb)).toFixed(0)} MB (process)`,
      });
    }
    // Which reader for .xls: our BIFF8 cell reader vs SheetJS, reading only (DECISIONS.md, ".xls read by our own …").
    for (const reader of ['ours', 'sheetjs'] as const) {
      const results: ChildResult[] = [];
      for (let i = 0; i < runs; i++) results.push(child(bundle, ['read', reader, xls]));
      rows.push({
        what: `read ${ROWS}-row .xls: ${reader === 'ours' ? 'BIFF8 cell reader (used)' : '@e965/xlsx'}`,
        target: '—',
        timing: timingOf(results.map((r) => r.ms)),
        ok: null,
        note:
          `CPU ${(timingOf(results.map((r) => r.cpuMs ?? 0)).median / 1000).toFixed(2)} s` +
          `; peak RSS ${Math.max(...results.map((r) => r.peakRssMb)).toFixed(0)} MB (process)`,
      });
    }
    writeFileSync(join(dir, 'done'), '');
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dirname(bundle), { recursive: true, force: true });
  }
}

// Alone, without the benchmark ledger: npx tsx test/bench/import.ts [--small]
if (process.argv[1] && /import\.ts$/.test(process.argv[1])) {
  const { printTable } = await import('./lib');
  const { ensureDivisions } = await import('../helpers/divisions');
  ensureDivisions();
  printTable(await importBench('', () => Promise.resolve(null), process.argv.includes('--small')));
}
