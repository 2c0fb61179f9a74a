// 养老服务 and 社会组织 rows of `npm run bench` (issue 17): each page's own calls, as the page makes them, on the
// benchmark ledger's register (60 facilities, 3,000 people and ~150,000 visits at 20,000 households; proportionally
// fewer with --small) and its 150 organizations with their 年检. Target < 100 ms each.
import type Database from 'better-sqlite3';
import { measure, type Row } from './lib';

export async function elderlyBench(
  raw: Database.Database,
  call: (method: string, input: unknown) => Promise<unknown>,
  month: string,
  runs: number,
): Promise<Row[]> {
  const n = raw
    .prepare(
      `SELECT (SELECT count(*) FROM facilities) AS f, (SELECT count(*) FROM elderly_people) AS e,
         (SELECT count(*) FROM elderly_visits) AS v, (SELECT count(*) FROM facility_months) AS m`,
    )
    .get() as { f: number; e: number; v: number; m: number };
  const size = `${n.e} people, ${n.v} visits`;
  const pages: [string, string, unknown][] = [
    [
      `探访工作单: due within 7 days, first page (${size})`,
      'elderly.worklist',
      { offset: 0, limit: 50, withinDays: 7 },
    ],
    [`月探访率 by village (${month}; ${size})`, 'elderly.visitRate', { month }],
    [`养老服务月度数据 (${month}; ${n.f} facilities, ${n.m} facility-months)`, 'stations.figures', { month }],
    [`服务设施 list (${n.f} facilities)`, 'stations.facilities.list', { offset: 0, limit: 50 }],
    [`特殊困难老年人 list, first page (${n.e} people)`, 'elderly.list', { offset: 0, limit: 50 }],
  ];
  const rows: Row[] = [];
  for (const [what, method, input] of pages) {
    const timing = await measure(() => call(method, input), runs);
    rows.push({ what, target: '< 100 ms', timing, ok: timing.median < 100, note: method });
  }
  return rows;
}

/** 社会组织 rows: the roster, the worklist (年检, 换届, ratings due) and the month's figures, < 100 ms each. */
export async function orgsBench(
  raw: Database.Database,
  call: (method: string, input: unknown) => Promise<unknown>,
  month: string,
  runs: number,
): Promise<Row[]> {
  const n = raw
    .prepare('SELECT (SELECT count(*) FROM orgs) AS o, (SELECT count(*) FROM org_inspections) AS i')
    .get() as { o: number; i: number };
  const size = `${n.o} organizations, ${n.i} 年检`;
  const pages: [string, string, unknown][] = [
    [`社会组织 roster, first page (${size})`, 'orgs.list', { offset: 0, limit: 50 }],
    [`社会组织待办 (${size})`, 'orgs.worklist', {}],
    [`社会组织 month's figures (${month}; ${size})`, 'orgs.figures', { month }],
  ];
  const rows: Row[] = [];
  for (const [what, method, input] of pages) {
    const timing = await measure(() => call(method, input), runs);
    rows.push({ what, target: '< 100 ms', timing, ok: timing.median < 100, note: method });
  }
  return rows;
}
