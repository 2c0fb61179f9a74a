// Benchmark helpers: repeated timing (median and spread), the cached benchmark ledger, the printed table.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCHEMA_VERSION } from '../../src/main/ledger/db/migrations';
import { GENERATOR_VERSION, seedLedger } from '../../src/main/ledger/seed/generate';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CACHE = join(ROOT, '.tmp', 'bench');

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Runs `f` once to warm up, then `runs` times; milliseconds. */
export async function measure(f: () => unknown, runs: number, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 ? (xs[mid] ?? 0) : ((xs[mid - 1] ?? 0) + (xs[mid] ?? 0)) / 2;
  return { median, min: xs[0] ?? 0, max: xs[xs.length - 1] ?? 0, runs };
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

const fmt = (t: Timing | null | undefined): string =>
  t
    ? `${t.median.toFixed(t.median < 10 ? 2 : 0)} ms (${t.min.toFixed(t.min < 10 ? 2 : 0)}–${t.max.toFixed(t.max < 10 ? 2 : 0)}, n=${t.runs})`
    : '—';

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.what,
    r.target,
    r.value ?? fmt(r.timing),
    r.baselineName ? `${r.baselineName}: ${fmt(r.baseline)}` : '—',
    r.timing && r.baseline ? `${(r.timing.median / r.baseline.median).toFixed(2)}x` : '',
    r.ok === null ? (r.note ? 'n/a' : '') : r.ok ? 'met' : 'NOT MET',
    r.note ?? '',
  ]);
  const head = ['what', 'target', 'median (min–max)', 'baseline in the same run', 'ratio', 'target', 'note'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(width[i] ?? 0)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + width.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const c of cells) console.log(line(c));
}

/** A hash of everything the cached ledger depends on: generator and migrations (tables may still change). */
function sourceKey(): string {
  const h = createHash('sha256');
  for (const dir of ['src/main/ledger/seed', 'src/main/ledger/db/migrations']) {
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
