// The bench's JSON table (.tmp/bench/last.json): an `--only` run must not wipe the rows other groups measured before.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeLastJson, type BenchRun, type Row } from '../../bench/lib';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const row = (what: string, median: number, baseline?: number): Row => ({
  what,
  target: '< 100 ms',
  timing: { median, min: median, max: median, runs: 3, cpu: median },
  ...(baseline === undefined
    ? {}
    : {
        baselineName: 'one SQL query',
        baseline: { median: baseline, min: baseline, max: baseline, runs: 3, cpu: baseline },
      }),
  ok: median < 100,
});

const run = (only: string | null, rows: Row[], at: string, small = false): BenchRun => ({
  at,
  commit: 'abc1234',
  small,
  only,
  machine: { cpus: 2, loadBefore: [1, 1, 1], loadAfter: [1, 1, 1] },
  rows,
});

function table(path: string): {
  only: string | null;
  rows: { what: string; ratio: string | null; run: { at: string } }[];
} {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('last.json', () => {
  it('an --only run replaces its own rows by name and keeps the other groups', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-json-'));
    dirs.push(dir);
    const path = join(dir, 'last.json');
    writeLastJson(path, run(null, [row('open ledger', 4, 1), row('探访工作单', 80), row('社会组织待办', 20)], 't1'));
    writeLastJson(path, run('elderly', [row('探访工作单', 40)], 't2'));
    const t = table(path);
    expect(t.only).toBe('elderly');
    expect(t.rows.map((r) => [r.what, r.run.at])).toEqual([
      ['open ledger', 't1'],
      ['探访工作单', 't2'],
      ['社会组织待办', 't1'],
    ]);
    // The same-run baseline's ratio stays with its row.
    expect(t.rows[0]?.ratio).toBe('4.00x (4.00x)');
    writeLastJson(path, run('network', [row('8 clients', 50)], 't3'));
    expect(table(path).rows.map((r) => r.what)).toEqual(['open ledger', '探访工作单', '社会组织待办', '8 clients']);
  });

  it('a whole run, or a run on the other ledger size, starts the table afresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-json-'));
    dirs.push(dir);
    const path = join(dir, 'last.json');
    writeLastJson(path, run('elderly', [row('探访工作单', 40)], 't1'));
    writeLastJson(path, run('orgs', [row('社会组织待办', 20)], 't2', true));
    expect(table(path).rows.map((r) => r.what)).toEqual(['社会组织待办']);
    writeLastJson(path, run(null, [row('open ledger', 4)], 't3'));
    expect(table(path).rows.map((r) => r.what)).toEqual(['open ledger']);
  });
});
