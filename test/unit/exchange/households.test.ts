// Where a household starts, for each way clerks lay out a one-row-per-person ledger (issue 13): a new 序号, a new
// 户号 where 序号 runs per person, a 户主 row, an empty row — 户主姓名 only as a check — including neighbours whose
// heads share a name (王建国 next to another 王建国). Workbooks are built here with ExcelJS; people are invented.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

/** Rows of one sheet; `null` is an empty row. */
async function workbook(rows: (unknown[] | null)[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  let n = 0;
  for (const r of rows) {
    n++;
    if (r) ws.getRow(n).values = r as ExcelJS.CellValue[];
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const id = (n: number): string => fakeId(`1960-01-${String((n % 28) + 1).padStart(2, '0')}`, n);

/** Households in the ledger after the import: head name -> member names (sorted), in head order. */
function households(): [string, string[]][] {
  const rows = t.core.ledger.raw
    .prepare(
      `SELECT h.id, hp.name AS head, p.name AS member FROM households h JOIN people hp ON hp.id = h.head_person_id
         JOIN household_members m ON m.household_id = h.id JOIN people p ON p.id = m.person_id
         ORDER BY hp.id_number, p.name`,
    )
    .all() as { id: string; head: string; member: string }[];
  const byId = new Map<string, [string, string[]]>();
  for (const r of rows) {
    const e = byId.get(r.id) ?? [r.head, []];
    e[1].push(r.member);
    byId.set(r.id, e);
  }
  return [...byId.values()];
}

async function importFile(data: string) {
  const p = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName: '户.xlsx', data });
  return p;
}

describe('household boundaries', () => {
  it('序号 on the first row of each household: two neighbouring 王建国 households stay two', async () => {
    const data = await workbook([
      ['序号', '村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      [1, '花园村', '王建国', '王建国', '户主', id(1), '农村低保', 900, '2023-01'],
      [null, '花园村', '王建国', '李秀英', '妻', id(2), null, null, null],
      [2, '花园村', '王建国', '王建国', '户主', id(3), '农村低保', 500, '2023-02'],
      [null, '花园村', '王建国', '王小明', '子', id(4), null, null, null],
      [3, '花园村', '张桂芳', '张桂芳', '户主', id(5), '农村低保', 400, '2023-03'],
    ]);
    const p = await importFile(data);
    expect(p.errorCount).toBe(0);
    expect(p.households).toBe(3);
    expect(p.sheets[0]?.households).toBe(
      '按“序号”分户：新的序号开始新的一户，序号留空或相同的行属于同一户；“户主姓名”只用于核对',
    );
    await t.clerk.call('exchange.import', { kind: 'cases', fileName: '户.xlsx', data });
    expect(households()).toEqual([
      ['王建国', ['李秀英', '王建国']],
      ['王建国', ['王小明', '王建国']],
      ['张桂芳', ['张桂芳']],
    ]);
  });

  it('序号 numbered per person with a 户号 column: households follow 户号', async () => {
    const data = await workbook([
      ['序号', '户号', '村(社区)', '户主姓名', '姓名', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      [1, 'H001', '花园村', '王建国', '王建国', id(1), '农村低保', 900, '2023-01'],
      [2, 'H001', '花园村', '王建国', '李秀英', id(2), '农村低保', 900, '2023-01'],
      [3, 'H002', '花园村', '王建国', '王建国', id(3), '农村低保', 500, '2023-02'],
      [4, '', '花园村', '王建国', '王小明', id(4), '农村低保', 500, '2023-02'],
    ]);
    const p = await importFile(data);
    expect(p.errorCount).toBe(0);
    expect(p.sheets[0]?.households).toBe(
      '按“户号”分户：户号相同或留空的行属于同一户；“序号”按人编号，不用于分户；“户主姓名”只用于核对',
    );
    await t.clerk.call('exchange.import', { kind: 'cases', fileName: '户.xlsx', data });
    expect(households()).toEqual([
      ['王建国', ['李秀英', '王建国']],
      ['王建国', ['王小明', '王建国']],
    ]);
  });

  it('序号 per person without 户号: the preview says so and 户主 rows separate the households', async () => {
    const data = await workbook([
      ['序号', '村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      [1, '花园村', '王建国', '王建国', '户主', id(1), '农村低保', 900, '2023-01'],
      [2, '花园村', '王建国', '李秀英', '妻', id(2), '农村低保', 900, '2023-01'],
      [3, '花园村', '王建国', '王建国', '户主', id(3), '农村低保', 500, '2023-02'],
      [4, '花园村', '王建国', '王小明', '子', id(4), '农村低保', 500, '2023-02'],
    ]);
    const p = await importFile(data);
    expect(p.errorCount).toBe(0);
    expect(p.households).toBe(2);
    expect(p.sheets[0]?.households).toBe(
      '“序号”每行不同且列有家庭成员，判断为按人编号，不用于分户；按“与户主关系”为户主的行分户；“户主姓名”只用于核对',
    );
  });

  it('households separated by an empty row, without 序号 or 与户主关系', async () => {
    const data = await workbook([
      ['村(社区)', '户主姓名', '姓名', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      ['花园村', '王建国', '王建国', id(1), '农村低保', 900, '2023-01'],
      ['花园村', '王建国', '李秀英', id(2), null, null, null],
      null,
      ['花园村', '王建国', '王小明', id(4), '农村低保', 500, '2023-02'],
      ['花园村', '王建国', '王建国', id(3), null, null, null],
      null,
      ['花园村', '张桂芳', '张桂芳', id(5), '农村低保', 400, '2023-03'],
    ]);
    const p = await importFile(data);
    expect(p.errorCount).toBe(0);
    expect(p.sheets[0]?.households).toBe('按“户主姓名”的变化和空行分户');
    await t.clerk.call('exchange.import', { kind: 'cases', fileName: '户.xlsx', data });
    expect(households()).toEqual([
      ['王建国', ['李秀英', '王建国']],
      ['王建国', ['王小明', '王建国']],
      ['张桂芳', ['张桂芳']],
    ]);
  });

  it('a 户主 row where the 序号 did not change: read as a second household, and the preview says so', async () => {
    const data = await workbook([
      ['序号', '村(社区)', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      [1, '花园村', '王建国', '户主', id(1), '农村低保', 900, '2023-01'],
      [null, '花园村', '李秀英', '妻', id(2), null, null, null],
      [null, '花园村', '王建国', '户主', id(3), '农村低保', 500, '2023-02'],
    ]);
    const p = await importFile(data);
    expect(p.errorCount).toBe(0);
    expect(p.households).toBe(2);
    expect(p.problems.map((x) => [x.row, x.message])).toEqual([
      [
        4,
        '本行是第二个“户主”行，而序号未变：按两户读入（自本行起为另一户）。如确是同一户，请改正“与户主关系”；如是另一户，请补上序号',
      ],
    ]);
  });

  it('户主姓名 is a check: a member row naming another head inside one 序号 is an error on that row', async () => {
    const data = await workbook([
      ['序号', '村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      [1, '花园村', '王建国', '王建国', '户主', id(1), '农村低保', 900, '2023-01'],
      [null, '花园村', '赵四', '李秀英', '妻', id(2), null, null, null],
    ]);
    const p = await importFile(data);
    expect(p.problems.filter((x) => x.row === 3 && x.severity === 'error').map((x) => x.message)).toEqual([
      '与本户第 2 行的「户主姓名」（王建国）不一致（本表按“序号”分户：新的序号开始新的一户，序号留空或相同的行属于同一户；“户主姓名”只用于核对）',
    ]);
    expect(p.rejectedRows).toBe(2);
  });

  it('without 序号, 户号, 与户主关系, 户主姓名 or empty rows every row is a household', async () => {
    const data = await workbook([
      ['村(社区)', '姓名', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      ['花园村', '王建国', id(1), '农村低保', 900, '2023-01'],
      ['花园村', '王建国', id(3), '农村低保', 500, '2023-02'],
    ]);
    const p = await importFile(data);
    expect(p).toMatchObject({ errorCount: 0, households: 2 });
    expect(p.sheets[0]?.households).toBe('每行一户（没有序号、户号、与户主关系或户主姓名列，也没有空行分隔）');
  });
});
