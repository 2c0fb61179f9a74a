// Benchmark helpers: repeated timing (median and spread), the cached benchmark ledger, the printed table.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCHEMA_VERSION } from '../../src/main/ledger/db/migrations';
import { GENERATOR_VERSION, seedLedger } from '../../src/tools/seed/generate';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CACHE = join(ROOT, '.tmp', 'bench');

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
  /**
   * Median CPU time of this process (user + system, process.cpuUsage) per run: on a shared machine the wall time
   * grows with other people's load, the CPU time much less. Absent for timings taken in another process.
   */
  cpu?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Runs `f` once to warm up, then `runs` times; milliseconds (wall and this process's CPU). */
export async function measure(f: () => unknown, runs: number, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await f();
  const xs: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpus.push((d.user + d.system) / 1000);
  }
  xs.sort((a, b) => a - b);
  return { median: median(xs), min: xs[0] ?? 0, max: xs[xs.length - 1] ?? 0, runs, cpu: median(cpus) };
}

/** The machine's load while the bench ran: CPUs and the 1/5/15-minute load averages (figures are honest with it). */
export function machineLoad(): { cpus: number; load: number[] } {
  return { cpus: cpus().length, load: loadavg().map((x) => Math.round(x * 10) / 10) };
}

export interface Row {
  what: string;
  target: string;
  timing: Timing | null;
  /** A figure that is not a time (MB, lines …), shown instead of the timing. */
  value?: string;
  baselineName?: string;
  baseline?: Timing | null;
  /** Pass/fail against the target (null = no target or not measured). */
  ok: boolean | null;
  note?: string;
}

const ms = (x: number): string => x.toFixed(x < 10 ? 2 : 0);
const fmt = (t: Timing | null | undefined): string =>
  t
    ? `${ms(t.median)} ms (${ms(t.min)}–${ms(t.max)}, n=${t.runs})${t.cpu !== undefined ? `, CPU ${ms(t.cpu)} ms` : ''}`
    : '—';

/** Wall-time ratio to the baseline, and the CPU-time ratio when both were measured in this process. */
export function ratioText(r: Row): string {
  if (!r.timing || !r.baseline) return '';
  const wall = `${(r.timing.median / r.baseline.median).toFixed(2)}x`;
  const a = r.timing.cpu;
  const b = r.baseline.cpu;
  return a !== undefined && b !== undefined && b > 0 ? `${wall} (${(a / b).toFixed(2)}x)` : wall;
}

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.what,
    r.target,
    r.value ?? fmt(r.timing),
    r.baselineName ? `${r.baselineName}: ${fmt(r.baseline)}` : '—',
    ratioText(r),
    r.ok === null ? (r.note ? 'n/a' : '') : r.ok ? 'met' : 'NOT MET',
    r.note ?? '',
  ]);
  const head = [
    'what',
    'target',
    'median (min–max), CPU',
    'baseline in the same run',
    'ratio wall (CPU)',
    'target',
    'note',
  ];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(width[i] ?? 0)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + width.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const c of cells) console.log(line(c));
}

/** A hash of everything the cached ledger depends on: generator and migrations (tables may still change). */
function sourceKey(): string {
  const h = createHash('sha256');
  for (const dir of ['src/tools/seed', 'src/main/ledger/db/migrations']) {
    for (const f of readdirSync(join(ROOT, dir)).sort()) h.update(f).update(readFileSync(join(ROOT, dir, f)));
  }
  return h.digest('hex').slice(0, 10);
}

export interface BenchLedger {
  path: string;
  built: boolean;
  seconds: number;
}

/** The benchmark ledger, built once per generator version / source and size, then reused from .tmp/bench. */
export async function benchLedger(households: number, years: number): Promise<BenchLedger> {
  mkdirSync(CACHE, { recursive: true });
  const name = `ledger-g${GENERATOR_VERSION}-s${SCHEMA_VERSION}-${sourceKey()}-${households}x${years}.ledger`;
  const path = join(CACHE, name);
  if (existsSync(path)) return { path, built: false, seconds: 0 };
  // Older caches of the same size are stale now: remove them (they are large).
  for (const f of readdirSync(CACHE))
    if (f.endsWith(`-${households}x${years}.ledger`)) rmSync(join(CACHE, f), { force: true });
  const tmp = `${path}.building`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}-wal`, { force: true });
  rmSync(`${tmp}-shm`, { force: true });
  const t = performance.now();
  await seedLedger({
    dbPath: tmp,
    households,
    years,
    seed: 'bench',
    progress: (l) => process.stderr.write(`  ${l}\n`),
  });
  copyFileSync(tmp, path);
  rmSync(tmp, { force: true });
  return { path, built: true, seconds: (performance.now() - t) / 1000 };
}

/** A scratch copy of the benchmark ledger for benchmarks that write (rolls, packages). */
export function workingCopy(path: string, name: string): string {
  const copy = join(CACHE, name);
  for (const s of ['', '-wal', '-shm']) rmSync(copy + s, { force: true });
  copyFileSync(path, copy);
  return copy;
}

/** One run of the bench as last.json records it. */
export interface BenchRun {
  at: string;
  commit: string | null;
  small: boolean;
  /** The group of an `--only` run; null for a whole run. */
  only: string | null;
  machine: { cpus: number; loadBefore: number[]; loadAfter: number[] };
  rows: Row[];
}

/** A row in last.json: the row, its ratio text, and the run it was measured in (rows of one file may differ). */
export type JsonRow = Row & { ratio: string | null; run: { at: string; commit: string | null; only: string | null } };

/**
 * Rows of last.json after a run: a whole run replaces them all; an `--only` run replaces the rows of the same name
 * and keeps the others (of other groups, earlier runs), in their order, its new rows after them. Rows of the other
 * ledger size (--small or not) are not kept.
 */
export function mergeRows(previous: unknown, run: BenchRun): JsonRow[] {
  const fresh: JsonRow[] = run.rows.map((r) => ({
    ...r,
    ratio: ratioText(r) || null,
    run: { at: run.at, commit: run.commit, only: run.only },
  }));
  const prev = previous as { small?: unknown; rows?: unknown } | null;
  if (run.only === null || !prev || prev.small !== run.small || !Array.isArray(prev.rows)) return fresh;
  const names = new Set(fresh.map((r) => r.what));
  const kept = (prev.rows as JsonRow[]).filter(
    (r) => typeof r === 'object' && r !== null && typeof r.what === 'string' && !names.has(r.what),
  );
  const out: JsonRow[] = [];
  // A replaced row keeps its place: the new rows of the group go where its first old row was.
  let placed = false;
  for (const r of prev.rows as JsonRow[]) {
    if (names.has(r?.what) && !placed) {
      out.push(...fresh);
      placed = true;
    } else if (kept.includes(r)) out.push(r);
  }
  if (!placed) out.push(...fresh);
  return out;
}

/** Writes the run's table as JSON (merged with the rows of earlier runs, see mergeRows), so two commits can be compared. */
export function writeLastJson(path: string, run: BenchRun): void {
  let previous: unknown = null;
  try {
    previous = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // No earlier table (or an unreadable one): this run's rows alone.
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...run, rows: mergeRows(previous, run) }, null, 2)}\n`);
}
