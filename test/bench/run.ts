// `npm run bench` (issue 9): builds or reuses the benchmark ledger (20,000 households, ~50,000 people, 10 years;
// `--small`: 2,000 households, 3 years), runs each benchmark repeatedly next to its baseline measured in the same
// run, and prints one table. Prints figures; asserts nothing (no timed assertions anywhere in `npm test`).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCore } from '../../src/main/core';
import { openLedger } from '../../src/main/ledger/db';
import { computeMonthFigures } from '../../src/main/ledger/reports/figures';
import { SEED_PASSWORD } from '../../src/tools/seed/generate';
import { ROLL_LINE_COLUMNS, ROLL_LINES_SELECT } from '../../src/tools/seed/rolls';
import { ensureDivisions } from '../helpers/divisions';
import {
  benchLedger,
  CACHE,
  machineLoad,
  measure,
  printTable,
  ROOT,
  workingCopy,
  writeLastJson,
  type Row,
} from './lib';
import { importBench } from './import';
import { compareBench } from './compare';
import { rendererBench } from './renderer';
import { firstScreenBench } from './firstscreen';
import { elderlyBench, orgsBench } from './elderly';
import {
  compareRows,
  EVERYTHING_CHANGED,
  FLIP_MEMBER,
  HAND_MONEY_SQL,
  HAND_ROWS_SQL,
  handRows,
  measureAfter,
  MEMBER_TO_FLIP,
} from './reports';
import { networkBench } from './network';
import { villageBench } from './village';

const small = process.argv.includes('--small');
/** `--only <group>` runs one group of rows: open, search, household, roll, reports, compare, import, rss, renderer,
 * firstscreen, network, elderly, orgs, village. */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '') : '';
const want = (group: string): boolean => only === '' || only === group;
const HOUSEHOLDS = small ? 2000 : 20_000;
const YEARS = small ? 3 : 10;
const RUNS = small ? 5 : 9;
const SLOW_RUNS = small ? 3 : 5;

async function main(): Promise<void> {
  ensureDivisions();
  console.log(`benchmark ledger: ${HOUSEHOLDS} households, ${YEARS} years${small ? ' (--small)' : ''}`);
  const ledger = await benchLedger(HOUSEHOLDS, YEARS);
  console.log(ledger.built ? `built in ${ledger.seconds.toFixed(1)} s: ${ledger.path}` : `reused ${ledger.path}`);
  const rows: Row[] = [];
  const loadBefore = machineLoad();
  console.log(`machine: ${loadBefore.cpus} CPUs, load average ${loadBefore.load.join(' / ')} (1/5/15 min)`);

  if (want('open')) {
    const plain = await measure(() => {
      const db = new Database(ledger.path, { fileMustExist: true });
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      db.close();
    }, RUNS);
    const ours = await measure(async () => {
      const l = await openLedger(ledger.path);
      await l.close();
    }, RUNS);
    rows.push({
      what: 'open ledger (migrations checked)',
      target: '< 300 ms',
      timing: ours,
      baselineName: 'plain better-sqlite3 open',
      baseline: plain,
      ok: ours.median < 300,
    });
  }

  const path = workingCopy(ledger.path, 'work.ledger');
  const core = await startCore({ dbPath: path });
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
           (SELECT count(*) FROM payment_roll_lines) AS l, (SELECT max(month) FROM payment_rolls) AS last`,
      )
      .get() as { h: number; p: number; l: number; last: string };
    console.log(
      `ledger holds ${counts.h} households, ${counts.p} people, ${counts.l} payment-roll lines; last month ${counts.last}`,
    );

    // Search: a common name, pinyin initials, a full ID number, the last 4 digits of one.
    const sample = raw
      .prepare(
        `SELECT name, name_initials AS ini, id_number AS idn FROM people WHERE deceased_on IS NULL ORDER BY id LIMIT 1 OFFSET ?`,
      )
      .get(Math.floor(counts.p / 2)) as { name: string; ini: string; idn: string };
    const common = raw
      .prepare('SELECT name FROM people GROUP BY name ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as string;
    const queries: [string, string, string, string][] = [
      ['name', common, 'instr(p.name, @q) > 0', common],
      ['pinyin initials', sample.ini.slice(0, 2), 'p.name_initials GLOB @q', `${sample.ini.slice(0, 2)}*`],
      ['full ID number', sample.idn, 'p.id_number = @q', sample.idn],
      [
        'ID last 4 digits',
        sample.idn.slice(-4),
        'p.id_reversed GLOB @q',
        `${[...sample.idn.slice(-4)].reverse().join('')}*`,
      ],
    ];
    for (const [label, q, cond, param] of want('search') ? queries : []) {
      const baselineStmt = raw.prepare(
        `SELECT p.id, p.name, p.id_number, hm.household_id, v.name AS village, count(*) OVER () AS total
         FROM people p LEFT JOIN household_members hm ON hm.person_id = p.id AND hm.left_on IS NULL
         LEFT JOIN households h ON h.id = hm.household_id LEFT JOIN villages v ON v.id = h.village_id
         WHERE ${cond} ORDER BY p.name, p.id LIMIT 50`,
      );
      const baseline = await measure(() => baselineStmt.all({ q: param }), RUNS);
      const timing = await measure(() => call('people.search', { q, offset: 0, limit: 50 }), RUNS);
      rows.push({
        what: `search people by ${label} ("${q}")`,
        target: '< 20 ms',
        timing,
        baselineName: 'one SQL query',
        baseline,
        ok: timing.median < 20,
      });
    }
    if (want('search')) {
      const timing = await measure(() => call('households.list', { q: common, offset: 0, limit: 50 }), RUNS);
      rows.push({ what: `household list search ("${common}")`, target: '< 20 ms', timing, ok: timing.median < 20 });
      const page = await measure(
        () => call('households.list', { offset: Math.floor(counts.h * 0.75), limit: 50 }),
        RUNS,
      );
      rows.push({ what: 'household list, page at 75 %', target: '—', timing: page, ok: null });
    }

    if (want('household')) {
      const busiest = raw
        .prepare('SELECT household_id FROM cases GROUP BY household_id ORDER BY count(*) DESC, household_id LIMIT 1')
        .pluck()
        .get() as string;
      const n = raw.prepare('SELECT count(*) FROM cases WHERE household_id = ?').pluck().get(busiest) as number;
      const timing = await measure(() => call('households.get', { id: busiest }), RUNS);
      rows.push({
        what: `household page data (busiest: ${n} cases)`,
        target: '< 10 ms',
        timing,
        ok: timing.median < 10,
      });
    }

    if (want('elderly')) rows.push(...(await elderlyBench(raw, call, counts.last, RUNS)));
    if (want('orgs')) rows.push(...(await orgsBench(raw, call, counts.last, RUNS)));

    // One month's roll: the app's rolls.generate (rebuilds the last month's draft) vs INSERT … SELECT in raw SQL.
    if (want('roll')) {
      const month = counts.last;
      const rollId = raw.prepare('SELECT id FROM payment_rolls WHERE month = ?').pluck().get(month) as string;
      const lines = raw
        .prepare('SELECT count(*) FROM payment_roll_lines WHERE roll_id = ?')
        .pluck()
        .get(rollId) as number;
      raw.exec(`CREATE TEMP TABLE bench_lines AS SELECT * FROM payment_roll_lines WHERE 0`);
      const ins = raw.prepare(`INSERT INTO temp.bench_lines (${ROLL_LINE_COLUMNS}) ${ROLL_LINES_SELECT}`);
      const baseline = await measure(() => {
        raw.exec('DELETE FROM temp.bench_lines');
        ins.run({ month, roll_id: rollId, msecs: Date.now() });
      }, SLOW_RUNS);
      const timing = await measure(() => call('rolls.generate', { month }), SLOW_RUNS);
      rows.push({
        what: `payment roll for one month (${lines} lines)`,
        target: '< 1 s',
        timing,
        baselineName: 'INSERT … SELECT',
        baseline,
        ok: timing.median < 1000,
      });
    }

    // One month's figures vs a hand-written single pass computing the same 22 rows (test/bench/reports.ts; the rows
    // are compared, so the baseline is not a simplified aggregate).
    if (want('reports')) {
      const month = raw
        .prepare(`SELECT max(month) FROM payment_rolls WHERE status = 'confirmed'`)
        .pluck()
        .get() as string;
      const handRowsStmt = raw.prepare(HAND_ROWS_SQL);
      const handMoneyStmt = raw.prepare(HAND_MONEY_SQL);
      const baseline = await measure(() => handRows(handRowsStmt, handMoneyStmt, month), SLOW_RUNS);
      // A clerk's write before each "after a write" run: a member of a paying 低保 case leaves, or comes back.
      const member = raw.prepare(MEMBER_TO_FLIP).pluck().get({ m: month }) as string;
      const flip = raw.prepare(FLIP_MEMBER);
      const write = () => flip.run({ m: month, member });
      const everything = raw.prepare(EVERYTHING_CHANGED);
      const figures = () => computeMonthFigures(core.ledger.db, month);
      // The first read after start-up or a bulk import reads every case; the first read after a clerk's write
      // re-reads the cases the write touched (the log of changed cases, migration 0020); a read while nothing changed
      // gets the kept figures.
      const full = await measureAfter(() => everything.run(), figures, SLOW_RUNS);
      const cold = await measureAfter(write, figures, SLOW_RUNS);
      // The rows as a write left them, against the hand-written ones on the same data.
      write();
      const differ = compareRows((await figures()).rows, handRows(handRowsStmt, handMoneyStmt, month));
      const kept = await measure(figures, SLOW_RUNS);
      for (const [timing, when] of [
        [cold, 'the first read after a write (the changed cases re-read)'],
        [kept, 'read again, nothing written (kept for the stamp)'],
        [full, 'the first read after start-up or a bulk import (every case read)'],
      ] as const) {
        const ratio = timing.median / baseline.median;
        rows.push({
          what: `one month's figures (${month}), ${when}`,
          target: '< 300 ms and <= 1.5x the hand-written 22 rows',
          timing,
          baselineName: 'hand-written single pass (22 rows)',
          baseline,
          ok: timing.median < 300 && ratio <= 1.5 && differ.length === 0,
          note:
            differ.length > 0
              ? `rows differ from the hand-written ones: ${differ.slice(0, 3).join('; ')}`
              : 'the figures also compute the village table, attributes, year to date and the cross-checks',
        });
      }
      const build = () => call('reports.build', { month });
      const pkgCold = await measureAfter(write, build, small ? 2 : 3);
      const pkg = await measure(build, small ? 2 : 3, 0);
      for (const [timing, when] of [
        [pkgCold, 'just after a write'],
        [pkg, 'nothing written since the figures were read'],
      ] as const) {
        rows.push({
          what: `whole monthly package written (.xlsx + .zip), ${when}`,
          target: '< 1.5 s',
          timing,
          ok: timing.median < 1500,
        });
      }
    }

    if (want('compare'))
      try {
        const ids = raw
          .prepare('SELECT id_number FROM people WHERE id_number IS NOT NULL AND id_legacy = 0')
          .pluck()
          .all() as string[];
        rows.push(...(await compareBench(core.ledger.path, call, ids, SLOW_RUNS)));
      } catch (e) {
        const note = (e as Error).message.slice(0, 120);
        rows.push({
          what: '数据比对: 50,000-row list',
          target: '< 3 s',
          timing: null,
          value: 'failed',
          ok: false,
          note,
        });
      }

    if (want('import'))
      try {
        rows.push(...(await importBench(core.ledger.path, call, small)));
      } catch (e) {
        rows.push({
          what: 'import 10,000-row .xlsx',
          target: '< 5 s',
          timing: null,
          value: 'failed',
          ok: false,
          note: (e as Error).message.slice(0, 120),
        });
      }
  } finally {
    await core.close();
    for (const s of ['', '-wal', '-shm', '.lock']) rmSync(path + s, { force: true });
    rmSync(`${path}.files`, { recursive: true, force: true });
  }

  // Core memory: a separate process opens the large ledger and serves the pages' calls; its RSS is read after.
  if (want('rss')) {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'bench', 'rss.ts'), ledger.path],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const mb = Number(/RSS_MB=([\d.]+)/.exec(out)?.[1] ?? NaN);
    rows.push({
      what: 'core memory on the large ledger (RSS after typical calls)',
      target: '< 300 MB',
      timing: null,
      value: `${mb.toFixed(0)} MB`,
      ok: mb < 300,
    });
  }
  if (want('renderer'))
    try {
      rows.push(...(await rendererBench(ledger.path, small ? 3 : 7)));
    } catch (e) {
      rows.push({
        what: 'renderer: list of 50,000 people usable after navigation',
        target: '< 500 ms in Chromium',
        timing: null,
        value: 'failed',
        ok: false,
        note: (e as Error).message.slice(0, 120),
      });
    }
  if (want('firstscreen'))
    try {
      rows.push(...(await firstScreenBench(ledger.path, small ? 3 : 5)));
    } catch (e) {
      rows.push({
        what: 'renderer: first screen after login (工作台 with data), cold browser',
        target: '< 1 s in Chromium',
        timing: null,
        value: 'failed',
        ok: false,
        note: (e as Error).message.slice(0, 120),
      });
    }
  if (want('village')) rows.push(...(await villageBench(ledger.path, SLOW_RUNS)));
  if (want('network'))
    try {
      rows.push(...(await networkBench(ledger.path)));
    } catch (e) {
      rows.push({
        what: '局域网共享: 8 clients × 500 mixed calls',
        target: 'p95 < 100 ms',
        timing: null,
        value: 'failed',
        ok: false,
        note: (e as Error).message.slice(0, 120),
      });
    }
  console.log('');
  printTable(rows);
  const loadAfter = machineLoad();
  console.log(`load average at the end: ${loadAfter.load.join(' / ')} (CPU times are this process's own)`);
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the table still stands.
  }
  // The same table as JSON, so two commits can be compared. An `--only` run replaces its own rows (by name) and
  // keeps the other groups' rows of earlier runs, each with the run it came from (lib.ts mergeRows).
  writeLastJson(join(CACHE, 'last.json'), {
    at: new Date().toISOString(),
    commit,
    small,
    only: only || null,
    machine: { cpus: loadBefore.cpus, loadBefore: loadBefore.load, loadAfter: loadAfter.load },
    rows,
  });
}

await main();
