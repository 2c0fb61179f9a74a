// A person the ledger knows by the 18-digit number, listed in a file with the old 15-digit number (or the other way
// round), is the same person (issue 13): the import matches by either form instead of registering a second person
// and a second household. The people are generated here (invented, address code 321299).
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

const HEADER = [
  '序号',
  '村(社区)',
  '户主姓名',
  '姓名',
  '与户主关系',
  '身份证号码',
  '保障类别',
  '月保障金',
  '享受起始月份',
];
/** The 15-digit number an 18-digit one (born 19xx) was issued as. */
const old15 = (id18: string): string => id18.slice(0, 6) + id18.slice(8, 17);

/** `n` 低保 households of a head and a spouse; `idOf` writes each number as the file has it. */
function households(n: number, idOf: (id: string, h: number, m: number) => string = (id) => id): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let h = 0; h < n; h++) {
    const head = `钱${'一二三四五六七八'[h]}`;
    const ids = [fakeId(`195${h}-02-1${h}`, 10 + h * 2 + 1), fakeId(`195${h}-05-2${h}`, 10 + h * 2)];
    rows.push([h + 1, '花园村', head, head, '户主', idOf(ids[0] ?? '', h, 0), '农村低保', 800, '2023-01']);
    rows.push([null, '花园村', head, `孙${h}妹`, '妻', idOf(ids[1] ?? '', h, 1), null, null, null]);
  }
  return rows;
}

async function xlsx(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const count = (table: string): number =>
  (t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('15-digit and 18-digit numbers of the same person', () => {
  it('a household the ledger holds with 18-digit numbers, listed again with the heads’ 15-digit numbers: no one new', async () => {
    const first = await xlsx(households(4));
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '台账.xlsx', data: first });
    expect([count('people'), count('households'), count('cases')]).toEqual([8, 4, 4]);

    const again = await xlsx(households(4, (id, _h, m) => (m === 0 ? old15(id) : id)));
    const p = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName: '台账.xlsx', data: again });
    expect(p).toMatchObject({ errorCount: 0, newPeople: 0, newHouseholds: 0, newCases: 0, unchangedCases: 4 });
    const adopted = p.problems.filter((x) => x.message.includes('按同一人导入'));
    expect(adopted.map((x) => x.row)).toEqual([2, 4, 6, 8]);
    expect(adopted[0]?.message).toBe(
      `旧版15位身份证号码，台账中钱一登记的是其18位号码 ${fakeId('1950-02-10', 11)}：按同一人导入`,
    );
    await t.clerk.call('exchange.import', { kind: 'cases', fileName: '台账.xlsx', data: again });
    expect([count('people'), count('households'), count('cases')]).toEqual([8, 4, 4]);
  });

  it('a ledger holding the 15-digit number, a file with the 18-digit one: the same person', async () => {
    const first = await xlsx(households(2, (id, _h, m) => (m === 1 ? old15(id) : id)));
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '台账.xlsx', data: first });
    const p = await t.clerk.call('exchange.previewImport', {
      kind: 'cases',
      fileName: '台账.xlsx',
      data: await xlsx(households(2)),
    });
    expect(p).toMatchObject({ errorCount: 0, newPeople: 0, newHouseholds: 0, newCases: 0, unchangedCases: 2 });
  });

  it('one file listing a person with the 18-digit number in one household and the 15-digit in another: an error', async () => {
    const rows = households(2);
    const spouse = rows[2]?.[5] as string;
    rows.push([3, '花园村', '周五', '周五', '户主', fakeId('1949-09-09', 91), '农村低保', 500, '2023-01']);
    rows.push([null, '花园村', '周五', '孙0妹', '妻', old15(spouse), null, null, null]);
    const p = await t.clerk.call('exchange.previewImport', {
      kind: 'cases',
      fileName: '台账.xlsx',
      data: await xlsx(rows),
    });
    expect(p.problems.filter((x) => x.severity === 'error' && x.row === 7).map((x) => x.message)).toEqual([
      '身份证号码与「台账」第 3 行重复（同一人只能出现在一户中）',
    ]);
  });

  it('the elderly register links a person the case ledger knows by the 18-digit number, listed with the 15-digit one', async () => {
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '台账.xlsx', data: await xlsx(households(1)) });
    const head = fakeId('1950-02-10', 11);
    const data = await xlsx([
      ['姓名', '身份证号码', '村(社区)', '类别'],
      ['钱一', old15(head), '花园村', '独居'],
    ]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'elderly', fileName: '名册.xlsx', data });
    expect(p.errorCount).toBe(0);
    await t.clerk.call('exchange.import', { kind: 'elderly', fileName: '名册.xlsx', data });
    const linked = t.core.ledger.raw
      .prepare(`SELECT p.id_number AS n FROM elderly_people e JOIN people p ON p.id = e.person_id`)
      .all();
    expect(linked).toEqual([{ n: head }]);
  });
});
