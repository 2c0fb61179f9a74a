// Importing the sample ledgers through the real dispatcher into a real ledger file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type Caller, type TestCore } from '../../helpers/ledger';

const fixtureDir = join(import.meta.dirname, '..', '..', 'fixtures', 'import');
const fixture = (name: string): { fileName: string; data: string } => ({
  fileName: name,
  data: readFileSync(join(fixtureDir, name)).toString('base64'),
});

async function workbook(rows: unknown[][], sheet = '台账'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

let t: TestCore;
let clerk: Caller;
const count = async (
  table: 'people' | 'households' | 'cases' | 'household_members' | 'case_members',
): Promise<number> =>
  Number((t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);

beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
  clerk = t.clerk;
});
afterEach(async () => {
  await t.close();
});

describe('a ledger kept one sheet per village, with a title above the header and merged household cells', () => {
  it('finds the header under the title rows and reads each sheet name as the village', async () => {
    const p = await clerk.call('exchange.previewImport', { kind: 'cases', ...fixture(FIXTURE_FILES.multiVillage) });
    expect(p.sheets.map((s) => [s.name, s.headerRows])).toEqual([
      ['花园村', [3]],
      ['丁冯村', [3]],
    ]);
    expect(p.errorCount).toBe(0);
    expect(p).toMatchObject({ rows: 9, validRows: 9, households: 5, newPeople: 9, newHouseholds: 5, newCases: 5 });
    // The 合计 row and the signature line are skipped and said so.
    expect(p.problems.filter((x) => x.message === '合计行，已跳过').map((x) => [x.sheet, x.row])).toEqual([
      ['花园村', 10],
      ['丁冯村', 7],
    ]);
  });

  it('imports households with every member, the amount and the start month from merged cells', async () => {
    const r = await clerk.call('exchange.import', { kind: 'cases', ...fixture(FIXTURE_FILES.multiVillage) });
    expect(r).toMatchObject({ people: 9, households: 5, cases: 5, rejectedRows: 0 });
    const qian = t.core.ledger.raw
      .prepare(
        `SELECT v.name AS village, c.category, c.area, c.monthly_amount_fen AS amount, c.start_month AS start, c.status,
                (SELECT count(*) FROM case_members cm WHERE cm.case_id = c.id) AS covered,
                (SELECT group_concat(p.name || ':' || hm.relation, ',') FROM household_members hm JOIN people p ON p.id = hm.person_id
                   WHERE hm.household_id = h.id) AS members
           FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
           JOIN people head ON head.id = h.head_person_id WHERE head.name = '钱秀兰'`,
      )
      .get();
    expect(qian).toEqual({
      village: '花园村委会',
      category: 'dibao',
      area: 'rural',
      amount: 189000,
      start: '2022-09',
      status: 'active',
      covered: 3,
      members: '钱秀兰:户主,钱小军:孙子女,钱小梅:孙子女',
    });
    const feng = t.core.ledger.raw
      .prepare(
        `SELECT c.start_month AS start, c.monthly_amount_fen AS amount FROM cases c JOIN households h ON h.id = c.household_id
           JOIN people p ON p.id = h.head_person_id WHERE p.name IN ('冯德明', '丁春花') ORDER BY p.name`,
      )
      .all();
    expect(feng).toEqual([
      { start: '2024-01', amount: 68000 }, // 丁春花: 2024.01, 680元
      { start: '2023-05', amount: 126000 }, // 冯德明: 2023年5月
    ]);
  });

  it('journals every person, household and case written, and the import itself, under the clerk’s name', async () => {
    await clerk.call('exchange.import', { kind: 'cases', ...fixture(FIXTURE_FILES.multiVillage) });
    const rows = t.core.ledger.raw
      .prepare(
        `SELECT action, count(*) AS n, min(actor_name) AS who FROM journal WHERE action IN ('person.create','household.create','case.import','import.run') GROUP BY action ORDER BY action`,
      )
      .all();
    expect(rows).toEqual([
      { action: 'case.import', n: 5, who: '张经办' },
      { action: 'household.create', n: 5, who: '张经办' },
      { action: 'import.run', n: 1, who: '张经办' },
      { action: 'person.create', n: 9, who: '张经办' },
    ]);
  });

  it('importing the same file again duplicates nobody and changes nothing', async () => {
    await clerk.call('exchange.import', { kind: 'cases', ...fixture(FIXTURE_FILES.multiVillage) });
    const again = await clerk.call('exchange.previewImport', { kind: 'cases', ...fixture(FIXTURE_FILES.multiVillage) });
    expect(again).toMatchObject({ newPeople: 0, newHouseholds: 0, newCases: 0, unchangedCases: 5, changeCount: 0 });
    await clerk.call('exchange.import', { kind: 'cases', ...fixture(FIXTURE_FILES.multiVillage) });
    expect([
      await count('people'),
      await count('households'),
      await count('cases'),
      await count('case_members'),
    ]).toEqual([9, 5, 5, 9]);
  });
});

describe('a ledger with a two-row header and messy ID numbers', () => {
  it('reads the sub-columns under 保障金额, full-width digits, lower-case x and stray spaces', async () => {
    const r = await clerk.call('exchange.import', { kind: 'cases', ...fixture(FIXTURE_FILES.twoRowHeader) });
    expect(r.preview.sheets[0]?.headerRows).toEqual([2, 3]);
    expect(r.cases).toBe(3);
    const rows = t.core.ledger.raw
      .prepare(
        `SELECT p.name, p.id_number AS id, v.name AS village, c.category, c.area, c.support_mode AS mode, c.status,
                c.start_month AS start, c.stop_month AS stop, a.base_fen AS base, a.supplement_fen AS supp, a.amount_fen AS amount
           FROM cases c JOIN people p ON p.id = c.person_id JOIN households h ON h.id = c.household_id
           JOIN villages v ON v.id = h.village_id JOIN case_amounts a ON a.case_id = c.id ORDER BY c.start_month`,
      )
      .all();
    expect(rows).toEqual([
      {
        name: '黄有才',
        id: fakeId('1945-08-15', 57),
        village: '东安居委会',
        category: 'tekun',
        area: 'urban',
        mode: 'dispersed',
        status: 'stopped',
        start: '2020-03',
        stop: '2024-02',
        base: 110000,
        supp: 0,
        amount: 110000,
      },
      {
        name: '林阿婆',
        id: expect.stringMatching(/^3212991938102100\dX$/),
        village: '碧桂园社区居民委员会',
        category: 'tekun',
        area: 'urban',
        mode: 'centralized',
        status: 'active',
        start: '2022-11',
        stop: null,
        base: 110000,
        supp: 56000,
        amount: 166000,
      },
      {
        name: '陈福根',
        id: fakeId('1941-04-05', 13),
        village: '东安居委会',
        category: 'tekun',
        area: 'urban',
        mode: 'dispersed',
        status: 'active',
        start: '2023-05',
        stop: null,
        base: 110000,
        supp: 30000,
        amount: 140000,
      },
    ]);
  });
});

describe('CSV from Chinese Excel', () => {
  it('reads GB18030/GBK and UTF-8 with BOM the same way', async () => {
    const gbk = await clerk.call('exchange.previewImport', { kind: 'cases', ...fixture(FIXTURE_FILES.gbkCsv) });
    const utf8 = await clerk.call('exchange.previewImport', { kind: 'cases', ...fixture(FIXTURE_FILES.utf8Csv) });
    expect(gbk.encoding).toBe('GB18030');
    expect(utf8.encoding).toBe('UTF-8');
    expect({ ...gbk, fileName: '', encoding: '', sheets: [] }).toEqual({
      ...utf8,
      fileName: '',
      encoding: '',
      sheets: [],
    });
    expect(gbk).toMatchObject({ rows: 3, households: 2, errorCount: 0 });
  });

  it('takes a relation-based layout: members below their 户主, 1234.5元, 202305, 城市低保（单人保）', async () => {
    await clerk.call('exchange.import', { kind: 'cases', ...fixture(FIXTURE_FILES.gbkCsv) });
    const rows = t.core.ledger.raw
      .prepare(
        `SELECT head.name AS head, v.name AS village, c.area, c.single_person AS single, c.monthly_amount_fen AS amount,
                c.start_month AS start, (SELECT count(*) FROM case_members cm WHERE cm.case_id = c.id) AS covered
           FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
           JOIN people head ON head.id = h.head_person_id ORDER BY head.name`,
      )
      .all();
    expect(rows).toEqual([
      { head: '何志强', village: '斜桥居委会', area: 'urban', single: 0, amount: 123450, start: '2023-05', covered: 2 },
      { head: '吴秀珍', village: '迎春居委会', area: 'urban', single: 1, amount: 105000, start: '2023-07', covered: 1 },
    ]);
  });
});

describe('a file with the usual mistakes', () => {
  it('lists every problem by sheet, row and column with the value seen, in Chinese', async () => {
    const p = await clerk.call('exchange.previewImport', { kind: 'cases', ...fixture(FIXTURE_FILES.messy) });
    const errors = p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.column, x.value, x.message]);
    expect(errors).toEqual([
      [
        3,
        'E（身份证号码）',
        '3.21299E+17',
        '看起来被 Excel 改成了科学计数法（3.21299E+17），原号码已丢失，请把该列设为文本后重新录入',
      ],
      [
        4,
        'E（身份证号码）',
        '3.21299E+17',
        '看起来被 Excel 改成了科学计数法（3.21299E+17），原号码已丢失，请把该列设为文本后重新录入',
      ],
      [
        5,
        'E（身份证号码）',
        expect.stringMatching(/^321299195001011\d{3}$/),
        '校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对',
      ],
      [6, 'A（村(社区)）', '桃源村', '村(社区)「桃源村」不在本街道/乡镇的村(社区)名单中'],
      [7, 'G（月保障金）', '六百元', '月保障金：「六百元」不是有效金额'],
      [8, 'G（月保障金）', '', '单元格是公式且没有计算结果，请在 Excel 中把该列“复制→选择性粘贴为数值”后重新导入'],
      [
        9,
        'H（享受起始时间）',
        '2023-13',
        '享受起始月份「2023-13」无法识别，应为年月，如 2023-05、2023/5/1、2023年5月、202305',
      ],
      [10, 'E（身份证号码）', fakeId('1950-01-01', 101), '身份证号码与「低保」第 2 行重复（同一人只能出现在一户中）'],
    ]);
    expect(p).toMatchObject({ rows: 10, validRows: 2, rejectedRows: 8 });
    // The __proto__ and constructor headers are just unknown columns.
    expect(p.sheets[0]?.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual([
      '__proto__',
      'constructor',
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('writes nothing by default when any row is rejected', async () => {
    const r = await clerk.try('exchange.import', { kind: 'cases', ...fixture(FIXTURE_FILES.messy) });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        '文件中有 8 行被拒绝（共 8 个问题），未导入任何数据。请先修正，或选择“只导入正确的行”',
      );
    expect([await count('people'), await count('households'), await count('cases')]).toEqual([0, 0, 0]);
    const journal = t.core.ledger.raw
      .prepare(`SELECT count(*) AS n FROM journal WHERE action LIKE 'import%' OR action LIKE 'case.%'`)
      .get();
    expect(journal).toEqual({ n: 0 });
  });

  it('imports only the valid rows with partial', async () => {
    const r = await clerk.call('exchange.import', { kind: 'cases', partial: true, ...fixture(FIXTURE_FILES.messy) });
    expect(r).toMatchObject({ people: 2, households: 2, cases: 2, rejectedRows: 8 });
    const names = t.core.ledger.raw.prepare('SELECT name FROM people ORDER BY name').all();
    expect(names).toEqual([{ name: '冯九' }, { name: '赵一' }]);
  });

  it('gives back the rejected rows as a workbook with a 问题 column that imports once fixed', async () => {
    const out = await clerk.call('exchange.rejectedRows', { kind: 'cases', ...fixture(FIXTURE_FILES.messy) });
    expect(out.rows).toBe(8);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '村(社区)',
      '户主姓名',
      '姓名',
      '与户主关系',
      '身份证号码',
      '保障类别',
      '月保障金',
      '享受起始时间',
      '__proto__',
      'constructor',
      '原行号',
      '问题',
    ]);
    expect(ws.getRow(5).getCell(11).value).toBe(6);
    expect(ws.getRow(5).getCell(12).value).toBe('A（村(社区)）：村(社区)「桃源村」不在本街道/乡镇的村(社区)名单中');
    // The clerk fixes the village and re-imports that sheet: the header is still recognised.
    ws.getRow(5).getCell(1).value = '花园村';
    const fixed = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await clerk.call('exchange.previewImport', { kind: 'cases', fileName: 'fixed.xlsx', data: fixed });
    expect(p.problems.filter((x) => x.row === 5 && x.severity === 'error')).toEqual([]);
  });
});

describe('village names as clerks write them', () => {
  it('matches 夏庄村 to 夏庄村委会 and 杨庄社区 to 杨庄居委会, and reports an unknown village', async () => {
    await t.admin.call('villages.create', { name: '夏庄村委会', kind: 'village' });
    await t.admin.call('villages.create', { name: '杨庄居委会', kind: 'community' });
    const data = await workbook([
      ['村（居）', '姓名', '身份证号码', '类别', '月保障金', '纳入时间'],
      ['夏庄村', '甲一', fakeId('1960-01-01', 1), '农村低保', 500, '2023-01'],
      ['杨庄社区', '乙二', fakeId('1960-01-02', 3), '城市低保', 600, '2023-01'],
      ['杨庄', '丙三', fakeId('1960-01-03', 5), '城市低保', 600, '2023-01'],
      ['何庄村', '丁四', fakeId('1960-01-04', 7), '农村低保', 600, '2023-01'],
    ]);
    const p = await clerk.call('exchange.previewImport', { kind: 'cases', fileName: 'v.xlsx', data });
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.message])).toEqual([
      [5, '村(社区)「何庄村」不在本街道/乡镇的村(社区)名单中'],
    ]);
    await clerk.call('exchange.import', { kind: 'cases', fileName: 'v.xlsx', data, partial: true });
    const rows = t.core.ledger.raw
      .prepare(
        `SELECT p.name, v.name AS village FROM households h JOIN people p ON p.id = h.head_person_id JOIN villages v ON v.id = h.village_id ORDER BY p.name`,
      )
      .all();
    expect(rows).toEqual([
      { name: '丙三', village: '杨庄居委会' },
      { name: '乙二', village: '杨庄居委会' },
      { name: '甲一', village: '夏庄村委会' },
    ]);
  });
});

describe('re-importing a corrected ledger', () => {
  const base = (amount: unknown, name = '周桂英', stop = ''): unknown[][] => [
    ['村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始时间', '停保时间'],
    ['花园村', name, name, '户主', fakeId('1952-03-14', 12), '农村低保', amount, '2023-05', stop],
    ['', '', '王建国', '子', fakeId('1978-07-02', 31), '', '', '', ''],
  ];

  it('shows what would change and applies only the accepted changes, journalled with before and after', async () => {
    const first = await clerk.call('exchange.import', {
      kind: 'cases',
      fileName: 'a.xlsx',
      data: await workbook(base(1260)),
    });
    // A clerk's import is a batch; a reviewer confirms it before the next import may change its case.
    await t.reviewer.call('exchange.confirmBatch', { id: first.batch?.id ?? '', version: 1 });
    const data = await workbook(base(1400, '周桂英', '2024-04'));
    const p = await clerk.call('exchange.previewImport', { kind: 'cases', fileName: 'b.xlsx', data });
    expect(p).toMatchObject({ newPeople: 0, newHouseholds: 0, newCases: 0 });
    expect(p.changes.map((c) => [c.subject, c.field, c.before, c.after])).toEqual([
      ['周桂英户（花园村委会）', '月保障金（自 2024-03 起）', '1,260.00 元', '1,400.00 元'],
      ['周桂英户（花园村委会）', '停保月份', '（空）', '2024-04'],
    ]);
    const amountKey = p.changes[0]?.key ?? '';
    const r = await clerk.call('exchange.import', { kind: 'cases', fileName: 'b.xlsx', data, accept: [amountKey] });
    expect(r).toMatchObject({ changesApplied: 0, changesPending: 1, changesSkipped: 1, people: 0, cases: 0 });
    const c = () =>
      t.core.ledger.raw
        .prepare('SELECT monthly_amount_fen AS amount, status, stop_month AS stop, version FROM cases')
        .get();
    // The amount change waits in the batch until a reviewer confirms it.
    expect(c()).toEqual({ amount: 126000, status: 'active', stop: null, version: 2 });
    await t.reviewer.call('exchange.confirmBatch', { id: r.batch?.id ?? '', version: 1 });
    expect(c()).toEqual({ amount: 140000, status: 'active', stop: null, version: 3 });
    const amounts = t.core.ledger.raw
      .prepare('SELECT effective_month AS m, amount_fen AS a, kind FROM case_amounts ORDER BY effective_month')
      .all();
    expect(amounts).toEqual([
      { m: '2023-05', a: 126000, kind: 'initial' },
      { m: '2024-03', a: 140000, kind: 'correction' },
    ]);
    const j = t.core.ledger.raw.prepare(`SELECT before, after, reason FROM journal WHERE action = 'case.amount'`).get();
    expect(j).toEqual({
      before: JSON.stringify({ monthly_amount_fen: 126000 }),
      after: JSON.stringify({ monthly_amount_fen: 140000, effective_month: '2024-03' }),
      reason: `确认导入批次 ${r.batch?.no ?? 0}《b.xlsx》`,
    });
  });

  it('refuses a person who already belongs to another household (one household at a time)', async () => {
    await clerk.call('exchange.import', { kind: 'cases', fileName: 'a.xlsx', data: await workbook(base(1260)) });
    const data = await workbook([
      ['村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始时间'],
      ['丁冯村', '王小', '王小', '户主', fakeId('1990-01-01', 11), '农村低保', 600, '2023-05'],
      ['', '', '王建国', '父亲', fakeId('1978-07-02', 31), '', '', ''],
    ]);
    const p = await clerk.call('exchange.previewImport', { kind: 'cases', fileName: 'c.xlsx', data });
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.message])).toEqual([
      [2, '同户有成员已属于台账中的另一户，本户整户未导入'],
      [3, '已是另一户（花园村委会，户主周桂英）的成员，一人同时只能属于一户：请先在台账中办理迁出'],
    ]);
  });
});

describe('what a clerk types into a mapping', () => {
  it('maps an unusual header to a field by the user’s mapping and ignores a column on request', async () => {
    const data = await workbook(
      [
        ['对象', '证件', '项目', '钱', '从何时起', '身份证号码'],
        ['甲一', fakeId('1960-01-01', 1), '农村低保', 500, '2023-01', 'garbage'],
      ],
      '花园村',
    );
    const without = await clerk.call('exchange.previewImport', { kind: 'cases', fileName: 'm.xlsx', data });
    expect(without.errorCount).toBeGreaterThan(0);
    const mapping = [
      { header: '对象', field: 'name' },
      { header: '证件', field: '身份证号码' },
      { header: '项目', field: 'category' },
      { header: '钱', field: 'amount' },
      { header: '从何时起', field: 'startMonth' },
      { header: '身份证号码', field: '' },
    ];
    const p = await clerk.call('exchange.previewImport', { kind: 'cases', fileName: 'm.xlsx', data, mapping });
    expect(p).toMatchObject({ errorCount: 0, newCases: 1 });
    const bad = await clerk.try('exchange.previewImport', {
      kind: 'cases',
      fileName: 'm.xlsx',
      data,
      mapping: [{ header: '钱', field: 'money' }],
    });
    expect(bad.ok ? '' : bad.error.message).toBe('映射“钱=money”中的字段“money”不存在');
  });
});
