// An import that changes a month whose report was made final (月度结账) is refused unless a correction reason is
// given; with one, the month is flagged as amended and the journal holds the reason (issue 13).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
  // 2023-12 was made final (as reports.finalize leaves it).
  t.core.ledger.raw
    .prepare(
      `INSERT INTO report_periods (month, status, final_revision, finalized_at, finalized_by, reopened_at, reopened_by,
         reopen_reason, amended, created_at, updated_at, version)
       VALUES ('2023-12', 'final', 1, '2024-01-10T02:00:00Z', '李审核', NULL, NULL, NULL, 0, '2024-01-10T02:00:00Z',
         '2024-01-10T02:00:00Z', 1)`,
    )
    .run();
});
afterEach(async () => {
  await t.close();
});

async function workbook(start: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['序号', '村(社区)', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份']);
  ws.addRow([1, '花园村', '甲一', '户主', fakeId('1960-05-05', 41), '农村低保', 500, start]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const people = (): number => (t.core.ledger.raw.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;

describe('imports and finalised months', () => {
  it('a case paid in a finalised month is refused without a reason, and imported with one (journalled)', async () => {
    const input = { kind: 'cases' as const, fileName: '补录.xlsx', data: await workbook('2023-06') };
    const refused = await t.clerk.try('exchange.import', input);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('CONFLICT');
      expect(refused.error.message).toBe(
        '导入会改变已定稿上报的月份（2023-12），未导入任何数据。如确需导入，请填写更正原因，更正将在下一版报表中列出',
      );
    }
    expect(people()).toBe(0);

    const r = await t.clerk.call('exchange.import', { ...input, correctionReason: '漏报：2023年6月已审批，台账补录' });
    expect(people()).toBe(1);
    const amended = () => t.core.ledger.raw.prepare(`SELECT amended FROM report_periods WHERE month = '2023-12'`).get();
    // A clerk's import is a batch: the month is flagged when the reviewer confirms it (then its case counts).
    expect(amended()).toEqual({ amended: 0 });
    await t.reviewer.call('exchange.confirmBatch', { id: r.batch?.id ?? '', version: 1 });
    expect(amended()).toEqual({ amended: 1 });
    const confirm = t.core.ledger.raw.prepare(`SELECT reason FROM journal WHERE action = 'import.confirm'`).get();
    expect(confirm).toEqual({
      reason: '确认导入批次 1《补录.xlsx》（涉及已定稿月份 2023-12：漏报：2023年6月已审批，台账补录）',
    });
    const run = t.core.ledger.raw.prepare(`SELECT reason FROM journal WHERE action = 'import.run'`).get();
    expect(run).toEqual({ reason: '导入《补录.xlsx》（涉及已定稿月份 2023-12：漏报：2023年6月已审批，台账补录）' });
  });

  it('a batch touching a month made final after the import needs a correction reason to be confirmed', async () => {
    const r = await t.clerk.call('exchange.import', {
      kind: 'cases',
      fileName: '新增.xlsx',
      data: await workbook('2024-01'),
    });
    t.core.ledger.raw.prepare(`UPDATE report_periods SET month = '2024-02' WHERE month = '2023-12'`).run();
    const refused = await t.reviewer.try('exchange.confirmBatch', { id: r.batch?.id ?? '', version: 1 });
    expect(refused.ok ? '' : refused.error.message).toBe(
      '导入批次 1 会改变已定稿上报的月份（2024-02），未确认。如确需导入，请填写更正原因，更正将在下一版报表中列出',
    );
    await t.reviewer.call('exchange.confirmBatch', {
      id: r.batch?.id ?? '',
      version: 1,
      correctionReason: '2024年1月已审批，补录',
    });
    expect(t.core.ledger.raw.prepare(`SELECT amended FROM report_periods WHERE month = '2024-02'`).get()).toEqual({
      amended: 1,
    });
  });

  it('a case starting after the finalised month imports without a reason', async () => {
    await t.clerk.call('exchange.import', { kind: 'cases', fileName: '新增.xlsx', data: await workbook('2024-02') });
    expect(people()).toBe(1);
  });

  it('the first load of an empty ledger by an administrator is journalled as 初始导入 (a clerk’s import above is not)', async () => {
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '初始.xlsx', data: await workbook('2024-02') });
    const runs = () =>
      t.core.ledger.raw.prepare(`SELECT reason FROM journal WHERE action = 'import.run' ORDER BY seq`).all();
    expect(runs()).toEqual([{ reason: '初始导入《初始.xlsx》' }]);
  });
});
