// 数据比对's 待核查 work items, made in the worker as one JSON array and stored by one INSERT … SELECT FROM json_each:
// each hit's row number (an integer), person, name, effect, cases and the list's other columns must be stored exactly
// as the hit says — texts with quotes, backslashes, line breaks and characters beyond the BMP included — one item per
// hit in the list's order, each with its own UUIDv7 id.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { approvedCase, household, idFor, member, putStandards, setup, type Ctx } from '../cases/fixtures';

let c: Ctx | undefined;
afterEach(async () => {
  await c?.t.close().catch(() => undefined);
  c = undefined;
});

describe('数据比对: work items', () => {
  it("stores every hit as the comparison found it, in the list's order", async () => {
    c = await setup('2025-03-03');
    const { t } = c;
    await putStandards(c);
    const page = await household(
      c,
      [member('周建国', '1960-02-01', 'M', '户主'), member('吴桂英', '1962-03-01', 'F', '配偶')],
      0,
    );
    const k = await approvedCase(
      c,
      { householdId: page.household.id, category: 'dibao', appliedOn: '2025-03-03' },
      '2025-03-20',
    );
    c.clock.set('2025-04-02');
    const reveal = async (personId: string) =>
      (await t.admin.call('people.revealId', { id: personId, reason: '测试比对' })).idNumber!;
    const [head, wife] = [await reveal(page.members[0]!.personId), await reveal(page.members[1]!.personId)];
    const odd = '他说："到此一游" \\ 路径\n第二行 😀𠀀';
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号码', '备注', '金额']);
    ws.addRow(['外县人', idFor('1980-01-01', 'M', '110105'), '无关', 1]);
    ws.addRow(['吴桂英', wife, odd, 12.5]);
    ws.addRow(['周建国', head, '', 3]);
    ws.addRow(['周建国', head, '同一人第二次', 4]);
    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await t.clerk.call('compare.run', { list: 'deaths', fileName: '名单.xlsx', data });
    expect(r.hits.map((h) => h.row)).toEqual([3, 4, 5]);

    const stored = t.core.ledger.raw
      .prepare(
        `SELECT id, row, typeof(row) AS row_type, person_id, name, effect, cases, columns, status, version
         FROM compare_hits WHERE batch_id = ? ORDER BY rowid`,
      )
      .all(r.batchId) as Record<string, unknown>[];
    const cases = JSON.stringify([{ id: k.id, category: 'dibao', status: 'active' }]);
    expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        row: 3,
        row_type: 'integer',
        person_id: page.members[1]!.personId,
        name: '吴桂英',
        effect: 'active_recipient',
        cases,
        columns: JSON.stringify({ 姓名: '吴桂英', 备注: odd, 金额: '12.5' }),
        status: 'open',
        version: 1,
      },
      ...[4, 5].map((row) => ({
        row,
        row_type: 'integer',
        person_id: page.members[0]!.personId,
        name: '周建国',
        effect: 'active_recipient',
        cases,
        columns: JSON.stringify(
          row === 4 ? { 姓名: '周建国', 金额: '3' } : { 姓名: '周建国', 备注: '同一人第二次', 金额: '4' },
        ),
        status: 'open',
        version: 1,
      })),
    ]);
    const ids = stored.map((s) => s.id as string);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // What the clerk reads back.
    const view = await t.clerk.call('compare.hits', { batchId: r.batchId });
    expect(view.rows.find((h) => h.row === 3)!.columns).toEqual({ 姓名: '吴桂英', 备注: odd, 金额: '12.5' });
  });
});
