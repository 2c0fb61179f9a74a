// The drill-down of a figure (issue 20): narrowed by village and by a name or an ID number's tail, and exported as
// the dialog lists it — masked ID numbers, birth years only, journalled.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario, type Scenario } from './scenario';

let t: TestCore;
let s: Scenario;
beforeAll(async () => {
  t = await makeTestCore();
  s = await buildScenario(t.core.ledger.db);
});
afterAll(() => t.close());

const figure = { month: '2026-03', measure: 'households' } as const;

test('a village filter splits the figure: the villages add up to it, each lists only its own', async () => {
  const all = await t.clerk.call('reports.trace', figure);
  const east = await t.clerk.call('reports.trace', { ...figure, filter: { villageId: s.east } });
  const west = await t.clerk.call('reports.trace', { ...figure, filter: { villageId: s.west } });
  expect(east.total).toBeGreaterThan(0);
  expect(west.total).toBeGreaterThan(0);
  expect(east.total + west.total).toBe(all.total);
  expect(new Set(east.rows.map((r) => r.villageName))).toEqual(new Set(['东村']));
  expect(new Set(west.rows.map((r) => r.villageName))).toEqual(new Set(['西社区']));
  // The figure's own village and another village in the filter: nothing of the figure is there.
  const none = await t.clerk.call('reports.trace', { ...figure, villageId: s.east, filter: { villageId: s.west } });
  expect(none.total).toBe(0);
});

test('search finds a person by part of the name or by the tail of the ID number, and nothing else', async () => {
  const persons = { month: '2026-03', category: 'dibao', area: 'rural', measure: 'persons' } as const;
  const byName = await t.clerk.call('reports.trace', { ...persons, filter: { search: '小花' } });
  expect(byName.rows.map((r) => ('name' in r ? r.name : ''))).toEqual(['张小花']);
  const byTail = await t.clerk.call('reports.trace', { ...persons, filter: { search: '002x' } });
  expect(byTail.rows.map((r) => ('name' in r ? r.name : ''))).toEqual(['张大妈']);
  expect((await t.clerk.call('reports.trace', { ...persons, filter: { search: '%' } })).total).toBe(0);
  // Households: the search is on the head (or the person the case is for).
  const heads = await t.clerk.call('reports.trace', { ...figure, filter: { search: '李四' } });
  expect(heads.rows.map((r) => ('headName' in r ? r.headName : ''))).toEqual(['=李四']);
});

test('the export holds the rows the dialog lists, masked, and is journalled', async () => {
  const out = await t.clerk.call('reports.traceExport', {
    month: '2026-03',
    category: 'dibao',
    area: 'rural',
    measure: 'persons',
    filter: { villageId: s.east, search: '张' },
    title: '农村最低生活保障 人数',
  });
  expect(out.name).toMatch(/^追溯明细-2026-03-\d{8}-\d{6}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  expect(rows[0]).toEqual(['2026年3月 农村最低生活保障 人数（村(社区)：东村；搜索：张）']);
  expect(rows[2]).toEqual(['序号', '姓名', '身份证号码', '性别', '出生年份', '证号', '村(社区)']);
  const body = rows.slice(3);
  expect(body.map((r) => r[1]).sort()).toEqual(['张大妈', '张小明', '张小花'].sort());
  expect(out.rows).toBe(3);
  const mother = body.find((r) => r[1] === '张大妈')!;
  expect(mother[2]).toBe('**************002X');
  expect(mother[4]).toBe('1950');
  expect(JSON.stringify(rows)).not.toContain('11010519491231002X');
  expect(JSON.stringify(rows)).not.toContain('1950-05-01');
  const entry = t.core.ledger.raw
    .prepare(`SELECT actor_name, after, reason FROM journal WHERE action = 'export.trace' ORDER BY seq DESC`)
    .get() as { actor_name: string; after: string; reason: string };
  expect(entry.reason).toBe('导出报表数字的追溯明细（身份证号码已遮挡）');
  expect(JSON.parse(entry.after)).toMatchObject({
    month: '2026-03',
    figure: '农村最低生活保障 人数',
    rows: 3,
    file: out.name,
  });
});
