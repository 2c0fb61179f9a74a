// `--kind facilities` (养老服务设施台账): a real workbook into a real ledger through the dispatcher, the re-import that
// changes nothing, the export and the template read back, and each bad-input rule at its boundary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { creditCode } from '../orgs/fixtures';
import { file, fillTemplate, sheetRows, xlsx } from './kinds-helpers';

const HEADER = [
  '序号',
  '设施名称',
  '设施类型',
  '所属村(居)',
  '地址',
  '运营主体',
  '统一社会信用代码',
  '单位性质',
  '运营方式',
  '床位数',
  '护理型床位',
  '入住人数',
  '工作人员',
  '护理员',
  '服务内容',
  '开业时间',
];
const USCC_A = creditCode('2', 'MJ000001');
const USCC_B = creditCode('2', 'MJ000002');

function row(over: Partial<Record<(typeof HEADER)[number], unknown>> = {}, i = 1): unknown[] {
  const base: Record<string, unknown> = {
    序号: i,
    设施名称: '花园村互助养老点',
    设施类型: '互助养老点',
    '所属村(居)': '花园村',
    地址: '花园村三组 12 号',
    运营主体: '海陵区康乐养老服务中心',
    统一社会信用代码: USCC_A,
    单位性质: '民非',
    运营方式: '公建民营',
    床位数: 10,
    护理型床位: 2,
    入住人数: 6,
    工作人员: 4,
    护理员: 2,
    服务内容: '助餐、日间照料',
    开业时间: '2023-05-01',
    ...over,
  };
  return HEADER.map((h) => base[h]);
}

const two = (): unknown[][] => [
  ['城东街道养老服务设施台账（2024年3月）'],
  HEADER,
  row({}, 1),
  row(
    {
      设施名称: '城东街道养老服务中心',
      设施类型: '街道养老服务中心',
      '所属村(居)': '',
      地址: '东进路 8 号',
      运营主体: '泰州颐康养老服务有限公司',
      统一社会信用代码: creditCode('1', 'MJ000003', '321202', '9'),
      单位性质: '企业',
      床位数: 40,
      护理型床位: 30,
      入住人数: 25,
      工作人员: 12,
      护理员: 8,
      服务内容: '助餐、助浴、康复护理',
      开业时间: '2021/9/1',
    },
    2,
  ),
];

let t: TestCore;
const facilities = (): { name: string; type: string; beds_total: number; operator_uscc: string | null }[] =>
  t.core.ledger.raw
    .prepare('SELECT name, type, beds_total, operator_uscc FROM facilities ORDER BY name')
    .all() as never[];

beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

describe('养老服务设施台账 import', () => {
  it('imports each facility through the facility rules, and the same file again changes nothing', async () => {
    const data = await xlsx(two(), '设施');
    const p = await t.clerk.call('exchange.previewImport', { kind: 'facilities', ...file(data) });
    expect(p.errorCount).toBe(0);
    expect(p).toMatchObject({
      rows: 2,
      validRows: 2,
      records: 2,
      newRecords: 2,
      unchangedRecords: 0,
      kind: 'facilities',
    });
    expect(p.sheets[0]?.headerRows).toEqual([2]);
    expect(facilities()).toEqual([]); // the preview wrote nothing

    const r = await t.clerk.call('exchange.import', { kind: 'facilities', ...file(data) });
    expect(r).toMatchObject({ records: 2, rejectedRows: 0, changesApplied: 0 });
    expect(facilities()).toEqual([
      { name: '城东街道养老服务中心', type: 'center', beds_total: 40, operator_uscc: expect.stringMatching(/^91/) },
      { name: '花园村互助养老点', type: 'mutual_aid', beds_total: 10, operator_uscc: USCC_A },
    ]);
    const row2 = t.core.ledger.raw
      .prepare(`SELECT service_items, opened_on, status, village_id IS NULL AS township FROM facilities WHERE name = ?`)
      .get('城东街道养老服务中心');
    expect(row2).toEqual({
      service_items: '["meal","bath","rehab"]',
      opened_on: '2021-09-01',
      status: 'operating',
      township: 1,
    });
    const journal = t.core.ledger.raw
      .prepare(
        `SELECT action, reason, actor_name FROM journal WHERE action IN ('facility.create', 'import.run') ORDER BY seq`,
      )
      .all();
    expect(journal).toEqual([
      { action: 'facility.create', reason: '导入《名册.xlsx》', actor_name: '张经办' },
      { action: 'facility.create', reason: '导入《名册.xlsx》', actor_name: '张经办' },
      { action: 'import.run', reason: '导入《名册.xlsx》', actor_name: '张经办' },
    ]);

    const again = await t.clerk.call('exchange.previewImport', { kind: 'facilities', ...file(data) });
    expect(again).toMatchObject({ newRecords: 0, unchangedRecords: 2, changeCount: 0, errorCount: 0 });
    const r2 = await t.clerk.call('exchange.import', { kind: 'facilities', ...file(data) });
    expect(r2).toMatchObject({ records: 0, changesApplied: 0 });
    expect(facilities()).toHaveLength(2);
  });

  it('exports with the template columns; the export imports back unchanged, and a filled template imports', async () => {
    await t.clerk.call('exchange.import', { kind: 'facilities', ...file(await xlsx(two())) });
    const out = await t.clerk.call('exchange.exportRegister', { kind: 'facilities' });
    expect(out.rows).toBe(2);
    const rows = await sheetRows(out.data);
    expect(rows[0]?.slice(0, 4)).toEqual(['序号', '设施名称', '设施类型', '村(社区)']);
    expect(rows[2]?.slice(1, 4)).toEqual(['花园村互助养老点', '农村互助养老点', '花园村委会']);
    const back = await t.clerk.call('exchange.previewImport', { kind: 'facilities', ...file(out.data, out.fileName) });
    expect(back).toMatchObject({ errorCount: 0, newRecords: 0, unchangedRecords: 2, changeCount: 0 });

    const tpl = await t.clerk.call('exchange.template', { kind: 'facilities' });
    const header = (await sheetRows(tpl.data))[0] ?? [];
    const cells: Record<string, unknown> = {
      设施名称: '丁冯村助餐点',
      设施类型: '助餐点',
      '村(社区)': '丁冯村',
      地址: '丁冯村村部',
      运营方: '丁冯村村民委员会',
      单位性质: '未登记',
      运营方式: '公办公营',
      服务项目: '助餐',
      运营状态: '建设中',
    };
    const filled = await fillTemplate(tpl.data, [header.map((h) => cells[h] ?? null)]);
    const r = await t.clerk.call('exchange.import', { kind: 'facilities', ...file(filled, tpl.fileName) });
    expect(r).toMatchObject({ records: 1, rejectedRows: 0 });
    expect(facilities().map((f) => f.name)).toContain('丁冯村助餐点');
  });

  it('lists a changed column as a change, applied only when accepted', async () => {
    await t.clerk.call('exchange.import', { kind: 'facilities', ...file(await xlsx(two())) });
    const changed = await xlsx([HEADER, row({ 床位数: 12, 入住人数: 7 })]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'facilities', ...file(changed) });
    expect(p.changes).toEqual([
      expect.objectContaining({
        subject: '花园村互助养老点',
        field: '床位总数、在住人数',
        before: '10；6',
        after: '12；7',
      }),
    ]);
    await t.clerk.call('exchange.import', { kind: 'facilities', ...file(changed) });
    expect(facilities().find((f) => f.name === '花园村互助养老点')?.beds_total).toBe(10);
    const key = p.changes[0]?.key ?? '';
    const r = await t.clerk.call('exchange.import', { kind: 'facilities', ...file(changed), accept: [key] });
    expect(r.changesApplied).toBe(1);
    expect(facilities().find((f) => f.name === '花园村互助养老点')?.beds_total).toBe(12);
  });
});

describe('养老服务设施台账: bad input names the row and column, and strict mode writes nothing', () => {
  async function problemsOf(rows: unknown[][]) {
    const data = await xlsx([HEADER, ...rows]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'facilities', ...file(data) });
    return { p, data, errors: p.problems.filter((x) => x.severity === 'error') };
  }

  it('a bad 统一社会信用代码 (one character off) is refused at its cell', async () => {
    const bad = `${USCC_B.slice(0, 17)}${USCC_B.endsWith('0') ? '1' : '0'}`;
    const { errors, data } = await problemsOf([row({}, 1), row({ 设施名称: '二号站', 统一社会信用代码: bad }, 2)]);
    expect(errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'G（统一社会信用代码）',
        message: expect.stringMatching(/^统一社会信用代码有误/),
      }),
    ]);
    const res = await t.clerk.try('exchange.import', { kind: 'facilities', ...file(data) });
    expect(res.ok).toBe(false);
    expect(facilities()).toEqual([]);
    const partial = await t.clerk.call('exchange.import', { kind: 'facilities', ...file(data), partial: true });
    expect(partial).toMatchObject({ records: 1, rejectedRows: 1 });
    expect(facilities().map((f) => f.name)).toEqual(['花园村互助养老点']);
  });

  it('an unknown village, a duplicate row, a bad type and a count over its limit are each named', async () => {
    const { errors } = await problemsOf([
      row({ '所属村(居)': '不存在村' }, 1),
      row({ 设施名称: '甲站' }, 2),
      row({ 设施名称: '甲站' }, 3),
      row({ 设施名称: '乙站', 设施类型: '宾馆' }, 4),
      row({ 设施名称: '丙站', 护理型床位: 11 }, 5),
      row({ 设施名称: '丁站', 护理型床位: 10 }, 6),
    ]);
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'D（所属村(居)）', '村(社区)「不存在村」不在本街道/乡镇的村(社区)名单中'],
      [4, 'B（设施名称）', '与「名册」第 3 行重复（设施名称相同：甲站）'],
      [5, 'C（设施类型）', expect.stringMatching(/^设施类型「宾馆」无法识别/)],
      [6, 'K（护理型床位）', '护理型床位数不能超过床位总数'],
    ]);
  });

  it('the screen rule on the opening date holds: today is accepted, tomorrow refused', async () => {
    const { errors } = await problemsOf([
      row({ 设施名称: '今天开业', 开业时间: '2024-03-15' }, 1),
      row({ 设施名称: '明天开业', 开业时间: '2024-03-16' }, 2),
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ row: 3, column: 'P（开业时间）', message: '开业日期不能晚于今天（2024-03-15）' }),
    ]);
  });

  it('errors workbook: the rejected rows with their problem', async () => {
    const data = await xlsx([HEADER, row({}, 1), row({ 设施名称: '坏站', 设施类型: '宾馆' }, 2)]);
    const out = await t.clerk.call('exchange.rejectedRows', { kind: 'facilities', ...file(data) });
    expect(out.rows).toBe(1);
    const rows = await sheetRows(out.data);
    expect(rows[1]?.[1]).toBe('坏站');
    expect(rows[1]?.at(-1)).toMatch(/^C（设施类型）：设施类型「宾馆」无法识别/);
  });
});
