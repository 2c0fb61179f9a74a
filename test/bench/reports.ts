// Benchmark: one month's figures and one month's package on a large ledger, next to a hand-written baseline that
// computes the same 22 summary rows (households, persons, new/exit households and persons, amount per category ×
// area) in one pass over the cases (with their members) and one over the month's roll lines — the same definitions
// as docs/REPORTS.md, not a simplified aggregate. The baseline's rows are compared with the app's, so the ratio is
// honest. Prints timings (wall and CPU); asserts nothing.
// Usage: npx tsx test/bench/reports.ts <ledger> [YYYY-MM] (the ledger is opened read-write: the roll-sum cache).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';

/** The 22 rows by hand: one scan of the month's cases with their member rows, one of the month's roll lines. */
export const HAND_ROWS_SQL = `
WITH c0 AS (
  SELECT c.id, c.household_id AS hh, c.person_id AS pid, c.area,
    CASE c.category
      WHEN 'tekun' THEN CASE WHEN c.support_mode = 'centralized' THEN 'tekun_centralized' ELSE 'tekun_dispersed' END
      WHEN 'guer' THEN CASE WHEN c.support_mode = 'centralized' THEN 'guer_centralized' ELSE 'guer_dispersed' END
      ELSE c.category END AS k,
    c.category = 'linshi' AS g,
    c.category <> 'linshi' AND c.start_month <= @m AND (c.stop_month IS NULL OR c.stop_month > @m) AS p,
    c.category <> 'linshi' AND c.start_month = @m AND (c.stop_month IS NULL OR c.stop_month > @m) AS n,
    c.category <> 'linshi' AND c.stop_month = @m AND c.start_month < @m AS x
  FROM cases c
  WHERE +c.status IN ('active','stopped') AND ((c.category <> 'linshi' AND c.start_month <= @m
      AND (c.stop_month IS NULL OR c.stop_month >= @m)) OR (c.category = 'linshi' AND c.grant_month = @m))
),
pm AS (
  SELECT c0.*, coalesce(cm.person_id, c0.pid) AS person,
    cm.id IS NULL OR (cm.start_month <= @m AND (cm.stop_month IS NULL OR cm.stop_month > @m)) AS cov,
    cm.id IS NULL OR (cm.start_month < @m AND (cm.stop_month IS NULL OR cm.stop_month >= @m)) AS covx
  FROM c0 LEFT JOIN case_members cm ON cm.case_id = c0.id
)
SELECT k, area,
  count(DISTINCT CASE WHEN g THEN id WHEN p THEN hh END) AS households,
  count(DISTINCT CASE WHEN g OR (p AND cov) THEN person END) AS persons,
  count(DISTINCT CASE WHEN g THEN id WHEN n THEN hh END) AS newHouseholds,
  count(DISTINCT CASE WHEN g OR (n AND cov) THEN person END) AS newPersons,
  count(DISTINCT CASE WHEN x THEN hh END) AS exitHouseholds,
  count(DISTINCT CASE WHEN x AND covx THEN person END) AS exitPersons
FROM pm GROUP BY k, area`;

/** The month's money by row: the confirmed roll's lines (特困/孤儿 split by the case's 供养方式) and the grants. */
export const HAND_MONEY_SQL = `
SELECT CASE l.category
    WHEN 'tekun' THEN CASE WHEN c.support_mode = 'centralized' THEN 'tekun_centralized' ELSE 'tekun_dispersed' END
    WHEN 'guer' THEN CASE WHEN c.support_mode = 'centralized' THEN 'guer_centralized' ELSE 'guer_dispersed' END
    ELSE l.category END AS k, l.area, sum(l.amount_fen) AS amountFen
FROM payment_roll_lines l JOIN payment_rolls r ON r.id = l.roll_id AND r.month = @m AND r.status = 'confirmed'
  JOIN cases c ON c.id = l.case_id
WHERE l.category <> 'linshi' GROUP BY 1, 2
UNION ALL
SELECT 'linshi', area, sum(grant_amount_fen) FROM cases
WHERE category = 'linshi' AND +status IN ('active','stopped') AND grant_month = @m GROUP BY area`;

export interface HandRow {
  k: string;
  area: string;
  households: number;
  persons: number;
  newHouseholds: number;
  newPersons: number;
  exitHouseholds: number;
  exitPersons: number;
  amountFen: number;
}

export function handRows(rows: Database.Statement, money: Database.Statement, month: string): Map<string, HandRow> {
  const out = new Map<string, HandRow>();
  for (const r of rows.all({ m: month }) as HandRow[]) out.set(`${r.k}|${r.area}`, { ...r, amountFen: 0 });
  for (const r of money.all({ m: month }) as { k: string; area: string; amountFen: number }[]) {
    const key = `${r.k}|${r.area}`;
    const row = out.get(key);
    if (row) row.amountFen = r.amountFen;
  }
  return out;
}

/** Differences between the app's summary rows and the hand-written ones (empty when they agree). */
export function compareRows(
  app: {
    category: string;
    area: string;
    households: number;
    persons: number;
    newHouseholds: number;
    newPersons: number;
    exitHouseholds: number;
    exitPersons: number;
    amountFen: number;
  }[],
  hand: Map<string, HandRow>,
): string[] {
  const out: string[] = [];
  for (const r of app) {
    const h = hand.get(`${r.category}|${r.area}`);
    for (const f of [
      'households',
      'persons',
      'newHouseholds',
      'newPersons',
      'exitHouseholds',
      'exitPersons',
      'amountFen',
    ] as const) {
      const hv = h?.[f] ?? 0;
      if (hv !== r[f]) out.push(`${r.category}.${r.area}.${f}: app ${r[f]}, hand ${hv}`);
    }
  }
  return out;
}

/**
 * Like lib.ts's measure, with `before` run ahead of each run outside the timing — here: a clerk's write (FLIP_MEMBER),
 * so that each run computes the figures as the first read after a change does.
 */
export async function measureAfter(
  before: () => unknown,
  f: () => unknown,
  runs: number,
): Promise<{ median: number; min: number; max: number; runs: number; cpu: number }> {
  const xs: number[] = [];
  const cpus: number[] = [];
  const mid = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
  for (let i = 0; i < runs; i++) {
    await before();
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpus.push((d.user + d.system) / 1000);
  }
  return { median: mid(xs), min: Math.min(...xs), max: Math.max(...xs), runs, cpu: mid(cpus) };
}

/** Moves the figures' stamp as any write to the tables they read does (without changing a figure). */
export const MOVE_STAMP = `UPDATE report_figures_stamp SET stamp = randomblob(16) WHERE id = 1`;

/**
 * A clerk's write that changes the month's figures, through the same triggers as any write: one member of a paying
 * 低保 case leaves in the month, or comes back (each call flips it). `member` is the member row's id.
 */
export const FLIP_MEMBER = `UPDATE case_members SET stop_month = CASE WHEN stop_month IS NULL THEN @m END WHERE id = @member`;

/** A member row of a 低保 case paid in the month with more than one member, covered in it (for FLIP_MEMBER). */
export const MEMBER_TO_FLIP = `SELECT cm.id FROM cases c JOIN case_members cm ON cm.case_id = c.id
  WHERE c.category = 'dibao' AND c.status = 'active' AND c.start_month < @m AND c.stop_month IS NULL
    AND cm.start_month < @m AND cm.stop_month IS NULL
    AND (SELECT count(*) FROM case_members x WHERE x.case_id = c.id) > 1
  ORDER BY c.id LIMIT 1`;

/** What a bulk import leaves (kernel/bulk.ts): a log row saying every case changed, so the figures are read in full. */
export const EVERYTHING_CHANGED = `INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`;

async function main(): Promise<void> {
  const { openLedger } = await import('../../src/main/ledger/db');
  const { nowIso } = await import('../../src/main/ledger/ids');
  const { appendJournal } = await import('../../src/main/ledger/journal');
  const { computeMonthFigures } = await import('../../src/main/ledger/reports/figures');
  const { buildPackage } = await import('../../src/main/ledger/reports/package');
  const [path, monthArg] = process.argv.slice(2);
  if (!path) {
    console.error('usage: tsx test/bench/reports.ts <ledger> [YYYY-MM]');
    process.exit(2);
  }
  const ledger = await openLedger(path);
  const raw = ledger.raw;
  const month =
    monthArg ??
    (raw.prepare(`SELECT max(month) FROM payment_rolls WHERE status = 'confirmed'`).pluck().get() as string);
  const os = await import('node:os');
  console.log(
    `machine: ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; month ${month}`,
  );
  const rowsStmt = raw.prepare(HAND_ROWS_SQL);
  const moneyStmt = raw.prepare(HAND_MONEY_SQL);
  const time = async (what: string, f: () => unknown, runs = 3): Promise<number> => {
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const c0 = process.cpuUsage();
      await f();
      const c = process.cpuUsage(c0);
      walls.push(performance.now() - t);
      console.log(
        `${what} run ${i + 1}: ${walls.at(-1)?.toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU`,
      );
    }
    return walls.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
  };
  const hand = await time('hand-written 22 rows', () => handRows(rowsStmt, moneyStmt, month));
  const app = await time('figures (app)', () => computeMonthFigures(ledger.db, month));
  const f = await computeMonthFigures(ledger.db, month);
  const diff = compareRows(f.rows, handRows(rowsStmt, moneyStmt, month));
  console.log(
    `ratio ${(app / hand).toFixed(2)}x; rows ${diff.length === 0 ? 'agree' : `DIFFER: ${diff.slice(0, 6).join('; ')}`}; failed checks: ${
      f.checks
        .filter((c) => !c.ok)
        .map((c) => c.code)
        .join(',') || 'none'
    }`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  try {
    await time(
      'package',
      () =>
        // Built inside a transaction that is rolled back, so the benchmark leaves the ledger as it was.
        ledger.db
          .transaction()
          .execute(async (trx) => {
            const actor = { id: null, name: 'bench' };
            await buildPackage(
              {
                db: trx,
                raw: ledger.raw,
                dataDir,
                actor,
                now: () => new Date(),
                journal: (...e) => appendJournal(trx, actor, e, nowIso()),
              },
              month,
              'cli',
            );
            throw new Error('rollback');
          })
          .catch((e: unknown) => {
            if ((e as Error).message !== 'rollback') throw e;
          }),
      2,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await ledger.close();
  }
}

if (process.argv[1]?.endsWith('reports.ts')) await main();
