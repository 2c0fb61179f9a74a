// Benchmark: one month's figures and one month's package on a large ledger (e.g. `civil-ledger seed --households
// 20000 --years 5`). Prints timings; asserts nothing. Usage: npx tsx test/bench/reports.ts <ledger> <YYYY-MM>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLedger } from '../../src/main/ledger/db/open';
import { nowIso } from '../../src/main/ledger/ids';
import { appendJournal } from '../../src/main/ledger/journal/journal';
import { computeMonthFigures } from '../../src/main/ledger/reports/figures';
import { buildPackage } from '../../src/main/ledger/reports/package';
import { traceFigure } from '../../src/main/ledger/reports/trace';

const [path, month = '2026-09'] = process.argv.slice(2);
if (!path) {
  console.error('usage: tsx test/bench/reports.ts <ledger> <YYYY-MM>');
  process.exit(2);
}
const ledger = await openLedger(path);
const db = ledger.db;
const n = (sql: string) => (ledger.raw.prepare(sql).get() as { n: number }).n;
console.log(
  `machine: ${(await import('node:os')).cpus().length} CPUs, load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `ledger: ${n('SELECT count(*) AS n FROM households')} households, ${n('SELECT count(*) AS n FROM cases')} cases, ` +
    `${n('SELECT count(*) AS n FROM payment_roll_lines')} roll lines, ${n('SELECT count(*) AS n FROM payment_rolls')} rolls`,
);
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const f = await computeMonthFigures(db, month);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const failed = f.checks.filter((c) => !c.ok).map((c) => c.code);
  console.log(
    `figures ${month} run ${i + 1}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (amounts from ${f.amountsSource}; ` +
      `低保 ${f.rows
        .filter((r) => r.category === 'dibao')
        .map((r) => `${r.area} ${r.households}户/${r.persons}人`)
        .join(', ')}; failed checks: ${failed.join(',') || 'none'})`,
  );
}
{
  const t0 = performance.now();
  const r = await traceFigure(db, {
    month,
    category: 'dibao',
    area: 'rural',
    measure: 'persons',
    offset: 0,
    limit: 50,
  });
  console.log(`trace 农村低保 persons: ${(performance.now() - t0).toFixed(0)} ms, total ${r.total}`);
}
const dataDir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
try {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // Built inside a transaction that is rolled back, so the benchmark leaves the ledger as it was.
  await db
    .transaction()
    .execute(async (trx) => {
      const actor = { id: null, name: 'bench' };
      const built = await buildPackage(
        { db: trx, dataDir, actor, now: () => new Date(), journal: (...e) => appendJournal(trx, actor, e, nowIso()) },
        month,
        'cli',
      );
      const cpu = process.cpuUsage(c0);
      console.log(
        `package ${month}: ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (revision ${built.view.revision}, checks ${built.view.checksOk ? 'ok' : 'failed'})`,
      );
      throw new Error('rollback');
    })
    .catch((e: unknown) => {
      if ((e as Error).message !== 'rollback') throw e;
    });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  await ledger.close();
}
