// Months typed as text the way clerks type them (issue 13: "2023.5", "2023年5月", "20230501" …) reach the ledger as
// the month they name; a short number (“23.5”, which reads as an Excel day count in January 1900) is refused on its
// row, never stored as 1900-01. Households are generated here (invented people).
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

/** One single-person 低保 household per start-month value, each in its own row. */
async function ledger(months: unknown[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['序号', '村(社区)', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份']);
  months.forEach((m, i) =>
    ws.addRow([i + 1, '花园村', `甲${i + 1}`, '户主', fakeId('1958-07-01', i * 2 + 1), '农村低保', 500, m]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const startMonths = (): string[] =>
  (
    t.core.ledger.raw
      .prepare(
        `SELECT c.start_month AS m FROM cases c JOIN households h ON h.id = c.household_id
           JOIN people p ON p.id = h.head_person_id ORDER BY p.name`,
      )
      .all() as { m: string }[]
  ).map((r) => r.m);

describe('start months typed as text', () => {
  it('2023.5, 2023年5月, 20230501, 2023.05.01, 2023/05, 2023年5月1日 and 202305 are all May 2023', async () => {
    const forms = ['2023.5', '2023年5月', '20230501', '2023.05.01', '2023/05', '2023年5月1日', '202305'];
    const data = await ledger(forms);
    const p = await t.admin.call('exchange.previewImport', { kind: 'cases', fileName: '台账.xlsx', data });
    expect(p.errorCount).toBe(0);
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '台账.xlsx', data });
    expect(startMonths()).toEqual(forms.map(() => '2023-05'));
  });

  it('a short number (text “23.5” or the number 23.5) is refused on its row, not stored as 1900-01', async () => {
    const data = await ledger(['2023-05', '23.5', 23.5]);
    const p = await t.admin.call('exchange.previewImport', { kind: 'cases', fileName: '台账.xlsx', data });
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.message])).toEqual([
      [
        3,
        '享受起始月份「23.5」读出来是 1900-01，早于 1950 年，不像是台账中的日期。请写成完整的年月，如 2023-05、2023年5月',
      ],
      [
        4,
        '享受起始月份「23.5」读出来是 1900-01，早于 1950 年，不像是台账中的日期。请写成完整的年月，如 2023-05、2023年5月',
      ],
    ]);
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '台账.xlsx', data, partial: true });
    expect(startMonths()).toEqual(['2023-05']);
  });
});
