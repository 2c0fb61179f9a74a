// Case-ledger benchmarks alone (prints figures, asserts nothing): people search, household list, household page and
// one month's roll, each next to its baseline in the same run. Writes: pass a scratch COPY of the benchmark ledger.
// Run: npx tsx test/bench/cases-perf.ts .tmp/bench/<copy>.ledger [--only=search,list,page,roll]
import Database from 'better-sqlite3';
import { startCore } from '../../src/main/core';
import { SEED_PASSWORD } from '../../src/tools/seed/generate';
import { ROLL_LINE_COLUMNS, ROLL_LINES_SELECT } from '../../src/tools/seed/rolls';
import { ensureDivisions } from '../helpers/divisions';
import { measure, printTable, type Row } from './lib';

const path = process.argv[2];
if (!path) throw new Error('usage: cases-perf.ts <ledger copy>');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = new Set(onlyArg ? onlyArg.slice(7).split(',') : ['search', 'list', 'page', 'roll']);
const RUNS = 9;
const SLOW_RUNS = 5;

async function main(): Promise<void> {
  ensureDivisions();
  void Database;
  const core = await startCore({ dbPath: path! });
  const rows: Row[] = [];
  try {
    const login = await core.dispatcher.dispatch({
      method: 'auth.login',
      input: { username: 'clerk', password: SEED_PASSWORD },
    });
    if (!login.ok) throw new Error(login.error.message);
    const session = (login.data as { session: string }).session;
    const call = async (method: string, input: unknown): Promise<unknown> => {
      const r = await core.dispatcher.dispatch({ method, input, session });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data;
    };
    const raw = core.ledger.raw;
    const counts = raw
      .prepare(
        `SELECT (SELECT count(*) FROM households) AS h, (SELECT count(*) FROM people) AS p,
           (SELECT max(month) FROM payment_rolls) AS last`,
      )
      .get() as { h: number; p: number; last: string };
    const common = raw
      .prepare('SELECT name FROM people GROUP BY name ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as string;
    const surname = common.slice(0, 1);
    const given = common.slice(1);
    if (only.has('search')) {
      const baselineStmt = raw.prepare(
        `SELECT p.id, p.name, p.id_number, hm.household_id, v.name AS village, count(*) OVER () AS total
         FROM people p LEFT JOIN household_members hm ON hm.person_id = p.id AND hm.left_on IS NULL
         LEFT JOIN households h ON h.id = hm.household_id LEFT JOIN villages v ON v.id = h.village_id
         WHERE instr(p.name, @q) > 0 ORDER BY p.name, p.id LIMIT 50`,
      );
      for (const q of [common, surname, given]) {
        const baseline = await measure(() => baselineStmt.all({ q }), RUNS);
        const timing = await measure(() => call('people.search', { q, offset: 0, limit: 50 }), RUNS);
        rows.push({
          what: `search people by name ("${q}")`,
          target: '< 20 ms',
          timing,
          baselineName: 'one SQL query (instr)',
          baseline,
          ok: timing.median < 20,
        });
      }
    }
    if (only.has('list')) {
      for (const q of [common, surname]) {
        const timing = await measure(() => call('households.list', { q, offset: 0, limit: 50 }), RUNS);
        rows.push({ what: `household list search ("${q}")`, target: '< 20 ms', timing, ok: timing.median < 20 });
      }
      for (const at of [0, 0.75]) {
        const page = await measure(
          () => call('households.list', { offset: Math.floor(counts.h * at), limit: 50 }),
          RUNS,
        );
        rows.push({ what: `household list, page at ${at * 100} %`, target: '—', timing: page, ok: null });
      }
    }
    if (only.has('page')) {
      const busiest = raw
        .prepare('SELECT household_id FROM cases GROUP BY household_id ORDER BY count(*) DESC, household_id LIMIT 1')
        .pluck()
        .get() as string;
      const timing = await measure(() => call('households.get', { id: busiest }), RUNS);
      rows.push({ what: 'household page data (busiest)', target: '< 10 ms', timing, ok: timing.median < 10 });
    }
    if (only.has('roll')) {
      const month = counts.last;
      const rollId = raw.prepare('SELECT id FROM payment_rolls WHERE month = ?').pluck().get(month) as string;
      raw.exec(`CREATE TEMP TABLE IF NOT EXISTS bench_lines AS SELECT * FROM payment_roll_lines WHERE 0`);
      const ins = raw.prepare(`INSERT INTO temp.bench_lines (${ROLL_LINE_COLUMNS}) ${ROLL_LINES_SELECT}`);
      const baseline = await measure(() => {
        raw.exec('DELETE FROM temp.bench_lines');
        ins.run({ month, roll_id: rollId, msecs: Date.now() });
      }, SLOW_RUNS);
      const timing = await measure(() => call('rolls.generate', { month }), SLOW_RUNS);
      rows.push({
        what: `payment roll for one month (${month})`,
        target: '< 1 s',
        timing,
        baselineName: 'INSERT … SELECT',
        baseline,
        ok: timing.median < 1000,
      });
    }
  } finally {
    await core.close();
  }
  printTable(rows);
}

await main();
